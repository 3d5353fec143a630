#!/usr/bin/env node
// Runs the TypeScript command-line tool through tsx, so the CLI executes the
// same sources as the tests and the desktop app.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
