import { describe, expect, test, vi } from 'vitest';

import type {
  ConnectorEvent,
  ConnectorEventListener,
} from '../../shared/contract/events';
import {
  createOpenIntegration,
  HealthNotifier,
  type HealthNotification,
  type HealthNotifierOptions,
} from '../../main/app/health-notifier';

/** Fake of Electron's Notification, recording what was raised. */
const fake = vi.hoisted(() => ({
  isSupported: true,
  raised: [] as {
    title: string;
    body: string;
    listeners: Map<string, () => void>;
  }[],
}));

vi.mock('electron', () => {
  class Notification {
    static isSupported() {
      return fake.isSupported;
    }
    private readonly record;
    constructor(options: { title: string; body: string }) {
      this.record = { ...options, listeners: new Map<string, () => void>() };
    }
    on(event: string, listener: () => void) {
      this.record.listeners.set(event, listener);
    }
    show() {
      fake.raised.push(this.record);
    }
  }
  return { Notification };
});

const { showOsNotification } = await import('../../main/app/os-notifications');

function unhealthy(id: number, name: string, message?: string): ConnectorEvent {
  return {
    type: 'health-changed',
    integrationId: id,
    integrationName: name,
    isHealthy: false,
    ...(message === undefined ? {} : { message }),
  };
}

function healthy(id: number, name: string): ConnectorEvent {
  return {
    type: 'health-changed',
    integrationId: id,
    integrationName: name,
    isHealthy: true,
  };
}

const SYNC_FINISHED: ConnectorEvent = {
  type: 'sync-finished',
  summary: {
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:01:00.000Z',
    ticketsCreated: 0,
    skipped: 0,
    failed: 3,
    isComplete: false,
    message: 'Main BMS: Stopped after repeated failures',
  },
};

function setUp(initial?: HealthNotifierOptions['initial']) {
  const raised: HealthNotification[] = [];
  const opened: number[] = [];
  const notifier = new HealthNotifier({
    notify: notification => raised.push(notification),
    openIntegration: id => opened.push(id),
    initial,
  });
  return { notifier, raised, opened };
}

describe('HealthNotifier', () => {
  test('unhealthy raises one notification', () => {
    const { notifier, raised } = setUp();
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'HTTP 503 from BMS.'));
    expect(raised).toHaveLength(1);
    expect(raised[0]?.title).toBe('Main BMS is unhealthy');
    expect(raised[0]?.body).toBe(
      '5 requests in a row failed: HTTP 503 from BMS. ' +
        'Open it to see the errors.',
    );
  });

  test('unhealthy without a message', () => {
    const { notifier, raised } = setUp();
    notifier.handleEvent(unhealthy(7, 'Main BMS'));
    expect(raised[0]?.body).toBe(
      '5 requests in a row failed. Open it to see the errors.',
    );
  });

  test('repeated state raises nothing', () => {
    const { notifier, raised } = setUp();
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'timeout'));
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'timeout'));
    notifier.handleEvent(SYNC_FINISHED);
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'HTTP 500'));
    expect(raised).toHaveLength(1);
  });

  test('recovery raises one notification', () => {
    const { notifier, raised } = setUp();
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'timeout'));
    notifier.handleEvent(healthy(7, 'Main BMS'));
    notifier.handleEvent(healthy(7, 'Main BMS'));
    notifier.handleEvent(SYNC_FINISHED);
    expect(raised.map(item => item.title)).toEqual([
      'Main BMS is unhealthy',
      'Main BMS is healthy again',
    ]);
  });

  test('first healthy event raises nothing', () => {
    const { notifier, raised } = setUp();
    notifier.handleEvent(healthy(7, 'Main BMS'));
    expect(raised).toHaveLength(0);
  });

  test('initial unhealthy state is known', () => {
    const { notifier, raised } = setUp([
      { id: 7, health: 'unhealthy' },
      { id: 8, health: 'healthy' },
    ]);
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'timeout'));
    expect(raised).toHaveLength(0);
    notifier.handleEvent(healthy(7, 'Main BMS'));
    expect(raised.map(item => item.title)).toEqual([
      'Main BMS is healthy again',
    ]);
  });

  test('integrations are tracked apart', () => {
    const { notifier, raised } = setUp();
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'timeout'));
    notifier.handleEvent(unhealthy(8, 'Second BMS', 'timeout'));
    notifier.handleEvent(healthy(7, 'Main BMS'));
    expect(raised.map(item => item.title)).toEqual([
      'Main BMS is unhealthy',
      'Second BMS is unhealthy',
      'Main BMS is healthy again',
    ]);
  });

  test('click opens that integration', () => {
    const { notifier, raised, opened } = setUp();
    notifier.handleEvent(unhealthy(7, 'Main BMS', 'timeout'));
    notifier.handleEvent(unhealthy(8, 'Second BMS', 'timeout'));
    raised[1]?.onClick();
    expect(opened).toEqual([8]);
    raised[0]?.onClick();
    expect(opened).toEqual([8, 7]);
  });

  test('attach listens until removed', () => {
    const listeners = new Set<ConnectorEventListener>();
    const source = {
      subscribe(listener: ConnectorEventListener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const { notifier, raised } = setUp();
    const detach = notifier.attach(source);
    for (const listener of listeners) listener(unhealthy(7, 'Main BMS'));
    expect(raised).toHaveLength(1);
    detach();
    expect(listeners.size).toBe(0);
  });
});

describe('createOpenIntegration', () => {
  test('shows window, then emits event', () => {
    const steps: string[] = [];
    const emitted: ConnectorEvent[] = [];
    const open = createOpenIntegration(
      {
        emit: event => {
          steps.push('emit');
          emitted.push(event);
        },
      },
      () => steps.push('show'),
    );
    open(12);
    expect(steps).toEqual(['show', 'emit']);
    expect(emitted).toEqual([{ type: 'open-integration', integrationId: 12 }]);
  });
});

describe('showOsNotification', () => {
  test('shows and forwards the click', () => {
    fake.raised.length = 0;
    fake.isSupported = true;
    const clicks: string[] = [];
    showOsNotification({
      title: 'Main BMS is unhealthy',
      body: 'body text',
      onClick: () => clicks.push('clicked'),
    });
    expect(fake.raised).toHaveLength(1);
    expect(fake.raised[0]?.title).toBe('Main BMS is unhealthy');
    expect(fake.raised[0]?.body).toBe('body text');
    fake.raised[0]?.listeners.get('click')?.();
    expect(clicks).toEqual(['clicked']);
  });

  test('unsupported system shows nothing', () => {
    fake.raised.length = 0;
    fake.isSupported = false;
    showOsNotification({ title: 't', body: 'b', onClick: () => undefined });
    expect(fake.raised).toHaveLength(0);
  });
});
