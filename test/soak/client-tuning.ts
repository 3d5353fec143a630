/**
 * Client settings of every soak sync: a request ends after 1.5 s, so a hung
 * or slow emulator response cannot stall a round, and retries wait at most
 * 200 ms.
 */
export const SOAK_CLIENT_TUNING = {
  timeoutMs: 1_500,
  retryBaseMs: 5,
  retryMaxMs: 200,
} as const;
