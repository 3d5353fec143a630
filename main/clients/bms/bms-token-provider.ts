import type { AxiosInstance } from 'axios';

import { ConnectorError } from '../../errors';
import { getLogger, registerSecret } from '../../log/logger';
import { bodyExcerpt, parseJsonBody } from '../http/http-errors';
import type { RequestContext } from '../http/http-errors';
import type { ResolvedRetryOptions } from '../http/retry-policy';
import { sendRequest } from '../http/send-request';
import type { HttpReply } from '../http/send-request';
import { lowerCaseKeys } from './bms-response';
import { tokenSchema } from './bms-wire';

export type BmsCredentials = {
  readonly username: string;
  readonly password: string;
  /** Company name exactly as BMS shows it under My Settings. */
  readonly tenant: string;
};

export type TokenProviderOptions = {
  readonly http: AxiosInstance;
  readonly baseUrl: string;
  readonly credentials: BmsCredentials;
  readonly retry: ResolvedRetryOptions;
  /** Clock in ms since the epoch. */
  readonly now: () => number;
  /** Called before each HTTP 429 wait of the sign-in request. */
  readonly onThrottled: (delayMs: number) => void;
};

/** Time before the expiry reported by BMS at which a token is replaced, in ms. */
export const EXPIRY_MARGIN_MS = 60_000;

const AUTHENTICATE_PATH = '/v2/security/authenticate';

type CachedToken = {
  readonly value: string;
  /** Expiry in ms since the epoch, or null when BMS gave none. */
  readonly expiresAtMs: number | null;
};

/**
 * Obtains BMS access tokens with the user's password and reuses each one
 * until shortly before `accessTokenExpireOn`. Concurrent callers share one
 * sign-in request.
 */
export class BmsTokenProvider {
  private readonly options: TokenProviderOptions;
  private cached: CachedToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(options: TokenProviderOptions) {
    this.options = options;
    registerSecret(options.credentials.password);
  }

  /** Returns a valid access token, signing in when none is cached. */
  async getToken(): Promise<string> {
    const cached = this.cached;
    if (cached !== null && this.isFresh(cached)) return cached.value;
    this.pending ??= this.signIn().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Drops `token` after BMS rejected it, unless a newer one replaced it. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private isFresh(token: CachedToken): boolean {
    // NOTE: without an expiry from BMS, the token is kept until a 401.
    if (token.expiresAtMs === null) return true;
    return this.options.now() < token.expiresAtMs - EXPIRY_MARGIN_MS;
  }

  private async signIn(): Promise<string> {
    const { credentials, http, retry } = this.options;
    const context: RequestContext = {
      service: 'Kaseya BMS',
      operation: 'authenticate',
      url: `${this.options.baseUrl}${AUTHENTICATE_PATH}`,
    };
    // URLSearchParams encodes &, +, = and % in passwords correctly.
    const form = new URLSearchParams({
      UserName: credentials.username,
      Password: credentials.password,
      Tenant: credentials.tenant,
      GrantType: 'password',
    });
    const reply = await sendRequest(
      http,
      {
        method: 'POST',
        path: AUTHENTICATE_PATH,
        data: form.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      {
        context,
        retry,
        retryTransient: true,
        onThrottled: this.options.onThrottled,
        now: this.options.now,
      },
    );
    const token = this.readToken(reply, context);
    registerSecret(token.value);
    this.cached = token;
    getLogger('http').info(
      { service: context.service, user: credentials.username },
      'Signed in to Kaseya BMS',
    );
    return token.value;
  }

  private readToken(reply: HttpReply, context: RequestContext): CachedToken {
    const isOk = reply.status >= 200 && reply.status < 300;
    let body: unknown;
    if (isOk) {
      body = lowerCaseKeys(
        parseJsonBody(reply.text, reply.contentType, context),
      );
    } else {
      body = lowerCaseKeys(tryParseJson(reply.text));
    }
    const envelope = readEnvelope(body);
    if (!isOk || envelope.success === false) {
      throw this.signInError(reply, envelope.errorText);
    }
    const token = tokenSchema.safeParse(envelope.result);
    if (!token.success) {
      throw this.signInError(reply, 'the response contained no access token');
    }
    return {
      value: token.data.accesstoken,
      expiresAtMs: parseExpiry(token.data.accesstokenexpireon),
    };
  }

  private signInError(reply: HttpReply, serverText: string): ConnectorError {
    const { username, tenant } = this.options.credentials;
    const detail = serverText !== '' ? serverText : bodyExcerpt(reply.text);
    return new ConnectorError(
      'auth-failed',
      `Kaseya BMS rejected the sign-in of user "${username}" in tenant ` +
        `"${tenant}" (HTTP ${reply.status}${detail === '' ? '' : `: ${detail}`}). ` +
        'Check the password; the tenant must equal the company name shown ' +
        'in BMS under My Settings; and the user needs the "Has API Access" ' +
        'security right.',
    );
  }
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

type SignInEnvelope = {
  readonly success: boolean | null;
  readonly result: unknown;
  /** `error.message` and `error.details` joined, redacted by the caller. */
  readonly errorText: string;
};

function readEnvelope(body: unknown): SignInEnvelope {
  if (typeof body !== 'object' || body === null) {
    return { success: null, result: undefined, errorText: '' };
  }
  const record = body as Record<string, unknown>;
  const error = record.error as Record<string, unknown> | null | undefined;
  const errorText = [error?.message, error?.details]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' - ');
  const hasEnvelope = 'success' in record || 'result' in record;
  return {
    success: typeof record.success === 'boolean' ? record.success : null,
    // The vendor document also allows the token object without envelope.
    result: hasEnvelope ? record.result : body,
    errorText: bodyExcerpt(errorText),
  };
}

/** Parses `accessTokenExpireOn`. A value without offset is taken as UTC. */
export function parseExpiry(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') {
    return null;
  }
  const text = value.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasZone ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : ms;
}
