#!/usr/bin/env node
// Starts seeded Dark Web ID and Kaseya BMS emulators (`npm run emulators`).
// tsx runs the TypeScript sources directly, so no build step is needed.
import { register } from 'tsx/esm/api';

register();

const { runEmulatorsCommand } = await import('../main/emulators/run.ts');
try {
  await runEmulatorsCommand(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
