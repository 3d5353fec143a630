import {
  shell,
  type Event,
  type Session,
  type WebContents,
  type WebContentsWillNavigateEventParams,
} from 'electron';

import { CONTENT_SECURITY_POLICY } from '../bridge/static-files';
import { getLogger } from '../log/logger';

/**
 * Response headers of every renderer file served on the app scheme. The
 * policy is the HTTP bridge's, so the page runs under the same rules in the
 * window and in a browser: its own scripts only, no eval, no plugins, no
 * framing.
 */
export const WINDOW_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Adds the window's Content-Security-Policy to every response that passes
 * through `webRequest`, and rejects every permission request and check,
 * because the window needs no camera, notification or other permission.
 * Main-process notifications do not go through these handlers.
 */
export function applySessionPolicy(session: Session): void {
  // Electron fires webRequest header events for HTTP(S) responses but not
  // for custom schemes, so app-protocol.ts sets the header on the renderer's
  // own files. The
  // policy is written out here for Electronegativity, which reads only a
  // literal, and a test checks that it equals CONTENT_SECURITY_POLICY.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'",
        ],
      },
    });
  });
  session.setPermissionRequestHandler(
    (contents, permission, callback, details) => {
      getLogger('window').warn(
        { permission, requestingUrl: details.requestingUrl },
        'permission request rejected',
      );
      callback(false);
    },
  );
  session.setPermissionCheckHandler(() => false);
}

/**
 * Keeps `contents` on the page at `pageUrl`: navigation elsewhere is
 * prevented, new windows are never created, embedded webviews are rejected,
 * and only http(s) links are handed to the system browser.
 */
export function installNavigationGuards(
  contents: WebContents,
  pageUrl: string,
): void {
  contents.on(
    'will-navigate',
    (event: Event<WebContentsWillNavigateEventParams>, url: string) => {
      if (!isSamePage(url, pageUrl)) {
        event.preventDefault();
        getLogger('window').warn({ url }, 'navigation blocked');
      }
    },
  );
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', event => {
    event.preventDefault();
  });
}

/**
 * Opens `url` in the system browser when it is an http(s) URL. Other
 * schemes (file:, smb:, custom handlers) could start local programs, so
 * they are logged and dropped.
 */
export function openInBrowser(url: string): void {
  if (!isWebUrl(url)) {
    getLogger('window').warn({ url }, 'link with a non-web scheme ignored');
    return;
  }
  // Reviewed: only http(s) URLs get here. The annotation records that
  // review for Electronegativity, which flags every non-constant URL.
  const opening = shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  opening.catch((error: unknown) => {
    getLogger('window').error({ err: error, url }, 'opening a link failed');
  });
}

/** True for a parseable http: or https: URL. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * True when `url` is `pageUrl` apart from query and fragment. Scheme, host
 * and path must match, because Node gives non-special schemes such as app:
 * the origin "null".
 */
export function isSamePage(url: string, pageUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const page = new URL(pageUrl);
  return (
    target.protocol === page.protocol &&
    target.host === page.host &&
    target.pathname === page.pathname
  );
}
