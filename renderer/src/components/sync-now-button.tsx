import { Button, type ButtonProps } from '@mantine/core';
import { useState } from 'react';

import { call } from '../connector/connector';
import { useEventsStore } from '../stores/events-store';
import { notifyError } from './notify-error';

/**
 * `Sync now` without progress text, for places other than the header.
 * Disabled while a sync runs; the header shows its progress and result.
 */
export function SyncNowButton(props: ButtonProps) {
  const isRunning = useEventsStore(state => state.progress !== null);
  const [isStarting, setIsStarting] = useState(false);

  async function start() {
    setIsStarting(true);
    const result = await call('sync:start', {});
    setIsStarting(false);
    if (!result.ok) {
      notifyError('sync-start', 'Sync did not start', result.error);
    }
  }

  return (
    <Button
      variant="default"
      {...props}
      loading={isStarting}
      disabled={isRunning}
      onClick={() => void start()}
    >
      {isRunning ? 'Sync running' : 'Sync now'}
    </Button>
  );
}
