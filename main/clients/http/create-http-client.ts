import axios from 'axios';
import type { AxiosInstance } from 'axios';

export type HttpClientOptions = {
  /** Origin plus optional path prefix, without a trailing slash. */
  readonly baseUrl: string;
  /** Time allowed for each request, in milliseconds. Default 30 000. */
  readonly timeoutMs?: number;
  /** HTTP Basic credentials sent with every request. */
  readonly basicAuth?: { readonly username: string; readonly password: string };
};

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Creates an axios instance that returns every response as text, whatever
 * its status. The callers check the status and parse the body themselves,
 * so an HTML login page served with status 200 is caught as a bad response
 * instead of surfacing later as a missing field.
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  return axios.create({
    baseURL: options.baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { Accept: 'application/json' },
    auth: options.basicAuth
      ? {
          username: options.basicAuth.username,
          password: options.basicAuth.password,
        }
      : undefined,
    responseType: 'text',
    // Keep the raw text so that `parseJsonBody` can tell JSON from HTML.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
}

/** Hosts that may be called over plain HTTP: the local emulators. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
