// Reads an .xlsx workbook without a spreadsheet library: the zip's directory
// is checked against the limits first, then only the parts needed are
// inflated (the workbook, its relationships, styles, shared strings and the
// sheets asked for) and scanned once each. Work is linear in the unpacked
// size, which the limits bound; a declared dimension or a far-away cell
// reference never allocates anything, and a cell past a limit stops the read.
import fs from 'node:fs/promises';
import path from 'node:path';
import { excelSerialDate } from '../../core/dates';
import { InvalidError } from '../../core/errors';
import { tooBig, type FileLimits } from './limits';
import { monthText, numberAsShown, numberFormat, unescapeOoxml, type NumberFormat } from './cell-text';
import { unpack, zipDirectory, type ZipPart } from './zip';
import { decodeXml, XmlError, XmlScanner, type XmlHandler } from './xml-scan';

export interface WorkbookSheet {
  name: string;
  grid: string[][];
  /** Rows hidden in the sheet (by hand or by a filter), as the spreadsheet numbers them. */
  hiddenRows: number[];
}

interface SheetEntry {
  name: string;
  relId: string;
}

const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_STRINGS = /\/sharedStrings$/;
const REL_OFFICE_DOC = /\/officeDocument$/;

/** Every worksheet with something in it, in tab order; only `sheet` when one is named. */
export async function readWorkbook(file: string, where: string, limits: FileLimits, sheet?: string): Promise<WorkbookSheet[]> {
  const buf = await readBounded(file, where, limits.xlsxBytes);
  const parts = zipDirectory(buf, where, limits);
  const open = (name: string): Buffer | undefined => {
    const part: ZipPart | undefined = parts.get(name.toLowerCase());
    return part && unpack(buf, part, where);
  };
  const xml = (name: string, handler: XmlHandler): boolean => {
    const data = open(name);
    if (!data) return false;
    scan(data, handler, where, name);
    return true;
  };

  const rootRels = new Map<string, Relationship>();
  xml('_rels/.rels', relationships(rootRels, ''));
  const bookPath = [...rootRels.values()].find((r) => REL_OFFICE_DOC.test(r.type))?.target ?? 'xl/workbook.xml';
  const book = { sheets: [] as SheetEntry[], date1904: false };
  if (!xml(bookPath, workbookHandler(book)))
    throw new InvalidError([`${where}: not a workbook PlanPulse can read (it has no ${bookPath}); save it again from Excel as .xlsx`]);
  const rels = new Map<string, Relationship>();
  xml(relsPathOf(bookPath), relationships(rels, path.posix.dirname(bookPath)));

  let chosen = book.sheets;
  if (sheet !== undefined) {
    const wanted = sheet.trim().toLowerCase();
    const found = book.sheets.find((s) => s.name === sheet) ?? book.sheets.find((s) => s.name.trim().toLowerCase() === wanted);
    if (!found) {
      const names = book.sheets.map((s) => `"${s.name}"`).join(', ');
      throw new InvalidError([`${where} has no sheet "${sheet}"; its sheets are ${names || 'none'}`]);
    }
    chosen = [found];
  }
  const worksheets = chosen.flatMap((s) => {
    const rel = rels.get(s.relId);
    return rel && REL_WORKSHEET.test(rel.type) ? [{ name: s.name, target: rel.target }] : [];
  });
  if (!worksheets.length) return [];

  const relTarget = (re: RegExp, fallback: string) => [...rels.values()].find((r) => re.test(r.type))?.target ?? fallback;
  const styles = { custom: new Map<number, string>(), xfs: [] as number[] };
  xml(relTarget(REL_STYLES, 'xl/styles.xml'), stylesHandler(styles));
  const formats = styles.xfs.map((id) => numberFormat(id, styles.custom));
  const strings: string[] = [];
  xml(relTarget(REL_STRINGS, 'xl/sharedStrings.xml'), sharedStringsHandler(strings, where, limits));

  const out: WorkbookSheet[] = [];
  for (const ws of worksheets) {
    const grid = new SheetGrid(`${where} › ${ws.name}`, limits, { strings, formats, date1904: book.date1904 });
    xml(ws.target, grid);
    const cells = grid.result();
    if (cells.length) out.push({ name: ws.name, grid: cells, hiddenRows: grid.hiddenRows.filter((r) => r <= cells.length) });
  }
  return out;
}

