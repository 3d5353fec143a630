/**
 * UI figures in Debian's Chromium through Playwright: how long the company
 * mapping and organizations lists take to show, and how long one keystroke
 * in their search boxes takes to update the list, with 10,000 BMS accounts
 * and 5,000 organizations. Also the size of the built renderer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import { chromium, type Page } from '@playwright/test';

import { startHttpBridge } from '../main/bridge/http-bridge';
import {
  ensureRendererBuilt,
  RENDERER_OUT_DIR,
} from '../main/bridge/renderer-build';
import {
  demoFieldMappings,
  EMULATOR_BMS_TENANT,
  EMULATOR_BMS_USERNAME,
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
} from '../main/emulators/seeded-emulators';
import { ConnectorService } from '../main/service/connector-service';
import { createDataDir, removeDataDir } from './bench-setup';

export type UiResult = {
  readonly accounts: number;
  readonly organizations: number;
  /** From clicking the tab to `Total Kaseya Accounts` showing, in ms. */
  readonly mappingOpenMs: number;
  /** Per keystroke in `Search accounts`, input to the next frame, in ms. */
  readonly mappingKeystrokeMs: readonly number[];
  readonly organizationsOpenMs: number;
  readonly organizationsKeystrokeMs: readonly number[];
  readonly bundleBytes: number;
  readonly bundleGzipBytes: number;
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
/** Typed one character at a time into each search box. */
const QUERY = 'contoso';

/**
 * Runs in the page on the focused input: appends one character the way
 * typing does and resolves with the time from the input event to the frame
 * after the last change to the rest of the page, in ms. The page counts as
 * settled after QUIET_MS without changes; a keystroke that changes nothing
 * counts until its first frame. It is JavaScript source, because this file
 * is type-checked without DOM types.
 */
const KEYSTROKE_SCRIPT = `(character) => new Promise(resolve => {
  const QUIET_MS = 300;
  const input = document.activeElement;
  const start = performance.now();
  let settledAt = null;
  let quiet;
  const markFrame = () => requestAnimationFrame(() => {
    settledAt = performance.now();
  });
  const finish = () => {
    observer.disconnect();
    resolve((settledAt ?? performance.now()) - start);
  };
  const observer = new MutationObserver(records => {
    if (records.every(record => input.contains(record.target))) return;
    markFrame();
    clearTimeout(quiet);
    quiet = setTimeout(finish, QUIET_MS);
  });
  observer.observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true,
  });
  // React tracks the value through the prototype setter, so set it there.
  const setter = Object.getOwnPropertyDescriptor(
    HTMLInputElement.prototype, 'value').set;
  setter.call(input, input.value + character);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  markFrame();
  quiet = setTimeout(finish, QUIET_MS);
})`;

/**
 * Types `text` into the input labelled `label` one character at a time and
 * returns the time of each keystroke, measured inside the page.
 */
async function measureKeystrokes(
  page: Page,
  label: string,
  text: string,
): Promise<number[]> {
  await page.getByLabel(label, { exact: true }).focus();
  const timings: number[] = [];
  for (const character of text) {
    const script = `(${KEYSTROKE_SCRIPT})(${JSON.stringify(character)})`;
    timings.push(await page.evaluate<number>(script));
  }
  return timings;
}

function bundleSizes(): { bytes: number; gzipBytes: number } {
  const assets = join(RENDERER_OUT_DIR, 'assets');
  let bytes = 0;
  let gzipBytes = 0;
  for (const name of readdirSync(assets)) {
    const content = readFileSync(join(assets, name));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes };
}

/**
 * Starts emulators with `organizations` organizations and enough extra
 * accounts to reach `accounts`, syncs once so both lists are cached, and
 * serves the window.
 */
async function startUiEnvironment(accounts: number, organizations: number) {
  const emulators = await startSeededEmulators({
    seed: { seed: 11, organizations, compromises: 200 },
    bms: { maxPageSize: 1000 },
  });
  const existing = emulators.bms.accounts.length;
  emulators.bms.addAccounts(
    Array.from({ length: Math.max(0, accounts - existing) }, (_, index) => ({
      id: 900_000 + index,
      name: `Bench Account ${index}`,
      isActive: true,
    })),
  );
  const dataDir = createDataDir('ui');
  const service = ConnectorService.open({
    dataDir,
    clientTuning: { bmsBudget: null },
  });
  service.apply(
    {
      source: {
        url: emulators.dwid.url,
        username: EMULATOR_DWID_USERNAME,
        passwordEnv: 'DWID_PASSWORD',
      },
      integrations: [
        {
          name: 'Bench BMS',
          bmsUrl: emulators.bms.url,
          username: EMULATOR_BMS_USERNAME,
          passwordEnv: 'BMS_PASSWORD',
          company: EMULATOR_BMS_TENANT,
          fieldMappings: demoFieldMappings(),
          organizations: '*',
        },
      ],
    },
    {
      env: {
        DWID_PASSWORD: emulators.dwidPassword,
        BMS_PASSWORD: emulators.bmsPassword,
      },
    },
  );
  await service.sync();
  const bridge = await startHttpBridge({
    service,
    staticDir: await ensureRendererBuilt(),
  });
  return {
    bridge,
    cachedAccounts: emulators.bms.accounts.length,
    close: async () => {
      await bridge.close();
      service.close();
      await emulators.close();
      removeDataDir(dataDir);
    },
  };
}

/** Milliseconds from `action` until `text` is visible on the page. */
async function timeUntilVisible(
  page: Page,
  action: () => Promise<void>,
  text: string | RegExp,
): Promise<number> {
  const start = performance.now();
  await action();
  await page.getByText(text).first().waitFor({ timeout: 60_000 });
  return performance.now() - start;
}

/** Measures both lists in Chromium with `accounts` and `organizations`. */
export async function measureUi(
  accounts: number,
  organizations: number,
): Promise<UiResult> {
  const environment = await startUiEnvironment(accounts, organizations);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await page.goto(environment.bridge.pageUrl);
    await page.getByRole('button', { name: 'Edit Bench BMS' }).click();
    const mappingOpenMs = await timeUntilVisible(
      page,
      () => page.getByRole('tab', { name: 'Kaseya Company Mapping' }).click(),
      'Total Kaseya Accounts',
    );
    const mappingKeystrokeMs = await measureKeystrokes(
      page,
      'Search accounts',
      QUERY,
    );

    const organizationsOpenMs = await timeUntilVisible(
      page,
      () =>
        page
          .getByRole('navigation', { name: 'Sections' })
          .getByRole('button', { name: 'Organizations' })
          .click(),
      'Search organizations',
    );
    const organizationsKeystrokeMs = await measureKeystrokes(
      page,
      'Search organizations',
      QUERY,
    );
    const bundle = bundleSizes();
    return {
      accounts: environment.cachedAccounts,
      organizations,
      mappingOpenMs,
      mappingKeystrokeMs,
      organizationsOpenMs,
      organizationsKeystrokeMs,
      bundleBytes: bundle.bytes,
      bundleGzipBytes: bundle.gzipBytes,
    };
  } finally {
    await browser.close();
    await environment.close();
  }
}
