#!/usr/bin/env node
// Runs @doyensec/electronegativity offline. Its built code requires
// `commander` without declaring it, expecting the version 6 interface,
// while this project's own `commander` is version 14; the hook below hands
// the scanner a pinned version 6 under another package name. The scanner
// also fetches translations and Electron's release list over HTTP with
// `got`; the hook gives it a stand-in that fails at once, so no request
// leaves the machine. Other modules resolve as usual.
'use strict';

const Module = require('node:module');
const path = require('node:path');

const scannerDir = path.dirname(
  require.resolve('@doyensec/electronegativity/package.json'),
);
const replacements = {
  commander: require.resolve('electronegativity-commander'),
  got: path.join(__dirname, 'offline-got.cjs'),
};
const resolve = Module._resolveFilename;

Module._resolveFilename = function resolveFilename(request, parent, ...rest) {
  const replacement = replacements[request];
  if (replacement !== undefined && parent?.filename?.startsWith(scannerDir)) {
    return replacement;
  }
  return resolve.call(this, request, parent, ...rest);
};

require(path.join(scannerDir, 'dist', 'index.js'));
