import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Returns the files under `dir` (relative paths, sorted) whose bytes
 * contain any of `secrets`, as UTF-8 or as UTF-16LE (SQLite's other text
 * encoding). Used after a soak on the data folder: the database, its WAL,
 * the lock file and the logs.
 */
export function findSecretLeaks(
  dir: string,
  secrets: readonly string[],
): string[] {
  const needles = secrets
    .filter(secret => secret !== '')
    .flatMap(secret => [
      Buffer.from(secret, 'utf8'),
      Buffer.from(secret, 'utf16le'),
    ]);
  const leaks: string[] = [];
  for (const file of listFiles(dir)) {
    const content = readFileSync(file);
    if (needles.some(needle => content.includes(needle))) {
      leaks.push(relative(dir, file));
    }
  }
  return leaks.sort();
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}
