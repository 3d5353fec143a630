/**
 * The name a renamed account or organization had in its remote system when
 * its rename was queued, so the queue can show which one it is by name. A
 * later rename of the same target keeps it, because the remote system still
 * has that name until the queued one is sent. Null for renames queued before
 * this column existed.
 */
export const migration0050 = {
  version: 50,
  name: 'pending-change-previous-name',
  sql: `
ALTER TABLE pending_changes ADD COLUMN previous_name TEXT;
`,
} as const;
