#!/usr/bin/env node
// Runs every check that `npm test` promises: type-checks, lint, format
// check, the Electronegativity scan of the Electron shell, the vitest suite
// and the Playwright browser tests. Prints one
// closing line, `N passed, N failed`, that adds the vitest and Playwright
// test counts to one count per static check.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { scanElectronShell } from './electronegativity-scan.mjs';

const root = join(import.meta.dirname, '..');
const bin = name => join(root, 'node_modules', '.bin', name);
const reportDir = join(root, 'test-results');
const vitestReport = join(reportDir, 'vitest.json');
const playwrightReport = join(reportDir, 'playwright.json');

function run(label, command, args) {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(bin(command), args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

function readVitestCounts() {
  try {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    return {
      passed: report.numPassedTests ?? 0,
      failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    };
  } catch {
    // No report means vitest could not start: count the whole run as one failure.
    return { passed: 0, failed: 1 };
  }
}

function readPlaywrightCounts() {
  try {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    return {
      passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
      failed: stats.unexpected ?? 0,
    };
  } catch {
    // No report means Playwright could not start: one failure.
    return { passed: 0, failed: 1 };
  }
}

mkdirSync(reportDir, { recursive: true });
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

let passed = 0;
let failed = 0;
for (const [label, command, args] of [
  ['type-check', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['type-check renderer', 'tsc', ['--noEmit', '-p', 'renderer/tsconfig.json']],
  ['lint', 'eslint', ['.']],
  ['format', 'prettier', ['--check', '.']],
]) {
  if (run(label, command, args)) passed += 1;
  else failed += 1;
}

if (scanElectronShell(root, reportDir)) passed += 1;
else failed += 1;

run('vitest', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const counts = readVitestCounts();
passed += counts.passed;
failed += counts.failed;

// The browser tests run after vitest so the two never compete for the
// machine's cores; each prints its own report above the closing line.
run('playwright', 'playwright', ['test']);
const browserCounts = readPlaywrightCounts();
passed += browserCounts.passed;
failed += browserCounts.failed;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
