import type { Harness } from './harness';

/** Writes a lease of another host that expires `offsetMs` from now. */
export function insertForeignLease(h: Harness, offsetMs: number): string {
  const expiresAt = new Date(Date.now() + offsetMs).toISOString();
  h.service.store.db
    .prepare(
      `INSERT INTO engine_lease (id, holder_id, holder_host, holder_pid,
         acquired_at, expires_at) VALUES (1, 'foreign-engine', 'other-host',
         4242, ?, ?)
       ON CONFLICT (id) DO UPDATE SET holder_id = excluded.holder_id,
         holder_host = excluded.holder_host, holder_pid = excluded.holder_pid,
         expires_at = excluded.expires_at`,
    )
    .run(new Date().toISOString(), expiresAt);
  return expiresAt;
}
