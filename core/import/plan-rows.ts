// The rows of a plan sheet as a Word table or a hand-kept spreadsheet holds
// them, made into one row per priority, outcome or action before parsing:
//   - refs as written ("P1.2", "1a", "1.1.") become the plan's numbers;
//   - a section heading (one cell: "Priority 2: Preparing for adulthood",
//     "Outcome 1.1 – Children are identified early", "3. Health", or a title
//     alone above the first action of a priority) becomes that priority's or
//     outcome's row;
//   - a row with no ref, no due date and no RAG straight after an action
//     continues it (the rest of its text, a second lead), as a Word table
//     breaks one cell across rows.
// Each reading is said in a note; a row that could be two things is refused.
import { ACTION_REF, OUTCOME_REF, PRIORITY_REF } from '../refs';
import { readRef } from './ref-text';
import type { SheetRow } from './table';

export interface RowNote {
  rowNumber?: number;
  message: string;
}

export interface TidiedRows {
  rows: SheetRow[];
  notes: RowNote[];
  problems: RowNote[];
}

const HEADING_PRIORITY = /^(?:strategic\s+|key\s+)?(?:priority|workstream|theme)\s*(\d+)\s*(?:[:.)\-–—]\s*|\s+|$)(.*)$/is;
const HEADING_OUTCOME = /^(?:outcome|objective|aim)\s*(\d+(?:\.\d+)?)\s*(?:[:.)\-–—]\s*|\s+|$)(.*)$/is;
const NUMBERED_TITLE = /^(\d+(?:\.\d+)?)\s*(?:[:.)\-–—]\s*|\s+)(\D.*)$/s;

const filled = (v: string | undefined) => (v ?? '').trim() !== '';

/**
 * What continuation rows may make of one action's text or lead cell: as much
 * as one cell holds (Excel's 32,767 characters, store/files/limits.ts). Without
 * it, 200,000 short rows under one action made text no cell could hold, and,
 * copied whole at each row, took minutes.
 */
export const MAX_JOINED_CELL = 32_767;

/** The fields of a row that hold something. */
function filledFields(row: SheetRow): string[] {
  return Object.keys(row.cells).filter((f) => f !== 'ref_as_written' && filled(row.cells[f]));
}

/** A heading's ref and title, from the one cell it has; undefined when the cell is not a numbered heading. */
function numberedHeading(
  text: string,
  currentPriority: string | undefined,
  threeLevel: boolean,
  bareNumbers: boolean,
): { ref: string; title: string; kind: 'priority' | 'outcome' } | undefined {
  const t = text.trim();
  let m = HEADING_PRIORITY.exec(t);
  if (m) return { ref: m[1], title: m[2].trim(), kind: 'priority' };
  m = HEADING_OUTCOME.exec(t);
  if (m) {
    // "Outcome 2" under priority 3 is 3.2.
    const ref = m[1].includes('.') || !currentPriority ? m[1] : `${currentPriority}.${m[1]}`;
    return OUTCOME_REF.test(ref) ? { ref, title: m[2].trim(), kind: 'outcome' } : undefined;
  }
  if (!bareNumbers) return undefined;
  m = NUMBERED_TITLE.exec(t);
  if (m && PRIORITY_REF.test(m[1])) return { ref: m[1], title: m[2].trim(), kind: 'priority' };
  // "1.1 Children are identified early" alone in a row is an outcome only in a plan whose actions are 1.1.1.
  if (m && threeLevel && OUTCOME_REF.test(m[1])) return { ref: m[1], title: m[2].trim(), kind: 'outcome' };
  return undefined;
}

