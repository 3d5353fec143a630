import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { ConnectorService } from '../../main/service/connector-service';
import { CliWorkspace } from './cli-process';

const workspace = new CliWorkspace();

afterAll(() => workspace.remove());

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Reads the passwords the demo stored, with the data folder's key file. */
function storedPasswords(dataDir: string): string[] {
  const service = ConnectorService.open({ dataDir });
  try {
    const { store } = service;
    return [
      store.source.getPassword(),
      ...store.integrations
        .list()
        .map(row => store.integrations.getPassword(row.id)),
    ].filter((password): password is string => password !== null);
  } finally {
    service.close();
  }
}

describe('dwid-bms demo', () => {
  it('leaves its passwords in no output or file', async () => {
    const result = await workspace.runWithData([
      'demo',
      '--compromises',
      '60',
      '--organizations',
      '6',
    ]);

    expect(result.status).toBe(0);
    const log = join(workspace.dataDir, 'logs', 'connector.log');
    expect(listFiles(workspace.dataDir)).toContain(log);
    expect(readFileSync(log, 'utf8')).toContain('"component":"sync"');
    const passwords = storedPasswords(workspace.dataDir);
    expect(passwords).toHaveLength(2);
    for (const password of passwords) {
      expect(result.stdout).not.toContain(password);
      expect(result.stderr).not.toContain(password);
      for (const file of listFiles(workspace.dataDir)) {
        const bytes = readFileSync(file);
        expect(bytes.includes(Buffer.from(password)), file).toBe(false);
        expect(
          bytes.includes(Buffer.from(password, 'utf16le')),
          `${file} as UTF-16`,
        ).toBe(false);
      }
    }
  });
});
