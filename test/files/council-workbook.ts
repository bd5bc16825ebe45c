// A council's plan workbook, written with exceljs for the import tests (SQLite and SharePoint).
import ExcelJS from 'exceljs';

/**
 * The Lancashire workforce strategy (seed 000) as a council's workbook: a
 * cover page and instructions first, a hidden lookup sheet, then the plan with
 * title rows, the priority merged down its rows, a heading merged across, refs
 * as numbers and as text, rich text, date cells, a date as a number, formulas
 * with cached values, an emoji RAG and a hidden row.
 */
export async function writeCouncilWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Cover').addRows([['SEND Workforce Development Strategy 2024'], ['Action plan for the SEND Partnership Board']]);
  book.addWorksheet('Instructions').addRows([['How to update this plan'], ['Use the RAG drop-down; put new dates in the Target date column']]);
  const ws = book.addWorksheet('Action Plan');
  ws.addRow(['Lancashire SEND Workforce Development Strategy 2024 – action plan']);
  ws.addRow(['Last updated: 12 February 2024']);
  ws.addRow([]);
  ws.addRow(['Priority', 'Ref', 'Action', 'Lead officer', 'Target date', 'RAG']);
  ws.addRow([
    '1. Priorities for delivery',
    1.1,
    { richText: [{ text: 'Map ', font: { bold: true } }, { text: 'the SEND training already offered across the partnership' }] },
    'Jo Smith',
    new Date(Date.UTC(2024, 2, 31)),
    { formula: 'IF(TRUE,"Green","Red")', result: 'Green' },
  ]);
  ws.addRow(['', 1.2, 'Agree the levels of development for each role', 'jo.smith@lancashire.example', 45382, '\u{1F7E0}']);
  ws.addRow([
    '',
    '1.10',
    'Publish the training offer on the Local Offer',
    'Ann Lee',
    { formula: 'DATE(2024,6,30)', result: new Date(Date.UTC(2024, 5, 30)) },
    'amber',
  ]);
  const hidden = ws.addRow(['', '1.3', 'Retire the old induction pack', 'Ann Lee', 'Dec-23', 'Complete']);
  hidden.hidden = true;
  ws.getCell('E5').numFmt = 'dd/mm/yyyy';
  ws.getCell('E7').numFmt = 'dd/mm/yyyy';
  ws.mergeCells('A5:A8');
  ws.addRow(['Priority 2: Levels of development']);
  ws.mergeCells('A9:F9');
  ws.addRow(['', '2.1', 'Offer SEND awareness training to all staff', 'Priya Shah', 'Q1 2024/25', '']);
  ws.addRow(['', 2.2, 'Offer enhanced training to SENCOs', 'TBC', 'Mar-25', 'G']);
  const lists = book.addWorksheet('Lists');
  lists.state = 'hidden';
  lists.addRows([['RAG'], ['Red'], ['Amber'], ['Green']]);
  await book.xlsx.writeFile(file);
}
