import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Test servers listen on 127.0.0.1, so keep any proxy settings out of the way.
process.env.NO_PROXY = '127.0.0.1,localhost';

export type RecordedRequest = {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
};

export type FakeReply = {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; any other value as JSON. */
  readonly body?: unknown;
  /** Wait before responding, in ms, to provoke client timeouts. */
  readonly delayMs?: number;
};

export type FakeHandler = (
  request: RecordedRequest,
) => FakeReply | Promise<FakeReply>;

export type FakeServer = {
  /** Base URL such as http://127.0.0.1:41234, without a trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
};

/** Starts a small HTTP server on 127.0.0.1 with a free port. */
export async function startFakeServer(
  handler: FakeHandler,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void runHandler(handler, recorded).then(reply => {
        const isText = typeof reply.body === 'string';
        response.writeHead(reply.status ?? 200, {
          'content-type': isText ? 'text/plain' : 'application/json',
          ...reply.headers,
        });
        const payload =
          reply.body === undefined
            ? ''
            : isText
              ? reply.body
              : JSON.stringify(reply.body);
        response.end(payload);
      });
    });
  });
  await new Promise<void>(resolve => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function runHandler(
  handler: FakeHandler,
  request: RecordedRequest,
): Promise<FakeReply> {
  try {
    const reply = await handler(request);
    if (reply.delayMs !== undefined) await sleep(reply.delayMs);
    return reply;
  } catch (error) {
    return {
      status: 599,
      body: `fake server handler failed: ${String(error)}`,
    };
  }
}

/** Returns a 127.0.0.1 URL on which nothing listens. */
export async function closedPortUrl(): Promise<string> {
  const server = await startFakeServer(() => ({}));
  await server.close();
  return server.url;
}
