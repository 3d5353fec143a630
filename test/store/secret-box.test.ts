import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactText } from '../../main/log/logger';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import { catchConnectorError } from './catch-error';
import { integrationInput, makeTempDir } from './fixtures';
import { openStore } from '../../main/store/open-store';

describe('createKeyFileSecretBox', () => {
  it('round-trips text, including non-ASCII', () => {
    const box = createKeyFileSecretBox(makeTempDir());
    for (const plain of ['', 'p@ss', 'pässwörd ✓ 🔑', 'x'.repeat(10_000)]) {
      expect(box.decrypt(box.encrypt(plain))).toBe(plain);
    }
    expect(box.isAvailable).toBe(true);
  });

  it('creates a 32-byte key file with mode 0600', () => {
    const dir = join(makeTempDir(), 'nested', 'data');
    const box = createKeyFileSecretBox(dir);
    box.encrypt('create the key');
    const keyFile = join(dir, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile).length).toBe(32);
  });

  it('reuses the key file', () => {
    const dir = makeTempDir();
    const cipher = createKeyFileSecretBox(dir).encrypt('kept secret');
    const key = readFileSync(join(dir, 'secret.key'));
    expect(createKeyFileSecretBox(dir).decrypt(cipher)).toBe('kept secret');
    expect(readFileSync(join(dir, 'secret.key')).equals(key)).toBe(true);
  });

  it('writes version, IV and tag before the data', () => {
    const box = createKeyFileSecretBox(makeTempDir());
    const cipher = box.encrypt('abcdef');
    expect(cipher[0]).toBe(1);
    expect(cipher.length).toBe(1 + 12 + 16 + 6);
    const again = box.encrypt('abcdef');
    expect(again.subarray(1, 13).equals(cipher.subarray(1, 13))).toBe(false);
  });

  it('keeps the plaintext out of the ciphertext', () => {
    const box = createKeyFileSecretBox(makeTempDir());
    const plain = 'CANARY-plaintext-0123456789';
    const cipher = box.encrypt(plain);
    expect(cipher.includes(Buffer.from(plain))).toBe(false);
    expect(cipher.toString('latin1')).not.toContain('CANARY');
  });

  it('raises secret-unavailable for a wrong key', () => {
    const cipher =
      createKeyFileSecretBox(makeTempDir()).encrypt('top-secret-1');
    const other = createKeyFileSecretBox(makeTempDir());
    const error = catchConnectorError(() => other.decrypt(cipher));
    expect(error.code).toBe('secret-unavailable');
    expect(error.message).toContain('Enter the password again');
    expect(error.message).not.toContain('top-secret-1');
  });

  it('raises secret-unavailable for tampered data', () => {
    const box = createKeyFileSecretBox(makeTempDir());
    const cipher = box.encrypt('top-secret-2');
    const tampered = Buffer.from(cipher);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0xff;
    expect(catchConnectorError(() => box.decrypt(tampered)).code).toBe(
      'secret-unavailable',
    );
    const badVersion = Buffer.from(cipher);
    badVersion[0] = 9;
    expect(catchConnectorError(() => box.decrypt(badVersion)).code).toBe(
      'secret-unavailable',
    );
    expect(catchConnectorError(() => box.decrypt(Buffer.alloc(5))).code).toBe(
      'secret-unavailable',
    );
  });

  it('rejects a key file of the wrong size', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(7), { mode: 0o600 });
    const error = catchConnectorError(() =>
      createKeyFileSecretBox(dir).encrypt('x'),
    );
    expect(error.code).toBe('secret-unavailable');
    expect(error.message).toContain('7 bytes');
    expect(error.message).toContain(join(dir, 'secret.key'));
  });
});

describe('store secrets', () => {
  it('registers decrypted passwords for log masking', () => {
    const store = openStore({
      file: ':memory:',
      secretBox: createKeyFileSecretBox(makeTempDir()),
    });
    const secret = 'registered-Secret-7391';
    const { id } = store.integrations.create(
      integrationInput({ password: secret }),
    );
    expect(store.integrations.getPassword(id)).toBe(secret);
    expect(redactText(`token ${secret} failed`)).toBe(
      'token [redacted] failed',
    );
    store.close();
  });

  it('raises secret-unavailable after the key changes', () => {
    const dir = makeTempDir();
    const file = join(dir, 'app.db');
    const first = openStore({ file, secretBox: createKeyFileSecretBox(dir) });
    first.source.save({
      url: 'https://dwid.test',
      username: 'u',
      password: 'pw-1234',
    });
    first.close();
    const second = openStore({
      file,
      secretBox: createKeyFileSecretBox(makeTempDir()),
    });
    expect(catchConnectorError(() => second.source.getPassword()).code).toBe(
      'secret-unavailable',
    );
    second.close();
  });
});
