import { DEMO_TICKET_IDS } from '../../../main/emulators/seed';

/**
 * Facts of the demo seed that the stack starts (test/e2e/support/stack.ts),
 * from main/emulators/demo-data/bms-records.ts and names.ts.
 */
export const SEED = {
  ids: DEMO_TICKET_IDS,
  /** Organization index 0: the BMS account has the same name. */
  matched: { organization: 'Northwind Traders', accountId: 2001 },
  /** Organization index 1: the BMS account name is in lower case. */
  lowerCase: {
    organization: 'Contoso Ltd',
    accountName: 'contoso ltd',
    accountId: 2002,
  },
  catchallAccountName: 'Unassigned Dark Web ID',
} as const;
