import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { findSecretLeaks } from './secret-scan';

const SECRET = 'canary-Pa55word';

function folderWith(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dwid-bms-scan-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('findSecretLeaks', () => {
  it('finds UTF-8 and UTF-16 copies', () => {
    const dir = folderWith({
      'logs/connector.log': `{"msg":"login as x with ${SECRET}"}`,
      'connector.db-wal': Buffer.from(`row ${SECRET}`, 'utf16le'),
      'connector.db': 'nothing to see',
    });

    expect(findSecretLeaks(dir, [SECRET])).toEqual([
      'connector.db-wal',
      'logs/connector.log',
    ]);
  });

  it('reports a clean folder as clean', () => {
    const dir = folderWith({
      'logs/connector.log': '{"msg":"login as x with [redacted]"}',
    });

    expect(findSecretLeaks(dir, [SECRET, ''])).toEqual([]);
  });
});
