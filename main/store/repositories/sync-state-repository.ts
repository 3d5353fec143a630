import type { StoreContext } from '../store-context';

/** Small named values that outlive a run, such as the compromise watermark. */
export class SyncStateRepository {
  constructor(private readonly context: StoreContext) {}

  get(key: string): string | null {
    const value = this.context
      .statement<string>('SELECT value FROM sync_state WHERE key = ?')
      .pluck()
      .get(key);
    return value ?? null;
  }

  set(key: string, value: string): void {
    this.context
      .statement(
        `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value,
           updated_at = excluded.updated_at`,
      )
      .run(key, value, this.context.nowIso());
  }
}
