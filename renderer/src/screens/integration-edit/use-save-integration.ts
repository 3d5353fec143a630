import { useState } from 'react';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import { notifyError, notifySuccess } from '../../components/notify-error';
import { call } from '../../connector/connector';
import { useEventsStore } from '../../stores/events-store';
import {
  formPathOfField,
  knownFieldLabels,
  toIntegrationInput,
  type IntegrationFormValues,
} from './integration-form';
import type { IntegrationForm } from './use-integration-form';
import {
  fromFieldProblems,
  parseValidationMessage,
  type ParsedValidation,
} from './validation-problems';

/** Outcome of `Save And Submit A Test Compromise`'s ticket step. */
export type TestTicketOutcome =
  | {
      readonly ok: true;
      readonly ticketNumber: string;
      readonly accountId: number;
    }
  | { readonly ok: false; readonly error: ErrorData };

export type SaveState = {
  readonly isSaving: boolean;
  readonly isTesting: boolean;
  /** Problems of the last rejected save, or null. */
  readonly validation: ParsedValidation | null;
  readonly testOutcome: TestTicketOutcome | null;
  readonly clearTestOutcome: () => void;
  readonly save: () => Promise<IntegrationDetail | null>;
  readonly saveAndTest: () => Promise<void>;
};

/**
 * Saves the whole form (every tab) and, on request, submits a test ticket.
 * A rejected save keeps every typed value and attaches each problem to the
 * field it names. `onSaved` receives the stored integration.
 */
export function useSaveIntegration(
  form: IntegrationForm,
  integrationId: number | undefined,
  onSaved: (detail: IntegrationDetail) => void,
): SaveState {
  const touch = useEventsStore(state => state.touch);
  const [isSaving, setIsSaving] = useState(false);
  const [isTesting, setIsTesting] = useState(false);
  const [validation, setValidation] = useState<ParsedValidation | null>(null);
  const [testOutcome, setTestOutcome] = useState<TestTicketOutcome | null>(
    null,
  );

  async function save(): Promise<IntegrationDetail | null> {
    setIsSaving(true);
    const input = toIntegrationInput(form.getValues(), integrationId);
    const result = await call('integrations:save', input);
    setIsSaving(false);
    if (!result.ok) {
      setValidation(showSaveError(form, result.error));
      return null;
    }
    setValidation(null);
    form.clearErrors();
    form.setFieldValue('password', '');
    form.resetDirty();
    touch('integrations');
    onSaved(result.value);
    notifySuccess(
      'integration-save',
      'Integration saved',
      `"${result.value.name}" was saved.`,
    );
    return result.value;
  }

  async function saveAndTest(): Promise<void> {
    setTestOutcome(null);
    const saved = await save();
    if (saved === null) return;
    setIsTesting(true);
    const result = await call('integrations:test-ticket', { id: saved.id });
    setIsTesting(false);
    if (result.ok) {
      setTestOutcome({ ok: true, ...result.value });
    } else {
      setTestOutcome({ ok: false, error: result.error });
      notifyError(
        'integration-test-ticket',
        'Test ticket failed',
        result.error,
      );
    }
  }

  return {
    isSaving,
    isTesting,
    validation,
    testOutcome,
    clearTestOutcome: () => setTestOutcome(null),
    save,
    saveAndTest,
  };
}

/**
 * Shows a failed save: a `validation` error becomes a problem list and
 * field errors, a name `conflict` marks the Name field, anything else is a
 * notification only. Returns the problems to list above the tabs.
 */
function showSaveError(
  form: IntegrationForm,
  error: ErrorData,
): ParsedValidation | null {
  if (error.code !== 'validation') {
    notifyError('integration-save', 'Integration not saved', error);
    if (error.code === 'conflict') form.setFieldError('name', error.message);
    return null;
  }

  const values = form.getValues();
  const parsed =
    error.problems === undefined
      ? parseValidationMessage(error.message, knownFieldLabels(values))
      : fromFieldProblems(error.message, error.problems);
  form.setErrors(fieldErrors(values, parsed));
  // The full list stays above the tabs; the notification points there.
  const count = parsed.problems.length;
  notifyError('integration-save', 'Integration not saved', {
    code: error.code,
    message:
      count === 0
        ? error.message
        : `${count} problem(s) to fix; see the list above the tabs.`,
  });
  return parsed;
}

/** Joins the problems of each form field into that field's error text. */
function fieldErrors(
  values: IntegrationFormValues,
  parsed: ParsedValidation,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of parsed.problems) {
    const path =
      problem.field === null ? null : formPathOfField(values, problem.field);
    if (path === null) continue;
    const previous = errors[path];
    errors[path] =
      previous === undefined
        ? problem.message
        : `${previous} ${problem.message}`;
  }
  return errors;
}
