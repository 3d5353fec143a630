import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEmulatorArgs } from '../../main/emulators/run';
import { basicAuth } from './emulator-fixtures';

const BIN = fileURLToPath(
  new URL('../../bin/dwid-bms-emulators.mjs', import.meta.url),
);

let child: ChildProcess | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});

/**
 * Resolves with standard output once the banner's last line appears. The
 * listener stays attached, so later output is drained and never hits a
 * closed pipe.
 */
function readBanner(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl-C to stop.')) resolve(output);
    });
    process.once('exit', code =>
      reject(new Error(`Emulators exited with ${code}:\n${output}`)),
    );
  });
}

function capture(banner: string, pattern: RegExp): string {
  const match = pattern.exec(banner);
  if (match?.[1] === undefined) {
    throw new Error(`Banner has no match for ${pattern}:\n${banner}`);
  }
  return match[1];
}

describe('emulators command', () => {
  it('serves seeded data and stops on SIGINT', async () => {
    child = spawn(
      process.execPath,
      [BIN, '--seed', '3', '--organizations', '8', '--compromises', '40'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const banner = await readBanner(child);
    const dwidUrl = capture(banner, /Dark Web ID emulator: (\S+)/);
    const bmsUrl = capture(banner, /Kaseya BMS emulator: +(\S+)/);
    const dwidPassword = capture(banner, /DWID_PASSWORD=(\S+)/);
    const bmsPassword = capture(banner, /BMS_PASSWORD=(\S+)/);
    expect(dwidUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bmsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const organizations = await fetch(`${dwidUrl}/services/organization.json`, {
      headers: { authorization: basicAuth('api@msp.example', dwidPassword) },
    });
    const page = (await organizations.json()) as { list: unknown[] };
    expect(page.list).toHaveLength(8);

    const login = await fetch(`${bmsUrl}/v2/security/authenticate`, {
      method: 'POST',
      body: new URLSearchParams({
        UserName: 'svc@msp.example',
        Password: bmsPassword,
        Tenant: 'Example MSP',
        GrantType: 'password',
      }),
    });
    expect(login.status).toBe(200);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});

describe('parseEmulatorArgs', () => {
  it('applies defaults', () => {
    expect(parseEmulatorArgs([])).toEqual({
      seed: 42,
      organizations: 30,
      compromises: 1200,
      portDwid: 0,
      portBms: 0,
    });
  });

  it('returns undefined for --help', () => {
    expect(parseEmulatorArgs(['--help'])).toBeUndefined();
  });

  it('rejects a non-numeric port', () => {
    expect(() => parseEmulatorArgs(['--port-bms', 'http'])).toThrow(
      'Invalid --port-bms "http"',
    );
  });

  it('rejects an unknown option', () => {
    expect(() => parseEmulatorArgs(['--colour'])).toThrow(/colour/);
  });
});
