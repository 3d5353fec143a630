// Exposes the contract to the renderer as `window.connector`. It holds no
// logic: main parses every input with the contract, because the renderer is
// untrusted.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import type { ConnectorApi } from '../shared/contract/api';
import type { ConnectorEvent } from '../shared/contract/events';
import { IPC_CHANNELS } from '../shared/contract/ipc-channels';

const api = {
  invoke: (name, input) =>
    ipcRenderer.invoke(IPC_CHANNELS.invoke, name, input) as never,
  subscribe: listener => {
    const forward = (_event: IpcRendererEvent, payload: ConnectorEvent) =>
      listener(payload);
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => {
      ipcRenderer.off(IPC_CHANNELS.event, forward);
    };
  },
} satisfies ConnectorApi;

contextBridge.exposeInMainWorld('connector', api);
