import { notifications } from '@mantine/notifications';

import type { DeliveryFilter } from '../../../../shared/contract/models';
import { call } from '../../connector/connector';

/** Hands `csv` to the browser as a download named `fileName`. */
function saveTextFile(fileName: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports the ledger rows matching `filter` as a CSV file. */
export async function exportDeliveries(filter: DeliveryFilter): Promise<void> {
  const result = await call('deliveries:export', filter);
  if (!result.ok) {
    notifications.show({
      color: 'red',
      title: 'Export failed',
      message: result.error.message,
    });
    return;
  }
  saveTextFile(result.value.fileName, result.value.csv);
}
