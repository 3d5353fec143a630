/**
 * Electron IPC channel names of the contract. Calls go over one invoke
 * channel with the call name inside, so the main process validates every
 * call through the same dispatcher as the HTTP bridge.
 */
export const IPC_CHANNELS = {
  /** `ipcRenderer.invoke(invoke, name, input)` returns a `Result`. */
  invoke: 'connector:invoke',
  /** Main sends every `ConnectorEvent` on this channel. */
  event: 'connector:event',
} as const;
