import { copyFileSync, constants, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';

import { getLogger } from '../log/logger';

/** File name of the preferences inside the app's user-data folder. */
export const PREFERENCES_FILE = 'preferences.json';

const windowBoundsSchema = z.object({
  /** Absent until the window was first moved, so it opens centred. */
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
  isMaximized: z.boolean(),
});

/**
 * Desktop preferences. A missing key takes its default, so a file from an
 * older version stays valid. Keys this version does not know are dropped.
 */
export const preferencesSchema = z.object({
  windowBounds: windowBoundsSchema.default({
    width: 1280,
    height: 820,
    isMaximized: false,
  }),
  /** Minutes between the end of one timed sync and the start of the next. */
  pollIntervalMinutes: z.number().int().min(1).max(1440).default(15),
  startAtLogin: z.boolean().default(false),
  /** True when the technician paused timed syncs from the tray. */
  isPaused: z.boolean().default(false),
  /**
   * True once the technician agreed to keep passwords under the key file on
   * a machine without a usable keychain, so the question is asked once.
   */
  acceptsKeyFile: z.boolean().default(false),
});

export type Preferences = z.infer<typeof preferencesSchema>;
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

/** Preferences with every default, as a new install starts. */
export const DEFAULT_PREFERENCES: Preferences = preferencesSchema.parse({});

/**
 * The part of electron-store (and of `conf`, its base class) used here: the
 * file path, and the whole object, which each get reads from disk and each
 * set writes back.
 */
export type PreferencesBackend = {
  readonly path: string;
  store: Record<string, unknown>;
};

export type PreferencesOptions = {
  /** Absolute path of the preferences file. */
  readonly file: string;
  /** Opens the store on `file`, after an invalid file was moved away. */
  readonly openBackend: (file: string) => PreferencesBackend;
  readonly now?: () => Date;
};

/**
 * Validated preferences on top of electron-store. An unreadable or invalid
 * file never stops the app: it is copied next to itself with a timestamp
 * suffix (`preferences.json.invalid-2025-01-31T08-00-00-000Z`), replaced by
 * the defaults, and a warning is logged.
 */
export class PreferencesStore {
  private readonly backend: PreferencesBackend;
  private readonly now: () => Date;

  private constructor(backend: PreferencesBackend, now: () => Date) {
    this.backend = backend;
    this.now = now;
  }

  /**
   * Checks the file, moves it aside when invalid, then opens the store and
   * writes the complete, validated preferences back.
   */
  static open(options: PreferencesOptions): PreferencesStore {
    const now = options.now ?? (() => new Date());
    // electron-store reads the file in its constructor and throws on invalid
    // JSON, so an invalid file must be gone before it opens.
    const problem = checkFile(options.file);
    if (problem !== null) backUpInvalid(options.file, problem, now());

    const store = new PreferencesStore(options.openBackend(options.file), now);
    store.write(store.get());
    return store;
  }

  /** Path of the preferences file. */
  get path(): string {
    return this.backend.path;
  }

  /**
   * Reads and validates the preferences. A file made invalid while the app
   * runs is backed up and reset, like at start.
   */
  get(): Preferences {
    let raw: unknown;
    try {
      raw = this.backend.store;
    } catch (error) {
      if (error instanceof SyntaxError) return this.reset(error.message);
      // Not the content's fault (permissions, say): keep the file for the
      // technician to fix, and run on defaults meanwhile.
      getLogger('preferences').error(
        { err: error, file: this.backend.path },
        'reading the preferences failed; using defaults',
      );
      return DEFAULT_PREFERENCES;
    }
    const parsed = preferencesSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    return this.reset(z.prettifyError(parsed.error));
  }

  /**
   * Changes some preferences and writes them at once. Throws a RangeError
   * naming each invalid value, and then writes nothing.
   */
  update(changes: Partial<Preferences>): Preferences {
    const parsed = preferencesSchema.safeParse({ ...this.get(), ...changes });
    if (!parsed.success) {
      throw new RangeError(
        `Invalid preferences: ${z.prettifyError(parsed.error)}`,
      );
    }
    this.write(parsed.data);
    return parsed.data;
  }

  private reset(problem: string): Preferences {
    backUpInvalid(this.backend.path, problem, this.now());
    this.write(DEFAULT_PREFERENCES);
    return DEFAULT_PREFERENCES;
  }

  private write(preferences: Preferences): void {
    this.backend.store = { ...preferences };
  }
}

/** Returns why the file is invalid, or null when it is valid or absent. */
function checkFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return null;
    return describeError(error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return describeError(error);
  }
  const parsed = preferencesSchema.safeParse(value);
  return parsed.success ? null : z.prettifyError(parsed.error);
}

/**
 * Copies the invalid file next to itself with a timestamp suffix, then
 * removes it. A failed copy is logged and the file is removed anyway, since
 * preferences are cheap to set again and the app must start.
 */
function backUpInvalid(file: string, problem: string, now: Date): void {
  const backup = `${file}.invalid-${now.toISOString().replace(/[:.]/g, '-')}`;
  const logger = getLogger('preferences');
  try {
    copyFileSync(file, backup, constants.COPYFILE_EXCL);
  } catch (error) {
    if (isMissingFile(error)) return;
    logger.error(
      { err: error, file, backup },
      'backing up the invalid preferences file failed',
    );
  }
  try {
    rmSync(file, { force: true });
  } catch (error) {
    logger.error(
      { err: error, file },
      'removing the invalid preferences failed',
    );
  }
  logger.warn(
    { file, backup, problem },
    'preferences file is invalid; backed up and reset to defaults',
  );
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
