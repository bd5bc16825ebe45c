// Confirms an accepted update by repeating back what was stored, in words, so
// the lead can see at a glance that the system heard what they meant.
import { formatInstant } from '../../core/dates';
import type { Action, ActionField, ActionUpdate, IsoDate } from '../../core/model';
import { ragInWords, reviewFlags } from '../../core/rag';
import { execute } from './actions';
import { adaptiveCard, type AdaptiveCardJson, type CardElement } from './card-json';
import { facts, heading, labelled, text } from './elements';
import { FIELD_IN_WORDS, TYPED_FIELDS, valueInWords } from './field-words';
import { ragBlock } from './rag-style';
import { VERBS } from './verbs';
import { truncate } from './wording';

/** Bookkeeping the headline already says ("Reported complete …", "Signed off …"). */
const SAID_BY_HEADLINE: ReadonlySet<ActionField> = new Set(['completionReportedAt', 'completionReportedBy', 'signedOffAt', 'signedOffBy']);
const SHOWN_TEXT = 500;

const HEADLINE: Partial<Record<ActionUpdate['kind'], string>> = {
  'no-change': 'No change recorded for this week. Thank you.',
  'completion-reported': "Reported complete – waiting for the chair's sign-off.",
  'sign-off': 'Signed off as complete.',
};

export interface SavedCardInput {
  /** The action as stored after the update. */
  action: Action;
  update: ActionUpdate;
  today: IsoDate;
}

export function savedCard({ action, update, today }: SavedCardInput): AdaptiveCardJson {
  const shown = update.changes.filter((change) => !SAID_BY_HEADLINE.has(change.field));
  const short = shown.filter((change) => !TYPED_FIELDS.has(change.field));
  const long = shown.filter((change) => TYPED_FIELDS.has(change.field));

  const body: CardElement[] = [heading(`Saved: ${action.ref}`, { color: 'good' })];
  const headline = HEADLINE[update.kind];
  if (headline) body.push(text(headline, { weight: 'bolder' }));
  if (short.length > 0) body.push(facts(short.map((change) => [savedName(change.field), valueInWords(change.field, change.to)])));
  for (const change of long) body.push(...labelled(FIELD_IN_WORDS[change.field], truncate(String(change.to ?? ''), SHOWN_TEXT) || '(blank)'));
  // The comment usually is the new commentary: say it once.
  const saidAlready = long.some((change) => change.field === 'commentary' && change.to === update.comment);
  if (update.comment && !saidAlready) body.push(...labelled('Note', truncate(update.comment, SHOWN_TEXT)));
  body.push(ragBlock(action.rag, 'Now:'));

  // A save can still leave something to look at, e.g. Green with a date already gone.
  const stillToDo = reviewFlags(action, today).filter((flag) => flag.kind !== 'awaiting-sign-off');
  for (const flag of stillToDo) body.push(text(`Still needs attention: ${flag.message}`, { color: 'warning' }));
  body.push(text(`Saved ${formatInstant(update.at)}.`, { isSubtle: true, spacing: 'small' }));

  const summary = [
    `Saved: ${action.ref}.`,
    headline,
    ...short.map((change) => `${savedName(change.field)}: ${valueInWords(change.field, change.to)}.`),
    `Now ${ragInWords(action.rag)}.`,
  ]
    .filter(Boolean)
    .join(' ');
  return adaptiveCard({ summary, body, actions: [execute('Back to my actions', VERBS.backToList, {})] });
}

/** A moved date is a new date, which is what the lead just gave. */
function savedName(field: ActionField): string {
  return field === 'dueDate' ? 'New due date' : FIELD_IN_WORDS[field];
}
