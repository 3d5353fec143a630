import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTicket } from '../../../main/engine/tickets/build-ticket';
import { hasMarker } from '../../../main/engine/tickets/marker';
import {
  SAMPLE_COMPROMISE_UUID,
  SAMPLE_ORGANIZATION_NAME,
  sampleCompromise,
} from '../../../main/engine/tickets/sample-compromise';
import { tokenValues } from '../../../main/engine/tickets/token-values';
import { defaultFieldMappings } from '../../../main/engine/tickets/validate-mappings';

const NOW = new Date('2024-03-05T14:07:00Z');

describe('sampleCompromise', () => {
  it('uses the fixed uuid by default', () => {
    expect(sampleCompromise(NOW).uuid).toBe(
      '00000000-0000-4000-8000-000000000000',
    );
    expect(SAMPLE_COMPROMISE_UUID).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('takes a fresh uuid', () => {
    const uuid = randomUUID();
    expect(sampleCompromise(NOW, uuid).uuid).toBe(uuid);
  });

  it('fills every token', () => {
    const values = tokenValues(sampleCompromise(NOW), SAMPLE_ORGANIZATION_NAME);
    expect(values).toEqual({
      uuid: '00000000-0000-4000-8000-000000000000',
      password: 'Example-Passw0rd',
      obscured_password: 'Exam************',
      record_type: 'Email',
      source: 'Adobe',
      origin: 'adobe.com',
      organization_name: 'Example Organization (test ticket)',
      compromise: 'Data breach',
      password_criteria: "Doesn't Match",
      search_value: 'ada.example@example.com',
      date_added: '2024-03-05 14:07 UTC',
      date_found: '2024-03-04 14:07 UTC',
      pii: 'Name: Ada Example; Address: 1 Example Way, Exampletown 00000',
    });
  });

  it('builds a test ticket from the defaults', () => {
    const uuid = randomUUID();
    const result = buildTicket({
      compromise: sampleCompromise(NOW, uuid),
      organizationName: SAMPLE_ORGANIZATION_NAME,
      mappings: {
        ...defaultFieldMappings(),
        'Catchall Account': '900',
        'Catchall Location': '901',
        'Ticket Type': '2',
        Status: '1',
        Priority: '3',
        Assignee: '11',
      },
      company: null,
      openDate: NOW,
    });
    if (!result.ok) {
      throw new Error(JSON.stringify(result.problems));
    }
    expect(result.isCatchall).toBe(true);
    expect(result.ticket.Details).toBe(
      [
        'Dark Web ID found a compromised credential for Example Organization (test ticket).',
        '',
        'Record type: Email',
        'Found: ada.example@example.com',
        'Source: Adobe',
        'Origin: adobe.com',
        'Compromise: Data breach',
        'Date found: 2024-03-04 14:07 UTC',
        'Date added: 2024-03-05 14:07 UTC',
        "Password criteria: Doesn't Match",
        'Password (obscured): Exam************',
        'Personal information: Name: Ada Example; Address: 1 Example Way, Exampletown 00000',
        '',
        `dwid-compromise:${uuid}`,
      ].join('\n'),
    );
    expect(hasMarker(result.ticket.Details, uuid)).toBe(true);
    expect(result.ticket.Details).not.toContain('Example-Passw0rd');
  });
});
