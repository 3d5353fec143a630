/**
 * Covering index for routing. `markUnassociated` and the unrouted-compromises
 * query read only these columns, and the index lets SQLite answer both
 * without reading the table rows, whose large `data_json` fills overflow
 * pages. It starts with `organization_uuid`, so it replaces
 * `compromises_by_organization`.
 */
export const migration0020 = {
  version: 20,
  name: 'compromise-routing-index',
  sql: `
CREATE INDEX compromises_for_routing ON compromises(organization_uuid,
  skip_reason, date_added, uuid, record_type, has_password);
DROP INDEX compromises_by_organization;
`,
} as const;
