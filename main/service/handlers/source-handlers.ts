import type { SourceView } from '../../../shared/contract/models';
import { recordSelectorConflicts } from '../../engine/sync/refresh-source';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../log/logger';
import type { Store } from '../../store/open-store';
import type { ConnectorService } from '../connector-service';
import type { HandlerMap, ParsedInput } from './handler-types';

type Calls = 'source:get' | 'source:save' | 'source:refresh';

/** The Dark Web ID connection. */
export const SOURCE_HANDLERS: HandlerMap<Calls> = {
  'source:get': service => readSourceView(service.store),
  'source:save': (service, input) => saveSource(service, input),
  'source:refresh': service => refreshOrganizations(service),
};

/** Returns the connection without its password, with organization totals. */
export function readSourceView(store: Store): SourceView {
  const source = store.source.get();
  const totals = store.db
    .prepare<[], { count: number; fetchedAt: string | null }>(
      'SELECT COUNT(*) AS count, MAX(fetched_at) AS fetchedAt FROM organizations',
    )
    .get();
  return {
    url: source?.url ?? null,
    username: source?.username ?? null,
    hasPassword: source?.hasPassword ?? false,
    organizationCount: totals?.count ?? 0,
    organizationsFetchedAt: totals?.fetchedAt ?? null,
  };
}

/**
 * Checks every field, then stores the connection. An absent or empty
 * password keeps the stored one, and is a problem when none is stored.
 */
function saveSource(
  service: ConnectorService,
  input: ParsedInput<'source:save'>,
): SourceView {
  const { store } = service;
  const url = input.url.trim();
  const username = input.username.trim();
  const password = input.password === '' ? undefined : input.password;
  const problems: string[] = [];
  const urlProblem = httpUrlProblem(url);
  if (urlProblem !== undefined) problems.push(`Dark Web ID URL: ${urlProblem}`);
  if (username === '') problems.push('Username: must not be empty');
  if (password === undefined && store.source.get()?.hasPassword !== true) {
    // Not `Password: …`, because the dispatcher's redaction masks the word
    // after `password:` in every message it returns.
    problems.push('Password is required, because none is stored yet');
  }
  if (problems.length > 0) {
    throw new ConnectorError(
      'validation',
      `The Dark Web ID connection was not saved: ${problems.join('; ')}.`,
    );
  }

  registerSecret(password);
  store.source.save({ url, username, password });
  service.emit({ type: 'data-changed', scope: 'source' });
  return readSourceView(store);
}

/** Returns why `url` is not an absolute http(s) URL, or undefined. */
function httpUrlProblem(url: string): string | undefined {
  if (url === '') return 'must not be empty';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; enter one such as https://secure.darkwebid.com`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `"${url}" must start with https://`;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // The message must not echo credentials typed into the URL.
    return 'must not contain a user name or password';
  }
  return undefined;
}

/**
 * Pulls the organizations from Dark Web ID now and applies the
 * configuration's organization selectors, as a sync does. Compromises are
 * left to the next sync.
 */
async function refreshOrganizations(
  service: ConnectorService,
): Promise<SourceView> {
  const client = service.createDwidClient();
  if (client === null) {
    throw new ConnectorError(
      'validation',
      'The Dark Web ID connection is not set up; save its URL, username ' +
        'and password first.',
    );
  }
  const organizations = await client.listOrganizations();
  const { store } = service;
  store.transaction(() => {
    store.organizations.upsertMany(organizations);
    recordSelectorConflicts(store, store.associations.applySelectors());
  });
  service.emit({ type: 'data-changed', scope: 'organizations' });
  return readSourceView(store);
}
