/**
 * One emulator in its own Node process, for benchmarks in which the
 * emulator's CPU time must not share the engine's thread (a real server
 * runs on another machine). Started by `emulator-process.ts`, it receives
 * commands and sends replies over the IPC channel.
 */
import { configureLogging } from '../main/log/logger';
import type { BmsEmulator } from '../main/emulators/bms/bms-emulator';
import type { DwidEmulator } from '../main/emulators/dwid/dwid-emulator';
import {
  buildEligibleSeed,
  startBenchBms,
  startBenchDwid,
  type BenchCredentials,
} from './bench-setup';
import { readTask } from './child-task';

export type EmulatorChildTask = {
  readonly kind: 'bms' | 'dwid';
  /** Compromises of `buildEligibleSeed`, which is the same in every process. */
  readonly compromises: number;
  readonly credentials: BenchCredentials;
  /** Delay before a BMS emulator responds to each ticket POST, in ms. */
  readonly postLatencyMs?: number;
};

/** Commands from the parent after the start. */
export type EmulatorChildCommand = {
  readonly command: 'tickets' | 'cpu';
};

export type EmulatorChildReply =
  | { readonly reply: 'started'; readonly url: string }
  | {
      readonly reply: 'tickets';
      readonly bodies: readonly Readonly<Record<string, unknown>>[];
    }
  | {
      readonly reply: 'cpu';
      /** CPU time this process used so far, user plus system, in ms. */
      readonly cpuMs: number;
    };

function cpuMilliseconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function send(reply: EmulatorChildReply): void {
  if (process.connected) process.send?.(reply);
}

async function start(task: EmulatorChildTask): Promise<void> {
  configureLogging({ level: 'error' });
  const seed = buildEligibleSeed(task.compromises);
  const emulator: BmsEmulator | DwidEmulator =
    task.kind === 'bms'
      ? await startBenchBms(seed, task.credentials)
      : await startBenchDwid(seed, task.credentials);
  if ('tickets' in emulator && task.postLatencyMs !== undefined) {
    emulator.faults.add({
      kind: 'slow',
      path: '/v2/servicedesk/tickets',
      method: 'POST',
      times: Number.MAX_SAFE_INTEGER,
      delayMs: task.postLatencyMs,
    });
  }
  process.on('message', (message: EmulatorChildCommand) => {
    if (message.command === 'tickets') {
      const bodies =
        'tickets' in emulator
          ? emulator.tickets.map(ticket => ticket.body)
          : [];
      send({ reply: 'tickets', bodies });
      return;
    }
    send({ reply: 'cpu', cpuMs: cpuMilliseconds() });
  });
  // The parent stops this process by closing the IPC channel, which also
  // closes when the parent exits, so no emulator outlives the bench.
  const stop = (): void => {
    void emulator.close().finally(() => process.exit(0));
  };
  if (!process.connected) {
    stop();
    return;
  }
  process.once('disconnect', stop);
  send({ reply: 'started', url: emulator.url });
}

await start(readTask<EmulatorChildTask>());
