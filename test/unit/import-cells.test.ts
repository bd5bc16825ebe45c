// The cells of plans we have not seen, one reader at a time: RAG words,
// refs as written, due cells, lead cells, CSV separators and the rows of a
// Word-table export (headings, continuation rows).
import { expect } from 'chai';
import { planFieldByWords } from '../../core/import/columns';
import { sniffDelimiter, parseCsv } from '../../core/import/csv';
import { readDue, whyNotADate } from '../../core/import/due-text';
import { namesNoOne, readLeadName } from '../../core/import/lead-cell';
import { tidyPlanRows } from '../../core/import/plan-rows';
import { readRag } from '../../core/import/rag-words';
import { readRef } from '../../core/import/ref-text';
import type { SheetRow } from '../../core/import/table';

describe('import: RAG cells as partnerships fill them in', () => {
  const cases: [string, string][] = [
    ['Green', 'Green'],
    ['green ', 'Green'],
    ['AMBER', 'Amber'],
    ['G', 'Green'],
    ['a', 'Amber'],
    ['R', 'Red'],
    ['On track', 'Green'],
    ['on target', 'Green'],
    ['Complete', 'Blue'],
    ['Completed', 'Blue'],
    ['Done', 'Blue'],
    ['Not started', 'Grey'],
    ['At risk', 'Amber'],
    ['Off track', 'Red'],
    ['Delayed', 'Red'],
    ['Red/Amber', 'Red'],
    ['Amber - Green', 'Amber'],
    ['R/A', 'Red'],
    ['Green – on track', 'Green'],
    ['Amber: awaiting funding', 'Amber'],
    ['\u{1F7E2}', 'Green'],
    ['\u{1F7E0}', 'Amber'],
    ['\u{1F534}', 'Red'],
    ['\u{1F7E5}', 'Red'],
    ['\u{1F535}', 'Blue'],
    ['\u00a0Green\u00a0', 'Green'],
    ['', 'Grey'],
    ['   ', 'Grey'],
  ];
  for (const [cell, rag] of cases) {
    it(`"${cell}" is ${rag}`, () => expect(readRag(cell)?.rag).to.equal(rag));
  }

  it('says how a word was read, but not a colour written out or a blank', () => {
    expect(readRag('On track')).to.deep.equal({ rag: 'Green', readAs: 'Green' });
    expect(readRag('Red/Amber')).to.deep.equal({ rag: 'Red', readAs: 'Red, the worse of the two' });
    expect(readRag(' amber ')).to.deep.equal({ rag: 'Amber' });
    expect(readRag('')).to.deep.equal({ rag: 'Grey' });
  });

  it('does not guess: unknown words, two statuses that disagree in kind, a colour with another colour after it', () => {
    for (const cell of ['Wibble', 'In progress', 'Purple', 'Green/Blue', 'Amber - was Red', '?!', 'Red Amber Green']) {
      expect(readRag(cell), cell).to.equal(undefined);
    }
  });
});

describe('import: refs as plans write them', () => {
  const cases: [string, string][] = [
    ['1', '1'],
    ['1.1', '1.1'],
    ['1.1.1', '1.1.1'],
    ['1.1.', '1.1'],
    [' 1.10 ', '1.10'],
    ['P1', '1'],
    ['P1.2', '1.2'],
    ['A1.2.3', '1.2.3'],
    ['Priority 1', '1'],
    ['Action 2.3', '2.3'],
    ['1a', '1.1'],
    ['1.a', '1.1'],
    ['1b', '1.2'],
    ['2.1c', '2.1.3'],
  ];
  for (const [cell, ref] of cases) {
    it(`"${cell}" is ${ref}`, () => expect(readRef(cell).ref).to.equal(ref));
  }
  it('says when it changed what was written, and 1.10 stays 1.10', () => {
    expect(readRef('1.1').rewritten).to.equal(false);
    expect(readRef('1.1.').rewritten).to.equal(false);
    expect(readRef('P1.2').rewritten).to.equal(true);
    expect(readRef('1.10')).to.deep.equal({ ref: '1.10', rewritten: false });
    expect(readRef('Early help').ref).to.equal('Early help');
  });
});

