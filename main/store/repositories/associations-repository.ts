import { ConnectorError } from '../../errors';
import type { StoreContext } from '../store-context';

/** Selector that takes every organization not associated elsewhere. */
export const ALL_ORGANIZATIONS_SELECTOR = '*';

/** A selector naming an organization that another integration already has. */
export type SelectorConflict = {
  readonly integrationId: number;
  readonly integrationName: string;
  readonly selector: string;
  readonly organizationUuid: string;
  readonly otherIntegrationId: number;
  readonly otherIntegrationName: string;
};

export type SelectorOutcome = {
  /** Associations created by this call. */
  readonly associated: number;
  readonly conflicts: SelectorConflict[];
};

type OwnerRow = { integration_id: number; name: string };
type SelectorRow = { integration_id: number; name: string; selector: string };

/**
 * Associations of organizations with BMS integrations, and the selectors
 * that create them from declarative configuration. An organization has at
 * most one integration, which the primary key of `org_integration` enforces.
 */
export class AssociationsRepository {
  constructor(private readonly context: StoreContext) {}

  /**
   * Associates the organization with the integration. Throws `conflict`
   * when another integration has it. Repeating it for the same integration
   * changes nothing.
   */
  associate(organizationUuid: string, integrationId: number): void {
    this.context.transaction(() => {
      const title = this.requireOrganizationTitle(organizationUuid);
      this.requireIntegration(integrationId);
      const owner = this.ownerOf(organizationUuid);
      if (owner?.integration_id === integrationId) return;
      if (owner !== undefined) {
        throw new ConnectorError(
          'conflict',
          `Organization "${title}" is already associated with integration ` +
            `"${owner.name}"; remove that association first.`,
        );
      }
      this.insert(organizationUuid, integrationId);
    });
  }

  /** Removes the organization's association. Returns false if it had none. */
  clear(organizationUuid: string): boolean {
    const result = this.context
      .statement('DELETE FROM org_integration WHERE organization_uuid = ?')
      .run(organizationUuid);
    return result.changes > 0;
  }

  integrationFor(organizationUuid: string): number | null {
    return this.ownerOf(organizationUuid)?.integration_id ?? null;
  }

  /** Returns the uuids of the integration's organizations, sorted. */
  listForIntegration(integrationId: number): string[] {
    return this.context
      .statement<string>(
        `SELECT organization_uuid FROM org_integration
         WHERE integration_id = ? ORDER BY organization_uuid`,
      )
      .pluck()
      .all(integrationId);
  }

  /** Returns the number of organizations of each integration that has any. */
  countByIntegration(): Map<number, number> {
    const rows = this.context
      .statement<{ integration_id: number; count: number }>(
        `SELECT integration_id, COUNT(*) AS count FROM org_integration
         GROUP BY integration_id`,
      )
      .all();
    return new Map(rows.map(row => [row.integration_id, row.count]));
  }

  /** Replaces the integration's selectors (titles or '*'), deduplicated. */
  replaceSelectors(integrationId: number, selectors: readonly string[]): void {
    if (selectors.some(selector => selector.trim() === '')) {
      throw new ConnectorError(
        'validation',
        `An organization selector of integration ${integrationId} is ` +
          `empty; use an organization title or '${ALL_ORGANIZATIONS_SELECTOR}'.`,
      );
    }
    this.context.transaction(() => {
      this.context
        .statement('DELETE FROM org_selectors WHERE integration_id = ?')
        .run(integrationId);
      const insert = this.context.statement(
        `INSERT OR IGNORE INTO org_selectors (integration_id, selector)
         VALUES (?, ?)`,
      );
      for (const selector of selectors) insert.run(integrationId, selector);
    });
  }

  /**
   * Removes the integration's associations that its selectors no longer
   * name, so that taking an organization out of a configuration stops its
   * tickets. With a '*' selector every association stays.
   */
  pruneToSelectors(integrationId: number): number {
    return this.context
      .statement(
        `DELETE FROM org_integration
         WHERE integration_id = ?
           AND NOT EXISTS (
             SELECT 1 FROM org_selectors s
             WHERE s.integration_id = org_integration.integration_id
               AND s.selector = ?)
           AND organization_uuid NOT IN (
             SELECT o.uuid FROM organizations o
             JOIN org_selectors s ON s.selector = o.title
             WHERE s.integration_id = org_integration.integration_id)`,
      )
      .run(integrationId, ALL_ORGANIZATIONS_SELECTOR).changes;
  }

