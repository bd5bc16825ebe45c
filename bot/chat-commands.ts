// Typed chat, read into intents. Busy people type loosely: "my actions",
// "update 1.1.3", "away until 2 Jan", "back", "delegate 1.1.3 to Jo Bloggs",
// "1.1.3 no change", "help", with or without a full stop or a please.
// Anything else gets the help card.
import { addDays, formatDate, parseUserDate } from '../core/dates';

/** The longest "away until" accepted. */
export const AWAY_AT_MOST_DAYS = 366;

export type ChatIntent =
  | { kind: 'myActions' }
  | { kind: 'update'; ref: string }
  | { kind: 'noChange'; ref: string }
  | { kind: 'away'; until: string }
  | { kind: 'back' }
  | { kind: 'delegate'; ref: string; to: string | undefined }
  | { kind: 'help' }
  | { kind: 'unclear'; problem: string };

const REF = '(\\d+\\.\\d+\\.\\d+)';

/**
 * The longest message read as a command. Commands are a few words; anything
 * longer is answered without a pattern ever running over it, so a huge
 * message costs no more than a short one.
 */
export const MAX_COMMAND_CHARS = 500;

// Courtesies around a command, which change nothing about what is asked.
// Anchored at the start, so each is tried once, not at every position.
const POLITE_START = /^(?:(?:please|pls|plz|kindly|ok|okay|hi|hello|hey)[,!]?\s+|(?:can|could|would) you(?: please)?\s+)+/i;
const POLITE_END_WORDS = ['please', 'pls', 'plz', 'thanks', 'thank you', 'thankyou', 'ta', 'cheers'];
const TRAILING = new Set([' ', '.', '!', '?', ',', ';', ':', '…']);

/**
 * Takes trailing punctuation and spaces off, and a courtesy word that ends
 * the text (when it is a word of its own). Scans from the end without
 * backtracking: an unanchored pattern ending in `$` would retry at every
 * position, which is quadratic on a run of commas.
 */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING.has(text[end - 1])) end -= 1;
  const lower = text.slice(0, end).toLowerCase();
  for (const word of POLITE_END_WORDS) {
    if (!lower.endsWith(word)) continue;
    const before = end - word.length;
    if (before === 0 || text[before - 1] === ' ' || text[before - 1] === ',') return text.slice(0, before);
  }
  return text.slice(0, end);
}

/** The command itself: mentions, extra spaces, trailing punctuation and pleases taken off. */
function commandText(raw: string): string {
  // Teams puts "<at>PlanPulse</at>" in front of a message in a group chat.
  let text = raw
    .replace(/<at>[^<]*<\/at>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  let before: string;
  do {
    before = text;
    text = trimEnd(text).replace(POLITE_START, '').trim();
  } while (text !== before);
  return text;
}

export function parseChat(raw: string, today: string): ChatIntent {
  // A lone "?" asks for help; it is not trailing punctuation to drop.
  if (raw.length > MAX_COMMAND_CHARS) {
    return { kind: 'unclear', problem: `That message is too long to be a command (more than ${MAX_COMMAND_CHARS} characters).` };
  }
  if (raw.trim() === '?') return { kind: 'help' };
  const text = commandText(raw);
  const lower = text.toLowerCase();
  if (!lower || /^(help|\?|commands|hi|hello|what can i (say|type|do))$/.test(lower)) return { kind: 'help' };
  if (/^(?:my |show (?:me )?(?:my )?|list (?:my )?|what are my )?actions$|^list$/.test(lower)) return { kind: 'myActions' };
  let m = new RegExp(`^(?:update|edit) ${REF}$`).exec(lower);
  if (m) return { kind: 'update', ref: m[1] };
  m = new RegExp(`^${REF} (?:no change|nc|on track)$`).exec(lower);
  if (m) return { kind: 'noChange', ref: m[1] };
  m = /^(?:i am |i'm )?away (?:until|till|til) (.+)$/.exec(lower);
  if (m) {
    const until = parseUserDate(m[1], today);
    if (!until) return { kind: 'unclear', problem: `I could not read "${m[1].slice(0, 40)}" as a date. Try "away until 2 Jan".` };
    if (until < today) return { kind: 'unclear', problem: 'That date has passed. Try a date from today on.' };
    // Away stops prompts, chasing and word to the chair: longer than a year is a hand-over, not an absence.
    if (until > addDays(today, AWAY_AT_MOST_DAYS)) {
      return {
        kind: 'unclear',
        problem: `${formatDate(until)} is more than a year away. For an absence that long, hand your actions on ("delegate 1.1.3 to Jo Bloggs") or ask the secretariat.`,
      };
    }
    return { kind: 'away', until };
  }
  if (/^(i'm |i am )?back$/.test(lower)) return { kind: 'back' };
  m = new RegExp(`^(?:delegate|hand) ${REF} (?:to|over to) (.+)$`, 'i').exec(text);
  if (m) return { kind: 'delegate', ref: m[1], to: /^(me|myself|back)$/i.test(m[2]) ? undefined : m[2].trim() };
  m = new RegExp(`^(?:take back|undelegate) ${REF}$`).exec(lower);
  if (m) return { kind: 'delegate', ref: m[1], to: undefined };
  return { kind: 'unclear', problem: `Sorry, I did not understand "${text.slice(0, 80)}".` };
}
