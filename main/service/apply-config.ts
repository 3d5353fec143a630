import type { z } from 'zod';

import { deriveApiBaseUrl } from '../clients/bms/api-base-url';
import { ConnectorError, toErrorData } from '../errors';
import { registerSecret } from '../log/logger';
import type { Store } from '../store/open-store';
import { defaultFieldMappings } from '../engine/tickets/validate-mappings';
import { validateFieldMappings } from '../engine/tickets/validate-mappings';
import {
  connectorConfigSchema,
  type ConnectorConfig,
  type IntegrationConfig,
} from './config-schema';

/** One problem found in a configuration, with where it is. */
export type ConfigProblem = { readonly path: string; readonly message: string };

/** Raised when a configuration has problems; nothing was written. */
export class ConfigValidationError extends ConnectorError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      'validation',
      `The configuration has ${problems.length} problem(s); nothing was changed:\n` +
        problems.map(p => `  ${p.path}: ${p.message}`).join('\n'),
    );
    this.problems = problems;
  }
}

/** Where passwords come from: never from the configuration file itself. */
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

function prepareConfig(
  store: Store,
  input: unknown,
  passwords: PasswordSources,
): Prepared {
  const parsed = connectorConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigValidationError(zodProblems(parsed.error));
  }
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  const stdin = [...(passwords.stdinPasswords ?? [])];

  let sourcePassword: string | undefined;
  if (config.source !== undefined) {
    sourcePassword = resolvePassword(
      'source',
      config.source.passwordEnv,
      store.source.get()?.hasPassword ?? false,
      passwords.env,
      stdin,
      problems,
    );
  }

  const integrations = config.integrations.map((integration, index) =>
    prepareIntegration(
      store,
      integration,
      index,
      passwords.env,
      stdin,
      problems,
    ),
  );
  problems.push(...crossIntegrationProblems(config.integrations));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return { config, sourcePassword, integrations };
}

function prepareIntegration(
  store: Store,
  integration: IntegrationConfig,
  index: number,
  env: PasswordSources['env'],
  stdin: string[],
  problems: ConfigProblem[],
): Prepared['integrations'][number] {
  const path = `integrations[${index}] ("${integration.name}")`;
  const existing = store.integrations.getByName(integration.name);
  let apiBaseUrl = '';
  try {
    apiBaseUrl = deriveApiBaseUrl(integration.bmsUrl);
  } catch (error) {
    problems.push({
      path: `${path}.bmsUrl`,
      message: toErrorData(error).message,
    });
  }
  const password = resolvePassword(
    path,
    integration.passwordEnv,
    existing?.hasPassword ?? false,
    env,
    stdin,
    problems,
  );
  const mappings = { ...defaultFieldMappings(), ...integration.fieldMappings };
  const lookups = existing === null ? undefined : lookupIds(store, existing.id);
  for (const problem of validateFieldMappings(mappings, { lookups })) {
    problems.push({
      path: `${path}.fieldMappings["${problem.field}"]`,
      message: problem.message,
    });
  }
  return { config: integration, apiBaseUrl, password, mappings };
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
  integrations: readonly IntegrationConfig[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Map<string, number>();
  const owners = new Map<string, string>();
  let wildcardOwner: string | undefined;
  integrations.forEach((integration, index) => {
    const path = `integrations[${index}] ("${integration.name}")`;
    const earlier = names.get(integration.name);
    if (earlier !== undefined) {
      problems.push({
        path: `${path}.name`,
        message: `duplicates integrations[${earlier}]; integration names must be unique`,
      });
    }
    names.set(integration.name, index);
    if (integration.organizations === '*') {
      if (wildcardOwner !== undefined) {
        problems.push({
          path: `${path}.organizations`,
          message: `"*" is already used by "${wildcardOwner}"; an organization can be associated with one integration only`,
        });
      }
      wildcardOwner = integration.name;
      return;
    }
    for (const title of integration.organizations) {
      const owner = owners.get(title);
      if (owner !== undefined && owner !== integration.name) {
        problems.push({
          path: `${path}.organizations`,
          message: `"${title}" is already associated with "${owner}"; an organization can be associated with one integration only`,
        });
      }
      owners.set(title, integration.name);
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
    store.associations.replaceSelectors(
      id,
      integration.organizations === '*' ? ['*'] : integration.organizations,
    );
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
  return {
    source: config.source === undefined ? 'absent' : 'saved',
    integrations: results,
  };
}

function zodProblems(error: z.ZodError): ConfigProblem[] {
  return error.issues.map(issue => ({
    path: issue.path.length === 0 ? '(file)' : formatPath(issue.path),
    message: issue.message,
  }));
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
