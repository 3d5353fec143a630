import type { Stack } from './fixtures';

/** A ticket as the BMS emulator stored it. */
export type StoredTicket = {
  readonly id: number;
  readonly ticketNumber: string;
  readonly accountName: string;
  readonly body: {
    readonly AccountId: number;
    readonly Title: string;
    readonly Details: string;
    readonly QueueId?: number;
  };
};

export type StoredAccount = {
  readonly id: number;
  readonly name: string;
  readonly isActive: boolean;
};

/** Tickets and accounts that the BMS emulator stores now. */
export type BmsState = {
  readonly tickets: readonly StoredTicket[];
  readonly accounts: readonly StoredAccount[];
};

export async function readBmsState(stack: Stack): Promise<BmsState> {
  return stack.control<BmsState>('/bms/state');
}

/** Returns the account with `id`, or throws so the test names it. */
export function accountById(state: BmsState, id: number): StoredAccount {
  const account = state.accounts.find(item => item.id === id);
  if (account === undefined) {
    throw new Error(`BMS has no account ${id}.`);
  }
  return account;
}
