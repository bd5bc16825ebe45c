import { expect } from 'chai';
import { parseCsv, toCsv } from '../../core/import/csv';

describe('CSV', () => {
  it('reads quoted commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"line 1\nline 2",\r\n\r\n';
    expect(parseCsv(text)).to.deep.equal([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['line 1\nline 2', ''],
    ]);
  });

  it('says so when a quote is never closed', () => {
    expect(() => parseCsv('a\n"unclosed')).to.throw(/closing quote/);
  });

  it('writes what it reads', () => {
    const rows = [
      ['ref', 'text'],
      ['1.1', 'two, "quoted"\nlines'],
    ];
    expect(parseCsv(toCsv(rows))).to.deep.equal(rows);
  });
});
