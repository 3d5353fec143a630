import { readBody, sendJson, type Exchange } from '../http-server';
import type { DwidOrganization } from './dwid-types';

/** Path prefix of the v2 organization endpoint; the uuid follows it. */
const ORGANIZATION_V2_PREFIX = '/services/v2/organization/';

/** Maximum length of an organization name, in UTF-16 code units. */
const MAX_ORGANIZATION_NAME_LENGTH = 255;

/** Returns the uuid of a v2 organization path, or undefined for others. */
export function matchOrganizationV2Path(path: string): string | undefined {
  if (!path.startsWith(ORGANIZATION_V2_PREFIX)) return undefined;
  const uuid = decodeURIComponent(path.slice(ORGANIZATION_V2_PREFIX.length));
  return uuid === '' || uuid.includes('/') ? undefined : uuid;
}

/**
 * Handles `PATCH /services/v2/organization/{uuid}` with a JSON body
 * `{ "name": string }`, and renames the organization in later listings.
 * NOTE: the body shape is the connector's guess at the real endpoint,
 * which public material does not document.
 */
export async function handleRenameOrganization(
  organizations: DwidOrganization[],
  exchange: Exchange,
  uuid: string,
): Promise<void> {
  const parsed = parseRenameBody(await readJson(exchange));
  if (!parsed.ok) {
    exchange.entry.bodyValid = false;
    sendJson(exchange, 400, { error: parsed.error });
    return;
  }
  const index = organizations.findIndex(item => item.uuid === uuid);
  const organization = organizations[index];
  if (organization === undefined) {
    sendJson(exchange, 404, { error: `Organization ${uuid} not found` });
    return;
  }
  exchange.entry.bodyValid = true;
  const renamed: DwidOrganization = { ...organization, title: parsed.name };
  organizations[index] = renamed;
  sendJson(exchange, 200, renamed);
}

async function readJson(exchange: Exchange): Promise<unknown> {
  const text = (await readBody(exchange.req)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type RenameBody =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly error: string };

function parseRenameBody(body: unknown): RenameBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'Body must be a JSON object with a "name"' };
  }
  const name = (body as Record<string, unknown>).name;
  if (typeof name !== 'string' || name.trim() === '') {
    return { ok: false, error: '"name" must be a non-blank string' };
  }
  if (name.length > MAX_ORGANIZATION_NAME_LENGTH) {
    return {
      ok: false,
      error: `"name" must be at most ${MAX_ORGANIZATION_NAME_LENGTH} characters`,
    };
  }
  return { ok: true, name };
}
