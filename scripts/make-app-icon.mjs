#!/usr/bin/env node
// Draws the app icon, build/icon.png (512×512 RGBA), from which
// electron-builder derives the Windows .ico, the macOS .icns and the Linux
// icons: a blue shield with a lighter inner shield, on a transparent
// background. Run it after changing the shape or a colour:
// node scripts/make-app-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodeRgbaPng } from './png.mjs';

const SIZE = 512;
const OUTPUT = join(import.meta.dirname, '..', 'build', 'icon.png');

const OUTER = [0x19, 0x5f, 0xa8];
const INNER = [0x4d, 0xab, 0xf7];
const INNER_INSET = 0.1;

// Samples per pixel edge, for anti-aliased edges.
const SUBSAMPLES = 4;

/**
 * True when the point (x, y), both in 0..1 with y growing downwards, lies
 * in the shield shrunk by `inset`: straight sides down to the middle, then
 * an elliptic curve to the point at the bottom.
 */
function inShield(x, y, inset) {
  const top = 0.06 + inset;
  const middle = 0.5;
  const bottom = 0.96 - inset * 1.6;
  const halfWidth = 0.42 - inset;
  if (y < top || y > bottom) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= middle) return dx <= halfWidth;
  const t = (y - middle) / (bottom - middle);
  return dx <= halfWidth * Math.sqrt(1 - t * t);
}

/** Returns the RGBA colour of one pixel, averaged over its subsamples. */
function pixel(px, py) {
  let outer = 0;
  let inner = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
    for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
      const x = (px + (sx + 0.5) / SUBSAMPLES) / SIZE;
      const y = (py + (sy + 0.5) / SUBSAMPLES) / SIZE;
      if (inShield(x, y, INNER_INSET)) inner += 1;
      else if (inShield(x, y, 0)) outer += 1;
    }
  }
  const covered = outer + inner;
  if (covered === 0) return [0, 0, 0, 0];
  const rgb = OUTER.map((value, i) =>
    Math.round((value * outer + INNER[i] * inner) / covered),
  );
  return [...rgb, Math.round((255 * covered) / SUBSAMPLES ** 2)];
}

mkdirSync(join(OUTPUT, '..'), { recursive: true });
writeFileSync(OUTPUT, encodeRgbaPng(SIZE, SIZE, pixel));
console.log(`wrote ${OUTPUT}`);
