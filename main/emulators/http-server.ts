import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { getLogger } from '../log/logger';
import type { Fault } from './faults';

/** Largest request body an emulator reads, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One line of an emulator's request log. */
export type RequestLogEntry = {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Query string including the leading `?`, or an empty string. */
  readonly query: string;
  /** HTTP status sent, or 0 while unanswered and when the socket was dropped. */
  status: number;
  /** Whether the request body passed validation, on routes that check one. */
  bodyValid?: boolean;
};

/** One request in flight, with the log line its response completes. */
export type Exchange = {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly entry: RequestLogEntry;
};

/** Routes one request. It must send a response or destroy the socket. */
export type RequestHandler = (exchange: Exchange) => Promise<void>;

export type RunningServer = {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
};

/**
 * Starts an HTTP server on 127.0.0.1. Port 0 lets the system pick a free
 * port. A handler that throws gets a 500 JSON response and a log line.
 */
export async function startHttpServer(
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      getLogger('emulator').error(
        { err: error, method: req.method, url: req.url },
        'Emulator request handler failed',
      );
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ error: 'Internal emulator error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
  };
}

/** Stops accepting connections and drops the open ones. */
export async function stopHttpServer(server: Server): Promise<void> {
  await new Promise<void>(resolve => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Builds the exchange for a request and appends its line to `log`. */
export function openExchange(
  req: IncomingMessage,
  res: ServerResponse,
  baseUrl: string,
  log: RequestLogEntry[],
): Exchange {
  const url = new URL(req.url ?? '/', baseUrl);
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    status: 0,
  };
  log.push(entry);
  return { req, res, url, entry };
}

/** Sends `body` with `status` and records the status in the request log. */
export function sendRaw(
  exchange: Exchange,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  exchange.entry.status = status;
  exchange.res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body).toString(),
    ...headers,
  });
  exchange.res.end(body);
}

export function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendRaw(
    exchange,
    status,
    'application/json; charset=utf-8',
    JSON.stringify(body),
    headers,
  );
}

/** Reads the request body, or throws a `BodyTooLargeError` past MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(size);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export class BodyTooLargeError extends Error {
  constructor(size: number) {
    super(`Request body exceeds ${MAX_BODY_BYTES} bytes (read ${size}).`);
    this.name = 'BodyTooLargeError';
  }
}

const LOGIN_PAGE_HTML =
  '<!DOCTYPE html><html><head><title>Log in</title></head><body>' +
  '<form method="post" action="/user/login"><input name="name">' +
  '<input name="pass" type="password"><button>Log in</button></form>' +
  '</body></html>';

/** Kinds of fault that replace the response the same way in both emulators. */
export const RESPONSE_FAULT_KINDS = [
  'server-error',
  'rate-limit',
  'malformed-json',
  'html',
] as const;

/**
 * Sends the response that `fault` dictates when its kind replaces the
 * response, and returns whether it did.
 */
export function sendFaultResponse(
  exchange: Exchange,
  fault: Fault<string>,
): boolean {
  switch (fault.kind) {
    case 'server-error':
      sendJson(exchange, fault.status ?? 503, {
        error: 'Injected server error',
      });
      return true;
    case 'rate-limit': {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined
          ? {}
          : { 'retry-after': String(fault.retryAfterSeconds) };
      sendJson(exchange, 429, { error: 'Too many requests' }, headers);
      return true;
    }
    case 'malformed-json':
      // A JSON document cut off mid-value, as a dropped proxy stream leaves it.
      sendRaw(exchange, 200, 'application/json', '{"list":[{"uuid":"');
      return true;
    case 'html':
      sendRaw(exchange, 200, 'text/html; charset=utf-8', LOGIN_PAGE_HTML);
      return true;
    default:
      return false;
  }
}

/** Waits as a `slow` fault dictates, and does nothing for other kinds. */
export async function applySlowFault(fault: Fault<string>): Promise<void> {
  if (fault.kind === 'slow') await delay(fault.delayMs ?? 0);
}
