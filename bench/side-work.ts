import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * CPU work on a second thread of the bench process, a fixed amount for
 * every ticket the main thread finishes. It stands for an engine that does
 * all of its own work beside the HTTP client, with perfect overlap and no
 * cost for passing tickets between threads. A baseline run with it shows
 * the most that such a split could reach on this machine.
 */
export type SideWork = {
  /** Counts one finished ticket. The worker gets the work of every 64. */
  ticketDone(): void;
  /** Runs the last partial batch, then ends the thread. Safe to repeat. */
  stop(): Promise<void>;
};

/** Tickets per message, so that messages cost next to nothing. */
const BATCH = 64;

// Plain JavaScript, so the worker needs no loader. The work is a number of
// loop iterations, calibrated at start-up before the timed run. Spinning
// until a deadline would use less CPU than asked whenever the OS
// deschedules the thread, but a count of iterations costs the same CPU time
// however busy the cores are.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let sink = 0;
function spin(iterations) {
  let value = sink;
  for (let i = 0; i < iterations; i += 1) value = (value * 31 + i) | 0;
  sink = value;
}
function iterationsPerMs() {
  const warmUpEnd = performance.now() + 50;
  while (performance.now() < warmUpEnd) spin(10000);
  const start = performance.now();
  let iterations = 0;
  while (performance.now() - start < 200) {
    spin(10000);
    iterations += 10000;
  }
  return iterations / (performance.now() - start);
}
const perMs = iterationsPerMs();
parentPort.on('message', message => {
  spin(Math.round(message.ms * perMs));
  if (message.last) parentPort.postMessage({ done: true, sink });
});
parentPort.postMessage({ ready: true });
`;

/** Resolves with the worker's next message, or rejects if it fails first. */
async function nextMessage(worker: Worker): Promise<unknown> {
  const failed = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', code =>
      reject(new Error(`The side-work thread exited with code ${code}.`)),
    );
  });
  // The thread exits on purpose after its last message, and that later
  // rejection must not surface as an unhandled one.
  failed.catch(() => undefined);
  const [message] = (await Promise.race([
    once(worker, 'message'),
    failed,
  ])) as unknown[];
  return message;
}

/**
 * Starts a thread that spends `msPerTicket` of CPU per finished ticket. It
 * resolves once the thread has calibrated its work, so the start-up falls
 * outside the timed run.
 */
export async function startSideWork(msPerTicket: number): Promise<SideWork> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  // Without a listener, an error in the worker would be thrown in this
  // thread. nextMessage reports it instead.
  worker.on('error', () => undefined);
  await nextMessage(worker);
  let waiting = 0;
  let stopped: Promise<void> | null = null;
  const finish = async (): Promise<void> => {
    try {
      const done = nextMessage(worker);
      worker.postMessage({ ms: waiting * msPerTicket, last: true });
      await done;
    } finally {
      await worker.terminate();
    }
  };
  return {
    ticketDone() {
      // Tickets still finishing after a failed run add no work.
      if (stopped !== null) return;
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
