import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ConnectorError } from '../errors';

/**
 * Encrypts secrets before they reach the database. The key-file box below
 * serves the CLI and tests; the desktop app can provide one backed by the
 * operating system's keychain with the same type.
 */
export type SecretBox = {
  encrypt(plain: string): Buffer;
  /** Throws a `secret-unavailable` ConnectorError when `cipher` cannot be read. */
  decrypt(cipher: Buffer): string;
  /** False when the box cannot encrypt at all (for example, no keychain). */
  readonly isAvailable: boolean;
};

const KEY_FILE_NAME = 'secret.key';
const KEY_BYTES = 32;
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * Returns a SecretBox using AES-256-GCM with a random key kept in
 * `<dataDir>/secret.key` (mode 0600). The key is created on first use and
 * reused after. Each ciphertext is: format version (1 byte), IV (12 bytes),
 * authentication tag (16 bytes), encrypted UTF-8 data.
 */
export function createKeyFileSecretBox(dataDir: string): SecretBox {
  const keyFile = join(dataDir, KEY_FILE_NAME);
  let key: Buffer | undefined;
  const loadKey = (): Buffer => {
    key ??= loadOrCreateKey(dataDir, keyFile);
    return key;
  };
  return {
    isAvailable: true,
    encrypt: plain => encryptWithKey(loadKey(), plain),
    decrypt: cipher => decryptWithKey(loadKey(), cipher, keyFile),
  };
}

function loadOrCreateKey(dataDir: string, keyFile: string): Buffer {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    publishNewKey(keyFile);
  } catch (error) {
    if (!isFileExistsError(error)) {
      throw new ConnectorError(
        'storage',
        `Could not create the key file ${keyFile}; check that the folder ` +
          'exists and is writable.',
        { cause: error },
      );
    }
  }
  let stored: Buffer;
  try {
    stored = readFileSync(keyFile);
  } catch (error) {
    throw new ConnectorError(
      'storage',
      `Could not read the key file ${keyFile}; check its permissions.`,
      { cause: error },
    );
  }
  if (stored.length !== KEY_BYTES) {
    throw new ConnectorError(
      'secret-unavailable',
      `The key file ${keyFile} has ${stored.length} bytes instead of ` +
        `${KEY_BYTES}. Restore it from a backup, or delete it and enter ` +
        'every stored password again.',
    );
  }
  return stored;
}

/**
 * Writes a fresh key to a private temporary file, then hard-links it to
 * `keyFile`. The link fails with EEXIST when the key already exists, so two
 * processes starting together never overwrite each other's key, and no
 * process can read a key file that is still being written.
 */
function publishNewKey(keyFile: string): void {
  const draft = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(draft, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
    linkSync(draft, keyFile);
  } finally {
    rmSync(draft, { force: true });
  }
}

function isFileExistsError(error: unknown): boolean {
  return (
    error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST'
  );
}

function encryptWithKey(key: Buffer, plain: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher: CipherGCM = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const version = Buffer.from([FORMAT_VERSION]);
  return Buffer.concat([version, iv, cipher.getAuthTag(), data]);
}

function decryptWithKey(key: Buffer, cipher: Buffer, keyFile: string): string {
  const unreadable = (cause?: unknown): ConnectorError =>
    new ConnectorError(
      'secret-unavailable',
      `A stored password could not be decrypted with the key in ${keyFile} ` +
        '(the key changed or the data was altered). Enter the password again.',
      { cause },
    );
  if (cipher.length < HEADER_BYTES || cipher[0] !== FORMAT_VERSION) {
    throw unreadable();
  }
  const iv = cipher.subarray(1, 1 + IV_BYTES);
  const tag = cipher.subarray(1 + IV_BYTES, HEADER_BYTES);
  try {
    const decipher: DecipherGCM = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const data = cipher.subarray(HEADER_BYTES);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString(
      'utf8',
    );
  } catch (error) {
    // The cause is the authentication failure from node:crypto, which does
    // not contain the plaintext.
    throw unreadable(error);
  }
}
