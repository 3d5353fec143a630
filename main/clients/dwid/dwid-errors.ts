import { ConnectorError } from '../../errors';
import { isLoopbackHost } from '../http/create-http-client';

/**
 * Builds the error for HTTP 401 or 403 from Dark Web ID, naming the account
 * settings that usually cause it.
 */
export function accessDeniedError(
  status: 401 | 403,
  username: string,
): ConnectorError {
  const rejection =
    status === 401
      ? `rejected the credentials of user "${username}"`
      : `denied access to user "${username}"`;
  return new ConnectorError(
    status === 401 ? 'auth-failed' : 'permission-denied',
    `Dark Web ID ${rejection} (HTTP ${status}). Check the username and the Dark ` +
      'Web ID password. Usual causes: the user lacks "Permit access to web ' +
      'services"; the public IPv4 address of this computer is not on the ' +
      "user's IP address allowlist; or KaseyaOne sign-in is enforced and " +
      'the user has no Dark Web ID password of its own.',
  );
}

/**
 * Checks a Dark Web ID base URL and drops its trailing slash. Plain HTTP is
 * accepted only for 127.0.0.1 and localhost (emulators), because the
 * password travels in every request.
 */
export function normaliseDwidUrl(input: string): string {
  const invalid = (reason: string): ConnectorError =>
    new ConnectorError(
      'validation',
      `Invalid Dark Web ID URL: ${reason}. Use the portal address, ` +
        'usually https://secure.darkwebid.com.',
    );
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalid(`"${input}" is not an absolute URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('the URL must not contain a user name or password');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalid('plain http:// would send the password unencrypted');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`unsupported scheme "${url.protocol}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
