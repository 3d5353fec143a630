import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import { net, protocol } from 'electron';

import { WINDOW_SECURITY_HEADERS } from './window-security';

/**
 * Scheme that serves the built renderer. A standard, secure scheme gives the
 * page a real origin (`app://renderer`), so CSP 'self' and the IPC sender
 * check mean one thing, where every file: page shares the origin "null".
 */
export const APP_SCHEME = 'app';

/** Host part of every renderer URL. */
export const APP_HOST = 'renderer';

/** URL of the window's page. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Declares the renderer scheme as standard and secure. Electron accepts
 * this only before the app's `ready` event.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/**
 * Serves files of `rendererDir` on the renderer scheme, each with the
 * window's Content-Security-Policy. Requests for another host or for a path
 * outside `rendererDir` get 404.
 */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle(APP_SCHEME, async request => {
    const file = resolveRendererFile(root, request.url);
    if (file === null) return new Response(null, { status: 404 });

    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(WINDOW_SECURITY_HEADERS)) {
      headers.set(name, value);
    }
    return new Response(response.body, { status: response.status, headers });
  });
}

/**
 * Maps a renderer URL to a file inside `root`, or null when the host is
 * not the renderer's or the path climbs out of `root`.
 */
export function resolveRendererFile(root: string, url: string): string | null {
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return null;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  const file = normalize(join(root, relative === '' ? 'index.html' : relative));
  return file.startsWith(root + sep) ? file : null;
}
