import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { taskEnvironment } from './child-task';
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

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exitedError(
  task: EmulatorChildTask,
  child: ChildProcess,
  waitingFor: string,
): Error {
  return new Error(
    `The ${task.kind} emulator process exited (code ${child.exitCode}, ` +
      `signal ${child.signalCode}) before its ${waitingFor} reply.`,
  );
}

/** Resolves with the next reply of `kind` from `child`. */
function nextReply<K extends EmulatorChildReply['reply']>(
  task: EmulatorChildTask,
  child: ChildProcess,
  kind: K,
): Promise<Extract<EmulatorChildReply, { reply: K }>> {
  return new Promise((resolve, reject) => {
    if (hasExited(child)) {
      reject(exitedError(task, child, kind));
      return;
    }
    const onMessage = (message: EmulatorChildReply): void => {
      if (message.reply !== kind) return;
      cleanUp();
      resolve(message as Extract<EmulatorChildReply, { reply: K }>);
    };
    const onExit = (): void => {
      cleanUp();
      reject(exitedError(task, child, kind));
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
  const child = fork(CHILD_FILE, [], {
    env: taskEnvironment(task),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A send to a process that has just exited emits an 'error' event, and
  // the pending reply rejects with the exit instead.
  child.on('error', () => undefined);
  const request = async <K extends EmulatorChildReply['reply']>(
    command: EmulatorChildCommand['command'],
    kind: K,
  ): Promise<Extract<EmulatorChildReply, { reply: K }>> => {
    const reply = nextReply(task, child, kind);
    if (child.connected) child.send({ command });
    return reply;
  };
  const { url } = await nextReply(task, child, 'started');
  return {
    url,
    async tickets() {
      return (await request('tickets', 'tickets')).bodies;
    },
    async cpuMs() {
      return (await request('cpu', 'cpu')).cpuMs;
    },
    async close() {
      if (hasExited(child)) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
