import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * CPU work on a second thread of the bench process, a fixed number of
 * milliseconds for every ticket the main thread finishes. It stands for an
 * engine that does all of its own work beside the HTTP client, with perfect
 * overlap and no cost for passing tickets between threads. A baseline run
 * with it shows the most that such a split could reach on this machine.
 */
export type SideWork = {
  /** Counts one finished ticket. The worker gets the work of every 64. */
  ticketDone(): void;
  /** Runs the last partial batch, then ends the thread. Safe to repeat. */
  stop(): Promise<void>;
};

/** Tickets per message, so that messages cost next to nothing. */
const BATCH = 64;

// Plain JavaScript, so the worker needs no loader. It spins instead of
// sleeping because sleeping would leave the core free.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', message => {
  const end = performance.now() + message.ms;
  while (performance.now() < end) {}
  if (message.last) parentPort.postMessage('done');
});
`;

/**
 * Starts a thread that spends `msPerTicket` of CPU per finished ticket and
 * resolves once it runs, so its start-up falls outside the timed run.
 */
export async function startSideWork(msPerTicket: number): Promise<SideWork> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  await once(worker, 'online');
  let waiting = 0;
  let stopped: Promise<void> | null = null;
  const finish = async (): Promise<void> => {
    const done = new Promise<void>(resolve => {
      worker.once('message', () => resolve());
    });
    worker.postMessage({ ms: waiting * msPerTicket, last: true });
    await done;
    await worker.terminate();
  };
  return {
    ticketDone() {
      waiting += 1;
      if (waiting < BATCH) return;
      worker.postMessage({ ms: waiting * msPerTicket, last: false });
      waiting = 0;
    },
    stop() {
      stopped ??= finish();
      return stopped;
    },
  };
}
