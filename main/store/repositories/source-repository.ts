import { ConnectorError } from '../../errors';
import type { StoreContext } from '../store-context';

/** The Dark Web ID connection, without its password. */
export type SourceAccount = {
  readonly url: string;
  readonly username: string;
  readonly hasPassword: boolean;
  readonly updatedAt: string;
};

export type SourceAccountInput = {
  readonly url: string;
  readonly username: string;
  /** Undefined keeps the stored password, and null removes it. */
  readonly password?: string | null;
};

type SourceRow = {
  url: string;
  username: string;
  password_secret: Buffer | null;
  updated_at: string;
};

/** The single `source_account` row (its id is always 1). */
export class SourceRepository {
  constructor(private readonly context: StoreContext) {}

  get(): SourceAccount | null {
    const row = this.readRow();
    if (row === undefined) return null;
    return {
      url: row.url,
      username: row.username,
      hasPassword: row.password_secret !== null,
      updatedAt: row.updated_at,
    };
  }

  /** Decrypts the stored password. Returns null when none is stored. */
  getPassword(): string | null {
    const row = this.readRow();
    return row === undefined
      ? null
      : this.context.openSecret(row.password_secret);
  }

  save(input: SourceAccountInput): void {
    if (input.url.trim() === '' || input.username.trim() === '') {
      throw new ConnectorError(
        'validation',
        'The Dark Web ID URL and username must not be empty; fill in both.',
      );
    }
    const keepPassword = input.password === undefined;
    this.context
      .statement(
        `INSERT INTO source_account (id, url, username, password_secret, updated_at)
         VALUES (1, @url, @username, @secret, @now)
         ON CONFLICT (id) DO UPDATE SET
           url = excluded.url,
           username = excluded.username,
           password_secret = CASE WHEN @keepPassword = 1
             THEN source_account.password_secret
             ELSE excluded.password_secret END,
           updated_at = excluded.updated_at`,
      )
      .run({
        url: input.url,
        username: input.username,
        secret: this.context.sealSecret(input.password ?? null),
        keepPassword: keepPassword ? 1 : 0,
        now: this.context.nowIso(),
      });
  }

  private readRow(): SourceRow | undefined {
    return this.context
      .statement<SourceRow>(
        `SELECT url, username, password_secret, updated_at
         FROM source_account WHERE id = 1`,
      )
      .get();
  }
}
