import type { TicketInputDto } from '../../clients/bms/ticket-input-dto';
import type { Compromise } from '../../../shared/domain';
import type { TicketField } from '../../../shared/ticket-fields';
import { TICKET_FIELDS, findTicketField } from '../../../shared/ticket-fields';
import type { TokenName } from '../../../shared/tokens';
import type { FieldMappings, FieldProblem } from './field-mappings';
import {
  ID_MAXIMUM,
  idHint,
  parseIdText,
  quote,
  routingProblem,
  unknownLabelProblem,
} from './field-checks';
import { trimToLength } from './graphemes';
import { appendMarker, detailsMinimumLength } from './marker';
import type { RenderResult } from './render';
import { renderTemplate } from './render';
import { tokenValues } from './token-values';

/** BMS account and location ids of the company a compromise matched. */
export type CompanyIds = { accountId: number; locationId: number };

export type BuildTicketInput = {
  compromise: Compromise;
  organizationName: string;
  mappings: FieldMappings;
  /** Matched BMS company, or null to use the Catchall mappings. */
  company: CompanyIds | null;
  openDate: Date;
  /** Maximum lengths in grapheme clusters, replacing the catalogue's. */
  maxLengths?: { Title?: number; Details?: number };
};

export type BuildResult =
  | {
      ok: true;
      ticket: TicketInputDto;
      isCatchall: boolean;
      /** Labels of the fields whose value was cut to the maximum length. */
      trimmedFields: string[];
      /** Tokens used by any rendered field, each once. */
      resolvedTokens: TokenName[];
    }
  | { ok: false; problems: FieldProblem[] };

/** Ids a ticket may carry besides the required ones. */
const OPTIONAL_ID_KEYS = [
  'QueueId',
  'AssigneeId',
  'ContactId',
  'IssueTypeId',
  'SubIssueTypeId',
  'ContractId',
  'WorkTypeId',
  'SLAId',
] as const satisfies readonly (keyof TicketInputDto)[];

const CATCHALL_LABELS: ReadonlySet<string> = new Set([
  'Catchall Account',
  'Catchall Location',
]);

type BuildState = {
  readonly input: BuildTicketInput;
  readonly values: Readonly<Record<TokenName, string>>;
  readonly problems: FieldProblem[];
  readonly trimmedFields: string[];
  readonly resolvedTokens: Set<TokenName>;
  /** Parsed ids keyed by `TicketInputDto` property, e.g. `TypeId`. */
  readonly ids: Map<string, number>;
  /** Rendered and trimmed texts keyed by `TicketInputDto` property. */
  readonly texts: Map<string, string>;
};

/**
 * Builds the BMS ticket for one compromise from the field mappings, or lists
 * every problem that prevents it. With a matched company its ids fill
 * AccountId and LocationId and the Catchall mappings are not read. With
 * `company` null the Catchall mappings fill them. Throws a RangeError when
 * `openDate` is an invalid Date.
 */
export function buildTicket(input: BuildTicketInput): BuildResult {
  if (Number.isNaN(input.openDate.getTime())) {
    throw new RangeError('openDate is an invalid Date');
  }

  const state: BuildState = {
    input,
    values: tokenValues(input.compromise, input.organizationName),
    problems: [],
    trimmedFields: [],
    resolvedTokens: new Set(),
    ids: new Map(),
    texts: new Map(),
  };

  for (const label of Object.keys(input.mappings)) {
    if (findTicketField(label) === undefined) {
      state.problems.push(unknownLabelProblem(label));
    }
  }
  for (const field of TICKET_FIELDS) {
    if (input.company === null || !CATCHALL_LABELS.has(field.label)) {
      applyField(field, state);
    }
  }
  if (input.company !== null) {
    applyCompany(input.company, state);
  }
  checkRouting(state);

  if (state.problems.length > 0) {
    return { ok: false, problems: state.problems };
  }
  return {
    ok: true,
    ticket: assembleTicket(state, input.openDate),
    isCatchall: input.company === null,
    trimmedFields: state.trimmedFields,
    resolvedTokens: [...state.resolvedTokens],
  };
}

function applyField(field: TicketField, state: BuildState): void {
  const content = state.input.mappings[field.label];
  if (content === undefined) {
    if (field.required) {
      state.problems.push({
        field: field.label,
        message: 'required mapping is missing. Every integration needs it.',
      });
    }
    return;
  }
  const rendered = renderTemplate(content, state.values);
  for (const name of rendered.resolvedTokens) {
    state.resolvedTokens.add(name);
  }
  if (field.kind === 'integer') {
    applyIdField(field, content, rendered, state);
  } else {
    applyTextField(field, content, rendered.text, state);
  }
}

