import type { Compromise } from '../../../shared/domain';

/** Organization name of the sample compromise that test tickets use. */
export const SAMPLE_ORGANIZATION_NAME = 'Example Organization (test ticket)';

/**
 * Default uuid of the sample compromise: all zeros apart from the version and
 * variant digits, so it is easy to recognise in BMS.
 */
export const SAMPLE_COMPROMISE_UUID = '00000000-0000-4000-8000-000000000000';

/** Milliseconds in one day. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Builds the made-up compromise that `Save And Submit A Test Compromise`
 * sends: an example.com e-mail address found in the Adobe breach, with a
 * password and one personal-information hit. It was added at `now` and found
 * a day earlier. Pass a fresh `uuid` (e.g. `crypto.randomUUID()`) for each
 * test ticket, so that each one gets its own ticket marker.
 */
export function sampleCompromise(
  now: Date,
  uuid: string = SAMPLE_COMPROMISE_UUID,
): Compromise {
  return {
    uuid,
    organizationUuid: '00000000-0000-4000-8000-000000000001',
    recordType: 'Email',
    searchValue: 'ada.example@example.com',
    password: 'Example-Passw0rd',
    passwordCriteria: "Doesn't Match",
    source: 'Adobe',
    origin: 'adobe.com',
    compromise: 'Data breach',
    dateAdded: now.toISOString(),
    dateFound: new Date(now.getTime() - DAY_MS).toISOString(),
    pii: [
      {
        firstName: 'Ada',
        lastName: 'Example',
        address: '1 Example Way',
        city: 'Exampletown',
        zip: '00000',
      },
    ],
  };
}
