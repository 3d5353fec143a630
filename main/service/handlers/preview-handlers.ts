import { listPreviewCompromises } from '../queries/preview-compromises';
import { renderTicketPreview } from '../ticket-preview';
import type { HandlerMap } from './handler-types';

type Calls = 'preview:compromises' | 'preview:render';

/** The live ticket preview beside the field mappings. */
export const PREVIEW_HANDLERS: HandlerMap<Calls> = {
  'preview:compromises': (service, { search, limit }) =>
    listPreviewCompromises(service.store, search, limit),
  'preview:render': (service, input) =>
    renderTicketPreview(service.store, input, new Date()),
};