/** The whole file, which is compressed and at most `limit` bytes; never more than its size when opened. */
async function readBounded(file: string, where: string, limit: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) throw tooBig.file(where, size, limit);
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const CHUNK = 256 * 1024;

function scan(data: Buffer, handler: XmlHandler, where: string, part: string): void {
  const scanner = new XmlScanner(handler);
  const text = new TextDecoder('utf-8');
  try {
    for (let i = 0; i < data.length; i += CHUNK) scanner.push(text.decode(data.subarray(i, i + CHUNK), { stream: true }));
    scanner.push(text.decode());
    scanner.end();
  } catch (e) {
    if (e instanceof XmlError)
      throw new InvalidError([`${where}: not a workbook PlanPulse can read (its part ${part} has ${e.message}); save it again from Excel as .xlsx`]);
    throw e;
  }
}

interface Relationship {
  target: string;
  type: string;
}

function relsPathOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

/** A relationships part; targets are resolved against the folder of the part they belong to. */
function relationships(into: Map<string, Relationship>, base: string): XmlHandler {
  return handler({
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : path.posix.normalize(path.posix.join(base, a.Target));
      into.set(a.Id, { target, type: a.Type ?? '' });
    },
  });
}

function workbookHandler(book: { sheets: SheetEntry[]; date1904: boolean }): XmlHandler {
  return handler({
    open(name, a) {
      if (name === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && a.name !== undefined) {
        const relKey = Object.keys(a).find((k) => k.endsWith(':id'));
        book.sheets.push({ name: a.name, relId: relKey ? a[relKey] : '' });
      }
    },
  });
}

function stylesHandler(styles: { custom: Map<number, string>; xfs: number[] }): XmlHandler {
  let inNumFmts = false;
  let inCellXfs = false;
  return handler({
    open(name, a) {
      if (name === 'numFmts') inNumFmts = true;
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'numFmt' && inNumFmts && a.formatCode !== undefined) styles.custom.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'xf' && inCellXfs) styles.xfs.push(Number(a.numFmtId ?? 0) || 0);
    },
    close(name) {
      if (name === 'numFmts') inNumFmts = false;
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
}

/** Text runs of the shared strings, phonetic guides (rPh) left out. */
function sharedStringsHandler(strings: string[], where: string, limits: FileLimits): XmlHandler {
  let raw = '';
  let inSi = false;
  let inPhonetic = false;
  let inT = false;
  const add = (text: string) => {
    raw += text;
    // Raw text may be up to ten characters per character (&#x1F600;), so this is checked loosely here and exactly when used.
    if (raw.length > limits.cellChars * 10) throw tooBig.cell(where, limits);
  };
  return {
    open(name) {
      if (name === 'si') [inSi, raw] = [true, ''];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inSi && !inPhonetic) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        strings.push(unescapeOoxml(decodeXml(raw)));
        inSi = false;
      }
    },
    text(t) {
      if (inT) add(t);
    },
    literal(t) {
      if (inT) add(t.replace(/&/g, '&amp;'));
    },
  };
}

function handler(h: Partial<XmlHandler>): XmlHandler {
  return { open: () => {}, close: () => {}, text: () => {}, literal: () => {}, ...h };
}

/** Column letters and row digits of a reference like "AB12"; Infinity for anything past the sheet's edge. */
function parseRef(ref: string): { col: number; row: number | undefined } {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  const digits = ref.slice(i);
  return { col: i > 3 ? Infinity : col, row: digits ? rowNumber(digits) : undefined };
}

function rowNumber(digits: string): number {
  return /^[0-9]{1,7}$/.test(digits) ? Number(digits) : Infinity;
}

