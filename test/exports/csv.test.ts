// The .csv writer: RFC 4180 quoting, and OWASP's single-quote prefix on any
// text a spreadsheet would otherwise run as a formula.
import { expect } from 'chai';
import type { PackTable } from '../../core/board-pack/tables';
import { cellText, looksLikeFormula, tableToCsv } from '../../store/exports/csv';

describe('board pack .csv', () => {
  it('prefixes text that begins with =, +, -, @, a tab or a carriage return with a single quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(looksLikeFormula(`${start}1+1`), JSON.stringify(start)).to.equal(true);
      expect(cellText(`${start}1+1`)).to.equal(`'${start}1+1`);
    }
    expect(cellText('Survey =done')).to.equal('Survey =done');
    expect(cellText(-3)).to.equal('-3'); // a count is a number, not text a person typed
  });

  it('shows dates, times and RAG as the board reads them', () => {
    expect(cellText({ date: '2023-03-03' })).to.equal('3 Mar 2023');
    expect(cellText({ instant: '2023-06-01T13:05:00Z' })).to.equal('1 Jun 2023, 14:05');
    expect(cellText({ rag: 'Amber' })).to.equal('Amber – likely to miss its deadline');
    expect(cellText(undefined)).to.equal('');
  });

  it('quotes commas, quotes and line breaks, with a byte-order mark and CRLF line ends', () => {
    const table: PackTable = {
      name: 'Actions',
      file: 'actions',
      columns: [
        { header: 'Ref', width: 5 },
        { header: 'Commentary', width: 5 },
        { header: 'Count', width: 5 },
      ],
      rows: [
        ['1.1.1', '=HYPERLINK("http://x","y")', 2],
        ['1.1.2', 'Two lines,\nand "quotes"', 0],
        ['1.1.3', '-1 school, still', undefined],
      ],
    };
    expect(tableToCsv(table)).to.equal(
      '\uFEFFRef,Commentary,Count\r\n' +
        `1.1.1,"'=HYPERLINK(""http://x"",""y"")",2\r\n` +
        '1.1.2,"Two lines,\nand ""quotes""",0\r\n' +
        `1.1.3,"'-1 school, still",\r\n`,
    );
  });
});
