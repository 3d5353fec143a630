import type {
  DeliveryFilter,
  DeliveryView,
} from '../../../shared/contract/models';
import type { Store } from '../../store/open-store';

type DeliveryViewRow = {
  integration_id: number;
  integration_name: string;
  compromise_uuid: string;
  organization_name: string;
  search_value: string | null;
  record_type: string;
  account_name: string | null;
  ticket_number: string | null;
  state: DeliveryView['state'];
  reason: string | null;
  updated_at: string;
};

type FilterSql = {
  /** Joins the WHERE clause needs, besides `deliveries d`. */
  readonly joins: string;
  readonly where: string;
  readonly params: Record<string, unknown>;
};

// The search value lives only inside the compromise's JSON record.
const SEARCH_VALUE_SQL = `json_extract(c.data_json, '$.searchValue')`;

// The covering index contains the search value, so the search never reads the
// compromise records themselves (migration 0030).
const SEARCH_JOINS = `
  JOIN compromises c INDEXED BY compromises_for_search
    ON c.uuid = d.compromise_uuid
  LEFT JOIN organizations o ON o.uuid = c.organization_uuid`;

/**
 * Details of the ledger rows whose ids are in the `page` CTE, newest first.
 * They are read only for the rows shown, because the search value needs the
 * compromise's JSON record, which is slow to read for every row.
 */
const DETAILS_SQL = `
  SELECT d.integration_id, i.name AS integration_name, d.compromise_uuid,
    COALESCE(o.title, c.organization_uuid) AS organization_name,
    ${SEARCH_VALUE_SQL} AS search_value, c.record_type,
    a.name AS account_name, d.ticket_number, d.state, d.reason, d.updated_at
  FROM page
  JOIN deliveries d ON d.id = page.id
  JOIN integrations i ON i.id = d.integration_id
  JOIN compromises c ON c.uuid = d.compromise_uuid
  LEFT JOIN organizations o ON o.uuid = c.organization_uuid
  LEFT JOIN bms_accounts a
    ON a.integration_id = d.integration_id AND a.account_id = d.account_id
  ORDER BY d.updated_at DESC, d.id DESC`;

/**
 * Builds the WHERE clause of a filter. The search is a case-insensitive
 * substring match over organization name, search value, ticket number and
 * compromise uuid. NOTE: SQLite's LIKE folds case for ASCII letters only,
 * so `é` does not match `É`.
 */
function filterSql(filter: DeliveryFilter): FilterSql {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.integrationId !== undefined) {
    conditions.push('d.integration_id = @integrationId');
    params.integrationId = filter.integrationId;
  }
  if (filter.state !== undefined) {
    conditions.push('d.state = @state');
    params.state = filter.state;
  }
  const search = filter.search?.trim() ?? '';
  if (search === '') {
    return { joins: '', where: whereOf(conditions), params };
  }
  params.pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
  conditions.push(
    `(o.title LIKE @pattern ESCAPE '\\'
      OR ${SEARCH_VALUE_SQL} LIKE @pattern ESCAPE '\\'
      OR d.ticket_number LIKE @pattern ESCAPE '\\'
      OR d.compromise_uuid LIKE @pattern ESCAPE '\\')`,
  );
  return { joins: SEARCH_JOINS, where: whereOf(conditions), params };
}

function whereOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/** Returns the number of ledger rows that match `filter`. */
export function countDeliveries(store: Store, filter: DeliveryFilter): number {
  const { joins, where, params } = filterSql(filter);
  const row = store.db
    .prepare<[Record<string, unknown>], { total: number }>(
      `SELECT COUNT(*) AS total FROM deliveries d ${joins} ${where}`,
    )
    .get(params);
  return row?.total ?? 0;
}

/**
 * Returns the matching ledger rows, newest first by `updated_at` and then
 * by id, skipping `offset` rows. A `limit` of null returns all of them.
 */
export function listDeliveryViews(
  store: Store,
  filter: DeliveryFilter,
  offset: number,
  limit: number | null,
): DeliveryView[] {
  const { joins, where, params } = filterSql(filter);
  const sql = `
    WITH page AS (
      SELECT d.id FROM deliveries d ${joins} ${where}
      ORDER BY d.updated_at DESC, d.id DESC
      LIMIT @limit OFFSET @offset)
    ${DETAILS_SQL}`;
  return store.db
    .prepare<[Record<string, unknown>], DeliveryViewRow>(sql)
    .all({ ...params, limit: limit ?? -1, offset })
    .map(toDeliveryView);
}

function toDeliveryView(row: DeliveryViewRow): DeliveryView {
  return {
    integrationId: row.integration_id,
    integrationName: row.integration_name,
    compromiseUuid: row.compromise_uuid,
    organizationName: row.organization_name,
    searchValue: row.search_value ?? '',
    recordType: row.record_type,
    accountName: row.account_name,
    ticketNumber: row.ticket_number,
    state: row.state,
    reason: row.reason,
    updatedAt: row.updated_at,
  };
}