function applyIdField(
  field: TicketField,
  content: string,
  rendered: RenderResult,
  state: BuildState,
): void {
  if (rendered.text.trim() === '') {
    if (field.required) {
      state.problems.push({
        field: field.label,
        message: `${emptyValue(content, rendered)}. ${idHint(field.label)}`,
      });
    }
    return;
  }
  // A value rendered from a token may be a password, so the message quotes
  // the content with its tokens instead of the value.
  const quotedValue =
    rendered.resolvedTokens.length > 0
      ? `the value rendered from ${quote(content.trim())}`
      : quote(rendered.text.trim());
  const parsed = parseIdText(field, rendered.text, quotedValue);
  if (parsed.ok) {
    state.ids.set(field.dtoField, parsed.value);
  } else {
    state.problems.push({ field: field.label, message: parsed.message });
  }
}

function applyTextField(
  field: TicketField,
  content: string,
  text: string,
  state: BuildState,
): void {
  if (text.trim() === '') {
    if (field.required) {
      const reason =
        content.trim() === ''
          ? 'required mapping is empty'
          : 'the text is empty after its tokens are replaced';
      state.problems.push({
        field: field.label,
        message: `${reason}. Enter text or a token that always has a value, such as [search_value].`,
      });
    }
    return;
  }
  const maxLength = maxLengthOf(field, state);
  if (maxLength === undefined) {
    return;
  }
  const result =
    field.dtoField === 'Details'
      ? appendMarker(text, state.input.compromise.uuid, maxLength)
      : trimToLength(text, maxLength);
  if (result.isTrimmed) {
    state.trimmedFields.push(field.label);
  }
  state.texts.set(field.dtoField, result.text);
}

/**
 * Returns the maximum length of a text field, or undefined after reporting a
 * problem when the configured maximum cannot hold a value.
 */
function maxLengthOf(
  field: TicketField,
  state: BuildState,
): number | undefined {
  const overrides = state.input.maxLengths ?? {};
  const override =
    field.label === 'Title' || field.label === 'Details'
      ? overrides[field.label]
      : undefined;
  const maxLength = override ?? field.maxLength ?? Number.MAX_SAFE_INTEGER;
  const minimum =
    field.dtoField === 'Details'
      ? detailsMinimumLength(state.input.compromise.uuid)
      : 1;
  if (Number.isInteger(maxLength) && maxLength >= minimum) {
    return maxLength;
  }
  state.problems.push({
    field: field.label,
    message: `maximum length ${maxLength} is invalid. Set a whole number of at least ${minimum} grapheme clusters.`,
  });
  return undefined;
}

function applyCompany(company: CompanyIds, state: BuildState): void {
  const entries = [
    ['AccountId', company.accountId],
    ['LocationId', company.locationId],
  ] as const;
  for (const [key, id] of entries) {
    if (Number.isInteger(id) && id >= 1 && id <= ID_MAXIMUM) {
      state.ids.set(key, id);
    } else {
      state.problems.push({
        field: 'Company',
        message: `${key} ${id} of the matched BMS company is not a valid id. Refresh the company list.`,
      });
    }
  }
}

function checkRouting(state: BuildState): void {
  const routed = state.ids.has('QueueId') || state.ids.has('AssigneeId');
  const reported = state.problems.some(
    p => p.field === 'Queue' || p.field === 'Assignee',
  );
  if (!routed && !reported) {
    state.problems.push(routingProblem());
  }
}

/** Assembles the ticket. Runs only when no problem was reported. */
function assembleTicket(state: BuildState, openDate: Date): TicketInputDto {
  const id = (key: keyof TicketInputDto): number => {
    const value = state.ids.get(key);
    if (value === undefined) {
      throw new Error(`${key} has no value although no problem was reported`);
    }
    return value;
  };
  const text = (key: keyof TicketInputDto): string => {
    const value = state.texts.get(key);
    if (value === undefined) {
      throw new Error(`${key} has no value although no problem was reported`);
    }
    return value;
  };
  const ticket: TicketInputDto = {
    Title: text('Title'),
    Details: text('Details'),
    AccountId: id('AccountId'),
    LocationId: id('LocationId'),
    StatusId: id('StatusId'),
    PriorityId: id('PriorityId'),
    TypeId: id('TypeId'),
    SourceId: id('SourceId'),
    OpenDate: openDate.toISOString(),
  };
  for (const key of OPTIONAL_ID_KEYS) {
    const value = state.ids.get(key);
    if (value !== undefined) {
      ticket[key] = value;
    }
  }
  return ticket;
}

function emptyValue(content: string, rendered: RenderResult): string {
  return rendered.resolvedTokens.length > 0
    ? `the value rendered from ${quote(content.trim())} is empty`
    : 'required mapping is empty';
}
