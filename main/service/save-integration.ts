import type { IntegrationInput } from '../../shared/contract/models';
import { deriveApiBaseUrl } from '../clients/bms/api-base-url';
import { catchallAccountProblem } from '../engine/catchall-check';
import { validateFieldMappings } from '../engine/tickets/validate-mappings';
import type { FieldProblem } from '../../shared/errors';
import { ConnectorError, toErrorData } from '../errors';
import { registerSecret } from '../log/logger';
import type { Store } from '../store/open-store';
import {
  foldIntegrationName,
  type Integration,
} from '../store/repositories/integrations-repository';
import { integrationNotFound } from './queries/integration-views';

/** Maximum integration name length, in characters, as in configuration files. */
export const MAX_INTEGRATION_NAME_LENGTH = 100;

type CheckedIntegration = {
  readonly existing: Integration | null;
  readonly apiBaseUrl: string;
  /** Undefined keeps the stored password. */
  readonly password: string | undefined;
  readonly mappings: Record<string, string>;
};

/**
 * Checks every field of `input` and reports all problems in one `validation`
 * error, whose message names each field. Only then does it create (no `id`)
 * or update the integration and replace its field mappings, in one
 * transaction. A new name used by another integration, compared with
 * `foldIntegrationName`, is a `conflict`. Makes no network calls, so it
 * works offline. Returns the id.
 */
export function saveIntegration(store: Store, input: IntegrationInput): number {
  const checked = checkIntegration(store, input);
  const name = input.name.trim();
  // An unchanged name is not checked, so two integrations whose names
  // clashed before this check existed can still be edited.
  const other =
    checked.existing?.name === name
      ? null
      : store.integrations.findNameClash(name, input.id);
  if (other !== null) {
    const spelling =
      other.name === name
        ? ''
        : ', which differs only in letter case, spacing or character forms';
    throw new ConnectorError(
      'conflict',
      `An integration named "${other.name}" already exists${spelling}; ` +
        'choose another name or edit that integration.',
    );
  }

  registerSecret(checked.password);
  const fields = {
    name,
    bmsUrl: input.bmsUrl.trim(),
    apiBaseUrl: checked.apiBaseUrl,
    username: input.username.trim(),
    tenant: input.company.trim(),
    password: checked.password,
    skipWithoutPassword: input.conditions.skipWithoutPassword,
    includeIpCompromises: input.conditions.includeIpCompromises,
  };
  return store.transaction(() => {
    const id =
      checked.existing === null
        ? store.integrations.create(fields).id
        : store.integrations.update(checked.existing.id, fields).id;
    store.fieldMappings.replace(id, checked.mappings);
    return id;
  });
}

function checkIntegration(
  store: Store,
  input: IntegrationInput,
): CheckedIntegration {
  const existing =
    input.id === undefined ? null : store.integrations.getById(input.id);
  if (input.id !== undefined && existing === null) {
    throw integrationNotFound(input.id);
  }

  const problems: Problem[] = [];
  problems.push(...nameProblems(input.name));
  const apiBaseUrl = checkBmsUrl(input.bmsUrl, problems);
  if (input.username.trim() === '') {
    problems.push({ field: 'Username', message: 'must not be empty' });
  }
  if (input.company.trim() === '') {
    problems.push({ field: 'Company', message: 'must not be empty' });
  }

  // An empty password field means "unchanged", as an absent one does.
  const password = input.password === '' ? undefined : input.password;
  if (password === undefined && existing?.hasPassword !== true) {
    // A sentence, not `Password: …`, because the dispatcher's redaction
    // masks the word after `password:` in every message it returns.
    problems.push({
      isSentence: true,
      field: 'Password',
      message:
        existing === null
          ? 'Password is required for a new integration'
          : 'Password is required, because none is stored for this integration',
    });
  }
  const mappings = checkMappings(store, existing, input, problems);

  if (problems.length > 0) {
    throw new ConnectorError(
      'validation',
      `The integration was not saved, because of ${problems.length} ` +
        `problem(s): ${problems.map(formatProblem).join('; ')}`,
      { problems: problems.map(({ field, message }) => ({ field, message })) },
    );
  }
  return { existing, apiBaseUrl, password, mappings };
}

/**
 * A problem as the checks collect it. `isSentence` marks a message that
 * names its field itself.
 */
type Problem = FieldProblem & { readonly isSentence?: true };

/**
 * Writes a problem as `Field: message`, or a sentence problem as its
 * message alone.
 */
function formatProblem(problem: Problem): string {
  return problem.isSentence === true
    ? problem.message
    : `${problem.field}: ${problem.message}`;
}

function nameProblems(name: string): FieldProblem[] {
  const trimmed = name.trim();
  if (trimmed === '') return [{ field: 'Name', message: 'must not be empty' }];
  if (foldIntegrationName(trimmed) === '') {
    return [
      { field: 'Name', message: 'must not be only invisible characters' },
    ];
  }
  if (trimmed.length > MAX_INTEGRATION_NAME_LENGTH) {
    return [
      {
        field: 'Name',
        message:
          `must be at most ${MAX_INTEGRATION_NAME_LENGTH} characters, ` +
          `but has ${trimmed.length}`,
      },
    ];
  }
  return [];
}

function checkBmsUrl(bmsUrl: string, problems: Problem[]): string {
  try {
    return deriveApiBaseUrl(bmsUrl);
  } catch (error) {
    const { message } = toErrorData(error);
    problems.push({
      field: 'Kaseya BMS URL',
      message: message.replace(/^Invalid Kaseya BMS URL /, 'invalid value '),
    });
    return '';
  }
}

/**
 * Turns the mapping list into a record and checks it against the catalogue
 * and, for a stored integration, against its cached BMS lookups and accounts.
 */
function checkMappings(
  store: Store,
  existing: Integration | null,
  input: IntegrationInput,
  problems: Problem[],
): Record<string, string> {
  const mappings: Record<string, string> = {};
  for (const { field, content } of input.fieldMappings) {
    if (Object.hasOwn(mappings, field)) {
      problems.push({
        field,
        message: 'mapped more than once; keep one mapping',
      });
    }
    mappings[field] = content;
  }
  // An empty cached lookup list skips that membership check.
  const lookups =
    existing === null ? undefined : store.bmsCache.listLookups(existing.id);
  problems.push(...validateFieldMappings(mappings, { lookups }));
  const catchall =
    existing === null
      ? undefined
      : catchallAccountProblem(store, existing.id, mappings);
  if (catchall !== undefined) {
    problems.push({
      field: 'Catchall Account',
      message: catchall.replace(/^Catchall Account: /, ''),
    });
  }
  return mappings;
}
