import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { LATEST_SCHEMA_VERSION } from '../../main/store/migrate';
import { openStore } from '../../main/store/open-store';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import { makeTempDir } from './fixtures';

const OPEN_CHILD = fileURLToPath(
  new URL('./open-store-child.ts', import.meta.url),
);
const HOLD_CHILD = fileURLToPath(
  new URL('./hold-migration-child.ts', import.meta.url),
);
/** How long the other process keeps its migration open, in milliseconds. */
const HOLD_MS = 400;
const PROCESSES = 8;
/** Head start for every child to load its modules, in milliseconds. */
const START_DELAY_MS = 1500;

type ChildResult = { status: number | null; stdout: string; stderr: string };

function openInChild(dataDir: string, startAt: number): Promise<ChildResult> {
  return runChild([OPEN_CHILD, dataDir, String(startAt)]);
}

function runChild(args: readonly string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', status => resolve({ status, stdout, stderr }));
  });
}

describe('opening one fresh data folder from several processes', () => {
  it('migrates once and shares one key', async () => {
    const dataDir = join(makeTempDir(), 'data');
    const startAt = Date.now() + START_DELAY_MS;

    const results = await Promise.all(
      Array.from({ length: PROCESSES }, () => openInChild(dataDir, startAt)),
    );

    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const secretBox = createKeyFileSecretBox(dataDir);
    for (const result of results) {
      const output = JSON.parse(result.stdout) as {
        version: number;
        sealed: string;
      };
      expect(output.version).toBe(LATEST_SCHEMA_VERSION);
      // Every process sealed with the key that is on disk now.
      expect(secretBox.decrypt(Buffer.from(output.sealed, 'base64'))).toBe(
        'probe',
      );
    }
  });
});

describe('opening while another process is migrating', () => {
  it('waits for that migration instead of repeating it', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'connector.db');
    const holder = spawn(process.execPath, [
      '--import',
      'tsx',
      HOLD_CHILD,
      file,
      String(HOLD_MS),
    ]);
    await firstLine(holder.stdout);

    const store = openStore({ file, secretBox: createKeyFileSecretBox(dir) });

    expect(store.db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    store.close();
    expect(await exitCode(holder)).toBe(0);
  });
});

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
    });
    stream.on('end', () => reject(new Error(`no line; got "${text}"`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise(resolve => child.on('close', resolve));
}
