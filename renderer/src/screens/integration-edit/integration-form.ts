import type {
  Conditions,
  IntegrationDetail,
  IntegrationInput,
} from '../../../../shared/contract/models';
import {
  REQUIRED_FIELD_LABELS,
  TICKET_FIELDS,
} from '../../../../shared/ticket-fields';
import { defaultFieldMappings } from '../../../../shared/default-field-mappings';

/** One row of the Field Mappings list; `key` is stable for React. */
export type MappingRow = {
  readonly key: string;
  readonly field: string;
  readonly content: string;
};

/** Everything the edit screen's form holds, across all tabs. */
export type IntegrationFormValues = {
  name: string;
  bmsUrl: string;
  username: string;
  /** A new password; empty keeps the stored one. */
  password: string;
  company: string;
  conditions: Conditions;
  fieldMappings: MappingRow[];
};

/** Form paths of the credential fields, by the label the engine names. */
export const CREDENTIAL_PATHS: Readonly<Record<string, string>> = {
  Name: 'name',
  'Kaseya BMS URL': 'bmsUrl',
  Username: 'username',
  Password: 'password',
  Company: 'company',
};

const DEFAULT_CONTENT = defaultFieldMappings();

let nextRowNumber = 0;

/** Creates a mapping row with a key unique in this window. */
export function createMappingRow(field: string, content = ''): MappingRow {
  nextRowNumber += 1;
  return { key: `mapping-${nextRowNumber}`, field, content };
}

/** Returns the form of a new integration: the eight required mappings. */
export function emptyIntegrationForm(): IntegrationFormValues {
  return {
    name: '',
    bmsUrl: '',
    username: '',
    password: '',
    company: '',
    conditions: { skipWithoutPassword: false, includeIpCompromises: false },
    fieldMappings: REQUIRED_FIELD_LABELS.map(label =>
      createMappingRow(label, DEFAULT_CONTENT[label] ?? ''),
    ),
  };
}

/**
 * Returns the form of a stored integration. Required rows come first in
 * catalogue order (added empty if missing), then optional ones, then labels
 * the catalogue does not know, which Save reports as problems.
 */
export function integrationFormFromDetail(
  detail: IntegrationDetail,
): IntegrationFormValues {
  const stored = new Map(detail.fieldMappings.map(m => [m.field, m.content]));
  const rows: MappingRow[] = [];
  for (const field of TICKET_FIELDS) {
    const content = stored.get(field.label);
    if (field.required || content !== undefined) {
      rows.push(createMappingRow(field.label, content ?? ''));
    }
    stored.delete(field.label);
  }
  for (const [field, content] of stored) {
    rows.push(createMappingRow(field, content));
  }
  return {
    name: detail.name,
    bmsUrl: detail.bmsUrl,
    username: detail.username,
    password: '',
    company: detail.company,
    conditions: { ...detail.conditions },
    fieldMappings: rows,
  };
}

/** Builds the `integrations:save` input; an empty password keeps the old. */
export function toIntegrationInput(
  values: IntegrationFormValues,
  id: number | undefined,
): IntegrationInput {
  return {
    ...(id === undefined ? {} : { id }),
    name: values.name,
    bmsUrl: values.bmsUrl,
    username: values.username,
    ...(values.password === '' ? {} : { password: values.password }),
    company: values.company,
    conditions: values.conditions,
    fieldMappings: values.fieldMappings.map(({ field, content }) => ({
      field,
      content,
    })),
  };
}

/**
 * Returns the form path of the field a problem names: a credential input or
 * the content of the mapping row with that label. Null when none shows it.
 */
export function formPathOfField(
  values: IntegrationFormValues,
  label: string,
): string | null {
  const credential = CREDENTIAL_PATHS[label];
  if (credential !== undefined) return credential;
  const index = values.fieldMappings.findIndex(row => row.field === label);
  return index < 0 ? null : `fieldMappings.${index}.content`;
}

/** Returns every label that a validation message may name. */
export function knownFieldLabels(values: IntegrationFormValues): string[] {
  const labels = new Set([
    ...Object.keys(CREDENTIAL_PATHS),
    ...TICKET_FIELDS.map(field => field.label),
    ...values.fieldMappings.map(row => row.field),
  ]);
  return [...labels];
}
