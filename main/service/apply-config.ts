import { z } from 'zod';

import { deriveApiBaseUrl } from '../clients/bms/api-base-url';
import { ConnectorError, toErrorData } from '../errors';
import { registerSecret } from '../log/logger';
import { catchallAccountProblem } from '../engine/catchall-check';
import type { Store } from '../store/open-store';
import { foldIntegrationName } from '../store/repositories/integrations-repository';
import { defaultFieldMappings } from '../engine/tickets/validate-mappings';
import { validateFieldMappings } from '../engine/tickets/validate-mappings';
import {
  configOutlineSchema,
  integrationSchema,
  sourceSchema,
  type ConnectorConfig,
  type IntegrationConfig,
  type SourceConfig,
} from './config-schema';

/** One problem found in a configuration, with where it is. */
export type ConfigProblem = { readonly path: string; readonly message: string };

/** Raised when a configuration has problems; nothing was written. */
export class ConfigValidationError extends ConnectorError {
  /** Each problem with its path in the file (not a window field). */
  readonly configProblems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      'validation',
      `The configuration has ${problems.length} problem(s); nothing was changed:\n` +
        problems.map(p => `  ${p.path}: ${p.message}`).join('\n'),
    );
    this.configProblems = problems;
  }
}

/** Password sources: never the configuration file itself. */
export type PasswordSources = {
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Passwords read from standard input, one per entry that names no
   * `passwordEnv`: the source first, then integrations in file order.
   */
  readonly stdinPasswords?: readonly string[];
};

export type ApplyResult = {
  readonly source: 'saved' | 'absent';
  readonly integrations: readonly { name: string; created: boolean }[];
};

type Prepared = {
  readonly config: ConnectorConfig;
  readonly sourcePassword?: string;
  readonly integrations: readonly {
    readonly config: IntegrationConfig;
    readonly apiBaseUrl: string;
    readonly password?: string;
    readonly mappings: Record<string, string>;
  }[];
};

/**
 * Validates a whole configuration, reporting every problem at once, and only
 * then writes it in one transaction: integrations are created or updated by
 * name.
 */
export function applyConfig(
  store: Store,
  input: unknown,
  passwords: PasswordSources,
): ApplyResult {
  const prepared = prepareConfig(store, input, passwords);
  return store.transaction(() => writeConfig(store, prepared));
}

/**
 * Result of checking one object of the configuration. `data` is set when the
 * whole object is valid. `fields` contains every field that is valid on its
 * own, so the later checks still run and report their problems in one pass.
 */
type CheckedObject<T> = {
  readonly data?: T;
  readonly fields: Partial<T>;
  /** Keys whose values are missing or invalid. */
  readonly invalid: ReadonlySet<string>;
};

function checkObject<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  input: unknown,
  path: readonly PropertyKey[],
  problems: ConfigProblem[],
): CheckedObject<z.output<z.ZodObject<Shape>>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    return { data: parsed.data, fields: parsed.data, invalid: new Set() };
  }
  problems.push(...zodProblems(parsed.error, path));
  const fields: Record<string, unknown> = {};
  const invalid = new Set<string>();
  const isObject =
    typeof input === 'object' && input !== null && !Array.isArray(input);
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    // When the input is not an object, every field counts as invalid.
    const field = isObject
      ? z.safeParse(fieldSchema, (input as Record<string, unknown>)[key])
      : undefined;
    if (field?.success === true) fields[key] = field.data;
    else invalid.add(key);
  }
  return {
    fields: fields as Partial<z.output<z.ZodObject<Shape>>>,
    invalid,
  };
}

type IntegrationDraft = Omit<Prepared['integrations'][number], 'config'> & {
  readonly checked: CheckedObject<IntegrationConfig>;
};

