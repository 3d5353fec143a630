/**
 * Hands a task to a bench child process through its environment. A task can
 * carry the emulators' passwords, and unlike the command line, which any
 * local user can list, a process's environment is readable only by its
 * owner and root.
 */
const TASK_VARIABLE = 'DWID_BMS_BENCH_TASK';

/** Returns the environment for a child process that runs `task`. */
export function taskEnvironment(task: unknown): NodeJS.ProcessEnv {
  return { ...process.env, [TASK_VARIABLE]: JSON.stringify(task) };
}

/** Reads the task this process was started with. */
export function readTask<Task>(): Task {
  const text = process.env[TASK_VARIABLE];
  if (text === undefined) {
    throw new Error(
      `Missing ${TASK_VARIABLE}; start this file through the bench, ` +
        'not directly.',
    );
  }
  return JSON.parse(text) as Task;
}
