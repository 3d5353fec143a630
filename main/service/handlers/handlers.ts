import type { CallName } from '../../../shared/contract/calls';
import { COMPANY_MAPPING_HANDLERS } from './company-mapping-handlers';
import { DELIVERY_HANDLERS } from './delivery-handlers';
import type { HandlerMap } from './handler-types';
import { INTEGRATION_HANDLERS } from './integration-handlers';
import { ORGANIZATION_HANDLERS } from './organization-handlers';
import { PREVIEW_HANDLERS } from './preview-handlers';
import { SOURCE_HANDLERS } from './source-handlers';
import { SYNC_HANDLERS } from './sync-handlers';

/**
 * One handler per call of the contract. The type makes a missing or extra
 * entry a compile error.
 */
export const HANDLERS: HandlerMap<CallName> = {
  ...SOURCE_HANDLERS,
  ...INTEGRATION_HANDLERS,
  ...COMPANY_MAPPING_HANDLERS,
  ...ORGANIZATION_HANDLERS,
  ...DELIVERY_HANDLERS,
  ...PREVIEW_HANDLERS,
  ...SYNC_HANDLERS,
};