function prepareConfig(
  store: Store,
  input: unknown,
  passwords: PasswordSources,
): Prepared {
  const problems: ConfigProblem[] = [];
  const outline = checkObject(configOutlineSchema, input, [], problems);
  const stdin = [...(passwords.stdinPasswords ?? [])];

  let source: CheckedObject<SourceConfig> | undefined;
  let sourcePassword: string | undefined;
  if (outline.fields.source !== undefined) {
    source = checkObject(
      sourceSchema,
      outline.fields.source,
      ['source'],
      problems,
    );
    // A passwordEnv that is not a variable name is reported above, and it
    // must not take a line of standard input meant for the next entry.
    if (!source.invalid.has('passwordEnv')) {
      sourcePassword = resolvePassword(
        'source',
        source.fields.passwordEnv,
        store.source.get()?.hasPassword ?? false,
        passwords.env,
        stdin,
        problems,
      );
    }
  }

  const drafts = (outline.fields.integrations ?? []).map((integration, index) =>
    prepareIntegration(
      store,
      integration,
      index,
      passwords.env,
      stdin,
      problems,
    ),
  );
  problems.push(
    ...crossIntegrationProblems(drafts.map(draft => draft.checked.fields)),
  );
  if (problems.length > 0) throw new ConfigValidationError(problems);

  const integrations = drafts.map(({ checked, ...draft }) => {
    if (checked.data === undefined) {
      throw new Error('An invalid integration passed the checks');
    }
    return { ...draft, config: checked.data };
  });
  return {
    config: {
      source: source?.data,
      integrations: integrations.map(i => i.config),
    },
    sourcePassword,
    integrations,
  };
}

function integrationPath(index: number, name: string | undefined): string {
  return name === undefined
    ? `integrations[${index}]`
    : `integrations[${index}] ("${name}")`;
}

function prepareIntegration(
  store: Store,
  input: unknown,
  index: number,
  env: PasswordSources['env'],
  stdin: string[],
  problems: ConfigProblem[],
): IntegrationDraft {
  const checked = checkObject(
    integrationSchema,
    input,
    ['integrations', index],
    problems,
  );
  const integration = checked.fields;
  const path = integrationPath(index, integration.name);
  const existing =
    integration.name === undefined
      ? null
      : store.integrations.getByName(integration.name);
  if (integration.name !== undefined && existing === null) {
    const clash = store.integrations.findNameClash(integration.name);
    if (clash !== null) {
      problems.push({
        path: `${path}.name`,
        message: `differs from the existing integration "${clash.name}" only in letter case, spacing or character forms; spell it the same way to update that integration, or choose another name`,
      });
    }
  }
  let apiBaseUrl = '';
  if (integration.bmsUrl !== undefined) {
    try {
      apiBaseUrl = deriveApiBaseUrl(integration.bmsUrl);
    } catch (error) {
      problems.push({
        path: `${path}.bmsUrl`,
        message: toErrorData(error).message,
      });
    }
  }
  const password = checked.invalid.has('passwordEnv')
    ? undefined
    : resolvePassword(
        path,
        integration.passwordEnv,
        existing?.hasPassword ?? false,
        env,
        stdin,
        problems,
      );
  const mappings = { ...defaultFieldMappings(), ...integration.fieldMappings };
  if (integration.fieldMappings !== undefined) {
    const lookups =
      existing === null ? undefined : lookupIds(store, existing.id);
    for (const problem of validateFieldMappings(mappings, { lookups })) {
      problems.push({
        path: `${path}.fieldMappings["${problem.field}"]`,
        message: problem.message,
      });
    }
    const catchall =
      existing === null
        ? undefined
        : catchallAccountProblem(store, existing.id, mappings);
    if (catchall !== undefined) {
      problems.push({
        path: `${path}.fieldMappings["Catchall Account"]`,
        message: catchall.replace(/^Catchall Account: /, ''),
      });
    }
  }
  return { checked, apiBaseUrl, password, mappings };
}

function lookupIds(store: Store, integrationId: number) {
  const lookups = store.bmsCache.listLookups(integrationId);
  return {
    status: lookups.status.map(item => item.id),
    priority: lookups.priority.map(item => item.id),
    queue: lookups.queue.map(item => item.id),
  };
}

