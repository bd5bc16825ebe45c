// Drew the app's two icons once, as PNGs without an image library: a 192×192
// colour icon (white pulse line on GOV.UK blue) and a 32×32 transparent white
// outline, the sizes Teams requires. The PNGs are committed (manifest/color.png,
// manifest/outline.png) and the package build only copies them; run
// `npx tsx manifest/draw-icons.ts` to draw them again after changing this file.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels → PNG bytes. */
export function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A heartbeat-like pulse across the middle, as a function of x in 0..1 giving y in 0..1. */
function pulse(t: number): number {
  if (t < 0.3 || t > 0.7) return 0.5;
  if (t < 0.4) return 0.5 - (t - 0.3) * 3;
  if (t < 0.55) return 0.2 + (t - 0.4) * 4.6;
  return 0.89 - (t - 0.55) * 2.6;
}

function onLine(x: number, y: number, size: number, width: number): boolean {
  for (let dx = -width; dx <= width; dx++) {
    const t = (x + dx) / size;
    if (Math.abs(pulse(t) * size - y) <= width) return true;
  }
  return false;
}

export function colourIcon(): Buffer {
  return encodePng(192, (x, y) => (onLine(x, y, 192, 6) ? [255, 255, 255, 255] : [0x1d, 0x70, 0xb8, 255]));
}

export function outlineIcon(): Buffer {
  return encodePng(32, (x, y) => (onLine(x, y, 32, 1) ? [255, 255, 255, 255] : [0, 0, 0, 0]));
}

if (require.main === module) {
  fs.writeFileSync(path.join(__dirname, 'color.png'), colourIcon());
  fs.writeFileSync(path.join(__dirname, 'outline.png'), outlineIcon());
}
