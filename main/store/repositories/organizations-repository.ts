import type { Organization } from '../../../shared/domain';
import { toFlag, type StoreContext } from '../store-context';

type OrganizationRow = { uuid: string; title: string; is_enabled: number };

const SELECT_ORGANIZATION = 'SELECT uuid, title, is_enabled FROM organizations';

/** Dark Web ID organizations, cached by uuid. */
export class OrganizationsRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Inserts or updates `organizations` in one transaction. Organizations
   * missing from the list are kept, because deleting one would also delete
   * its association.
   */
  upsertMany(organizations: readonly Organization[]): void {
    this.context.transaction(() => {
      const upsert = this.context.statement(
        `INSERT INTO organizations (uuid, title, is_enabled, fetched_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (uuid) DO UPDATE SET title = excluded.title,
           is_enabled = excluded.is_enabled, fetched_at = excluded.fetched_at`,
      );
      const now = this.context.nowIso();
      for (const organization of organizations) {
        upsert.run(
          organization.uuid,
          organization.title,
          toFlag(organization.isEnabled),
          now,
        );
      }
    });
  }

  /** Returns every organization, ordered by title. */
  list(): Organization[] {
    return this.context
      .statement<OrganizationRow>(
        `${SELECT_ORGANIZATION} ORDER BY title COLLATE NOCASE, uuid`,
      )
      .all()
      .map(toOrganization);
  }

  getByUuid(uuid: string): Organization | null {
    const row = this.context
      .statement<OrganizationRow>(`${SELECT_ORGANIZATION} WHERE uuid = ?`)
      .get(uuid);
    return row === undefined ? null : toOrganization(row);
  }

  /**
   * Returns the organization whose title equals `title` exactly (case and
   * spaces included). NOTE: titles are not unique in Dark Web ID, so when
   * several match, the one with the smallest uuid is returned.
   */
  getByTitle(title: string): Organization | null {
    const row = this.context
      .statement<OrganizationRow>(
        `${SELECT_ORGANIZATION} WHERE title = ? ORDER BY uuid LIMIT 1`,
      )
      .get(title);
    return row === undefined ? null : toOrganization(row);
  }
}

function toOrganization(row: OrganizationRow): Organization {
  return { uuid: row.uuid, title: row.title, isEnabled: row.is_enabled === 1 };
}
