import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  chooseSecretStorage,
  createSafeStorageSecretBox,
  type SafeStorageApi,
  type SecretStorageFacts,
} from '../../main/app/safe-storage-secret-box';
import { ConnectorError } from '../../main/errors';
import {
  demoFieldMappings,
  EMULATOR_BMS_TENANT,
  EMULATOR_BMS_USERNAME,
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
  type SeededEmulators,
} from '../../main/emulators/seeded-emulators';
import { ConnectorService } from '../../main/service/connector-service';
import { createKeyFileSecretBox } from '../../main/store/secret-box';
import { FAST_CLIENTS } from '../support/harness';

/**
 * Stands in for Electron safeStorage: AES-256-GCM under a key that plays
 * the keychain. A new keyring (another user, a reset) has another key.
 */
function keyring(
  options: { available?: boolean; backend?: string } = {},
): SafeStorageApi {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher: CipherGCM = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decryptString(encrypted) {
      const decipher: DecipherGCM = createDecipheriv(
        'aes-256-gcm',
        key,
        encrypted.subarray(0, 12),
      );
      decipher.setAuthTag(encrypted.subarray(12, 28));
      const data = encrypted.subarray(28);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

function catchError(fn: () => unknown): ConnectorError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

const folders: string[] = [];
let emulators: SeededEmulators | undefined;

afterEach(async () => {
  await emulators?.close();
  emulators = undefined;
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dwid-bms-app-'));
  folders.push(folder);
  return folder;
}

describe('safeStorage secret box', () => {
  it('round-trips a password', () => {
    const box = createSafeStorageSecretBox(keyring());
    const cipher = box.encrypt('Hunter2-secret');

    expect(box.isAvailable).toBe(true);
    expect(cipher.toString('latin1')).not.toContain('Hunter2-secret');
    expect(box.decrypt(cipher)).toBe('Hunter2-secret');
  });

  it('rejects encryption without a keychain', () => {
    const box = createSafeStorageSecretBox(keyring({ available: false }));
    const error = catchError(() => box.encrypt('Hunter2-secret'));

    expect(box.isAvailable).toBe(false);
    expect(error.code).toBe('secret-unavailable');
    expect(error.message).toContain('key file');
  });

  it('treats the basic_text backend as unavailable', () => {
    const box = createSafeStorageSecretBox(keyring({ backend: 'basic_text' }));
    const error = catchError(() => box.encrypt('Hunter2-secret'));

    expect(box.isAvailable).toBe(false);
    expect(error.code).toBe('secret-unavailable');
  });

  it('reports a reset keychain as secret-unavailable', () => {
    const cipher = createSafeStorageSecretBox(keyring()).encrypt('Hunter2');
    const error = catchError(() =>
      createSafeStorageSecretBox(keyring()).decrypt(cipher),
    );

    expect(error.code).toBe('secret-unavailable');
    expect(error.message).toContain('Enter the password again');
    expect(error.message).not.toContain('Hunter2');
  });

  it('names a password stored by the key file', () => {
    const folder = tempFolder();
    const cipher = createKeyFileSecretBox(folder).encrypt('Hunter2');
    const error = catchError(() =>
      createSafeStorageSecretBox(keyring()).decrypt(cipher),
    );

    expect(error.code).toBe('secret-unavailable');
    expect(error.message).toContain('key file');
  });

  it('rejects an empty ciphertext', () => {
    const error = catchError(() =>
      createSafeStorageSecretBox(keyring()).decrypt(Buffer.alloc(0)),
    );

    expect(error.code).toBe('secret-unavailable');
  });
});

describe('chooseSecretStorage', () => {
  const cases: [SecretStorageFacts, string][] = [
    [{ safeStorageAvailable: true }, 'safe-storage'],
    [{ safeStorageAvailable: true, backend: 'kwallet6' }, 'safe-storage'],
    [{ safeStorageAvailable: true, userChoice: 'key-file' }, 'safe-storage'],
    [{ safeStorageAvailable: true, backend: 'basic_text' }, 'ask'],
    [{ safeStorageAvailable: true, backend: 'unknown' }, 'ask'],
    [{ safeStorageAvailable: false }, 'ask'],
    [{ safeStorageAvailable: false, userChoice: 'key-file' }, 'key-file'],
    [{ safeStorageAvailable: false, userChoice: 'cancel' }, 'cancelled'],
    [
      {
        safeStorageAvailable: true,
        backend: 'basic_text',
        userChoice: 'key-file',
      },
      'key-file',
    ],
  ];
  for (const [facts, expected] of cases) {
    it(`returns ${expected} for ${JSON.stringify(facts)}`, () => {
      expect(chooseSecretStorage(facts)).toBe(expected);
    });
  }
});

describe('service with an unreadable keychain', () => {
  it('records secret-unavailable and syncs nothing', async () => {
    const started = await startSeededEmulators({
      seed: { seed: 7, organizations: 4, compromises: 20 },
    });
    emulators = started;
    const dataDir = tempFolder();
    const configured = ConnectorService.open({
      dataDir,
      clientTuning: FAST_CLIENTS,
      secretBox: createSafeStorageSecretBox(keyring()),
    });
    applyEmulatorConfig(configured, started);
    configured.close();

    // The same folder after the keychain was reset: every decrypt throws.
    const service = ConnectorService.open({
      dataDir,
      clientTuning: FAST_CLIENTS,
      secretBox: createSafeStorageSecretBox(keyring()),
    });
    try {
      const report = await service.sync();
      const errors = service.store.errors.list(1);

      expect(report.source.error).toContain('Enter the password again');
      expect(report.integrations[0]?.error).toContain(
        'Enter the password again',
      );
      expect(errors.map(e => e.code)).toEqual([
        'secret-unavailable',
        'secret-unavailable',
      ]);
      expect(errors.map(e => e.operation).sort()).toEqual([
        'bms.connect',
        'dwid.connect',
      ]);
      expect(started.bms.tickets).toHaveLength(0);
      expect(service.store.engineLease.get()).toBeNull();
    } finally {
      service.close();
    }
  });
});

function applyEmulatorConfig(
  service: ConnectorService,
  started: SeededEmulators,
): void {
  service.apply(
    {
      source: {
        url: started.dwid.url,
        username: EMULATOR_DWID_USERNAME,
        passwordEnv: 'DWID_PASSWORD',
      },
      integrations: [
        {
          name: 'Main BMS',
          bmsUrl: started.bms.url,
          username: EMULATOR_BMS_USERNAME,
          passwordEnv: 'BMS_PASSWORD',
          company: EMULATOR_BMS_TENANT,
          fieldMappings: demoFieldMappings(),
          organizations: '*',
        },
      ],
    },
    {
      env: {
        DWID_PASSWORD: started.dwidPassword,
        BMS_PASSWORD: started.bmsPassword,
      },
    },
  );
}
