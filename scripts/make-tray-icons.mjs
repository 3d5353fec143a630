#!/usr/bin/env node
// Draws the tray icons in build/tray/: one filled circle per tray status, at
// 16×16 and at 32×32 for high-density screens. Electron's
// nativeImage.createFromPath loads `NAME@2x.png` next to `NAME.png` on its
// own. Run it after changing a colour: node scripts/make-tray-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it (ISO 3309, the same as zlib's). */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

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
  const rowLength = 1 + size * 4;
  const raw = Buffer.alloc(rowLength * size);
  for (let y = 0; y < size; y += 1) {
    // Each scanline starts with filter type 0 (none).
    raw[y * rowLength] = 0;
    for (let x = 0; x < size; x += 1) {
      const offset = y * rowLength + 1 + x * 4;
      raw[offset] = rgb[0];
      raw[offset + 1] = rgb[1];
      raw[offset + 2] = rgb[2];
      raw[offset + 3] = Math.round(coverage(x, y, size) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
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
