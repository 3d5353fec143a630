import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startHttpBridge,
  type HttpBridge,
} from '../../main/bridge/http-bridge';
import { ConnectorService } from '../../main/service/connector-service';

const TOKEN = 'test-bridge-token-0123456789abcdef';

type RawReply = {
  status: number;
  headers: Record<string, unknown>;
  body: string;
};

/**
 * Sends a request with exactly the given headers; fetch would not let the
 * tests forge Host or omit Origin the way other clients can.
 */
function send(
  bridge: HttpBridge,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function callHeaders(bridge: HttpBridge, extra: Record<string, string> = {}) {
  return {
    Host: `127.0.0.1:${bridge.port}`,
    Authorization: `Bearer ${TOKEN}`,
    'Content-Type': 'application/json',
    ...extra,
  };
}

describe('HTTP bridge', () => {
  let service: ConnectorService;
  let bridge: HttpBridge;
  let staticDir: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'dwid-bms-bridge-'));
    staticDir = join(root, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><p>ok</p>');
    writeFileSync(join(root, 'outside.txt'), 'not served');
    service = ConnectorService.open({ dataDir: join(root, 'data') });
    bridge = await startHttpBridge({ service, staticDir, token: TOKEN });
  });

  afterAll(async () => {
    await bridge.close();
    service.close();
  });

  /** Status of a valid call, to show the server still responds. */
  async function statusOfSyncCall(): Promise<number> {
    const reply = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: '{}',
    });
    return reply.status;
  }

  it('runs a call with the token', async () => {
    const reply = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: '{}',
    });

    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      value: { isRunning: false, last: null },
    });
  });

  it('rejects a missing or wrong token', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`]) {
      const headers = callHeaders(bridge);
      if (authorization === undefined) {
        delete (headers as Partial<typeof headers>).Authorization;
      } else {
        headers.Authorization = authorization;
      }

      const reply = await send(bridge, '/api/call/sync:status', {
        method: 'POST',
        headers,
        body: '{}',
      });

      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({
        ok: false,
        error: { code: 'auth-failed' },
      });
    }
  });

  it('rejects a foreign Origin', async () => {
    const reply = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge, { Origin: 'http://attacker.example' }),
      body: '{}',
    });

    expect(reply.status).toBe(403);
    expect(reply.body).toContain('permission-denied');
  });

  it('accepts its own Origin', async () => {
    const reply = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge, { Origin: bridge.origin }),
      body: '{}',
    });

    expect(reply.status).toBe(200);
  });

  it('rejects a foreign Host name', async () => {
    const reply = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge, { Host: `rebind.example:${bridge.port}` }),
      body: '{}',
    });

    expect(reply.status).toBe(403);
  });

  it('rejects bodies that are not JSON', async () => {
    const invalid = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: '{"unterminated',
    });
    const wrongType = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge, { 'Content-Type': 'text/plain' }),
      body: '{}',
    });
    const huge = await send(bridge, '/api/call/sync:status', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }),
    });

    expect(invalid.status).toBe(400);
    expect(wrongType.status).toBe(415);
    expect(huge.status).toBe(413);
  });

  it('returns unknown calls and bad input as errors', async () => {
    const unknown = await send(bridge, '/api/call/secrets:dump', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: '{}',
    });
    const badInput = await send(bridge, '/api/call/integrations:get', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: JSON.stringify({ id: 'one' }),
    });

    expect(JSON.parse(unknown.body)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const parsed = JSON.parse(badInput.body) as {
      error: { code: string; message: string };
    };
    expect(parsed.error.code).toBe('validation');
    expect(parsed.error.message).toContain('id');
  });

  it('serves the page with a strict policy', async () => {
    const reply = await send(bridge, '/', {
      headers: { Host: `127.0.0.1:${bridge.port}` },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<p>ok</p>');
    expect(reply.headers['content-security-policy']).toContain(
      "script-src 'self'",
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves no file outside its folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt']) {
      const reply = await send(bridge, path, {
        headers: { Host: `127.0.0.1:${bridge.port}` },
      });

      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('not served');
    }
  });

  it('streams engine events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: '/api/events',
          headers: {
            Host: `127.0.0.1:${bridge.port}`,
            Authorization: `Bearer ${TOKEN}`,
          },
        },
        res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(': connected')) {
              service.emit({ type: 'data-changed', scope: 'organizations' });
            }
            if (text.includes('data: ')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });

    const text = await received;

    expect(text).toContain(
      'data: {"type":"data-changed","scope":"organizations"}',
    );
  });

  it('survives an unparsable path without token', async () => {
    const reply = await send(bridge, '//', {
      headers: { Host: `127.0.0.1:${bridge.port}` },
    });

    expect(reply.status).toBe(400);
    expect(await statusOfSyncCall()).toBe(200);
  });

  it('survives a malformed call name', async () => {
    const reply = await send(bridge, '/api/call/%E0%A4%A', {
      method: 'POST',
      headers: callHeaders(bridge),
      body: '{}',
    });

    expect(reply.status).toBe(404);
    expect(await statusOfSyncCall()).toBe(200);
  });

  it('survives a client leaving mid-body', async () => {
    await new Promise<void>(resolve => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: bridge.port,
        path: '/api/call/sync:status',
        method: 'POST',
        headers: { ...callHeaders(bridge), 'Content-Length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"partial":', () => {
        req.destroy();
        resolve();
      });
    });

    expect(await statusOfSyncCall()).toBe(200);
  });

  it('reports its loopback origin and page URL', () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.pageUrl).toBe(`${bridge.origin}/#token=${TOKEN}`);
  });
});
