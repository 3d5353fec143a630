import type { FieldProblem } from '../../../../shared/errors';

/** One problem of a `validation` error, with the field it names if known. */
export type ValidationProblem = {
  /** Label of the field the problem names, or null when none matched. */
  readonly field: string | null;
  /** The problem without the field label. */
  readonly message: string;
};

export type ParsedValidation = {
  /** Text before the first problem, e.g. "The integration was not saved". */
  readonly summary: string;
  readonly problems: readonly ValidationProblem[];
};

/**
 * Lists the problems of a `validation` error that carries them one by one.
 * The summary is the message's text before its first problem.
 */
export function fromFieldProblems(
  message: string,
  problems: readonly FieldProblem[],
): ParsedValidation {
  const end = message.indexOf(': ');
  return {
    summary: end >= 0 ? message.slice(0, end) : message,
    problems: problems.map(({ field, message: text }) => ({
      field,
      message: text,
    })),
  };
}

/**
 * Splits a `validation` message into the problems it lists, for an error
 * that does not carry them one by one. The engine
 * writes each problem as `Label: message` and joins them with `; `, so a
 * part that starts with none of `labels` continues the previous problem
 * (a message may contain `; ` itself). The first part may carry a lead-in
 * ending in `: ` before its label.
 */
export function parseValidationMessage(
  message: string,
  labels: readonly string[],
): ParsedValidation {
  const parts = message.split('; ');
  const first = splitLeadIn(parts[0] ?? '', labels);
  const problems: ValidationProblem[] = [];
  if (first.problem !== null) problems.push(first.problem);

  for (const part of parts.slice(1)) {
    const leading = findLeadingLabel(part, labels);
    const previous = problems.at(-1);
    if (leading !== null) {
      problems.push(leading);
    } else if (previous === undefined) {
      problems.push({ field: null, message: part });
    } else {
      problems[problems.length - 1] = {
        ...previous,
        message: `${previous.message}; ${part}`,
      };
    }
  }
  return { summary: first.summary, problems };
}

function splitLeadIn(
  part: string,
  labels: readonly string[],
): { summary: string; problem: ValidationProblem | null } {
  const atStart = findLeadingLabel(part, labels);
  if (atStart !== null) return { summary: '', problem: atStart };
  // The earliest label after a colon ends the lead-in, because a problem's
  // own message may mention another label later.
  let earliest: { label: string; index: number } | null = null;
  for (const label of labels) {
    const index = part.indexOf(`: ${label}: `);
    if (index >= 0 && (earliest === null || index < earliest.index)) {
      earliest = { label, index };
    }
  }
  if (earliest !== null) {
    const { label, index } = earliest;
    return {
      summary: part.slice(0, index),
      problem: { field: label, message: part.slice(index + label.length + 4) },
    };
  }
  return { summary: part, problem: null };
}

/**
 * Returns the problem when `part` starts with a label: `Label: message`, or
 * a sentence `Label is …` kept whole. The engine writes the password
 * problem as a sentence, because the redaction of returned messages masks
 * the word after `Password:`.
 */
function findLeadingLabel(
  part: string,
  labels: readonly string[],
): ValidationProblem | null {
  for (const label of labels) {
    if (part.startsWith(`${label}: `)) {
      return { field: label, message: part.slice(label.length + 2) };
    }
    if (part.startsWith(`${label} is `)) return { field: label, message: part };
  }
  return null;
}
