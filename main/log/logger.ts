import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';

import {
  DEFAULT_ROTATION,
  rotateIfLarge,
  shiftLogFiles,
  type RotationOptions,
} from './log-rotation';

/**
 * The one logger of the main process. Every line passes through `redactText`
 * at the sink, so a secret registered with `registerSecret` cannot reach a
 * log file even when it hides inside an error message or a URL.
 */

const REDACTED = '[redacted]';
const knownSecrets = new Set<string>();

// Credentials that may appear in text whatever their value.
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(bearer|basic)\s+[A-Za-z0-9._~+/-]{12,}=*/gi,
  /(\b(?:password|accessToken|refreshToken|access_token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
];

/** Remembers a secret so that every later log line masks it. */
export function registerSecret(value: string | null | undefined): void {
  // Very short values would mask ordinary words; they are still never logged
  // on purpose, because no code path passes a password to the logger.
  if (value !== null && value !== undefined && value.length >= 4) {
    knownSecrets.add(value);
  }
}

/** Masks known secrets and credential-looking text in `text`. */
export function redactText(text: string): string {
  let result = text;
  for (const secret of knownSecrets) {
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  for (const pattern of CREDENTIAL_PATTERNS) {
    result = result.replace(pattern, (_match, prefix: string) =>
      /^(bearer|basic)$/i.test(prefix) ? REDACTED : `${prefix}${REDACTED}`,
    );
  }
  return result;
}

/** Name of the log file inside the log folder. */
export const LOG_FILE_NAME = 'connector.log';

/**
 * Returns the log file inside `folder`: `<dataDir>/logs` for the CLI, and
 * `app.getPath('logs')` for the desktop app.
 */
export function logFileIn(folder: string): string {
  return join(folder, LOG_FILE_NAME);
}

export type LogOptions = {
  /** Log file; standard error when absent. */
  readonly file?: string;
  readonly level?: pino.LevelWithSilent;
  /** Size-based rotation of `file`, DEFAULT_ROTATION when absent. */
  readonly rotation?: RotationOptions;
};

/**
 * Rotates the log file when the next line would take it past the limit.
 * Only this process's writes are counted. Another process appending to the
 * same file (the CLI while the desktop app runs) can push it past the limit
 * until one of them rotates. A process writing after another one rotated
 * keeps writing to the renamed file until it rotates itself.
 */
function createRotator(
  file: string,
  rotation: RotationOptions,
  destination: pino.DestinationStream & { reopen(): void },
  initialBytes: number,
): (line: string) => void {
  let written = initialBytes;
  return line => {
    const bytes = Buffer.byteLength(line);
    if (written > 0 && written + bytes > rotation.maxBytes) {
      shiftLogFiles(file, rotation.maxFiles);
      destination.reopen();
      written = 0;
    }
    written += bytes;
  };
}

function buildLogger(options: LogOptions): pino.Logger {
  const rotation = options.rotation ?? DEFAULT_ROTATION;
  let initialBytes = 0;
  if (options.file !== undefined) {
    // Log lines name leaked accounts, so the folders this creates (the data
    // folder too, when the CLI logs before opening it) are private.
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    initialBytes = rotateIfLarge(options.file, rotation);
  }
  const destination = pino.destination({
    dest: options.file ?? 2,
    sync: true,
    mkdir: true,
  });
  const rotate =
    options.file === undefined
      ? undefined
      : createRotator(options.file, rotation, destination, initialBytes);
  return pino(
    {
      level: options.level ?? process.env.DWID_BMS_LOG_LEVEL ?? 'warn',
      redact: {
        paths: ['*.password', '*.token', '*.accessToken', '*.authorization'],
        censor: REDACTED,
      },
      hooks: {
        streamWrite: line => {
          const redacted = redactText(line);
          rotate?.(redacted);
          return redacted;
        },
      },
    },
    destination,
  );
}

let root = buildLogger({});
let currentFile: string | undefined;

/** Sends later log lines to `options.file` (or standard error) at `level`. */
export function configureLogging(options: LogOptions): void {
  root = buildLogger(options);
  currentFile = options.file;
}

/**
 * Returns the folder of the current log file, for a "Show logs" menu item
 * (`shell.openPath(folder)`), or null while lines go to standard error.
 */
export function getLogFolder(): string | null {
  return currentFile === undefined ? null : dirname(currentFile);
}

/** Returns a child logger whose lines carry `component`. */
export function getLogger(component: string): pino.Logger {
  return root.child({ component });
}
