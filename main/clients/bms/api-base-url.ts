import { ConnectorError } from '../../errors';
import { isLoopbackHost } from '../http/create-http-client';

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function invalidUrl(input: string, reason: string): ConnectorError {
  return new ConnectorError(
    'validation',
    `Invalid Kaseya BMS URL "${input}": ${reason}. Enter the BMS web ` +
      'address shown in My Settings, such as bms.kaseya.com or ' +
      'https://bmsemea.kaseya.com.',
  );
}

/**
 * Derives the REST API base URL from the BMS web address that users know:
 * `bms.kaseya.com` gives `https://api.bms.kaseya.com`. A host that already
 * starts with `api.` is kept. Paths and trailing slashes are dropped.
 * `http://127.0.0.1:PORT` and `http://localhost:PORT` (emulators) are kept
 * as given, apart from a trailing slash; any other `http://` address is
 * rejected because the password would travel unencrypted.
 */
export function deriveApiBaseUrl(input: string): string {
  const text = input.trim();
  if (text === '') throw invalidUrl(input, 'the value is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : `https://${text}`;

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidUrl(input, 'it is not a host name or URL');
  }
  if (url.username !== '' || url.password !== '') {
    // The message must not echo credentials typed into the URL.
    throw invalidUrl(
      `${url.protocol}//${url.host}`,
      'it must not contain a user name or password',
    );
  }

  // Checked before the loopback shortcut, so that an emulator address with
  // another scheme (ftp:, ws:) is rejected too.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidUrl(input, `unsupported scheme "${url.protocol}"`);
  }
  if (isLoopbackHost(url.hostname)) {
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  }
  if (url.protocol === 'http:') {
    throw invalidUrl(
      input,
      'plain http:// would send the password unencrypted',
    );
  }

  const host = url.hostname.toLowerCase();
  if (!HOST_NAME.test(host)) {
    throw invalidUrl(input, `"${host}" is not a valid host name`);
  }
  const apiHost = host.startsWith('api.') ? host : `api.${host}`;
  const port = url.port === '' ? '' : `:${url.port}`;
  return `https://${apiHost}${port}`;
}
