import type { Exchange } from '../http-server';
import {
  handlePatchAccount,
  PATCH_ACCOUNT_TEMPLATE,
  type AccountContext,
} from './account-routes';
import { handleAuthenticate, type TokenStore } from './bms-auth';
import type { BmsPriority, BmsQueue, BmsStatus, BmsUser } from './bms-types';
import { sendResult } from './envelope';
import {
  handleAccountLookup,
  handleLocationLookup,
  toPriorityDto,
  toQueueDto,
  toStatusDto,
  type LookupContext,
} from './lookup-routes';
import {
  handleCreateTicket,
  handleGetTicket,
  type TicketContext,
} from './ticket-routes';
import {
  handleSearchTicketsBody,
  handleSearchTicketsQuery,
} from './ticket-search';

/** Everything the BMS routes read and write. */
export type BmsContext = LookupContext &
  TicketContext &
  AccountContext & {
    readonly users: readonly BmsUser[];
    readonly tokens: TokenStore;
    readonly statuses: readonly BmsStatus[];
    readonly priorities: readonly BmsPriority[];
    readonly queues: readonly BmsQueue[];
  };

export type BmsRoute = {
  readonly method: string;
  /** Path template as the vendor document writes it. Budgets count per template. */
  readonly template: string;
  /** Whether the route needs a valid bearer token. */
  readonly authenticated: boolean;
  readonly handle: (
    exchange: Exchange,
    context: BmsContext,
    pathId: number,
  ) => Promise<void> | void;
};

export const BMS_ROUTES: readonly BmsRoute[] = [
  {
    method: 'POST',
    template: '/v2/security/authenticate',
    authenticated: false,
    handle: (exchange, context) =>
      handleAuthenticate(exchange, context.users, context.tokens),
  },
  {
    method: 'GET',
    template: '/v2/crm/accounts/lookup',
    authenticated: true,
    handle: handleAccountLookup,
  },
  {
    method: 'PATCH',
    template: PATCH_ACCOUNT_TEMPLATE,
    authenticated: true,
    handle: handlePatchAccount,
  },
  {
    method: 'GET',
    template: '/v2/crm/accounts/{accountId}/locations/lookup',
    authenticated: true,
    handle: handleLocationLookup,
  },
  {
    method: 'GET',
    template: '/v2/system/statuses/lookup',
    authenticated: true,
    handle: (exchange, context) =>
      sendResult(exchange, context.statuses.map(toStatusDto)),
  },
  {
    method: 'GET',
    template: '/v2/system/priorities/lookup',
    authenticated: true,
    handle: (exchange, context) =>
      sendResult(exchange, context.priorities.map(toPriorityDto)),
  },
  {
    method: 'GET',
    template: '/v2/system/queues/lookup',
    authenticated: true,
    handle: (exchange, context) =>
      sendResult(exchange, context.queues.map(toQueueDto)),
  },
  {
    method: 'POST',
    template: '/v2/servicedesk/tickets',
    authenticated: true,
    handle: handleCreateTicket,
  },
  {
    method: 'GET',
    template: '/v2/servicedesk/tickets',
    authenticated: true,
    handle: handleSearchTicketsQuery,
  },
  {
    method: 'POST',
    template: '/v2/servicedesk/tickets/search',
    authenticated: true,
    handle: handleSearchTicketsBody,
  },
  {
    method: 'GET',
    template: '/v2/servicedesk/tickets/{ticketId}',
    authenticated: true,
    handle: handleGetTicket,
  },
];

export type RouteMatch = {
  readonly route: BmsRoute;
  /** Integer from the `{...}` segment of the template, or NaN if none. */
  readonly pathId: number;
};

/**
 * Finds the route for a path, case-insensitively as ASP.NET routing does.
 * Returns `methodMismatch` when only another method serves the path.
 */
export function matchRoute(
  method: string,
  path: string,
): RouteMatch | 'methodMismatch' | undefined {
  let pathMatched = false;
  for (const route of BMS_ROUTES) {
    const pathId = matchTemplate(route.template, path);
    if (pathId === undefined) continue;
    pathMatched = true;
    if (route.method === method.toUpperCase()) return { route, pathId };
  }
  return pathMatched ? 'methodMismatch' : undefined;
}

function matchTemplate(template: string, path: string): number | undefined {
  const expected = template.toLowerCase().split('/');
  const actual = path.replace(/\/$/, '').toLowerCase().split('/');
  if (expected.length !== actual.length) return undefined;
  let pathId = Number.NaN;
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith('{')) {
      if (!/^\d+$/.test(value)) return undefined;
      pathId = Number(value);
    } else if (segment !== value) {
      return undefined;
    }
  }
  return pathId;
}
