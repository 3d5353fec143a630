#!/usr/bin/env node
// Draws the tray icons in build/tray/: one filled circle per tray status, at
// 16×16 and at 32×32 for high-density screens. Electron's
// nativeImage.createFromPath loads `NAME@2x.png` next to `NAME.png` on its
// own. Run it after changing a colour: node scripts/make-tray-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodeRgbaPng } from './png.mjs';

const outputDir = join(import.meta.dirname, '..', 'build', 'tray');

/** Colour of each status, as RGB; the names match TrayStatus. */
const COLORS = {
  healthy: [0x2f, 0x9e, 0x44],
  syncing: [0x1c, 0x7e, 0xd6],
  unhealthy: [0xe0, 0x31, 0x31],
  offline: [0x86, 0x8e, 0x96],
};

// Samples per pixel edge, for anti-aliased circle edges.
const SUBSAMPLES = 4;

/** Fraction of the pixel at (x, y) that the circle covers, from 0 to 1. */
function coverage(x, y, size) {
  const center = size / 2;
  const radius = size / 2 - size / 16;
  let inside = 0;
  for (let i = 0; i < SUBSAMPLES; i += 1) {
    for (let j = 0; j < SUBSAMPLES; j += 1) {
      const dx = x + (i + 0.5) / SUBSAMPLES - center;
      const dy = y + (j + 0.5) / SUBSAMPLES - center;
      if (dx * dx + dy * dy <= radius * radius) inside += 1;
    }
  }
  return inside / (SUBSAMPLES * SUBSAMPLES);
}

/** Encodes a size×size RGBA PNG of a circle in `rgb` on a transparent ground. */
function encodeCircle(size, rgb) {
  return encodeRgbaPng(size, size, (x, y) => [
    ...rgb,
    Math.round(coverage(x, y, size) * 255),
  ]);
}

mkdirSync(outputDir, { recursive: true });
for (const [status, rgb] of Object.entries(COLORS)) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ]) {
    const file = join(outputDir, `tray-${status}${suffix}.png`);
    writeFileSync(file, encodeCircle(size, rgb));
    console.log(`wrote ${file}`);
  }
}
