// A ref cell as plans number their rows: "1.1", "1.1.", "P1.2", "A1.2.3",
// "Priority 1", "Action 2.3", "1a", "1.b". Every one is read as the plan's
// numbers (1.2, 1.2.3, 1, 2.3, 1.1, 1.2), so a partnership's numbering
// imports as written; whatever is not a number is left as it is, and the
// caller names it.
import { oneLine } from './table';

export interface RefReading {
  ref: string;
  /** True when the cell was not already the number it is read as (for a note). */
  rewritten: boolean;
}

const PREFIX = /^(?:strategic\s+priority|key\s+priority|priority|workstream|theme|outcome|objective|action|task|ref\.?|no\.?|p|o|a)\s*(?=\d)/i;

/** The letter of "1a" or "1.b" as a number: a → 1 … z → 26. */
const letterNumber = (l: string) => l.toLowerCase().charCodeAt(0) - 96;

export function readRef(raw: string): RefReading {
  const t = oneLine(raw).replace(/[.:)]+$/, '');
  let ref = t.replace(PREFIX, '').replace(/\s*\.\s*/g, '.');
  // "1a", "1.a", "2.1b": a lettered item is the next level down, numbered by its letter.
  const lettered = /^(\d+(?:\.\d+)*)\.?([a-z])$/i.exec(ref);
  if (lettered) ref = `${lettered[1]}.${letterNumber(lettered[2])}`;
  const plain = raw.trim().replace(/[.:]$/, '');
  return { ref, rewritten: ref !== plain && /^\d+(?:\.\d+)*$/.test(ref) };
}
