import type {
  Conditions,
  FieldMapping,
  PreviewField,
  TicketPreview,
} from '../../shared/contract/models';
import type { Compromise } from '../../shared/domain';
import { TICKET_FIELDS } from '../../shared/ticket-fields';
import { TOKEN_VALUE_MAX_LENGTH, type TokenName } from '../../shared/tokens';
import { catchallAccountProblem } from '../engine/catchall-check';
import { decideDelivery, SKIP_REASONS } from '../engine/conditions';
import {
  appendMarker,
  buildTicket,
  detailsMinimumLength,
  findTokens,
  obscurePassword,
  renderTemplate,
  SAMPLE_ORGANIZATION_NAME,
  sampleCompromise,
  tokenValues,
  trimToGraphemes,
  validateFieldMappings,
} from '../engine/tickets';
import { trimToLength } from '../engine/tickets/graphemes';
import { ConnectorError } from '../errors';
import type { Store } from '../store/open-store';
import { resolvePreviewCompany } from './preview-company';
import { integrationNotFound } from './queries/integration-views';

export type PreviewRequest = {
  readonly integrationId?: number;
  readonly conditions: Conditions;
  readonly fieldMappings: readonly FieldMapping[];
  /** A stored compromise; the sample compromise when absent. */
  readonly compromiseUuid?: string;
};

type PreviewSubject = {
  /** The compromise with its password masked when it is a stored one. */
  readonly compromise: Compromise;
  readonly organizationName: string;
  readonly isSample: boolean;
};

/** Skip messages shown in the preview, by stable skip reason. */
const SKIP_MESSAGES: Readonly<Record<string, string>> = {
  [SKIP_REASONS.noPassword]:
    'Do not send PSA ticket if no password is found: this compromise has no password',
  [SKIP_REASONS.ipCompromise]:
    'IP address-related compromises are not processed: enable their processing to send this one',
};

/**
 * Renders unsaved field mappings for one compromise, as a sync would send
 * them, without any network call. A stored compromise's password is masked
 * before rendering (see `loadSubject`), so no reply contains a leaked password.
 */
export function renderTicketPreview(
  store: Store,
  request: PreviewRequest,
  now: Date,
): TicketPreview {
  if (
    request.integrationId !== undefined &&
    store.integrations.getById(request.integrationId) === null
  ) {
    throw integrationNotFound(request.integrationId);
  }
  const subject = loadSubject(store, request.compromiseUuid, now);
  const { mappings, duplicates } = toMappingRecord(request.fieldMappings);
  const values = tokenValues(subject.compromise, subject.organizationName);
  const { compromise } = subject;
  const decision = decideDelivery(
    { recordType: compromise.recordType, hasPassword: hasPassword(compromise) },
    request.conditions,
  );
  return {
    compromise: {
      uuid: compromise.uuid,
      organizationName: subject.organizationName,
      recordType: compromise.recordType,
      searchValue: compromise.searchValue,
      dateFound: compromise.dateFound,
      isSample: subject.isSample,
    },
    fields: previewFields(mappings, values, compromise.uuid),
    tokens: previewTokens(mappings, values),
    problems: [
      ...duplicates,
      ...previewProblems(store, request.integrationId, mappings, subject, now),
    ],
    skippedBecause:
      decision.state === 'skipped'
        ? (SKIP_MESSAGES[decision.reason] ?? decision.reason)
        : null,
    company: resolvePreviewCompany(
      store,
      request.integrationId,
      subject.isSample ? null : subject.organizationName,
      mappings,
    ),
  };
}

/**
 * Loads the compromise to render. A stored compromise's password is
 * replaced by its obscured form, the value of `[obscured_password]`, so
 * `[password]` previews as that masked text. Obscuring is idempotent, so
 * `[obscured_password]` itself is unchanged. The sample's made-up password
 * is shown as it is.
 */
