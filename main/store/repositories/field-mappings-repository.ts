import type { StoreContext } from '../store-context';

/** Ticket field templates per integration: field name to template text. */
export class FieldMappingsRepository {
  constructor(private readonly context: StoreContext) {}

  /** Replaces all of the integration's mappings in one transaction. */
  replace(
    integrationId: number,
    mappings: Readonly<Record<string, string>>,
  ): void {
    this.context.transaction(() => {
      this.context
        .statement('DELETE FROM field_mappings WHERE integration_id = ?')
        .run(integrationId);
      const insert = this.context.statement(
        `INSERT INTO field_mappings (integration_id, field, content)
         VALUES (?, ?, ?)`,
      );
      for (const [field, content] of Object.entries(mappings)) {
        insert.run(integrationId, field, content);
      }
    });
  }

  /** Returns the integration's mappings, empty when none are stored. */
  get(integrationId: number): Record<string, string> {
    const rows = this.context
      .statement<{ field: string; content: string }>(
        `SELECT field, content FROM field_mappings WHERE integration_id = ?
         ORDER BY field`,
      )
      .all(integrationId);
    const mappings: Record<string, string> = {};
    for (const row of rows) mappings[row.field] = row.content;
    return mappings;
  }
}
