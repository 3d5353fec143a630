import type { TicketPreview } from '../../shared/contract/models';
import { buildCompanyIndex } from '../engine/company-match';
import type { Store } from '../store/open-store';

export type PreviewCompany = TicketPreview['company'];

/**
 * Resolves the BMS account that would receive the ticket, as a sync does:
 * an explicit company link, else an account with exactly the organization's
 * name, else the `Catchall Account` mapping. Without an integration, or for
 * the sample compromise, the ticket goes to the catch-all, as test tickets
 * do. Reads only the cache, so it works offline.
 */
export function resolvePreviewCompany(
  store: Store,
  integrationId: number | undefined,
  organizationName: string | null,
  mappings: Readonly<Record<string, string>>,
): PreviewCompany {
  const accounts =
    integrationId === undefined
      ? []
      : store.bmsCache.listAccounts(integrationId);
  if (integrationId !== undefined && organizationName !== null) {
    const links = store.companyLinks.list(integrationId);
    const account = buildCompanyIndex(accounts, links).resolve(
      organizationName,
    );
    if (account !== undefined) {
      const isLinked = links.some(
        link =>
          link.organizationTitle === organizationName &&
          link.accountName === account.name,
      );
      return {
        accountId: account.id,
        accountName: account.name,
        via: isLinked ? 'link' : 'match',
      };
    }
  }
  // Only a plain number is an account id here, because a token is resolved
  // per ticket.
  const content = (mappings['Catchall Account'] ?? '').trim();
  const accountId = /^\d+$/.test(content) ? Number(content) : null;
  const cached = accounts.find(account => account.id === accountId);
  return {
    accountId: Number.isSafeInteger(accountId) ? accountId : null,
    accountName: cached?.name ?? null,
    via: 'catch-all',
  };
}