export function tidyPlanRows(input: SheetRow[]): TidiedRows {
  const notes: RowNote[] = [];
  const problems: RowNote[] = [];
  const rewritten: string[] = [];
  const rows: SheetRow[] = input.map((r) => {
    const cells = { ...r.cells };
    if (cells.ref !== undefined && filled(cells.ref)) {
      const read = readRef(cells.ref);
      if (read.rewritten) rewritten.push(`"${cells.ref.trim()}" as ${read.ref}`);
      // A heading typed in the ref column keeps its words for the heading check below.
      if (/^\d+(?:\.\d+)*$/.test(read.ref)) {
        if (read.rewritten) cells.ref_as_written = cells.ref.trim();
        cells.ref = read.ref;
      }
    }
    return { rowNumber: r.rowNumber, cells };
  });
  if (rewritten.length) {
    const shown = rewritten.length > 8 ? `${rewritten.slice(0, 8).join(', ')} and ${rewritten.length - 8} more` : rewritten.join(', ');
    notes.push({ message: `refs read as the plan's numbers: ${shown}` });
  }
  const threeLevel = rows.some((r) => ACTION_REF.test((r.cells.ref ?? '').trim()));

  const out: SheetRow[] = [];
  let current: string | undefined; // the priority of the last row kept
  let lastAction: SheetRow | undefined; // a continuation row adds to this one
  // Titles alone (no number) waiting for the numbered row they head: a priority's, then perhaps an outcome's.
  let pending: { row: SheetRow; title: string }[] = [];
  // Actions whose joined text or lead ran past MAX_JOINED_CELL: refused once, their later rows passed over.
  const overflowed = new Set<SheetRow>();
  /** Adds a continuation row's words to its action's cell; false (and one problem) past the limit. */
  const join = (action: SheetRow, field: 'text' | 'lead', more: string, sep: string, rowNumber: number): boolean => {
    if (overflowed.has(action)) return false;
    const had = (action.cells[field] ?? '').trim();
    const add = more.trim();
    const joined = had ? `${had}${sep}${add}` : add;
    if (joined.length > MAX_JOINED_CELL) {
      overflowed.add(action);
      problems.push({
        rowNumber,
        message: `action ${action.cells.ref}'s ${field === 'text' ? 'text' : 'lead'} runs past ${MAX_JOINED_CELL.toLocaleString('en-GB')} characters over the rows below it (row ${action.rowNumber} on): a cell holds no more; shorten it or give the rows their own refs`,
      });
      return false;
    }
    // Each row copies the joined text once (trim flattens it), so the bound on its length bounds the work too.
    action.cells[field] = joined;
    return true;
  };
  for (const row of rows) {
    const c = row.cells;
    const fields = filledFields(row);
    const ref = (c.ref ?? '').trim();
    const isNumber = /^\d+(?:\.\d+)*$/.test(ref);

    if (fields.length === 1 && !isNumber && fields[0] !== 'lead' && fields[0] !== 'due' && fields[0] !== 'rag') {
      const only = c[fields[0]];
      // "2. Train staff" alone in the text column after an action is more of its text, not priority 2.
      const heading = numberedHeading(only, current, threeLevel, fields[0] !== 'text' || !lastAction);
      if (heading) {
        const kind = heading.kind;
        if (kind === 'priority') current = heading.ref;
        lastAction = undefined;
        for (const t of pending) notes.push({ rowNumber: t.row.rowNumber, message: `"${t.title}" has no ref and no action under it: not imported` });
        pending = [];
        if (!heading.title) {
          notes.push({ rowNumber: row.rowNumber, message: `"${only.trim()}" read as the heading of ${kind} ${heading.ref}, which has no title` });
        }
        out.push({
          rowNumber: row.rowNumber,
          cells: {
            ...c,
            ref: heading.ref,
            kind,
            text: heading.title || `${kind === 'priority' ? 'Priority' : 'Outcome'} ${heading.ref}`,
            priority: '',
          },
        });
        continue;
      }
      // Words alone in the text column straight after an action: the rest of that action's text.
      if (fields[0] === 'text' && lastAction) {
        if (join(lastAction, 'text', only, '\n', row.rowNumber))
          notes.push({ rowNumber: row.rowNumber, message: `no ref: read as more of the text of action ${lastAction.cells.ref}` });
        continue;
      }
      // A title alone: the heading of whatever the next numbered row starts (two: a priority's and an outcome's).
      if (pending.length === 2) {
        const dropped = pending.shift()!;
        notes.push({ rowNumber: dropped.row.rowNumber, message: `"${dropped.title}" has no ref and no action under it: not imported` });
      }
      pending.push({ row, title: only.trim() });
      lastAction = undefined;
      continue;
    }

    if (!filled(c.ref) && !filled(c.kind) && lastAction && (filled(c.due) || filled(c.rag)) && filled(c.text)) {
      // Its own date or RAG: a second action, not more of the first; which number it should have is not guessed.
      problems.push({
        rowNumber: row.rowNumber,
        message: `this row has no ref but its own ${filled(c.due) ? 'due date' : 'RAG'}, so it is not read as more of action ${lastAction.cells.ref}: give it a ref`,
      });
      continue;
    }
    if (!filled(c.ref) && !filled(c.kind) && lastAction && !filled(c.due) && !filled(c.rag) && (filled(c.text) || filled(c.lead))) {
      const added: string[] = [];
      if (filled(c.text) && join(lastAction, 'text', c.text, '\n', row.rowNumber)) added.push('text');
      if (filled(c.lead) && join(lastAction, 'lead', c.lead, ' / ', row.rowNumber)) added.push('lead');
      if (added.length)
        notes.push({ rowNumber: row.rowNumber, message: `no ref: read as more of action ${lastAction.cells.ref} (its ${added.join(' and ')})` });
      continue;
    }

    if (pending.length && isNumber) {
      const pRef = ref.split('.')[0];
      const outcomeRef = ref.split('.').slice(0, 2).join('.');
      const place = (title: { row: SheetRow; title: string }, kind: 'priority' | 'outcome', headingRef: string) => {
        if (ref === headingRef) {
          notes.push({
            rowNumber: title.row.rowNumber,
            message: `"${title.title}" has no ref and is not imported (row ${row.rowNumber} is ${kind} ${ref} itself)`,
          });
          return;
        }
        out.push({ rowNumber: title.row.rowNumber, cells: { ref: headingRef, kind, text: title.title } });
        notes.push({ rowNumber: title.row.rowNumber, message: `"${title.title}" read as the title of ${kind} ${headingRef}, the heading above it` });
      };
      if (pending.length === 2 && ACTION_REF.test(ref) && current !== pRef) {
        place(pending[0], 'priority', pRef);
        place(pending[1], 'outcome', outcomeRef);
      } else {
        if (pending.length === 2) {
          const dropped = pending.shift()!;
          notes.push({ rowNumber: dropped.row.rowNumber, message: `"${dropped.title}" has no ref and no action under it: not imported` });
        }
        const outcome = ACTION_REF.test(ref) && current === pRef;
        place(pending[0], outcome ? 'outcome' : 'priority', outcome ? outcomeRef : pRef);
      }
      pending = [];
    } else if (pending.length) {
      for (const t of pending) {
        problems.push({
          rowNumber: t.row.rowNumber,
          message: `"${t.title}" has no ref: number it, or put it in a row of its own above a numbered action`,
        });
      }
      pending = [];
    }
    if (isNumber) current = ref.split('.')[0];
    out.push(row);
    lastAction = isNumber && (ACTION_REF.test(ref) || (!threeLevel && OUTCOME_REF.test(ref))) ? row : undefined;
  }
  // Words below the last action (a key to the RAG colours, a version line) are not part of the plan.
  for (const t of pending)
    notes.push({ rowNumber: t.row.rowNumber, message: `"${t.title}" has no ref and nothing numbered follows it: not imported` });
  return { rows: out, notes, problems };
}
