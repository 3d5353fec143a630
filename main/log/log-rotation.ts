import { renameSync, rmSync, statSync } from 'node:fs';

/** Size limit and number of files kept by log rotation. */
export type RotationOptions = {
  /** Size in bytes at which the current file is rotated. */
  readonly maxBytes: number;
  /** Files kept, the current one included. Rotation deletes the oldest. */
  readonly maxFiles: number;
};

/** 5 MiB per file and five files, so at most about 25 MiB of logs. */
export const DEFAULT_ROTATION: RotationOptions = {
  maxBytes: 5 * 1024 * 1024,
  maxFiles: 5,
};

/** Returns the name of rotated file `index`: `connector.log` → `connector.2.log`. */
export function rotatedFileName(file: string, index: number): string {
  const match = /^(.*?)(\.[^./\\]*)?$/.exec(file);
  const stem = match?.[1] ?? file;
  const extension = match?.[2] ?? '';
  return `${stem}.${index}${extension}`;
}

/**
 * Shifts `file` to `file.1`, `file.1` to `file.2` and so on, deleting the
 * file that would become number `maxFiles`. Missing files are skipped.
 */
export function shiftLogFiles(file: string, maxFiles: number): void {
  const oldest = Math.max(1, maxFiles - 1);
  rmSync(rotatedFileName(file, oldest), { force: true });
  for (let index = oldest - 1; index >= 1; index -= 1) {
    renameIfExists(
      rotatedFileName(file, index),
      rotatedFileName(file, index + 1),
    );
  }
  if (maxFiles > 1) renameIfExists(file, rotatedFileName(file, 1));
  else rmSync(file, { force: true });
}

/**
 * Rotates `file` when it has reached `options.maxBytes`. Returns the size
 * of `file` afterwards in bytes, 0 when it is missing or was rotated.
 */
export function rotateIfLarge(file: string, options: RotationOptions): number {
  const size = fileSize(file);
  if (size < options.maxBytes) return size;
  shiftLogFiles(file, options.maxFiles);
  return 0;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