function resolvePassword(
  path: string,
  passwordEnv: string | undefined,
  hasStoredPassword: boolean,
  env: PasswordSources['env'],
  stdin: string[],
  problems: ConfigProblem[],
): string | undefined {
  if (passwordEnv !== undefined) {
    const value = env[passwordEnv];
    if (value === undefined || value === '') {
      problems.push({
        path: `${path}.passwordEnv`,
        message: `environment variable ${passwordEnv} is not set; export it before running apply`,
      });
      return undefined;
    }
    registerSecret(value);
    return value;
  }
  const fromStdin = stdin.shift();
  if (fromStdin !== undefined && fromStdin !== '') {
    registerSecret(fromStdin);
    return fromStdin;
  }
  if (!hasStoredPassword) {
    problems.push({
      path: `${path}.passwordEnv`,
      message:
        'no password: name an environment variable in passwordEnv or pass the password on standard input with --password-stdin',
    });
  }
  return undefined;
}

function crossIntegrationProblems(
  integrations: readonly Partial<IntegrationConfig>[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Map<string, number>();
  const owners = new Map<string, string>();
  let wildcardOwner: string | undefined;
  integrations.forEach((integration, index) => {
    const { name, organizations } = integration;
    const path = integrationPath(index, name);
    const owner = name ?? `integrations[${index}]`;
    if (name !== undefined) {
      const folded = foldIntegrationName(name);
      const earlier = names.get(folded);
      if (earlier !== undefined) {
        problems.push({
          path: `${path}.name`,
          message: `duplicates integrations[${earlier}]; integration names must be unique, ignoring letter case, spacing and character forms`,
        });
      }
      names.set(folded, index);
    }
    if (organizations === undefined) return;
    if (organizations === '*') {
      if (wildcardOwner !== undefined) {
        problems.push({
          path: `${path}.organizations`,
          message: `"*" is already used by "${wildcardOwner}"; an organization can be associated with one integration only`,
        });
      }
      wildcardOwner = owner;
      return;
    }
    for (const title of organizations) {
      const earlierOwner = owners.get(title);
      if (earlierOwner !== undefined && earlierOwner !== owner) {
        problems.push({
          path: `${path}.organizations`,
          message: `"${title}" is already associated with "${earlierOwner}"; an organization can be associated with one integration only`,
        });
      }
      owners.set(title, owner);
    }
  });
  return problems;
}

function writeConfig(store: Store, prepared: Prepared): ApplyResult {
  const { config } = prepared;
  if (config.source !== undefined) {
    store.source.save({
      url: config.source.url,
      username: config.source.username,
      password: prepared.sourcePassword,
    });
  }
  const results = prepared.integrations.map(item => {
    const { config: integration } = item;
    const { id, created } = store.integrations.upsertByName({
      name: integration.name,
      bmsUrl: integration.bmsUrl,
      apiBaseUrl: item.apiBaseUrl,
      username: integration.username,
      tenant: integration.company,
      password: item.password,
      skipWithoutPassword: integration.conditions.skipWithoutPassword,
      includeIpCompromises: integration.conditions.includeIpCompromises,
    });
    store.fieldMappings.replace(id, item.mappings);
    const { organizations } = integration;
    if (organizations !== undefined) {
      // The file is the truth for this integration's organizations: drop
      // what it no longer names, then associate what it names now.
      store.associations.replaceSelectors(
        id,
        organizations === '*' ? ['*'] : organizations,
      );
      store.associations.pruneToSelectors(id);
    }
    store.companyLinks.replace(
      id,
      integration.companyLinks.map(link => ({
        organizationTitle: link.organization,
        accountName: link.account,
        madeBy: 'config' as const,
      })),
    );
    return { name: integration.name, created };
  });
  // After every integration's selectors are written, so an organization
  // moved from one integration to another in the same file moves at once.
  store.associations.applySelectors();
  return {
    source: config.source === undefined ? 'absent' : 'saved',
    integrations: results,
  };
}

function zodProblems(
  error: z.ZodError,
  prefix: readonly PropertyKey[],
): ConfigProblem[] {
  return error.issues.map(issue => {
    const path = [...prefix, ...issue.path];
    return {
      path: path.length === 0 ? '(file)' : formatPath(path),
      message: issue.message,
    };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number'
        ? `[${part}]`
        : index === 0
          ? String(part)
          : `.${String(part)}`,
    )
    .join('');
}