describe('import: due cells', () => {
  const months: [string, string][] = [
    ['Mar-24', '2024-3'],
    ['March 2024', '2024-3'],
    ['Sept 2023', '2023-9'],
    ['31/03/2024', '2024-3'],
    ['03/04/2024', '2024-4'], // 3 April: UK order, always
    ['2024-03-31', '2024-3'],
    ['end of March 2024', '2024-3'],
    ['By end of March 2024', '2024-3'],
    ['by 31/03/2024', '2024-3'],
    ['45382', '2024-3'], // Excel's day number for 31 Mar 2024
  ];
  for (const [cell, month] of months) {
    it(`"${cell}" is due in ${month}`, () => {
      const read = readDue(cell);
      expect(read && `${read.year}-${read.month}`).to.equal(month);
    });
  }
  it('says where an Excel day number came from', () => {
    expect(readDue('45382')?.readAs).to.equal("Excel's day number for 31 Mar 2024");
  });
  it('never makes a date of a quarter, a term, a season, a year, a US-order date or words', () => {
    for (const cell of ['Q3 2023/24', 'Spring term 2024', 'Summer 2024', '2023/24', '03/31/2024', 'Ongoing', 'TBC', '12345', '1.5']) {
      expect(readDue(cell), cell).to.equal(undefined);
    }
  });
  it('says why one was kept as words', () => {
    expect(whyNotADate('Q3 2023/24')).to.equal('a quarter spans three months');
    expect(whyNotADate('Spring term 2024')).to.equal('a term or season spans several months');
    expect(whyNotADate('2023/24')).to.equal('a year spans twelve months');
    expect(whyNotADate('03/31/2024')).to.equal('it is not a real date read day first (UK order)');
  });
});

describe('import: lead cells', () => {
  it('"TBC", "All", "N/A" and blanks name no one', () => {
    for (const cell of ['TBC', 'tbc', 'All', 'N/A', 'n/a', '-', '?', 'To be confirmed', 'Vacant']) expect(namesNoOne(cell), cell).to.equal(true);
    for (const cell of ['Jo Smith', 'Head of SEND', 'Allison Reed', 'Principal EP']) expect(namesNoOne(cell), cell).to.equal(false);
  });
  it('an email with or instead of the name is kept as the lead’s email', () => {
    expect(readLeadName('Jo Smith <Jo.Smith@lancashire.example>')).to.deep.equal({ name: 'Jo Smith', email: 'jo.smith@lancashire.example' });
    expect(readLeadName('Jo Smith (jo.smith@lancashire.example)')).to.deep.equal({ name: 'Jo Smith', email: 'jo.smith@lancashire.example' });
    expect(readLeadName('amy.lee@lancashire.example')).to.deep.equal({ name: 'amy.lee@lancashire.example', email: 'amy.lee@lancashire.example' });
    expect(readLeadName('Jo Smith (SENCO)')).to.deep.equal({ name: 'Jo Smith (SENCO)' });
  });
});

describe('import: CSV separators', () => {
  it('reads commas, semicolons and tabs, and keeps a comma file with semicolons in its text as commas', () => {
    expect(sniffDelimiter('Ref;Action;Lead\r\n1.1;Do it;Jo\r\n')).to.equal(';');
    expect(sniffDelimiter('Ref\tAction\tLead\n1.1\tDo it, now\tJo\n')).to.equal('\t');
    expect(sniffDelimiter('Ref,Action,Lead\n1.1,Do it; now,Jo\n1.2,"a;b;c;d",Ann\n')).to.equal(',');
    expect(sniffDelimiter('Plan title\n\nRef;Action;Lead;Due\n1.1;a, b;Jo;Mar-24\n1.2;c;Jo;Mar-24\n')).to.equal(';');
    expect(parseCsv('Ref;Action\n1.1;"Say ""hi""; then go"\n')).to.deep.equal([
      ['Ref', 'Action'],
      ['1.1', 'Say "hi"; then go'],
    ]);
  });
});

