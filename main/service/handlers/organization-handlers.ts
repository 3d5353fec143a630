import { associateOrganization } from '../associate-organization';
import { listOrganizationViews } from '../queries/organization-views';
import type { HandlerMap } from './handler-types';

type Calls = 'organizations:list' | 'organizations:associate';

/** Dark Web ID organizations and their associated integration. */
export const ORGANIZATION_HANDLERS: HandlerMap<Calls> = {
  'organizations:list': service => listOrganizationViews(service.store),
  'organizations:associate': (service, input) => {
    const view = associateOrganization(service.store, input);
    service.emit({ type: 'data-changed', scope: 'organizations' });
    return view;
  },
};