function loadSubject(
  store: Store,
  uuid: string | undefined,
  now: Date,
): PreviewSubject {
  if (uuid === undefined) {
    return {
      compromise: sampleCompromise(now),
      organizationName: SAMPLE_ORGANIZATION_NAME,
      isSample: true,
    };
  }
  const stored = store.compromises.get(uuid);
  if (stored === null) {
    throw new ConnectorError(
      'not-found',
      `No compromise with uuid ${uuid} is stored; choose one from the list.`,
    );
  }
  // Token values keep at most 255 grapheme clusters, so cutting first
  // keeps masking cheap for a huge password and yields the same value.
  const masked =
    stored.password === null
      ? null
      : obscurePassword(
          trimToGraphemes(stored.password, TOKEN_VALUE_MAX_LENGTH + 1).text,
        );
  return {
    compromise: { ...stored, password: masked },
    organizationName:
      store.organizations.getByUuid(stored.organizationUuid)?.title ??
      stored.organizationUuid,
    isSample: false,
  };
}

function hasPassword(compromise: Compromise): boolean {
  // As the store decides it: an empty password counts as none.
  return compromise.password !== null && compromise.password !== '';
}

function toMappingRecord(list: readonly FieldMapping[]): {
  mappings: Record<string, string>;
  duplicates: string[];
} {
  const mappings: Record<string, string> = {};
  const duplicates: string[] = [];
  for (const { field, content } of list) {
    if (Object.hasOwn(mappings, field)) {
      duplicates.push(`${field}: mapped more than once; keep one mapping`);
    }
    mappings[field] = content;
  }
  return { mappings, duplicates };
}

/** Renders each mapped catalogue field and trims it as the ticket would. */
function previewFields(
  mappings: Readonly<Record<string, string>>,
  values: Readonly<Record<TokenName, string>>,
  uuid: string,
): PreviewField[] {
  const fields: PreviewField[] = [];
  for (const field of TICKET_FIELDS) {
    const content = mappings[field.label];
    if (content === undefined) continue;
    const text = renderTemplate(content, values).text;
    if (field.kind === 'integer' || field.maxLength === undefined) {
      const value = field.kind === 'integer' ? text.trim() : text;
      fields.push({
        field: field.label,
        value,
        isTrimmed: false,
        fullLength: value.length,
        maxLength: null,
      });
      continue;
    }
    const isDetails = field.dtoField === 'Details';
    // The marker and its separator are one code unit shorter than the
    // Details minimum, which also leaves room for one body character.
    const markerLength = isDetails ? detailsMinimumLength(uuid) - 1 : 0;
    const trimmed = isDetails
      ? appendMarker(text, uuid, field.maxLength)
      : trimToLength(text, field.maxLength);
    fields.push({
      field: field.label,
      value: trimmed.text,
      isTrimmed: trimmed.isTrimmed,
      fullLength: text.length + markerLength,
      maxLength: field.maxLength,
    });
  }
  return fields;
}

function previewTokens(
  mappings: Readonly<Record<string, string>>,
  values: Readonly<Record<TokenName, string>>,
): TicketPreview['tokens'] {
  const used = new Set<TokenName>();
  for (const content of Object.values(mappings)) {
    for (const token of findTokens(content).known) used.add(token);
  }
  return [...used].map(token => ({ token, hasValue: values[token] !== '' }));
}

/**
 * Lists the save-time problems of the mappings, then the problems that only
 * show when this compromise's ticket is built, for fields not yet named.
 */
function previewProblems(
  store: Store,
  integrationId: number | undefined,
  mappings: Readonly<Record<string, string>>,
  subject: PreviewSubject,
  now: Date,
): string[] {
  const lookups =
    integrationId === undefined
      ? undefined
      : store.bmsCache.listLookups(integrationId);
  const saved = validateFieldMappings(mappings, { lookups });
  const named = new Set(saved.map(problem => problem.field));
  const built = buildTicket({
    compromise: subject.compromise,
    organizationName: subject.organizationName,
    mappings,
    company: null,
    openDate: now,
  });
  const rendered = built.ok
    ? []
    : built.problems.filter(problem => !named.has(problem.field));
  const problems = [...saved, ...rendered].map(
    problem => `${problem.field}: ${problem.message}`,
  );
  const catchall =
    integrationId === undefined
      ? undefined
      : catchallAccountProblem(store, integrationId, mappings);
  if (catchall !== undefined) problems.push(catchall);
  return problems;
}
