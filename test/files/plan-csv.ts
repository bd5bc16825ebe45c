// Plan-shaped CSV text of any length for the readers' tests and benchmark:
// quoted commas, doubled quotes and line breaks in the text, as exports have.
import fs from 'node:fs';

export const PLAN_HEADER = 'priority,priority_title,ref,kind,text,due,lead,rag';

export function planCsvLine(i: number): string {
  const text = i % 10 === 0 ? `"Review, with partners, the ""local offer"" pages\nand report ${i}"` : `Deliver improvement ${i} across the partnership`;
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
