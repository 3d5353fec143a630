import type { z } from 'zod';

import type { CallName, CONTRACT } from '../../../shared/contract/calls';
import type { ConnectorService } from '../connector-service';

/** Parsed input of a call, with the contract's defaults filled in. */
export type ParsedInput<N extends CallName> = z.output<
  (typeof CONTRACT)[N]['input']
>;

/** Output a handler returns, before main checks it against the contract. */
export type HandlerOutput<N extends CallName> = z.input<
  (typeof CONTRACT)[N]['output']
>;

/**
 * Implements one call. Throws a ConnectorError for expected failures; the
 * dispatcher turns it into `{ ok: false, error }`.
 */
export type Handler<N extends CallName> = (
  service: ConnectorService,
  input: ParsedInput<N>,
) => HandlerOutput<N> | Promise<HandlerOutput<N>>;

/** Handlers of some calls, keyed by call name. */
export type HandlerMap<N extends CallName> = { readonly [K in N]: Handler<K> };
