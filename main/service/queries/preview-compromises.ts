import type { CompromiseChoice } from '../../../shared/contract/models';
import type { Store } from '../../store/open-store';

type ChoiceRow = {
  uuid: string;
  organization_name: string;
  record_type: string;
  search_value: string | null;
  date_found: string | null;
};

/**
 * Returns up to `limit` stored compromises, newest first by the time Dark
 * Web ID added them. A search keeps those whose organization name or search
 * value contains it, ignoring case for ASCII letters only (SQLite LIKE).
 */
export function listPreviewCompromises(
  store: Store,
  search: string | undefined,
  limit: number,
): CompromiseChoice[] {
  const text = search?.trim() ?? '';
  const pattern = text === '' ? null : `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  return store.db
    .prepare<[{ pattern: string | null; limit: number }], ChoiceRow>(
      `SELECT c.uuid, COALESCE(o.title, c.organization_uuid) AS organization_name,
         c.record_type,
         json_extract(c.data_json, '$.searchValue') AS search_value,
         json_extract(c.data_json, '$.dateFound') AS date_found
       FROM compromises c
       LEFT JOIN organizations o ON o.uuid = c.organization_uuid
       WHERE @pattern IS NULL
         OR o.title LIKE @pattern ESCAPE '\\'
         OR json_extract(c.data_json, '$.searchValue') LIKE @pattern ESCAPE '\\'
       ORDER BY c.date_added DESC, c.uuid DESC
       LIMIT @limit`,
    )
    .all({ pattern, limit })
    .map(row => ({
      uuid: row.uuid,
      organizationName: row.organization_name,
      recordType: row.record_type,
      searchValue: row.search_value ?? '',
      dateFound: row.date_found ?? '',
    }));
}
