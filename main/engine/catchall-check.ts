import type { Store } from '../store/open-store';

/**
 * Checks the `Catchall Account` mapping against the cached BMS accounts.
 * Returns a message naming the field and the fix, or undefined when the id
 * is a cached account, is not a plain number (a token is checked when the
 * ticket is built) or no account list is cached yet.
 */
export function catchallAccountProblem(
  store: Store,
  integrationId: number,
  mappings: Readonly<Record<string, string>>,
): string | undefined {
  const content = (mappings['Catchall Account'] ?? '').trim();
  if (!/^\d+$/.test(content)) return undefined;
  if (store.bmsCache.fetchedAt(integrationId, 'accounts') === null) {
    return undefined;
  }
  const accounts = store.bmsCache.listAccounts(integrationId);
  const id = Number(content);
  if (accounts.some(account => account.id === id)) return undefined;
  return (
    `Catchall Account: ${id} is not among the ${accounts.length} active ` +
    'Kaseya BMS accounts; enter the id of an existing account, or tickets ' +
    'for unmatched organizations are rejected'
  );
}
