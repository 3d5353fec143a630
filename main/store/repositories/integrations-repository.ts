import { ConnectorError } from '../../errors';
import { isUniqueViolation, toFlag, type StoreContext } from '../store-context';

/** A BMS integration as stored, without its password. */
export type Integration = {
  readonly id: number;
  readonly name: string;
  readonly bmsUrl: string;
  readonly apiBaseUrl: string;
  readonly username: string;
  readonly tenant: string;
  readonly hasPassword: boolean;
  readonly skipWithoutPassword: boolean;
  readonly includeIpCompromises: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type IntegrationInput = {
  readonly name: string;
  readonly bmsUrl: string;
  readonly apiBaseUrl: string;
  readonly username: string;
  readonly tenant: string;
  /** Undefined keeps the stored password, and null removes it. */
  readonly password?: string | null;
  readonly skipWithoutPassword: boolean;
  readonly includeIpCompromises: boolean;
};

type IntegrationRow = {
  id: number;
  name: string;
  bms_url: string;
  api_base_url: string;
  username: string;
  tenant: string;
  has_password: number;
  skip_without_password: number;
  include_ip_compromises: number;
  created_at: string;
  updated_at: string;
};

const SELECT_INTEGRATION = `
  SELECT id, name, bms_url, api_base_url, username, tenant,
    password_secret IS NOT NULL AS has_password,
    skip_without_password, include_ip_compromises, created_at, updated_at
  FROM integrations`;

/**
 * Folds an integration name for comparison: Unicode compatibility form
 * (NFKC), invisible characters such as zero-width spaces removed, runs of
 * white space as one space, and lower case. "Main BMS", "main  bms",
 * "Main\u00a0BMS" and "Main\u200b BMS" all fold to "main bms".
 */
export function foldIntegrationName(name: string): string {
  // Normalised again after the removal, because an invisible character
  // between a letter and a combining mark blocks their composition.
  return name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

/**
 * BMS integrations. Deleting one removes, through ON DELETE CASCADE, its
 * health, errors, cached BMS data, associations, selectors, company links,
 * field mappings, deliveries and pending changes.
 */
export class IntegrationsRepository {
  constructor(private readonly context: StoreContext) {}

  /** Inserts an integration. A duplicate name throws `conflict`. */
  create(input: IntegrationInput): Integration {
    validateInput(input);
    const now = this.context.nowIso();
    const result = this.guardName(input.name, () =>
      this.context
        .statement(
          `INSERT INTO integrations (name, bms_url, api_base_url, username,
             password_secret, tenant, skip_without_password,
             include_ip_compromises, created_at, updated_at)
           VALUES (@name, @bmsUrl, @apiBaseUrl, @username, @secret, @tenant,
             @skipWithoutPassword, @includeIpCompromises, @now, @now)`,
        )
        .run({ ...this.toParams(input), now }),
    );
    return this.require(Number(result.lastInsertRowid));
  }

  /** Replaces the fields of integration `id`. Throws `not-found` if absent. */
  update(id: number, input: IntegrationInput): Integration {
    validateInput(input);
    const result = this.guardName(input.name, () =>
      this.context
        .statement(
          `UPDATE integrations SET name = @name, bms_url = @bmsUrl,
             api_base_url = @apiBaseUrl, username = @username,
             password_secret = CASE WHEN @keepPassword = 1
               THEN password_secret ELSE @secret END,
             tenant = @tenant, skip_without_password = @skipWithoutPassword,
             include_ip_compromises = @includeIpCompromises, updated_at = @now
           WHERE id = @id`,
        )
        .run({ ...this.toParams(input), id, now: this.context.nowIso() }),
    );
    if (result.changes === 0) throw notFound(id);
    return this.require(id);
  }

  /** Updates the integration named `input.name`, or creates it. */
  upsertByName(input: IntegrationInput): { id: number; created: boolean } {
    return this.context.transaction(() => {
      const existing = this.getByName(input.name);
      if (existing === null) {
        return { id: this.create(input).id, created: true };
      }
      this.update(existing.id, input);
      return { id: existing.id, created: false };
    });
  }

  getById(id: number): Integration | null {
    const row = this.context
      .statement<IntegrationRow>(`${SELECT_INTEGRATION} WHERE id = ?`)
      .get(id);
    return row === undefined ? null : toIntegration(row);
  }

  getByName(name: string): Integration | null {
    const row = this.context
      .statement<IntegrationRow>(`${SELECT_INTEGRATION} WHERE name = ?`)
      .get(name);
    return row === undefined ? null : toIntegration(row);
  }

  /**
   * Returns an integration other than `exceptId` whose name folds to the
   * same text as `name` (see `foldIntegrationName`), so that names a
   * technician cannot tell apart cannot both exist. There are few
   * integrations, so this reads them all.
   */
  findNameClash(name: string, exceptId?: number): Integration | null {
    const folded = foldIntegrationName(name);
    const clash = this.list().find(
      integration =>
        integration.id !== exceptId &&
        foldIntegrationName(integration.name) === folded,
    );
    return clash ?? null;
  }

  /** Returns every integration, ordered by name. */
  list(): Integration[] {
    return this.context
      .statement<IntegrationRow>(`${SELECT_INTEGRATION} ORDER BY name, id`)
      .all()
      .map(toIntegration);
  }

  /** Deletes integration `id` and everything that belongs to it. */
  delete(id: number): boolean {
    const result = this.context
      .statement('DELETE FROM integrations WHERE id = ?')
      .run(id);
    return result.changes > 0;
  }

  /** Decrypts the BMS password. Throws `not-found` for an unknown id. */
  getPassword(id: number): string | null {
    const row = this.context
      .statement<{ password_secret: Buffer | null }>(
        'SELECT password_secret FROM integrations WHERE id = ?',
      )
      .get(id);
    if (row === undefined) throw notFound(id);
    return this.context.openSecret(row.password_secret);
  }

  private require(id: number): Integration {
    const integration = this.getById(id);
    if (integration === null) throw notFound(id);
    return integration;
  }

  private toParams(input: IntegrationInput): Record<string, unknown> {
    return {
      name: input.name,
      bmsUrl: input.bmsUrl,
      apiBaseUrl: input.apiBaseUrl,
      username: input.username,
      tenant: input.tenant,
      secret: this.context.sealSecret(input.password ?? null),
      keepPassword: toFlag(input.password === undefined),
      skipWithoutPassword: toFlag(input.skipWithoutPassword),
      includeIpCompromises: toFlag(input.includeIpCompromises),
    };
  }

  private guardName<T>(name: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConnectorError(
        'conflict',
        `An integration named "${name}" already exists; choose another name ` +
          'or edit that integration.',
        { cause: error },
      );
    }
  }
}

function validateInput(input: IntegrationInput): void {
  const required = ['name', 'bmsUrl', 'apiBaseUrl', 'username'] as const;
  for (const field of required) {
    if (input[field].trim() === '') {
      throw new ConnectorError(
        'validation',
        `The integration field "${field}" must not be empty; fill it in.`,
      );
    }
  }
}

function notFound(id: number): ConnectorError {
  return new ConnectorError(
    'not-found',
    `No integration with id ${id} exists; reload the list of integrations.`,
  );
}

function toIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    name: row.name,
    bmsUrl: row.bms_url,
    apiBaseUrl: row.api_base_url,
    username: row.username,
    tenant: row.tenant,
    hasPassword: row.has_password === 1,
    skipWithoutPassword: row.skip_without_password === 1,
    includeIpCompromises: row.include_ip_compromises === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
