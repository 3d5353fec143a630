import { dialog, safeStorage } from 'electron';

import type { SecretBox } from '../store/secret-box';
import {
  chooseSecretStorage,
  createSafeStorageSecretBox,
  KEY_FILE_PROMPT,
  type SecretStorageUserChoice,
} from './safe-storage-secret-box';

/** Storage of the technician's choice at the key-file question. */
export type KeyFileConsent = {
  readonly hasAccepted: () => boolean;
  readonly recordAccepted: () => void;
};

/**
 * Returns the SecretBox for stored passwords: the system keychain when it
 * encrypts, else the key file once the technician accepts it (asked once,
 * then remembered in `consent`). On refusal the keychain box is used
 * anyway, whose `encrypt` throws, so no password is stored in plaintext.
 * Undefined means the service's key-file default. Call after the app's
 * `ready` event.
 */
export function chooseSecretBox(
  consent: KeyFileConsent,
): SecretBox | undefined {
  const facts = {
    safeStorageAvailable: safeStorage.isEncryptionAvailable(),
    backend:
      process.platform === 'linux'
        ? safeStorage.getSelectedStorageBackend()
        : undefined,
  };
  let decision = chooseSecretStorage(facts);
  if (decision === 'ask') {
    const userChoice = consent.hasAccepted() ? 'key-file' : askUser();
    decision = chooseSecretStorage({ ...facts, userChoice });
    if (decision === 'key-file') consent.recordAccepted();
  }
  return decision === 'key-file'
    ? undefined
    : createSafeStorageSecretBox(safeStorage);
}

function askUser(): SecretStorageUserChoice {
  const choices: SecretStorageUserChoice[] = ['key-file', 'cancel'];
  const answer = dialog.showMessageBoxSync({
    type: 'warning',
    message: KEY_FILE_PROMPT.message,
    detail: KEY_FILE_PROMPT.detail,
    buttons: choices.map(choice => KEY_FILE_PROMPT.buttons[choice]),
    defaultId: 1,
    cancelId: 1,
  });
  return choices[answer] ?? 'cancel';
}
