import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { test as base, type Page } from '@playwright/test';

import type { Result } from '../../../shared/errors';
import type {
  CallInput,
  CallName,
  CallOutput,
} from '../../../shared/contract/calls';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** What test/e2e/support/stack.ts prints about the environment it started. */
export type StackInfo = {
  readonly pageUrl: string;
  readonly origin: string;
  readonly token: string;
  readonly controlUrl: string;
  readonly dataDir: string;
  readonly dwidUrl: string;
  readonly bmsUrl: string;
  readonly bmsUsername: string;
  readonly bmsPassword: string;
  readonly bmsTenant: string;
  readonly dwidPassword: string;
};

export type Stack = StackInfo & {
  /** Sends an order to the stack's control server and returns its reply. */
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** Runs a contract call over the bridge, as the window does. */
  call<N extends CallName>(
    name: N,
    input: CallInput<N>,
  ): Promise<Result<CallOutput<N>>>;
};

async function startStack(): Promise<{ info: StackInfo; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test', 'e2e', 'support', 'stack.ts')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('{"pageUrl"')) {
      return { info: JSON.parse(line) as StackInfo, child };
    }
  }
  throw new Error('The end-to-end stack exited before it was ready.');
}

function bindStack(info: StackInfo): Stack {
  return {
    ...info,
    async control<T>(path: string, body: unknown = {}) {
      const response = await fetch(info.controlUrl + path, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(await response.text());
      return (await response.json()) as T;
    },
    async call(name, input) {
      const response = await fetch(`${info.origin}/api/call/${name}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${info.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(input),
      });
      return (await response.json()) as never;
    },
  };
}

/**
 * `stack`: a fresh environment per test. `app`: a page with the window open
 * on it, in the light color scheme unless the test changes it.
 */
export const test = base.extend<{ stack: Stack; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  stack: async ({}, use) => {
    const { info, child } = await startStack();
    try {
      await use(bindStack(info));
    } finally {
      child.kill('SIGTERM');
    }
  },
  app: async ({ page, stack }, use) => {
    // A string script, because this file is type-checked without DOM types.
    await page.addInitScript({
      content: "localStorage.setItem('mantine-color-scheme-value', 'light');",
    });
    await page.goto(stack.pageUrl);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Folder of the screenshots that the tests keep as artifacts. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
