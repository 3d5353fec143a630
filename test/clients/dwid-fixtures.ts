/** Retry settings that keep failing Dark Web ID tests fast. */
export const FAST_RETRIES = {
  retryBaseMs: 1,
  retryMaxMs: 5,
  maxTransientRetries: 1,
};

/** Builds a compromise as the Dark Web ID API sends it, with `extra` fields. */
export function wireCompromise(
  uuid: string,
  extra: Record<string, unknown> = {},
) {
  return {
    uuid,
    organization: 'org-1',
    search_value: `${uuid}@example.com`,
    search_record: 'feed-1',
    record_type: 'Email',
    password: 'hunter2',
    password_status_name: 'Plaintext',
    hash_type: null,
    password_criteria: true,
    source: 'Example dump',
    origin: 'shop.example.com',
    compromise: 'Breach',
    record_status: 'Unresolved',
    detected: 1717200000,
    date_added: '2024-06-01 08:15:30',
    occurred: null,
    pii_hit: null,
    ...extra,
  };
}
