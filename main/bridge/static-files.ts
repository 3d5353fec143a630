import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The page may load only its own files and talk only to its own origin.
 * Mantine sets style attributes at run time, hence 'unsafe-inline' for
 * styles (scripts stay strict).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Headers sent with every reply of the bridge. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Sends the built renderer file for `urlPath`, or index.html for `/`.
 * Returns false when no such file exists inside `root`; a path that climbs
 * out of `root` counts as missing.
 */
export async function sendStaticFile(
  root: string,
  urlPath: string,
  response: ServerResponse,
): Promise<boolean> {
  const relative = urlPath === '/' ? 'index.html' : urlPath.slice(1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return false;
  }
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root + sep)) return false;

  try {
    if (!(await stat(file)).isFile()) return false;
    const body = await readFile(file);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type':
        CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    response.end(body);
    return true;
  } catch {
    return false;
  }
}
