import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

import type { CallInput } from '../../../../shared/contract/calls';
import type {
  Conditions,
  TicketPreview,
} from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import { call } from '../../connector/connector';
import type { MappingRow } from './integration-form';

/** Wait after the last edit before rendering the preview, in milliseconds. */
const PREVIEW_DEBOUNCE_MS = 300;

export type PreviewState = {
  readonly preview: TicketPreview | null;
  readonly error: ErrorData | null;
  readonly isLoading: boolean;
};

/**
 * Renders the unsaved mappings and conditions for one compromise (the
 * sample when `compromiseUuid` is undefined), 300 ms after the last change.
 * A response that arrives after a newer request started is dropped.
 */
export function useTicketPreview(request: {
  readonly integrationId: number | undefined;
  readonly conditions: Conditions;
  readonly rows: readonly MappingRow[];
  readonly compromiseUuid: string | undefined;
}): PreviewState {
  // Serialized, so that equal requests compare equal and skip a render.
  const key = JSON.stringify({
    ...(request.integrationId === undefined
      ? {}
      : { integrationId: request.integrationId }),
    conditions: request.conditions,
    fieldMappings: request.rows.map(({ field, content }) => ({
      field,
      content,
    })),
    ...(request.compromiseUuid === undefined
      ? {}
      : { compromiseUuid: request.compromiseUuid }),
  });
  const [debouncedKey] = useDebouncedValue(key, PREVIEW_DEBOUNCE_MS);
  const [state, setState] = useState<PreviewState>({
    preview: null,
    error: null,
    isLoading: true,
  });

  useEffect(() => {
    let isCurrent = true;
    setState(previous => ({ ...previous, isLoading: true }));
    const input = JSON.parse(debouncedKey) as CallInput<'preview:render'>;
    void call('preview:render', input).then(result => {
      if (!isCurrent) return;
      setState(
        result.ok
          ? { preview: result.value, error: null, isLoading: false }
          : { preview: null, error: result.error, isLoading: false },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [debouncedKey]);

  return state;
}
