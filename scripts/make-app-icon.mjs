#!/usr/bin/env node
// Draws the app icon, build/icon.png (512×512 RGBA), from which
// electron-builder derives the Windows .ico, the macOS .icns and the Linux
// icons: a blue shield with a lighter inner shield, on a transparent
// background. Run it after changing the shape or a colour:
// node scripts/make-app-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const OUTPUT = join(import.meta.dirname, '..', 'build', 'icon.png');

const OUTER = [0x19, 0x5f, 0xa8];
const INNER = [0x4d, 0xab, 0xf7];
const INNER_INSET = 0.1;

// Samples per pixel edge, for anti-aliased edges.
const SUBSAMPLES = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

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

function encodePng() {
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y += 1) {
    const row = y * (SIZE * 4 + 1);
    for (let x = 0; x < SIZE; x += 1) {
      Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(join(OUTPUT, '..'), { recursive: true });
writeFileSync(OUTPUT, encodePng());
console.log(`wrote ${OUTPUT}`);
