export { openStore, type Store, type StoreOptions } from './open-store';
export { createKeyFileSecretBox, type SecretBox } from './secret-box';
export {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  type Migration,
} from './migrate';
