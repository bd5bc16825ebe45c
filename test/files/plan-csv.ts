// Plan-shaped CSV text of any length for the readers' tests and benchmark:
// quoted commas, doubled quotes and line breaks in the text, as exports have.
import fs from 'node:fs';

export const PLAN_HEADER = 'priority,priority_title,ref,kind,text,due,lead,rag';

export function planCsvLine(i: number): string {
  const text =
    i % 10 === 0 ? `"Review, with partners, the ""local offer"" pages\nand report ${i}"` : `Deliver improvement ${i} across the partnership`;
  return `${1 + (i % 5)},Outcomes,${1 + (i % 5)}.${i % 9}.${i},action,${text},Mar-24,Jennifer Ashton,Green`;
}

/** Writes a header and `rows` body rows, CRLF-ended, in pieces so the writer itself stays small. */
export function writePlanCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, `\ufeff${PLAN_HEADER}\r\n`);
    for (let start = 1; start <= rows; start += 10_000) {
      const lines: string[] = [];
      for (let i = start; i < start + 10_000 && i <= rows; i++) lines.push(planCsvLine(i));
      fs.writeSync(fd, lines.join('\r\n') + '\r\n');
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A plan that imports, of any size, as partnerships write one: three levels
 * with the outcome named beside each action, headers as people type them, 5
 * priorities of 50 outcomes, 400 distinct leads, due months across two years.
 */
export function writeImportablePlanCsv(file: string, actions: number, shift = 0): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, 'Priority,Ref,Outcome,Action,Lead officer,Due,RAG status\r\n');
    const perOutcome = Math.ceil(actions / 250);
    for (let start = 0; start < actions; start += 10_000) {
      const lines: string[] = [];
      for (let i = start; i < start + 10_000 && i < actions; i++) {
        const outcome = Math.floor(i / perOutcome);
        const p = 1 + Math.floor(outcome / 50);
        const o = 1 + (outcome % 50);
        const a = 1 + (i % perOutcome);
        const text =
          i % 10 === 0 ? `"Review, with partners, the ""local offer"" pages\nand report ${i}"` : `Deliver improvement ${i} across the partnership`;
        const due = `${['Jan', 'Apr', 'Jul', 'Oct'][(i + shift) % 4]}-${24 + (i % 2)}`;
        lines.push(
          `${p},${p}.${o}.${a},Outcome ${p}.${o} for children and families,${text},Lead Person ${i % 400},${due},${['Green', 'Amber', 'Red', ''][i % 4]}`,
        );
      }
      fs.writeSync(fd, lines.join('\r\n') + '\r\n');
    }
  } finally {
    fs.closeSync(fd);
  }
}
