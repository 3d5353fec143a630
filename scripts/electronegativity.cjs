#!/usr/bin/env node
// Runs @doyensec/electronegativity offline. Its built code requires
// `commander` without declaring it and expects the version 6 interface,
// while this project's own `commander` is version 14. The hook below hands
// the scanner a pinned version 6 under another package name. The scanner
// also fetches translations and Electron's release list over HTTP with
// `got`, so the hook gives it a stand-in that fails at once and no request
// leaves the machine. Other modules resolve as usual.
//
// The scanner writes its CSV header and its rows with two concurrent
// fs.writeFile calls, so the header sometimes lands over the first row.
// This process runs nothing else, so fs.writeFile is made to write at once,
// in call order, before it calls back.
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

const fs = require('node:fs');

fs.writeFile = function writeFileInOrder(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const settings = typeof options === 'function' ? undefined : options;
  let failure = null;
  try {
    fs.writeFileSync(file, data, settings);
  } catch (error) {
    failure = error;
  }
  process.nextTick(() => done?.(failure));
};

require(path.join(scannerDir, 'dist', 'index.js'));
