import { exportFileName, formatDeliveriesCsv } from '../delivery-csv';
import { countDeliveries, listDeliveryViews } from '../queries/delivery-views';
import type { HandlerMap } from './handler-types';

type Calls = 'deliveries:list' | 'deliveries:export';

/** The delivery ledger shown on the Activity screen. */
export const DELIVERY_HANDLERS: HandlerMap<Calls> = {
  'deliveries:list': (service, { offset, limit, ...filter }) => ({
    total: countDeliveries(service.store, filter),
    rows: listDeliveryViews(service.store, filter, offset, limit),
  }),
  'deliveries:export': (service, filter) => ({
    fileName: exportFileName(new Date()),
    csv: formatDeliveriesCsv(listDeliveryViews(service.store, filter, 0, null)),
  }),
};
