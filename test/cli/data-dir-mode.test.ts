import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

import { CliWorkspace } from './cli-process';

const workspace = new CliWorkspace();

afterAll(() => {
  workspace.remove();
});

it.runIf(process.platform !== 'win32')(
  'CLI creates a private data folder',
  async () => {
    const result = await workspace.runWithData(['health']);

    expect(result.status).toBe(0);
    expect(statSync(workspace.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(workspace.dataDir, 'logs')).mode & 0o777).toBe(0o700);
  },
);
