import { ConnectorError } from '../../errors';
import type { StoreContext } from '../store-context';

/** Origin of a link: configuration file, a person, or an accepted suggestion. */
export type CompanyLinkOrigin = 'config' | 'manual' | 'suggestion';

export type CompanyLinkInput = {
  readonly organizationTitle: string;
  readonly accountName: string;
  readonly madeBy: CompanyLinkOrigin;
};

export type CompanyLink = CompanyLinkInput & { readonly createdAt: string };

type LinkRow = {
  organization_title: string;
  account_name: string;
  made_by: CompanyLinkOrigin;
  created_at: string;
};

/** Explicit pairings of organization titles with BMS account names. */
export class CompanyLinksRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Replaces the integration's links in one transaction. A link whose title
   * and account are unchanged keeps its `createdAt`. A title listed twice
   * throws `validation`, because each title maps to one account.
   */
  replace(integrationId: number, links: readonly CompanyLinkInput[]): void {
    assertUniqueTitles(integrationId, links);
    this.context.transaction(() => {
      const previous = new Map(
        this.list(integrationId).map(link => [link.organizationTitle, link]),
      );
      this.context
        .statement('DELETE FROM company_links WHERE integration_id = ?')
        .run(integrationId);
      const now = this.context.nowIso();
      for (const link of links) {
        const old = previous.get(link.organizationTitle);
        const isUnchanged = old?.accountName === link.accountName;
        this.insert(integrationId, link, isUnchanged ? old.createdAt : now);
      }
    });
  }

  /** Returns the integration's links, ordered by organization title. */
  list(integrationId: number): CompanyLink[] {
    return this.context
      .statement<LinkRow>(
        `SELECT organization_title, account_name, made_by, created_at
         FROM company_links WHERE integration_id = ?
         ORDER BY organization_title`,
      )
      .all(integrationId)
      .map(row => ({
        organizationTitle: row.organization_title,
        accountName: row.account_name,
        madeBy: row.made_by,
        createdAt: row.created_at,
      }));
  }

  private insert(
    integrationId: number,
    link: CompanyLinkInput,
    createdAt: string,
  ): void {
    this.context
      .statement(
        `INSERT INTO company_links (integration_id, organization_title,
           account_name, made_by, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(
        integrationId,
        link.organizationTitle,
        link.accountName,
        link.madeBy,
        createdAt,
      );
  }
}

function assertUniqueTitles(
  integrationId: number,
  links: readonly CompanyLinkInput[],
): void {
  const seen = new Set<string>();
  for (const link of links) {
    if (seen.has(link.organizationTitle)) {
      throw new ConnectorError(
        'validation',
        `Organization "${link.organizationTitle}" is linked twice for ` +
          `integration ${integrationId}; keep one link per organization.`,
      );
    }
    seen.add(link.organizationTitle);
  }
}
