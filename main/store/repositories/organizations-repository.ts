import type { Organization } from '../../../shared/domain';
import { ConnectorError } from '../../errors';
import { toFlag, type StoreContext } from '../store-context';

type OrganizationRow = { uuid: string; title: string; is_enabled: number };

type ViewRow = OrganizationRow & {
  integration_id: number | null;
  integration_name: string | null;
  pending_name: string | null;
};

/** An organization with its one integration and its queued rename. */
export type OrganizationWithIntegration = Organization & {
  readonly integrationId: number | null;
  readonly integrationName: string | null;
  readonly pendingName: string | null;
};

const SELECT_ORGANIZATION = 'SELECT uuid, title, is_enabled FROM organizations';

/** Dark Web ID organizations, cached by uuid. */
export class OrganizationsRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Inserts or updates `organizations` in one transaction. Organizations
   * missing from the list are kept, because deleting one would also delete
   * its association. An organization with a queued rename keeps the queued
   * title, so a pull before the rename reaches Dark Web ID does not undo it.
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
      this.context
        .statement(
          `UPDATE organizations SET title = p.new_name
           FROM pending_changes p
           WHERE p.target = 'dwid-organization'
             AND p.target_id = organizations.uuid`,
        )
        .run();
    });
  }

  /**
   * Changes the stored title of one organization, the local half of a
   * rename. Throws `not-found` when no organization has `uuid`.
   */
  rename(uuid: string, title: string): void {
    const result = this.context
      .statement('UPDATE organizations SET title = ? WHERE uuid = ?')
      .run(title, uuid);
    if (result.changes === 0) {
      throw new ConnectorError(
        'not-found',
        `Dark Web ID organization ${uuid} is not stored; refresh the ` +
          'organizations and pick one from the list.',
      );
    }
  }

  /**
   * Lists every organization with its integration and the title queued for
   * it in `pending_changes` (null when none), ordered by title, in one query.
   */
  listViews(): OrganizationWithIntegration[] {
    return this.context
      .statement<ViewRow>(
        `SELECT o.uuid, o.title, o.is_enabled, oi.integration_id,
           i.name AS integration_name, p.new_name AS pending_name
         FROM organizations o
         LEFT JOIN org_integration oi ON oi.organization_uuid = o.uuid
         LEFT JOIN integrations i ON i.id = oi.integration_id
         LEFT JOIN pending_changes p ON p.target = 'dwid-organization'
           AND p.target_id = o.uuid
         ORDER BY o.title COLLATE NOCASE, o.uuid`,
      )
      .all()
      .map(row => ({
        ...toOrganization(row),
        integrationId: row.integration_id,
        integrationName: row.integration_name,
        pendingName: row.pending_name,
      }));
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
