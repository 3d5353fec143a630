/**
 * The engine lease: at most one row (id 1) naming the engine process that
 * may deliver tickets from this data folder, and until when. The host and
 * process id identify the holder for people, and let an engine on the same
 * host see that the holder process has exited. Times are ISO 8601 strings
 * in UTC like in every other table, so they compare as text.
 */
export const migration0040 = {
  version: 40,
  name: 'engine-lease',
  sql: `
CREATE TABLE engine_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder_id TEXT NOT NULL,
  holder_host TEXT NOT NULL,
  holder_pid INTEGER NOT NULL,
  acquired_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
`,
} as const;
