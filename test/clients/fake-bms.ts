import { startFakeServer } from './fake-server';
import type { FakeReply, FakeServer, RecordedRequest } from './fake-server';

export type Casing = 'camel' | 'pascal';

export type FakeBmsOptions = {
  readonly username: string;
  readonly password: string;
  readonly tenant: string;
  /** Key spelling of every reply. Default camel. */
  readonly casing?: Casing;
  /** `accessTokenExpireOn` of issued tokens, or none when absent. */
  readonly expireOn?: string;
  /** Prefix of issued tokens, followed by the sign-in count. */
  readonly tokenPrefix?: string;
  /** Handles authorized requests. Returning undefined gives a 404. */
  readonly route: (
    request: RecordedRequest,
  ) => FakeReply | Promise<FakeReply> | undefined;
};

export type FakeBms = FakeServer & {
  /** Sign-in requests, successful or not. */
  signIns(): number;
  /** Makes every token issued so far invalid. */
  revokeTokens(): void;
  /** When true, every bearer token is rejected with 401. */
  rejectAllTokens: boolean;
};

/** Converts the keys of a camelCase JSON value to PascalCase. */
export function toPascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPascal);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.charAt(0).toUpperCase() + key.slice(1),
      toPascal(item),
    ]),
  );
}

export function ok(result: unknown, extra: Record<string, unknown> = {}) {
  return { body: { success: true, error: null, result, ...extra } };
}

/**
 * Starts a fake BMS API that signs users in with an urlencoded form and
 * checks bearer tokens before calling `options.route`.
 */
export async function startFakeBms(options: FakeBmsOptions): Promise<FakeBms> {
  const valid = new Set<string>();
  let signIns = 0;
  const state = { rejectAllTokens: false };
  const shape = (reply: FakeReply): FakeReply =>
    options.casing === 'pascal' && typeof reply.body === 'object'
      ? { ...reply, body: toPascal(reply.body) }
      : reply;
  const server = await startFakeServer(async request => {
    if (request.path === '/v2/security/authenticate') {
      signIns += 1;
      const form = new URLSearchParams(request.body);
      const matches =
        form.get('UserName') === options.username &&
        form.get('Password') === options.password &&
        form.get('Tenant') === options.tenant &&
        form.get('GrantType') === 'password';
      if (!matches) {
        return shape({
          body: {
            success: false,
            error: { code: 1, message: 'Invalid credentials', details: null },
            result: null,
          },
        });
      }
      const token = `${options.tokenPrefix ?? 'token'}-${signIns}`;
      valid.add(token);
      return shape(
        ok({
          accessToken: token,
          refreshToken: 'refresh',
          accessTokenExpireOn: options.expireOn ?? null,
        }),
      );
    }
    const bearer = (request.headers.authorization ?? '').replace(
      /^Bearer /,
      '',
    );
    if (state.rejectAllTokens || !valid.has(bearer)) {
      return { status: 401, body: { message: 'Security Error' } };
    }
    const reply = await options.route(request);
    return reply === undefined
      ? { status: 404, body: 'no route' }
      : shape(reply);
  });
  return {
    ...server,
    signIns: () => signIns,
    revokeTokens: () => valid.clear(),
    get rejectAllTokens() {
      return state.rejectAllTokens;
    },
    set rejectAllTokens(value: boolean) {
      state.rejectAllTokens = value;
    },
  };
}
