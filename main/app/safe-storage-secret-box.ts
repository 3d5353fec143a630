import { ConnectorError } from '../errors';
import type { SecretBox } from '../store/secret-box';

/**
 * The part of Electron's `safeStorage` that the box uses. The shell passes
 * `safeStorage` from 'electron', and tests pass a plain object. The synchronous
 * calls are deprecated in Electron 45 in favour of the async ones, but
 * SecretBox is synchronous because the repositories decrypt inside SQLite
 * transactions.
 */
export type SafeStorageApi = {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
  /** Linux only: the password manager in use, or 'basic_text' for none. */
  getSelectedStorageBackend?(): string;
};

/**
 * Linux backend that Electron falls back to without a keyring. It encrypts
 * with a fixed, publicly known password, so it counts as no encryption.
 */
export const PLAINTEXT_BACKEND = 'basic_text';

/**
 * Linux backend reported before the app's `ready` event. Until then
 * encryption counts as unavailable, so callers ask after `ready`.
 */
export const UNKNOWN_BACKEND = 'unknown';

// First byte of every ciphertext. The key-file box writes 1, so a password
// stored by the other box gets a message that names the cause.
const FORMAT_VERSION = 2;
const KEY_FILE_FORMAT_VERSION = 1;

/** Returns true when `safeStorage` really encrypts on this machine. */
export function isSafeStorageUsable(safeStorage: SafeStorageApi): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  const backend = safeStorage.getSelectedStorageBackend?.();
  return backend !== PLAINTEXT_BACKEND && backend !== UNKNOWN_BACKEND;
}

/**
 * Returns a SecretBox backed by the operating system's keychain through
 * Electron `safeStorage` (Keychain on macOS, DPAPI on Windows, libsecret or
 * KWallet on Linux). `isAvailable` is read on each access, because
 * encryption becomes available only after the app's `ready` event. While
 * it is false, `encrypt` throws instead of storing plaintext, and the shell
 * uses `chooseSecretStorage` to ask the user.
 */
export function createSafeStorageSecretBox(
  safeStorage: SafeStorageApi,
): SecretBox {
  return {
    get isAvailable() {
      return isSafeStorageUsable(safeStorage);
    },
    encrypt(plain) {
      if (!isSafeStorageUsable(safeStorage)) throw unavailableError();
      const data = safeStorage.encryptString(plain);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), data]);
    },
    decrypt: cipher => decryptWith(safeStorage, cipher),
  };
}

function decryptWith(safeStorage: SafeStorageApi, cipher: Buffer): string {
  if (cipher[0] === KEY_FILE_FORMAT_VERSION) {
    throw new ConnectorError(
      'secret-unavailable',
      'A stored password was encrypted with the key file, not with the ' +
        'system keychain this app now uses. Enter the password again.',
    );
  }
  if (cipher.length < 2 || cipher[0] !== FORMAT_VERSION) {
    throw unreadableError();
  }
  if (!safeStorage.isEncryptionAvailable()) throw unavailableError();
  try {
    return safeStorage.decryptString(cipher.subarray(1));
  } catch (error) {
    // Electron's message names the keychain failure, never the plaintext.
    throw unreadableError(error);
  }
}

function unavailableError(): ConnectorError {
  return new ConnectorError(
    'secret-unavailable',
    'The system keychain is not available (Electron safeStorage reports no ' +
      'encryption), so passwords can be neither stored nor read. Unlock or ' +
      'set up the keychain, or choose the key file in the data folder, and ' +
      'enter the password again.',
  );
}

function unreadableError(cause?: unknown): ConnectorError {
  return new ConnectorError(
    'secret-unavailable',
    'A stored password could not be decrypted with the system keychain ' +
      '(the data folder was copied from another user or machine, or the ' +
      'keychain was reset). Enter the password again.',
    { cause },
  );
}

/** The user's answer to the key-file question, when they gave one. */
export type SecretStorageUserChoice = 'key-file' | 'cancel';

/**
 * Storage the shell uses for passwords: `safe-storage`, `key-file` after
 * the user accepted it, `ask` to show `KEY_FILE_PROMPT` first, or `cancelled`
 * when the user declined. On `cancelled` the shell stores no password, and
 * syncs fail with `secret-unavailable` until the user enters one again.
 */
export type SecretStorageDecision =
  'safe-storage' | 'key-file' | 'ask' | 'cancelled';

/** Inputs of `chooseSecretStorage`. */
export type SecretStorageFacts = {
  /** `safeStorage.isEncryptionAvailable()`, read after `ready`. */
  readonly safeStorageAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()` on Linux, else undefined. */
  readonly backend?: string;
  /** The remembered choice at `KEY_FILE_PROMPT`, if the user made one. */
  readonly userChoice?: SecretStorageUserChoice;
};

/**
 * Decides where passwords go. The keychain wins whenever it really
 * encrypts. Without it, passwords never fall back to plaintext or to the
 * key file silently: the user must accept the key file first.
 */
export function chooseSecretStorage(
  facts: SecretStorageFacts,
): SecretStorageDecision {
  const backendEncrypts =
    facts.backend !== PLAINTEXT_BACKEND && facts.backend !== UNKNOWN_BACKEND;
  if (facts.safeStorageAvailable && backendEncrypts) return 'safe-storage';
  if (facts.userChoice === 'key-file') return 'key-file';
  if (facts.userChoice === 'cancel') return 'cancelled';
  return 'ask';
}

/** Text and buttons of the question the shell shows on `ask`. */
export const KEY_FILE_PROMPT = {
  message: 'No system keychain is available to protect stored passwords.',
  detail:
    'The connector can keep its passwords encrypted with a key file in its ' +
    'data folder. The key file is protected by file permissions only: ' +
    'anyone who can read your data folder can read the passwords.',
  buttons: {
    'key-file': 'Use a key file in the data folder',
    cancel: 'Cancel',
  },
} as const;
