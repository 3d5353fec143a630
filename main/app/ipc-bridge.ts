import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';

import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import type { Result } from '../../shared/errors';
import { dispatchCall } from '../bridge/dispatch';
import { getLogger } from '../log/logger';
import type { ConnectorService } from '../service/connector-service';

// NOTE: Electron's binary cannot be downloaded on the build machines, so this
// file is type-checked but has never run. The HTTP bridge shares its
// dispatcher, and the browser tests exercise that.

/**
 * Serves the contract to one window over IPC: calls from any other sender
 * (another window, a frame, a navigated page) are rejected, and engine
 * events are forwarded to the window while it exists. Returns the removal.
 */
export function connectIpcBridge(
  service: ConnectorService,
  window: WebContents,
  pageUrl: string,
): () => void {
  ipcMain.handle(
    IPC_CHANNELS.invoke,
    (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
      if (!isTrustedSender(event, window, pageUrl)) {
        getLogger('ipc').warn(
          { senderUrl: event.senderFrame?.url },
          'call from an untrusted sender rejected',
        );
        return rejected();
      }
      return dispatchCall(service, String(name), input);
    },
  );
  const unsubscribe = service.subscribe(event => {
    if (!window.isDestroyed()) window.send(IPC_CHANNELS.event, event);
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    unsubscribe();
  };
}

/** True for the main frame of our window showing our own page. */
function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: WebContents,
  pageUrl: string,
): boolean {
  const frame = event.senderFrame;
  return (
    event.sender.id === window.id &&
    frame !== null &&
    frame.parent === null &&
    isSamePage(frame.url, pageUrl)
  );
}

/**
 * Compares origins, or whole paths for file: URLs, whose origin is the
 * opaque "null" for every file. Node's URL also gives custom schemes such
 * as the app's `app:` the origin "null", so those compare scheme and host.
 */
function isSamePage(senderUrl: string, pageUrl: string): boolean {
  const sender = new URL(senderUrl);
  const page = new URL(pageUrl);
  if (page.protocol === 'file:') {
    return sender.protocol === 'file:' && sender.pathname === page.pathname;
  }
  if (page.origin === 'null') {
    return sender.protocol === page.protocol && sender.host === page.host;
  }
  return sender.origin === page.origin;
}

function rejected(): Result<never> {
  return {
    ok: false,
    error: {
      code: 'permission-denied',
      message: 'Calls are accepted only from the connector window.',
    },
  };
}
