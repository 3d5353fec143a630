import type {
  ConnectorEvent,
  ConnectorEventListener,
} from '../../shared/contract/events';
import { UNHEALTHY_THRESHOLD } from '../engine/sync/health-tracker';
import { getLogger } from '../log/logger';

/** OS notification as the shell shows it, with Electron's `Notification`. */
export type HealthNotification = {
  readonly title: string;
  readonly body: string;
  readonly onClick: () => void;
};

export type HealthNotifierOptions = {
  readonly notify: (notification: HealthNotification) => void;
  /** Shows the window on the edit screen of this integration. */
  readonly openIntegration: (integrationId: number) => void;
  /**
   * Health of each integration when the app starts, so that a
   * 'health-changed' event repeating a known state raises nothing.
   */
  readonly initial?: readonly {
    readonly id: number;
    readonly health: 'healthy' | 'unhealthy';
  }[];
};

/** Anything that sends connector events, such as `ConnectorService`. */
export type EventSource = {
  subscribe(listener: ConnectorEventListener): () => void;
};

/**
 * Raises one OS notification per health transition of an integration: when
 * it becomes unhealthy and when it recovers. Repeated 'health-changed'
 * events with a state already known raise nothing, and an integration first
 * seen healthy raises nothing either. Other events are ignored, so a
 * 'sync-finished' never repeats a notification.
 */
export class HealthNotifier {
  private readonly options: HealthNotifierOptions;
  private readonly isHealthyById = new Map<number, boolean>();

  constructor(options: HealthNotifierOptions) {
    this.options = options;
    for (const item of options.initial ?? []) {
      this.isHealthyById.set(item.id, item.health === 'healthy');
    }
  }

  /** Listens to `source` until the returned function is called. */
  attach(source: EventSource): () => void {
    return source.subscribe(event => this.handleEvent(event));
  }

  /** Handles one event; only 'health-changed' events matter. */
  handleEvent(event: ConnectorEvent): void {
    if (event.type !== 'health-changed') return;
    const previous = this.isHealthyById.get(event.integrationId);
    this.isHealthyById.set(event.integrationId, event.isHealthy);
    // An unknown integration counts as healthy before this event.
    if (event.isHealthy === (previous ?? true)) return;

    const { integrationId } = event;
    const notification = event.isHealthy
      ? recoveredText(event.integrationName)
      : unhealthyText(event.integrationName, event.message);
    getLogger('notifier').info(
      { integrationId, isHealthy: event.isHealthy },
      'health notification raised',
    );
    this.options.notify({
      ...notification,
      onClick: () => this.options.openIntegration(integrationId),
    });
  }
}

function unhealthyText(
  name: string,
  message: string | undefined,
): { title: string; body: string } {
  const failed = `${UNHEALTHY_THRESHOLD} requests in a row failed`;
  const reason =
    message === undefined || message.trim() === ''
      ? ''
      : `: ${message.trim().replace(/[.\s]+$/, '')}`;
  return {
    title: `${name} is unhealthy`,
    body: `${failed}${reason}. Open it to see the errors.`,
  };
}

function recoveredText(name: string): { title: string; body: string } {
  return {
    title: `${name} is healthy again`,
    body: 'Its last request to Kaseya BMS succeeded.',
  };
}

/**
 * Builds the `openIntegration` callback of the shell: it shows the window,
 * then requests over the event stream to open the integration's edit screen.
 */
export function createOpenIntegration(
  service: { emit(event: ConnectorEvent): void },
  showWindow: () => void,
): (integrationId: number) => void {
  return integrationId => {
    showWindow();
    service.emit({ type: 'open-integration', integrationId });
  };
}
