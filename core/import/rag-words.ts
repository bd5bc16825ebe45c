// A RAG cell as partnerships fill it in: the colour ("Green", "G", "amber "),
// a word for it ("On track", "Complete", "At risk", "Delayed"), a coloured
// square or circle pasted from Word, or two colours ("Red/Amber"). Each word
// reads as one of the plan's statuses (core/rag.ts); anything else is not
// guessed: the caller refuses the row, naming the value.
import type { RagStatus } from '../model';
import { oneLine } from './table';

export interface RagReading {
  rag: RagStatus;
  /** How the cell was read, when it was not simply the status's own name or blank: shown in a note. */
  readAs?: string;
}

/** Words (lower case, spaces collapsed) for each status. The statuses' own names are read first. */
const WORDS: Record<RagStatus, string[]> = {
  Grey: ['gray', 'not started', 'not yet started', 'not due', 'not yet due', 'not yet begun', 'planned', 'white', 'n/a', 'na', '-', '–', 'tbc'],
  Blue: ['b', 'complete', 'completed', 'done', 'achieved', 'closed', 'finished', 'complete and signed off', 'signed off'],
  Green: ['g', 'on track', 'on target', 'on schedule', 'on-track', 'good progress'],
  Amber: ['a', 'at risk', 'some risk', 'slipping', 'minor delay', 'some concerns', 'yellow'],
  Red: ['r', 'off track', 'off-track', 'not on track', 'delayed', 'behind', 'behind schedule', 'overdue', 'missed', 'significant concerns'],
};

/** Coloured squares, circles and hearts from Word or Teams, as their colour. */
const SYMBOLS: Record<string, RagStatus> = {
  '🔴': 'Red',
  '🟥': 'Red',
  '❤️': 'Red',
  '❤': 'Red',
  '🟠': 'Amber',
  '🟧': 'Amber',
  '🟡': 'Amber',
  '🟨': 'Amber',
  '🟢': 'Green',
  '🟩': 'Green',
  '💚': 'Green',
  '🔵': 'Blue',
  '🟦': 'Blue',
  '💙': 'Blue',
  '⚪': 'Grey',
  '⬜': 'Grey',
  '⚫': 'Grey',
  '⬛': 'Grey',
};

/** The partnership's own words, from `--rag "In progress=Green"`: word as written → status. */
export type RagWords = Record<string, RagStatus>;

/** A RAG cell as compared: spaces collapsed, no emoji variation selector, lower case, no full stop. */
function ragWordKey(raw: string): string {
  return oneLine(raw)
    .replace(/\ufe0f/g, '')
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
}

/** Worst first: of two colours in one cell ("Red/Amber"), the worse is kept so the action is looked at. */
const SEVERITY: RagStatus[] = ['Red', 'Amber', 'Green', 'Blue', 'Grey'];

const STATUS_NAMES: Record<string, RagStatus> = { grey: 'Grey', blue: 'Blue', green: 'Green', amber: 'Amber', red: 'Red' };

function one(t: string): RagStatus | undefined {
  if (STATUS_NAMES[t]) return STATUS_NAMES[t];
  if (SYMBOLS[t]) return SYMBOLS[t];
  for (const rag of Object.keys(WORDS) as RagStatus[]) if (WORDS[rag].includes(t)) return rag;
  return undefined;
}

/**
 * Reads one RAG cell. Blank is Grey (not started). Undefined means the value
 * is not one PlanPulse reads, and the caller must say so rather than guess.
 */
export function readRag(raw: string, own: RagWords = {}): RagReading | undefined {
  const t = ragWordKey(raw);
  if (!t) return { rag: 'Grey' };
  const given = Object.entries(own).find(([w]) => ragWordKey(w) === t);
  if (given) return { rag: given[1], readAs: `${given[1]}, as --rag says` };
  if (STATUS_NAMES[t]) return { rag: STATUS_NAMES[t] };
  const whole = one(t) ?? one(t.replace(/\s*\(.*\)$/, ''));
  if (whole) return { rag: whole, readAs: whole };
  // Two colours: "Red/Amber", "Amber - Green", "R/A", "Amber to Red".
  const parts = t.split(/\s*(?:\/|\\|-|–|&|\bto\b)\s*/).filter(Boolean);
  if (parts.length === 2) {
    const both = parts.map(one);
    if (both[0] && both[1] && both.every((r) => r !== 'Blue' && r !== 'Grey')) {
      const worse = SEVERITY.find((r) => (both as RagStatus[]).includes(r))!;
      return { rag: worse, readAs: both[0] === both[1] ? worse : `${worse}, the worse of the two` };
    }
  }
  // A colour followed by words: "Green – on track", "Amber: awaiting funding".
  const lead = /^(grey|gray|blue|green|amber|red)\b\s*[-–:,(]/.exec(t);
  if (lead) {
    const rest = t.slice(lead[0].length);
    const clash = /\b(grey|gray|blue|green|amber|red)\b/.exec(rest);
    if (!clash) {
      const rag = STATUS_NAMES[lead[1]] ?? 'Grey';
      return { rag, readAs: rag };
    }
  }
  return undefined;
}

/** The words a RAG cell may hold, for the message that refuses one. */
export const RAG_WORDS_HINT =
  'Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete")';
