/** Text after inserting a token, and where the caret goes next. */
export type TokenInsertion = {
  readonly text: string;
  /** Caret offset just after the inserted token, in UTF-16 code units. */
  readonly caret: number;
};

/**
 * Inserts `[token]` into `text`, replacing the selection from `start` to
 * `end`. Offsets outside the text are clamped, so a caret that the browser
 * reports as null (passed as the text length) appends the token.
 */
export function insertToken(
  text: string,
  token: string,
  start: number,
  end: number = start,
): TokenInsertion {
  const from = clamp(Math.min(start, end), text.length);
  const to = clamp(Math.max(start, end), text.length);
  const inserted = `[${token}]`;
  return {
    text: text.slice(0, from) + inserted + text.slice(to),
    caret: from + inserted.length,
  };
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return length;
  return Math.max(0, Math.min(Math.trunc(offset), length));
}
