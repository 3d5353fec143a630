import type { TicketField } from '../../../shared/ticket-fields';
import { TICKET_FIELDS, findTicketField } from '../../../shared/ticket-fields';
import { TOKENS } from '../../../shared/tokens';
import type { FieldMappings, FieldProblem } from './field-mappings';
import {
  idHint,
  parseIdText,
  quote,
  routingProblem,
  unknownLabelProblem,
} from './field-checks';
import { findTokens } from './render';
import { suggestToken } from './token-suggestion';

/**
 * Entry of a cached BMS lookup: a bare id, or an id with its name so that
 * messages can list the valid choices by name.
 */
export type LookupEntry =
  number | { readonly id: number; readonly name: string };

/** Cached BMS lookups. A missing or empty list skips the membership check. */
export type MappingLookups = {
  status?: readonly LookupEntry[];
  priority?: readonly LookupEntry[];
  queue?: readonly LookupEntry[];
};

/** Maximum number of lookup entries a message lists before counting the rest. */
const LISTED_ENTRIES_MAX = 20;

// A content that is one bracketed token and nothing else, e.g. ` [uuid] `.
const SINGLE_TOKEN_PATTERN = /^\[[^[\]\r\n]+\]$/;

const LOOKUP_NOUNS = {
  status: 'ticket status',
  priority: 'ticket priority',
  queue: 'queue',
} as const;

/**
 * Checks field mappings before they are saved and returns every problem
 * found, each naming its field. An integer field that contains one known token
 * passes here, because its value is only known when a ticket is built.
 */
export function validateFieldMappings(
  mappings: FieldMappings,
  options: { lookups?: MappingLookups } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of TICKET_FIELDS) {
    const content = mappings[field.label] ?? '';
    if (content.trim() === '') {
      if (field.required) {
        problems.push(requiredProblem(field));
      }
      continue;
    }
    problems.push(...tokenProblems(field.label, content));
    if (field.kind === 'integer') {
      problems.push(...idProblems(field, content, options.lookups ?? {}));
    }
  }
  for (const label of Object.keys(mappings)) {
    if (findTicketField(label) === undefined) {
      problems.push(unknownLabelProblem(label));
    }
  }
  if (!isMapped(mappings, 'Queue') && !isMapped(mappings, 'Assignee')) {
    problems.push(routingProblem());
  }
  return problems;
}

export { defaultFieldMappings } from '../../../shared/default-field-mappings';

function requiredProblem(field: TicketField): FieldProblem {
  const hint =
    field.kind === 'integer'
      ? idHint(field.label)
      : 'Enter text, which may contain tokens such as [search_value].';
  return { field: field.label, message: `required mapping is empty. ${hint}` };
}

function tokenProblems(label: string, content: string): FieldProblem[] {
  return findTokens(content).unknown.map(token => {
    const suggestion = suggestToken(token.slice(1, -1));
    const advice =
      suggestion === undefined
        ? `Known tokens: ${TOKENS.map(t => `[${t.name}]`).join(', ')}.`
        : `Did you mean [${suggestion}]?`;
    return {
      field: label,
      message: `${token} is not a known token. ${advice}`,
    };
  });
}

function idProblems(
  field: TicketField,
  content: string,
  lookups: MappingLookups,
): FieldProblem[] {
  const trimmed = content.trim();
  // One known token is checked when a ticket is built, and one unknown token
  // is already reported by tokenProblems.
  if (SINGLE_TOKEN_PATTERN.test(trimmed)) {
    return [];
  }

  const tokens = findTokens(trimmed);
  if (tokens.known.length > 0 || tokens.unknown.length > 0) {
    return [
      {
        field: field.label,
        message: `${quote(trimmed)} must be a whole number or exactly one token. ${idHint(field.label)}`,
      },
    ];
  }
  const parsed = parseIdText(field, trimmed);
  if (!parsed.ok) {
    return [{ field: field.label, message: parsed.message }];
  }

  return lookupProblems(field, parsed.value, lookups);
}

/** Checks that an id is in its field's cached lookup, when there is one. */
function lookupProblems(
  field: TicketField,
  id: number,
  lookups: MappingLookups,
): FieldProblem[] {
  if (field.lookup === undefined) {
    return [];
  }
  const lookup = lookups[field.lookup] ?? [];
  if (lookup.length === 0 || lookup.some(entry => entryId(entry) === id)) {
    return [];
  }

  const noun = LOOKUP_NOUNS[field.lookup];
  return [
    {
      field: field.label,
      message: `${id} is not a ${noun} in Kaseya BMS. Valid ids: ${listEntries(lookup)}.`,
    },
  ];
}

function entryId(entry: LookupEntry): number {
  return typeof entry === 'number' ? entry : entry.id;
}

function listEntries(lookup: readonly LookupEntry[]): string {
  const listed = lookup
    .slice(0, LISTED_ENTRIES_MAX)
    .map(entry =>
      typeof entry === 'number' ? String(entry) : `${entry.id} (${entry.name})`,
    );
  const remaining = lookup.length - listed.length;
  return remaining > 0
    ? `${listed.join(', ')} and ${remaining} more`
    : listed.join(', ');
}

function isMapped(mappings: FieldMappings, label: string): boolean {
  return (mappings[label] ?? '').trim() !== '';
}