describe('import: rows of a Word-table export', () => {
  const rows = (...cells: Record<string, string>[]): SheetRow[] =>
    cells.map((c, i) => ({ rowNumber: i + 2, cells: { ref: '', text: '', lead: '', due: '', rag: '', ...c } }));

  it('a heading in one cell becomes its priority or outcome row; "Outcome 2" under priority 3 is 3.2', () => {
    const out = tidyPlanRows(
      rows(
        { ref: 'Priority 3: Early intervention' },
        { text: 'Outcome 2 – Families get help early' },
        { ref: '3.2.1', text: 'Act', rag: 'Green' },
        { ref: '4. Adulthood' },
        { ref: '4.1.1', text: 'Act', rag: 'Green' },
      ),
    );
    expect(out.problems).to.deep.equal([]);
    expect(out.rows.map((r) => [r.cells.ref, r.cells.kind ?? '', r.cells.text])).to.deep.equal([
      ['3', 'priority', 'Early intervention'],
      ['3.2', 'outcome', 'Families get help early'],
      ['3.2.1', '', 'Act'],
      ['4', 'priority', 'Adulthood'],
      ['4.1.1', '', 'Act'],
    ]);
  });

  it('a row with no ref, due or RAG after an action continues it, and says so', () => {
    const out = tidyPlanRows(
      rows(
        { ref: '1.1', text: 'Put in place an audit,', lead: 'Jo Smith', rag: 'Green' },
        { text: 'to improve the quality of plans' },
        { lead: 'Ann Lee' },
        { text: '2. Train staff' },
      ),
    );
    expect(out.rows).to.have.length(1);
    expect(out.rows[0].cells).to.include({
      text: 'Put in place an audit,\nto improve the quality of plans\n2. Train staff',
      lead: 'Jo Smith / Ann Lee',
    });
    expect(out.notes.map((n) => `${n.rowNumber}: ${n.message}`)).to.deep.equal([
      '3: no ref: read as more of the text of action 1.1',
      '4: no ref: read as more of action 1.1 (its lead)',
      '5: no ref: read as more of the text of action 1.1',
    ]);
  });

  it('a title alone above a new priority is its title; a row with no ref but its own due date is not guessed', () => {
    const out = tidyPlanRows(
      rows({ text: 'Early identification' }, { ref: '1.1', text: 'Act', due: 'Mar-24' }, { text: 'A second action with no number', due: 'Apr-24' }),
    );
    expect(out.rows.map((r) => [r.cells.ref, r.cells.kind ?? '', r.cells.text])).to.deep.equal([
      ['1', 'priority', 'Early identification'],
      ['1.1', '', 'Act'],
    ]);
    expect(out.problems).to.deep.equal([
      { rowNumber: 4, message: 'this row has no ref but its own due date, so it is not read as more of action 1.1: give it a ref' },
    ]);
    expect(out.notes.map((n) => n.message)).to.include('"Early identification" read as the title of priority 1, the heading above it');
  });
});

describe('import: unnumbered titles above a three-level plan', () => {
  const rows = (...cells: Record<string, string>[]): SheetRow[] =>
    cells.map((c, i) => ({ rowNumber: i + 2, cells: { ref: '', text: '', lead: '', due: '', rag: '', ...c } }));

  it('a priority title then an outcome title head the first action; a key below the plan is passed over with a note', () => {
    const out = tidyPlanRows(
      rows(
        { ref: 'Early identification' },
        { ref: 'Children are identified early' },
        { ref: '1.1.1', text: 'Act', rag: 'Green' },
        { ref: 'Families know where to go' },
        { ref: '1.2.1', text: 'Act', rag: 'Green' },
        { ref: 'Key: Red = missed its deadline' },
      ),
    );
    expect(out.problems).to.deep.equal([]);
    expect(out.rows.map((r) => [r.cells.ref, r.cells.kind ?? '', r.cells.text])).to.deep.equal([
      ['1', 'priority', 'Early identification'],
      ['1.1', 'outcome', 'Children are identified early'],
      ['1.1.1', '', 'Act'],
      ['1.2', 'outcome', 'Families know where to go'],
      ['1.2.1', '', 'Act'],
    ]);
    expect(out.notes.map((n) => `${n.rowNumber}: ${n.message}`)).to.include(
      '7: "Key: Red = missed its deadline" has no ref and nothing numbered follows it: not imported',
    );
  });
});

describe('import: plan headers read by their words', () => {
  const cases: [string, string | undefined][] = [
    ['Action owner', 'lead'],
    ['Lead officer(s)', 'lead'],
    ['Responsible officer', 'lead'],
    ['Target completion date', 'due'],
    ['Deadline date', 'due'],
    ['Timeframe', 'due'],
    ['RAG rating (R/A/G)', 'rag'],
    ['Current RAG', 'rag'],
    ['Action No.', 'ref'],
    ['Ref no', 'ref'],
    ['Key actions', 'text'],
    ['Actions required', 'text'],
    ['Progress update', undefined],
    ['Date of last update', undefined],
    ['Comments', undefined],
    ['Start date', undefined],
    ['Target', undefined],
    ['Evidence of impact', undefined],
  ];
  for (const [header, field] of cases) {
    it(`"${header}" is ${field ?? 'not read'}`, () => expect(planFieldByWords(header)).to.equal(field));
  }
});
