/** Events the engine emits while it works; the UI and the shell listen. */
export type SyncPhase =
  | 'organizations'
  | 'compromises'
  | 'bms-cache'
  | 'routing'
  | 'reconcile'
  | 'deliver'
  | 'done';

export type EngineEvent =
  | {
      readonly type: 'sync-progress';
      readonly phase: SyncPhase;
      readonly integrationId?: number;
      /** Items handled so far in this phase. */
      readonly done: number;
      /** Items in this phase, when known. */
      readonly total?: number;
    }
  | {
      readonly type: 'health-changed';
      readonly integrationId: number;
      readonly integrationName: string;
      readonly isHealthy: boolean;
      readonly message?: string;
    }
  | {
      readonly type: 'delivery';
      readonly integrationId: number;
      readonly compromiseUuid: string;
      readonly state: 'sent' | 'pending' | 'sending';
      readonly ticketNumber?: string;
      readonly reason?: string;
    };

export type EngineEventListener = (event: EngineEvent) => void;