  /** Returns the integration's selectors, sorted. */
  listSelectors(integrationId: number): string[] {
    return this.context
      .statement<string>(
        `SELECT selector FROM org_selectors WHERE integration_id = ?
         ORDER BY selector`,
      )
      .pluck()
      .all(integrationId);
  }

  /**
   * Turns every integration's selectors into associations, in one
   * transaction. Titles are applied before '*', so an explicit title wins
   * over another integration's '*'. Among equals the lower integration id
   * wins. Existing associations are never removed. A title whose
   * organization belongs to another integration is returned as a conflict,
   * while '*' silently passes over such organizations. Titles matching no
   * organization are ignored, because the organization may appear later.
   */
  applySelectors(): SelectorOutcome {
    return this.context.transaction(() => {
      const rows = this.context
        .statement<SelectorRow>(
          `SELECT s.integration_id, i.name, s.selector
           FROM org_selectors s JOIN integrations i ON i.id = s.integration_id
           ORDER BY s.integration_id, s.selector`,
        )
        .all();
      const conflicts: SelectorConflict[] = [];
      let associated = 0;
      for (const row of rows) {
        if (row.selector === ALL_ORGANIZATIONS_SELECTOR) continue;
        associated += this.applyTitle(row, conflicts);
      }
      for (const row of rows) {
        if (row.selector !== ALL_ORGANIZATIONS_SELECTOR) continue;
        associated += this.applyWildcard(row.integration_id);
      }
      return { associated, conflicts };
    });
  }

  private applyTitle(row: SelectorRow, conflicts: SelectorConflict[]): number {
    const uuids = this.context
      .statement<string>('SELECT uuid FROM organizations WHERE title = ?')
      .pluck()
      .all(row.selector);
    let associated = 0;
    for (const uuid of uuids) {
      const owner = this.ownerOf(uuid);
      if (owner === undefined) {
        this.insert(uuid, row.integration_id);
        associated += 1;
      } else if (owner.integration_id !== row.integration_id) {
        conflicts.push({
          integrationId: row.integration_id,
          integrationName: row.name,
          selector: row.selector,
          organizationUuid: uuid,
          otherIntegrationId: owner.integration_id,
          otherIntegrationName: owner.name,
        });
      }
    }
    return associated;
  }

  private applyWildcard(integrationId: number): number {
    // OR IGNORE skips organizations that already have an integration.
    return this.context
      .statement(
        `INSERT OR IGNORE INTO org_integration
           (organization_uuid, integration_id, associated_at)
         SELECT uuid, @integrationId, @now FROM organizations`,
      )
      .run({ integrationId, now: this.context.nowIso() }).changes;
  }

  private insert(organizationUuid: string, integrationId: number): void {
    this.context
      .statement(
        `INSERT INTO org_integration
           (organization_uuid, integration_id, associated_at)
         VALUES (?, ?, ?)`,
      )
      .run(organizationUuid, integrationId, this.context.nowIso());
  }

  private ownerOf(organizationUuid: string): OwnerRow | undefined {
    return this.context
      .statement<OwnerRow>(
        `SELECT oi.integration_id, i.name FROM org_integration oi
         JOIN integrations i ON i.id = oi.integration_id
         WHERE oi.organization_uuid = ?`,
      )
      .get(organizationUuid);
  }

  private requireOrganizationTitle(organizationUuid: string): string {
    const title = this.context
      .statement<string>('SELECT title FROM organizations WHERE uuid = ?')
      .pluck()
      .get(organizationUuid);
    if (title === undefined) {
      throw new ConnectorError(
        'not-found',
        `No organization with uuid ${organizationUuid} is stored; refresh ` +
          'the organizations from Dark Web ID.',
      );
    }
    return title;
  }

  private requireIntegration(integrationId: number): void {
    const found = this.context
      .statement('SELECT 1 FROM integrations WHERE id = ?')
      .get(integrationId);
    if (found === undefined) {
      throw new ConnectorError(
        'not-found',
        `No integration with id ${integrationId} exists; reload the list ` +
          'of integrations.',
      );
    }
  }
}
