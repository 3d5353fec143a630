import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect } from 'react';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import {
  emptyIntegrationForm,
  integrationFormFromDetail,
  type IntegrationFormValues,
} from './integration-form';

/** The one form of the edit screen, shared by every tab. */
export type IntegrationForm = UseFormReturnType<IntegrationFormValues>;

/**
 * Creates the screen's form. A new integration starts from the defaults; a
 * stored one is filled once, from its first loaded detail.
 */
export function useIntegrationForm(
  isNew: boolean,
  detail: IntegrationDetail | null,
): IntegrationForm {
  const form = useForm<IntegrationFormValues>({
    mode: 'controlled',
    initialValues: emptyIntegrationForm(),
  });

  const { initialize } = form;
  useEffect(() => {
    // `initialize` does nothing after its first call, so later reloads of
    // the detail keep what the technician typed.
    if (!isNew && detail !== null) {
      initialize(integrationFormFromDetail(detail));
    }
  }, [isNew, detail, initialize]);

  return form;
}
