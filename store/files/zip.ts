// The few parts of a zip archive an .xlsx reader needs, read from its central
// directory. Every part's sizes are checked against the limits before anything
// is inflated, and inflating stops at the size the directory declared, so a
// zip bomb is refused whether it states its size honestly or lies about it.
import zlib from 'node:zlib';
import { InvalidError } from '../../core/errors';
import { RATIO_FLOOR_BYTES, tooBig, type FileLimits } from './limits';

export interface ZipPart {
  name: string;
  method: number;
  packedSize: number;
  size: number;
  headerOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_U32 = 0xffffffff;

const damaged = (where: string, why: string) =>
  new InvalidError([`${where}: not a workbook PlanPulse can read (${why}); save it again from Excel as .xlsx`]);

/** The parts of the archive by name, after checking their declared sizes against the limits. */
export function zipDirectory(buf: Buffer, where: string, limits: FileLimits): Map<string, ZipPart> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new InvalidError([
      `${where}: the workbook is password-protected or in the old .xls format; save it from Excel as .xlsx without a password`,
    ]);
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw damaged(where, 'it is not a zip archive');
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged(where, 'its zip directory is missing');
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === MAX_U32) throw tooBig.unpacked(where, Infinity, limits);
  if (count > limits.zipEntries) throw damaged(where, `it has ${count} parts`);
  if (dirOffset + dirSize > end) throw damaged(where, 'its zip directory is cut short');

  const parts = new Map<string, ZipPart>();
  let total = 0;
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) throw damaged(where, 'its zip directory is damaged');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    let packedSize = buf.readUInt32LE(at + 20);
    let size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let headerOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/');
    // Zip64: a field of all ones is carried in the extra block as 64 bits.
    if (size === MAX_U32 || packedSize === MAX_U32 || headerOffset === MAX_U32) {
      const big = zip64(buf, at + 46 + nameLength, extraLength, { size, packedSize, headerOffset });
      ({ size, packedSize, headerOffset } = big);
    }
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new InvalidError([`${where}: the workbook is encrypted; save it from Excel as .xlsx without a password`]);
    total += size;
    if (size > limits.unpackedBytes || total > limits.unpackedBytes) throw tooBig.unpacked(where, Math.max(size, total), limits);
    if (size > RATIO_FLOOR_BYTES && size / Math.max(packedSize, 1) > limits.packRatio) {
      throw tooBig.ratio(where, name, size / Math.max(packedSize, 1), limits);
    }
    parts.set(name.toLowerCase(), { name, method, packedSize, size, headerOffset });
  }
  return parts;
}

function zip64(buf: Buffer, start: number, length: number, fields: { size: number; packedSize: number; headerOffset: number }) {
  const out = { ...fields };
  for (let p = start; p + 4 <= start + length;) {
    const id = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        // Beyond 2^53 is beyond any limit; Infinity says so without losing the comparison.
        const v = q + 8 <= p + 4 + len ? Number(buf.readBigUInt64LE(q)) : Infinity;
        q += 8;
        return v;
      };
      if (fields.size === MAX_U32) out.size = next();
      if (fields.packedSize === MAX_U32) out.packedSize = next();
      if (fields.headerOffset === MAX_U32) out.headerOffset = next();
      return out;
    }
    p += 4 + len;
  }
  return { size: Infinity, packedSize: out.packedSize, headerOffset: out.headerOffset };
}

/** One part, inflated; it may not unpack to more than the directory said. */
export function unpack(buf: Buffer, part: ZipPart, where: string): Buffer {
  const at = part.headerOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw damaged(where, `its part ${part.name} is missing`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + part.packedSize > buf.length) throw damaged(where, `its part ${part.name} is cut short`);
  const packed = buf.subarray(start, start + part.packedSize);
  if (part.method === 0) {
    if (part.packedSize !== part.size) throw damaged(where, `its part ${part.name} has the wrong size`);
    return packed;
  }
  if (part.method !== 8) throw damaged(where, `its part ${part.name} is packed in a way Excel does not use`);
  try {
    // maxOutputLength stops zlib as soon as the output passes the declared size.
    return zlib.inflateRawSync(packed, { maxOutputLength: Math.max(part.size, 1) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw damaged(where, `its part ${part.name} unpacks to more than its zip directory says`);
    throw damaged(where, `its part ${part.name} cannot be unpacked`);
  }
}
