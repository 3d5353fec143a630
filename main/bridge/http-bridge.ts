import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { BRIDGE_PATHS } from '../../shared/contract/api';
import type { ErrorData } from '../../shared/errors';
import { getLogger, registerSecret } from '../log/logger';
import type { ConnectorService } from '../service/connector-service';
import { checkRequest } from './bridge-guard';
import { dispatchCall } from './dispatch';
import { sendStaticFile, SECURITY_HEADERS } from './static-files';

/** Largest accepted request body, in bytes. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Interval of the comment line that keeps idle event streams open, in ms. */
const KEEPALIVE_MS = 15_000;

export type BridgeOptions = {
  readonly service: ConnectorService;
  /** Folder of the built renderer; absent serves the API alone. */
  readonly staticDir?: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Bearer token; a random one when absent. */
  readonly token?: string;
};

export type HttpBridge = {
  /** Origin of the bridge, `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The page URL with the token in its fragment, for a browser. */
  readonly pageUrl: string;
  close(): Promise<void>;
};

/**
 * Serves the contract over HTTP on 127.0.0.1 only: `POST /api/call/NAME`
 * with the call's input as JSON returns its `Result`, `GET /api/events`
 * streams engine events, and other paths serve the built renderer.
 */
export async function startHttpBridge(
  options: BridgeOptions,
): Promise<HttpBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  registerSecret(token);
  const staticDir =
    options.staticDir === undefined ? undefined : resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((request, response) => {
    const context = { request, response, token, port, staticDir, streams };
    // Any request, even one without the token, reaches this handler, so no
    // failure in it may escape and end the process.
    route(context, options).catch((error: unknown) => {
      // A client that disconnects mid-request is routine, not a fault.
      const isAbort = (error as NodeJS.ErrnoException).code === 'ECONNRESET';
      getLogger('bridge')[isAbort ? 'info' : 'error'](
        { err: error },
        isAbort ? 'client left before the request ended' : 'request failed',
      );
      if (!response.headersSent) {
        sendError(response, 500, 'internal', 'The request failed.');
      } else {
        response.destroy();
      }
    });
  });
  await listen(server, options.port ?? 0);
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  getLogger('bridge').info({ origin }, 'HTTP bridge listening');

  return {
    origin,
    port,
    token,
    pageUrl: `${origin}/#token=${token}`,
    close: () => closeServer(server, streams),
  };
}

type RouteContext = {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly token: string;
  readonly port: number;
  readonly staticDir: string | undefined;
  readonly streams: Set<ServerResponse>;
};

async function route(
  context: RouteContext,
  options: BridgeOptions,
): Promise<void> {
  const { request, response } = context;
  const path = readPath(request.url);
  if (path === null) {
    sendError(response, 400, 'validation', 'The request path is invalid.');
    return;
  }
  const isApi = path.startsWith('/api/');
  const rejection = checkRequest(
    request,
    context.port,
    isApi ? context.token : null,
  );
  if (rejection !== null) {
    sendJson(response, rejection.status, {
      ok: false,
      error: rejection.error,
    });
    return;
  }

  if (path.startsWith(BRIDGE_PATHS.call)) {
    await handleCall(context, options.service, path);
  } else if (path === BRIDGE_PATHS.events) {
    handleEvents(context, options.service);
  } else if (isApi) {
    sendError(response, 404, 'not-found', `No API path ${path}.`);
  } else if (
    request.method === 'GET' &&
    context.staticDir !== undefined &&
    (await sendStaticFile(context.staticDir, path, response))
  ) {
    return;
  } else {
    sendError(response, 404, 'not-found', `Nothing is served at ${path}.`);
  }
}

async function handleCall(
  context: RouteContext,
  service: ConnectorService,
  path: string,
): Promise<void> {
  const { request, response } = context;
  if (request.method !== 'POST') {
    sendError(response, 405, 'validation', 'Calls use POST.');
    return;
  }
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    sendError(
      response,
      415,
      'validation',
      'Send the input as application/json.',
    );
    return;
  }
  const body = await readBody(request);
  if (body === null) {
    sendError(
      response,
      413,
      'validation',
      `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
    );
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    sendError(
      response,
      400,
      'validation',
      'The request body is not valid JSON.',
    );
    return;
  }
  const name = decodePart(path.slice(BRIDGE_PATHS.call.length));
  if (name === null) {
    sendError(response, 404, 'not-found', 'The call name is not valid.');
    return;
  }
  sendJson(response, 200, await dispatchCall(service, name, input));
}

function handleEvents(context: RouteContext, service: ConnectorService): void {
  const { request, response, streams } = context;
  if (request.method !== 'GET') {
    sendError(response, 405, 'validation', 'The event stream uses GET.');
    return;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  streams.add(response);

  const unsubscribe = service.subscribe(event => {
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const keepalive = setInterval(
    () => response.write(': keepalive\n\n'),
    KEEPALIVE_MS,
  );
  request.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
    streams.delete(response);
  });
}

/**
 * Returns the path of a request target, or null when it cannot be parsed
 * (for example `//`, which the URL parser reads as an empty host).
 */
function readPath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/')) return null;
  try {
    return new URL(target, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
}

/** Decodes one percent-encoded path part, or returns null when malformed. */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * Reads the body as text, or returns null when it is too large. Rejects when
 * the client disconnects part-way; the caller's catch handles that.
 */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendError(
  response: ServerResponse,
  status: number,
  code: ErrorData['code'],
  message: string,
): void {
  sendJson(response, status, { ok: false, error: { code, message } });
}

function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: the bridge must never be reachable from the network.
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
}

function closeServer(
  server: Server,
  streams: ReadonlySet<ServerResponse>,
): Promise<void> {
  for (const stream of streams) stream.end();
  server.closeAllConnections();
  return new Promise(resolvePromise => server.close(() => resolvePromise()));
}
