/**
 * First schema. Times are ISO 8601 strings in UTC. Secrets are stored only as
 * ciphertext (BLOB columns ending in `_secret`).
 */
export const migration0010 = {
  version: 10,
  name: 'initial',
  sql: `
CREATE TABLE source_account (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  username TEXT NOT NULL,
  password_secret BLOB,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE integrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  bms_url TEXT NOT NULL,
  api_base_url TEXT NOT NULL,
  username TEXT NOT NULL,
  password_secret BLOB,
  tenant TEXT NOT NULL,
  skip_without_password INTEGER NOT NULL DEFAULT 0,
  include_ip_compromises INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE integration_health (
  integration_id INTEGER PRIMARY KEY
    REFERENCES integrations(id) ON DELETE CASCADE,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  is_healthy INTEGER NOT NULL DEFAULT 1,
  last_success_at TEXT,
  last_failure_at TEXT,
  last_sync_at TEXT
) STRICT;

-- integration_id is NULL for errors of the Dark Web ID source, which every
-- integration shows among its own.
CREATE TABLE integration_errors (
  id INTEGER PRIMARY KEY,
  integration_id INTEGER REFERENCES integrations(id) ON DELETE CASCADE,
  occurred_at TEXT NOT NULL,
  operation TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  compromise_uuid TEXT
) STRICT;
CREATE INDEX integration_errors_by_integration
  ON integration_errors(integration_id, id);

CREATE TABLE bms_accounts (
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  main_location_id INTEGER,
  PRIMARY KEY (integration_id, account_id)
) STRICT;

CREATE TABLE bms_lookups (
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'priority', 'queue')),
  item_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (integration_id, kind, item_id)
) STRICT;

-- When each cached copy was last fetched: kind is 'accounts' or 'lookups'.
CREATE TABLE bms_cache_state (
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('accounts', 'lookups')),
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (integration_id, kind)
) STRICT;

CREATE TABLE organizations (
  uuid TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  is_enabled INTEGER NOT NULL DEFAULT 1,
  fetched_at TEXT NOT NULL
) STRICT;

-- The primary key on the organization keeps it to one BMS integration.
CREATE TABLE org_integration (
  organization_uuid TEXT PRIMARY KEY
    REFERENCES organizations(uuid) ON DELETE CASCADE,
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  associated_at TEXT NOT NULL
) STRICT;
CREATE INDEX org_integration_by_integration ON org_integration(integration_id);

-- Organizations named in declarative configuration ('*' means all). They are
-- turned into org_integration rows whenever organizations are refreshed.
CREATE TABLE org_selectors (
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  selector TEXT NOT NULL,
  PRIMARY KEY (integration_id, selector)
) STRICT;

-- An explicit pairing of an organization name with a BMS account name, for
-- names that cannot be made equal.
CREATE TABLE company_links (
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  organization_title TEXT NOT NULL,
  account_name TEXT NOT NULL,
  made_by TEXT NOT NULL CHECK (made_by IN ('config', 'manual', 'suggestion')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (integration_id, organization_title)
) STRICT;

CREATE TABLE field_mappings (
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (integration_id, field)
) STRICT;

-- Local copy of Dark Web ID compromises. data_json holds the normalised
-- record without its password; the password is only in password_secret.
-- skip_reason is 'no-association' while no integration takes the record.
CREATE TABLE compromises (
  uuid TEXT PRIMARY KEY,
  organization_uuid TEXT NOT NULL,
  record_type TEXT NOT NULL,
  has_password INTEGER NOT NULL,
  password_secret BLOB,
  data_json TEXT NOT NULL,
  date_added TEXT NOT NULL,
  skip_reason TEXT,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX compromises_by_organization ON compromises(organization_uuid);

-- The ledger: one row per integration and compromise, so a compromise can
-- make at most one ticket per integration. 'sending' means a POST may have
-- reached BMS; such rows are reconciled before any new POST.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  integration_id INTEGER NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  compromise_uuid TEXT NOT NULL REFERENCES compromises(uuid),
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'skipped')),
  reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  account_id INTEGER,
  location_id INTEGER,
  is_catchall INTEGER,
  ticket_id INTEGER,
  ticket_number TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (integration_id, compromise_uuid)
) STRICT;
CREATE INDEX deliveries_by_state ON deliveries(integration_id, state);

-- Renames meant for a remote system, applied when it can be reached.
CREATE TABLE pending_changes (
  id INTEGER PRIMARY KEY,
  integration_id INTEGER REFERENCES integrations(id) ON DELETE CASCADE,
  target TEXT NOT NULL CHECK (target IN ('bms-account', 'dwid-organization')),
  target_id TEXT NOT NULL,
  new_name TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
} as const;
