import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

import type { CompromiseChoice } from '../../../../shared/contract/models';
import { notifyError } from '../../components/notify-error';
import { call } from '../../connector/connector';

/** Wait after the last typed character before searching, in milliseconds. */
const SEARCH_DEBOUNCE_MS = 300;
/** Compromises listed per search. */
const CHOICE_LIMIT = 50;

/** Compromises matching `search`, newest first, for the preview's choice. */
export function useCompromiseChoices(search: string): {
  readonly choices: readonly CompromiseChoice[];
  readonly isLoading: boolean;
} {
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const [choices, setChoices] = useState<readonly CompromiseChoice[]>([]);
  const [isLoading, setIsLoading] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    const input = {
      limit: CHOICE_LIMIT,
      ...(debounced === '' ? {} : { search: debounced }),
    };
    void call('preview:compromises', input).then(result => {
      if (!isCurrent) return;
      setIsLoading(false);
      if (result.ok) {
        setChoices(result.value);
      } else {
        notifyError(
          'preview-compromises',
          'Compromises not loaded',
          result.error,
        );
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [debounced]);

  return { choices, isLoading };
}
