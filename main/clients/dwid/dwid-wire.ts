import { z } from 'zod';

import type {
  Compromise,
  Organization,
  PasswordCriteria,
  PiiHit,
  RecordType,
} from '../../../shared/domain';

/**
 * Dark Web ID wire format (snake_case JSON) and its conversion to the
 * normalised records in shared/domain. Unknown fields are ignored.
 */

/** List response: `self`, `first` and `last` are page URLs. */
export const envelopeSchema = z.object({
  self: z.string().nullish(),
  first: z.string().nullish(),
  last: z.string().nullish(),
  list: z.array(z.unknown()),
});

export type Envelope = z.infer<typeof envelopeSchema>;

const organizationSchema = z.object({
  uuid: z.string().min(1),
  title: z.string(),
  status: z.string().nullish(),
});

const RECORD_TYPES: readonly RecordType[] = ['Email', 'Domain', 'IP'];

const recordTypeSchema = z.string().transform((value, context) => {
  const match = RECORD_TYPES.find(
    type => type.toLowerCase() === value.trim().toLowerCase(),
  );
  if (match !== undefined) return match;
  context.addIssue({
    code: 'custom',
    message: `expected Email, Domain or IP, got "${value}"`,
  });
  return z.NEVER;
});

const CRITERIA_TEXT: Readonly<Record<string, PasswordCriteria>> = {
  matches: 'Matches',
  "doesn't match": "Doesn't Match",
  'n/a': 'N/A',
};

const passwordCriteriaSchema = z
  .union([z.boolean(), z.null(), z.string()])
  .optional()
  .transform((value, context): PasswordCriteria => {
    if (value === true) return 'Matches';
    if (value === false) return "Doesn't Match";
    if (value === null || value === undefined) return 'N/A';
    const match = CRITERIA_TEXT[value.trim().toLowerCase()];
    if (match !== undefined) return match;
    context.addIssue({
      code: 'custom',
      message: `expected true, false, null, "Matches", "Doesn't Match" or "N/A", got "${value}"`,
    });
    return z.NEVER;
  });

const optionalText = z
  .string()
  .nullish()
  .transform(value => value ?? '');

const piiEntrySchema = z.object({
  namefirst: z.string().nullish(),
  namelast: z.string().nullish(),
  addr1: z.string().nullish(),
  addrcity: z.string().nullish(),
  addrzip: z.union([z.string(), z.number()]).nullish(),
});

/** `date_added` as Dark Web ID writes it: UTC without an offset. */
const DATE_ADDED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const dateAddedSchema = z.string().transform((value, context) => {
  const iso = parseDateAdded(value);
  if (iso !== null) return iso;
  context.addIssue({
    code: 'custom',
    message: `expected "YYYY-MM-DD HH:MM:SS", got "${value}"`,
  });
  return z.NEVER;
});

/** Epoch seconds, as a number or a numeric string. */
const epochSecondsSchema = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().nonnegative());

const compromiseSchema = z.object({
  uuid: z.string().min(1),
  organization: z.string().min(1),
  search_value: z.string().min(1),
  record_type: recordTypeSchema,
  password: z.string().nullish(),
  password_criteria: passwordCriteriaSchema,
  source: optionalText,
  origin: optionalText,
  compromise: optionalText,
  detected: epochSecondsSchema,
  date_added: dateAddedSchema,
  pii_hit: z.union([piiEntrySchema, z.array(piiEntrySchema)]).nullish(),
});

/** Converts "YYYY-MM-DD HH:MM:SS" (UTC) to ISO 8601, or null if invalid. */
export function parseDateAdded(value: string): string | null {
  const text = value.trim();
  if (!DATE_ADDED.test(text)) return null;
  const iso = `${text.replace(' ', 'T')}.000Z`;
  const date = new Date(iso);
  // Date rolls 2024-02-30 over to March, so compare the round trip.
  if (Number.isNaN(date.getTime()) || date.toISOString() !== iso) return null;
  return iso;
}

function toPiiHit(entry: z.infer<typeof piiEntrySchema>): PiiHit | null {
  const hit: Record<string, string> = {};
  const put = (
    key: keyof PiiHit,
    value: string | number | null | undefined,
  ) => {
    const text = value === null || value === undefined ? '' : String(value);
    if (text.trim() !== '') hit[key] = text.trim();
  };
  put('firstName', entry.namefirst);
  put('lastName', entry.namelast);
  put('address', entry.addr1);
  put('city', entry.addrcity);
  put('zip', entry.addrzip);
  return Object.keys(hit).length > 0 ? hit : null;
}

function toCompromise(wire: z.infer<typeof compromiseSchema>): Compromise {
  const entries =
    wire.pii_hit === null || wire.pii_hit === undefined
      ? []
      : Array.isArray(wire.pii_hit)
        ? wire.pii_hit
        : [wire.pii_hit];
  return {
    uuid: wire.uuid,
    organizationUuid: wire.organization,
    recordType: wire.record_type,
    searchValue: wire.search_value,
    password: wire.password === '' ? null : (wire.password ?? null),
    passwordCriteria: wire.password_criteria,
    source: wire.source,
    origin: wire.origin,
    compromise: wire.compromise,
    dateAdded: wire.date_added,
    dateFound: new Date(wire.detected * 1000).toISOString(),
    pii: entries.map(toPiiHit).filter((hit): hit is PiiHit => hit !== null),
  };
}

/** A list item that failed validation. */
export type InvalidRecord = {
  /** The record's `uuid` when it is a readable string, else null. */
  readonly uuid: string | null;
  /** Zod validation errors as "path: message", joined with "; ". */
  readonly reason: string;
};

export type ParsedItem<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly invalid: InvalidRecord };

function describeZodErrors(error: z.ZodError): string {
  return error.issues
    .map(problem => {
      const path = problem.path.map(String).join('.');
      return `${path === '' ? '(record)' : path}: ${problem.message}`;
    })
    .join('; ');
}

function readUuid(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const uuid = (item as { uuid?: unknown }).uuid;
  return typeof uuid === 'string' && uuid !== '' ? uuid : null;
}

/** Validates and normalises one compromise of a list page. */
export function parseCompromise(item: unknown): ParsedItem<Compromise> {
  const result = compromiseSchema.safeParse(item);
  if (result.success) return { ok: true, value: toCompromise(result.data) };
  return {
    ok: false,
    invalid: { uuid: readUuid(item), reason: describeZodErrors(result.error) },
  };
}

/** Validates and normalises one organization. A missing status means enabled. */
export function parseOrganization(item: unknown): ParsedItem<Organization> {
  const result = organizationSchema.safeParse(item);
  if (!result.success) {
    return {
      ok: false,
      invalid: {
        uuid: readUuid(item),
        reason: describeZodErrors(result.error),
      },
    };
  }
  const status = result.data.status?.trim().toLowerCase();
  return {
    ok: true,
    value: {
      uuid: result.data.uuid,
      title: result.data.title,
      isEnabled: status !== 'disabled',
    },
  };
}
