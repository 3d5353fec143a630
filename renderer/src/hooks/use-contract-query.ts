import { useCallback, useEffect, useMemo, useState } from 'react';

import type {
  CallInput,
  CallName,
  CallOutput,
} from '../../../shared/contract/calls';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../connector/connector';

export type ContractQuery<T> = {
  /** The last value received; kept while a reload runs or fails. */
  readonly data: T | null;
  /** The error of the last attempt, or null after a success. */
  readonly error: ErrorData | null;
  readonly isLoading: boolean;
  /** Runs the call again. */
  readonly reload: () => void;
};

type QueryState<T> = Omit<ContractQuery<T>, 'reload'>;

/**
 * Runs a read-only call and runs it again whenever its input or `reloadKey`
 * changes, for example an events-store counter. A reply that arrives after a
 * newer request started is dropped.
 */
export function useContractQuery<N extends CallName>(
  name: N,
  input: CallInput<N>,
  reloadKey: string | number = 0,
): ContractQuery<CallOutput<N>> {
  const inputKey = JSON.stringify(input);
  // The input is compared by its JSON so callers can pass object literals.
  const stableInput = useMemo(() => input, [inputKey]);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<QueryState<CallOutput<N>>>({
    data: null,
    error: null,
    isLoading: true,
  });

  useEffect(() => {
    let isCurrent = true;
    setState(previous => ({ ...previous, isLoading: true }));
    void call(name, stableInput).then(result => {
      if (!isCurrent) return;
      setState(previous =>
        result.ok
          ? { data: result.value, error: null, isLoading: false }
          : { data: previous.data, error: result.error, isLoading: false },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [name, stableInput, reloadKey, attempt]);

  const reload = useCallback(() => setAttempt(value => value + 1), []);
  return { ...state, reload };
}