function columnName(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

interface CellContext {
  strings: string[];
  formats: NumberFormat[];
  date1904: boolean;
}

/** One worksheet's cells into a grid of text, every row with something in it as wide as the widest. */
class SheetGrid implements XmlHandler {
  private readonly rows: string[][] = [];
  readonly hiddenRows: number[] = [];
  private width = 0;
  /** Rows with something in them: each is read as wide as the widest (result()). */
  private filled = 0;
  private row = 0;
  private col = 0;
  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private type = 'n';
  private style = 0;
  private capture: 'v' | 't' | undefined;
  private value = '';
  private inline = '';
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly where: string,
    private readonly limits: FileLimits,
    private readonly ctx: CellContext,
  ) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'row':
        this.row = a.r !== undefined ? rowNumber(a.r) : this.row + 1;
        this.col = 0;
        if ((a.hidden === '1' || a.hidden === 'true') && this.hiddenRows.length < 10_000) this.hiddenRows.push(this.row);
        break;
      case 'c': {
        const ref = a.r !== undefined ? parseRef(a.r) : undefined;
        this.col = ref && ref.col > 0 ? ref.col : this.col + 1;
        this.cellCol = this.col;
        this.cellRow = ref?.row ?? this.row;
        this.type = a.t ?? 'n';
        this.style = a.s !== undefined ? Number(a.s) || 0 : 0;
        this.value = '';
        this.inline = '';
        this.inCell = true;
        break;
      }
      case 'v':
        if (this.inCell) this.capture = 'v';
        break;
      case 'is':
        this.inInline = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
      case 't':
        if (this.inInline && !this.inPhonetic) this.capture = 't';
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = undefined;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'c':
        this.inCell = false;
        this.place(this.cellText());
        break;
    }
  }

  text(raw: string): void {
    if (!this.capture) return;
    if (this.capture === 'v') this.value += raw;
    else this.inline += raw;
    if (this.value.length + this.inline.length > this.limits.cellChars * 10) throw tooBig.cell(this.cellWhere(), this.limits);
  }

  literal(text: string): void {
    this.text(text.replace(/&/g, '&amp;'));
  }

  private cellWhere(): string {
    const row = Number.isFinite(this.cellRow) ? String(this.cellRow) : '';
    return Number.isFinite(this.cellCol) ? `${this.where}, cell ${columnName(this.cellCol)}${row}` : this.where;
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case 's':
        return this.ctx.strings[parseInt(v, 10)] ?? '';
      case 'inlineStr':
        return unescapeOoxml(decodeXml(this.inline));
      case 'str':
      case 'e':
        return decodeXml(v);
      case 'b':
        return v.trim() === '' ? '' : String(parseInt(v, 10) !== 0);
      case 'd':
        return monthText(new Date(decodeXml(v).trim()));
      default: {
        if (v.trim() === '') return '';
        const n = parseFloat(v);
        if (Number.isNaN(n)) return decodeXml(v);
        const format = this.ctx.formats[this.style];
        if (format?.date) return monthText(excelSerialDate(n, this.ctx.date1904));
        return numberAsShown(n, format?.code);
      }
    }
  }

  private place(text: string): void {
    if (text === '') return; // an empty or merely formatted cell takes no room, wherever it claims to be
    const { limits } = this;
    if (!(this.cellRow >= 1)) return;
    if (this.cellRow > limits.rows) throw tooBig.rows(this.where, limits);
    if (this.cellCol > limits.columns) throw tooBig.columns(`${this.where}, row ${this.cellRow}`, limits);
    if (text.length > limits.cellChars) throw tooBig.cell(this.cellWhere(), limits);
    let cells = this.rows[this.cellRow - 1];
    if (!cells) {
      cells = this.rows[this.cellRow - 1] = [];
      this.filled++;
    }
    cells[this.cellCol - 1] = text;
    if (this.cellCol > this.width) this.width = this.cellCol;
    if (this.filled * this.width > limits.cells) throw tooBig.cells(this.where, limits);
  }

  result(): string[][] {
    const grid: string[][] = [];
    for (let i = 0; i < this.rows.length; i++) {
      const cells = this.rows[i];
      // A row with nothing in it is empty, as exceljs gave it.
      if (!cells) {
        grid.push([]);
        continue;
      }
      const row = new Array<string>(this.width);
      for (let j = 0; j < this.width; j++) row[j] = cells[j] ?? '';
      grid.push(row);
    }
    return grid;
  }
}
