// A small streaming XML scanner for the parts of an .xlsx: elements, their
// attributes and text, in one pass, fed by chunks. It is linear: each chunk
// is scanned once, and the only text carried from one chunk to the next is an
// unfinished tag (at most MAX_TAG characters) or a partial entity. It knows
// nothing of DTDs: a part with a <!DOCTYPE> is refused, so no entity is ever
// expanded beyond the five XML predefines and character references.

export interface XmlHandler {
  /** `name` without its namespace prefix; attribute names as written ("r:id"). */
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text, entities not yet decoded (see decodeXml); one text node may come in pieces. */
  text(raw: string): void;
  /** The content of a CDATA section, taken literally. */
  literal(text: string): void;
}

export class XmlError extends Error {}

const MAX_TAG = 64 * 1024;

export class XmlScanner {
  private rest = '';
  private mode: 'markup' | 'comment' | 'cdata' = 'markup';

  constructor(private readonly handler: XmlHandler) {}

  push(chunk: string): void {
    const buf = this.rest + chunk;
    this.rest = '';
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.mode === 'comment' || this.mode === 'cdata') {
        const close = this.mode === 'comment' ? '-->' : ']]>';
        const e = buf.indexOf(close, i);
        if (e < 0) {
          // Keep two characters in case the terminator straddles chunks.
          const keep = Math.max(i, n - 2);
          if (this.mode === 'cdata' && keep > i) this.handler.literal(buf.slice(i, keep));
          this.rest = buf.slice(keep);
          return;
        }
        if (this.mode === 'cdata' && e > i) this.handler.literal(buf.slice(i, e));
        this.mode = 'markup';
        i = e + 3;
        continue;
      }
      const lt = buf.indexOf('<', i);
      if (lt < 0) {
        // Hold back a partial entity so it is decoded whole.
        const amp = buf.lastIndexOf('&');
        const cut = amp >= i && buf.indexOf(';', amp) < 0 && n - amp < 16 ? amp : n;
        if (cut > i) this.handler.text(buf.slice(i, cut));
        this.rest = buf.slice(cut);
        return;
      }
      if (lt > i) this.handler.text(buf.slice(i, lt));
      i = lt;
      if (n - i < 9 && this.maybeSpecial(buf, i)) {
        this.rest = buf.slice(i);
        return;
      }
      if (buf.charCodeAt(i + 1) === 33 /* ! */) {
        if (buf.startsWith('<!--', i)) {
          this.mode = 'comment';
          i += 4;
          continue;
        }
        if (buf.startsWith('<![CDATA[', i)) {
          this.mode = 'cdata';
          i += 9;
          continue;
        }
        throw new XmlError('a document type declaration');
      }
      const end = tagEnd(buf, i + 1);
      if (end < 0) {
        if (n - i > MAX_TAG) throw new XmlError('a tag that never ends');
        this.rest = buf.slice(i);
        return;
      }
      this.tag(buf.slice(i + 1, end));
      i = end + 1;
    }
  }

  end(): void {
    if (this.rest.trim() || this.mode !== 'markup') throw new XmlError('it ends part-way through');
  }

  /** At a chunk's end, "<!-" or "<![CD" cannot yet be told from other markup. */
  private maybeSpecial(buf: string, i: number): boolean {
    const tail = buf.slice(i);
    return '<!--'.startsWith(tail) || '<![CDATA['.startsWith(tail) || (tail.startsWith('<!') && tail.length < 9);
  }

  private tag(body: string): void {
    const h = this.handler;
    if (body[0] === '?') return; // a processing instruction or the XML declaration
    if (body[0] === '/') {
      h.close(localName(body.slice(1).trim()));
      return;
    }
    const selfClosing = body.endsWith('/');
    if (selfClosing) body = body.slice(0, -1);
    let k = 0;
    while (k < body.length && !isSpace(body.charCodeAt(k))) k++;
    const name = localName(body.slice(0, k));
    h.open(name, attributes(body, k), selfClosing);
    if (selfClosing) h.close(name);
  }
}

/** name="value" pairs, read in one pass (a regular expression here could backtrack quadratically). */
function attributes(body: string, from: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const n = body.length;
  let p = from;
  for (;;) {
    while (p < n && isSpace(body.charCodeAt(p))) p++;
    if (p >= n) return attrs;
    const start = p;
    while (p < n && !isSpace(body.charCodeAt(p)) && body.charCodeAt(p) !== 61) p++;
    const key = body.slice(start, p);
    while (p < n && isSpace(body.charCodeAt(p))) p++;
    if (body.charCodeAt(p) !== 61) throw new XmlError(`an attribute ${key.slice(0, 20)} with no value`);
    p++;
    while (p < n && isSpace(body.charCodeAt(p))) p++;
    const quote = body[p];
    const close = quote === '"' || quote === "'" ? body.indexOf(quote, p + 1) : -1;
    if (close < 0) throw new XmlError(`an attribute ${key.slice(0, 20)} with no quotes`);
    attrs[key] = decodeXml(body.slice(p + 1, close));
    p = close + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** The index of the '>' that ends the tag begun before `from`, honouring quoted attribute values; -1 if not yet in view. */
function tagEnd(buf: string, from: number): number {
  let quote = 0;
  for (let j = from; j < buf.length; j++) {
    const c = buf.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j;
  }
  return -1;
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
