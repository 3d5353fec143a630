import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type {
  EmulatorChildCommand,
  EmulatorChildReply,
  EmulatorChildTask,
} from './emulator-child';

const CHILD_FILE = fileURLToPath(
  new URL('./emulator-child.ts', import.meta.url),
);

/** An emulator running in a child process. */
export type EmulatorProcess = {
  readonly url: string;
  /** Bodies of the tickets a BMS emulator stored, in the order it stored them. */
  tickets(): Promise<readonly Readonly<Record<string, unknown>>[]>;
  /** CPU time the process used so far, user plus system, in ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
};

/** Resolves with the next reply of `kind` from `child`. */
function nextReply<K extends EmulatorChildReply['reply']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<EmulatorChildReply, { reply: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: EmulatorChildReply): void => {
      if (message.reply !== kind) return;
      cleanUp();
      resolve(message as Extract<EmulatorChildReply, { reply: K }>);
    };
    const onExit = (code: number | null): void => {
      cleanUp();
      reject(
        new Error(
          `The emulator process exited with code ${code} before its ${kind} reply.`,
        ),
      );
    };
    const cleanUp = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Starts one emulator of `buildEligibleSeed` in a new Node process. */
export async function startEmulatorProcess(
  task: EmulatorChildTask,
): Promise<EmulatorProcess> {
  const child = fork(CHILD_FILE, [JSON.stringify(task)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: EmulatorChildCommand): void => {
    child.send(message);
  };
  const { url } = await nextReply(child, 'started');
  return {
    url,
    async tickets() {
      const reply = nextReply(child, 'tickets');
      send({ command: 'tickets' });
      return (await reply).bodies;
    },
    async cpuMs() {
      const reply = nextReply(child, 'cpu');
      send({ command: 'cpu' });
      return (await reply).cpuMs;
    },
    async close() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      send({ command: 'close' });
      await exited;
    },
  };
}
