import { randomBytes } from 'node:crypto';
import { readBody, type Exchange } from '../http-server';
import type { BmsUser } from './bms-types';
import {
  SECURITY_ERROR_CODE,
  sendFailure,
  sendResult,
  VALIDATION_ERROR_CODE,
} from './envelope';

/** Default access-token lifetime, in milliseconds (one hour). */
export const DEFAULT_TOKEN_TTL_MS = 60 * 60 * 1000;

/** Refresh-token lifetime, in milliseconds (seven days). */
const REFRESH_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Issued access tokens and their expiry times. */
export class TokenStore {
  readonly #expiresAtMs = new Map<string, number>();

  constructor(readonly ttlMs: number) {}

  issue(): { accessToken: string; expiresAtMs: number } {
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAtMs = Date.now() + this.ttlMs;
    this.#expiresAtMs.set(accessToken, expiresAtMs);
    return { accessToken, expiresAtMs };
  }

  isValid(token: string): boolean {
    const expiresAtMs = this.#expiresAtMs.get(token);
    return expiresAtMs !== undefined && Date.now() < expiresAtMs;
  }

  /** Invalidates every token issued so far. */
  expireAll(): void {
    this.#expiresAtMs.clear();
  }
}

/** Returns the bearer token of the request, or undefined. */
export function readBearerToken(exchange: Exchange): string | undefined {
  const header = exchange.req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * Parses an `application/x-www-form-urlencoded` or `multipart/form-data`
 * body into a map keyed by lower-cased field name, because BMS matches
 * form field names case-insensitively. Returns undefined for other types.
 */
export async function readFormFields(
  exchange: Exchange,
): Promise<Map<string, string> | undefined> {
  const contentType = exchange.req.headers['content-type'] ?? '';
  const isForm =
    /^application\/x-www-form-urlencoded\b/i.test(contentType) ||
    /^multipart\/form-data\b/i.test(contentType);
  if (!isForm) return undefined;
  const body = await readBody(exchange.req);
  // The fetch Request class parses both form encodings, boundary included.
  const form = await new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  }).formData();
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }
  return fields;
}

/** Handles `POST /v2/security/authenticate`. */
export async function handleAuthenticate(
  exchange: Exchange,
  users: readonly BmsUser[],
  tokens: TokenStore,
): Promise<void> {
  const fields = await readFormFields(exchange);
  if (fields === undefined) {
    sendFailure(exchange, 415, {
      code: VALIDATION_ERROR_CODE,
      message:
        'Unsupported content type; send multipart/form-data or application/x-www-form-urlencoded.',
    });
    return;
  }
  const problem = checkLoginFields(fields);
  if (problem !== undefined) {
    sendFailure(exchange, 400, {
      code: VALIDATION_ERROR_CODE,
      message: problem,
    });
    return;
  }
  if (!findUser(users, fields)) {
    // NOTE: the real status and code of a failed login are undocumented.
    sendFailure(exchange, 401, {
      code: SECURITY_ERROR_CODE,
      message: 'Invalid username, password or tenant',
    });
    return;
  }
  const { accessToken, expiresAtMs } = tokens.issue();
  sendResult(exchange, {
    accessToken,
    refreshToken: randomBytes(32).toString('base64url'),
    accessTokenExpireOn: new Date(expiresAtMs).toISOString(),
    refreshTokenExpireOn: new Date(
      Date.now() + REFRESH_TOKEN_TTL_MS,
    ).toISOString(),
  });
}

function checkLoginFields(fields: Map<string, string>): string | undefined {
  const grantType = fields.get('granttype');
  if (grantType === undefined || grantType === '') {
    return 'GrantType is required';
  }
  if (grantType.toLowerCase() !== 'password') {
    return `Unsupported GrantType "${grantType}"; expected "password".`;
  }
  if ((fields.get('tenant') ?? '').trim() === '') {
    return "Tenant can't be empty";
  }
  return undefined;
}

/** User names and tenants match case-insensitively, passwords exactly. */
function findUser(
  users: readonly BmsUser[],
  fields: Map<string, string>,
): boolean {
  const username = (fields.get('username') ?? '').toLowerCase();
  const tenant = (fields.get('tenant') ?? '').toLowerCase();
  const password = fields.get('password') ?? '';
  return users.some(
    user =>
      user.username.toLowerCase() === username &&
      user.tenant.toLowerCase() === tenant &&
      user.password === password,
  );
}
