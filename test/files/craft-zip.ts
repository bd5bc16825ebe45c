// Writes zip archives by hand for the reader's tests, including ones no
// honest tool would write: a part whose directory entry states sizes other
// than its real ones (a zip bomb that lies), or stored without compression.
import zlib from 'node:zlib';

export interface CraftedPart {
  name: string;
  data: string | Buffer;
  /** Store without compression (method 0). */
  stored?: boolean;
  /** Sizes the central directory states, in place of the real ones. */
  claimSize?: number;
  claimPackedSize?: number;
  /** Packed bytes to use as they are (then `data` only gives the CRC and real size). */
  packed?: Buffer;
}

export function craftZip(parts: CraftedPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8');
    const packed = p.packed ?? (p.stored ? raw : zlib.deflateRawSync(raw));
    const name = Buffer.from(p.name, 'utf8');
    const crc = zlib.crc32(raw);
    const size = p.claimSize ?? raw.length;
    const packedSize = p.claimPackedSize ?? packed.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(p.stored ? 0 : 8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packedSize >>> 0, 20);
    dir.writeUInt32LE(size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}

const NS = 'http://schemas.openxmlformats.org';

/** The parts every workbook has, around the given sheets' XML. */
export function workbookParts(
  sheets: Array<{ name: string; xml: string; stored?: boolean } & Partial<CraftedPart>>,
  extra: CraftedPart[] = [],
): CraftedPart[] {
  const rels = sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  const list = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return [
    { name: '[Content_Types].xml', data: `<?xml version="1.0"?><Types xmlns="${NS}/package/2006/content-types"/>` },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets>${list}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="${NS}/package/2006/relationships">${rels}</Relationships>`,
    },
    ...sheets.map((s, i) => ({ ...s, name: `xl/worksheets/sheet${i + 1}.xml`, data: s.data ?? s.xml })),
    ...extra,
  ];
}

export function sheetXml(body: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}/spreadsheetml/2006/main">${head}<sheetData>${body}</sheetData></worksheet>`;
}
