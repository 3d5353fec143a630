import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startHttpBridge,
  type HttpBridge,
} from '../../main/bridge/http-bridge';
import { demoFieldMappings } from '../../main/emulators/seeded-emulators';
import { ConnectorService } from '../../main/service/connector-service';
import { CALL_NAMES, CONTRACT } from '../../shared/contract/calls';

/** Random inputs per call; every call of the contract is covered. */
const RUNS_PER_CALL = 40;

const CONFIG = {
  source: {
    url: 'http://127.0.0.1:9/',
    username: 'api@msp.example',
    passwordEnv: 'DWID_PASSWORD',
  },
  integrations: [
    {
      name: 'Fuzz BMS',
      bmsUrl: 'http://127.0.0.1:9',
      username: 'svc@msp.example',
      passwordEnv: 'BMS_PASSWORD',
      company: 'Example MSP',
      fieldMappings: demoFieldMappings(),
    },
  ],
};

/** Hash of every row of every table, to show that nothing was written. */
function digestDatabase(service: ConnectorService): string {
  const { db } = service.store;
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).raw().all();
    hash
      .update(table)
      .update(
        JSON.stringify(rows, (_key, value: unknown) =>
          Buffer.isBuffer(value) ? value.toString('base64') : value,
        ),
      );
  }
  return hash.digest('hex');
}

/** JSON values, with keys and strings that probe the validators. */
const hostileJson = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.constantFrom('', ' ', '\u0000', '<script>', '\u202e', 'x'.repeat(5000)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.string(),
        fc.constantFrom('id', 'name', 'integrationId', '__proto__'),
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

describe('contract fuzzing through the HTTP bridge', () => {
  let service: ConnectorService;
  let bridge: HttpBridge;

  beforeAll(async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dwid-bms-fuzz-')), 'd');
    service = ConnectorService.open({ dataDir });
    service.apply(CONFIG, {
      env: { DWID_PASSWORD: 'fuzz-dwid-pass', BMS_PASSWORD: 'fuzz-bms-pass' },
    });
    bridge = await startHttpBridge({ service });
  });

  afterAll(async () => {
    await bridge.close();
    service.close();
  });

  async function post(name: string, body: string) {
    const response = await fetch(`${bridge.origin}/api/call/${name}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bridge.token}`,
        'Content-Type': 'application/json',
      },
      body,
    });
    return {
      status: response.status,
      reply: (await response.json()) as {
        ok: boolean;
        error?: { code: string; message: string };
      },
    };
  }

  it.each(CALL_NAMES)('%s rejects invalid input', async name => {
    const before = digestDatabase(service);
    const schema = CONTRACT[name].input;

    await fc.assert(
      fc.asyncProperty(
        hostileJson.filter(input => !schema.safeParse(input).success),
        async input => {
          const { status, reply } = await post(name, JSON.stringify(input));

          expect(status).toBe(200);
          expect(reply.ok).toBe(false);
          expect(reply.error?.code).toBe('validation');
          expect(reply.error?.message).toContain(name);
        },
      ),
      { numRuns: RUNS_PER_CALL },
    );

    expect(digestDatabase(service)).toBe(before);
  });

  it('keeps answering after malformed bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALL_NAMES),
        fc.string({ maxLength: 200 }),
        async (name, body) => {
          const { status, reply } = await post(name, body);

          expect([200, 400]).toContain(status);
          expect(typeof reply.ok).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
    const { reply } = await post('sync:status', '{}');

    expect(reply.ok).toBe(true);
  });
});
