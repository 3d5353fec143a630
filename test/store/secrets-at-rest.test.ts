import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/open-store';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import {
  compromise,
  integrationInput,
  makeTempDir,
  organization,
} from './fixtures';

const CANARY = 'CANARY-pw-5f3a9c1e-do-not-store';

/** Returns `text` in each encoding SQLite can store text in. */
function encodings(text: string): Buffer[] {
  const utf16le = Buffer.from(text, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  return [Buffer.from(text, 'utf8'), utf16le, utf16be];
}

describe('database file', () => {
  it('never contains a planted password in plain text', () => {
    const dir = makeTempDir();
    const file = join(dir, 'app.db');
    const store = openStore({ file, secretBox: createKeyFileSecretBox(dir) });
    store.source.save({
      url: 'https://dwid.test',
      username: 'source-user',
      password: CANARY,
    });
    const { id } = store.integrations.create(
      integrationInput({ password: CANARY }),
    );
    store.organizations.upsertMany([organization('org-1', 'Org One')]);
    store.compromises.upsertMany([
      compromise('c-1', 'org-1', { password: CANARY }),
    ]);
    expect(store.compromises.get('c-1')?.password).toBe(CANARY);
    expect(store.integrations.getPassword(id)).toBe(CANARY);

    // Read the WAL while the store is open (before it is checkpointed into
    // the main file), then the main file after close.
    const walFile = `${file}-wal`;
    expect(existsSync(walFile)).toBe(true);
    const walBytes = readFileSync(walFile);
    expect(walBytes.length).toBeGreaterThan(0);
    store.close();
    const files = readdirSync(dir).map(name => join(dir, name));
    const snapshots = [walBytes, ...files.map(path => readFileSync(path))];

    for (const bytes of snapshots) {
      for (const needle of encodings(CANARY)) {
        expect(bytes.includes(needle)).toBe(false);
      }
    }
    // The same bytes do contain the non-secret values, so the search works.
    expect(snapshots.some(bytes => bytes.includes('source-user'))).toBe(true);
  });
});
