import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';

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

export type LogOptions = {
  /** Log file; standard error when absent. */
  readonly file?: string;
  readonly level?: pino.LevelWithSilent;
};

function buildLogger(options: LogOptions): pino.Logger {
  if (options.file !== undefined) {
    // Log lines name leaked accounts, so the folders this creates (the data
    // folder too, when the CLI logs before opening it) are private.
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  }
  const destination = pino.destination({
    dest: options.file ?? 2,
    sync: true,
    mkdir: true,
  });
  return pino(
    {
      level: options.level ?? process.env.DWID_BMS_LOG_LEVEL ?? 'warn',
      redact: {
        paths: ['*.password', '*.token', '*.accessToken', '*.authorization'],
        censor: REDACTED,
      },
      hooks: { streamWrite: line => redactText(line) },
    },
    destination,
  );
}

let root = buildLogger({});

/** Sends later log lines to `options.file` (or standard error) at `level`. */
export function configureLogging(options: LogOptions): void {
  root = buildLogger(options);
}

/** Returns a child logger whose lines carry `component`. */
export function getLogger(component: string): pino.Logger {
  return root.child({ component });
}
