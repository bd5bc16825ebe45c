// Shown when a save loses the etag race: someone else changed the action after
// the card was drawn. Nothing was overwritten; the lead sees what moved and can
// open the form again on the current version.
import { formatInstant } from '../../core/dates';
import type { Action, FieldChange, IsoDate, IsoInstant } from '../../core/model';
import { ragInWords } from '../../core/rag';
import { actionData, execute } from './actions';
import { adaptiveCard, type AdaptiveCardJson, type CardElement } from './card-json';
import { facts, heading, labelled, subheading, text } from './elements';
import { FIELD_IN_WORDS, TYPED_FIELDS, valueInWords } from './field-words';
import { ragBlock } from './rag-style';
import { VERBS } from './verbs';
import { dueInWords, lastUpdatedInWords, listInWords, truncate } from './wording';

const SHORT_TEXT = 140;
const SHOWN_TEXT = 500;

export interface ConflictCardInput {
  /** The action as it is now. */
  current: Action;
  /** The current version, so "Update" opens the form on what the lead can now see. */
  etag: string;
  changes: FieldChange[];
  /** Everyone who changed it since the card's version, oldest first. */
  changedBy?: string[];
  changedAt?: IsoInstant;
  today: IsoDate;
  /** False when the card did not say which version it showed: there is nothing to compare, only the current state. */
  versionKnown?: boolean;
}

export function conflictCard(input: ConflictCardInput): AdaptiveCardJson {
  const { current, etag, changes, today } = input;
  const known = input.versionKnown !== false;
  const title = known ? `Someone else updated ${current.ref} since this card was sent` : `${current.ref} as it stands now`;

  const body: CardElement[] = [heading(title)];
  if (known) {
    const who = whoAndWhen(listInWords(input.changedBy ?? []), input.changedAt);
    if (who) body.push(text(who, { isSubtle: true, spacing: 'small' }));
    body.push(text('Your change was not saved, so nothing was overwritten. Check where it stands now, then update again if you need to.'));
    body.push(subheading('What changed since your card'));
    if (changes.length > 0) {
      const change = ({ field, from, to }: FieldChange) => `was ${valueInWords(field, from)}; now ${valueInWords(field, to)}`;
      const short = changes.filter((c) => !TYPED_FIELDS.has(c.field));
      if (short.length > 0) body.push(facts(short.map((c) => [FIELD_IN_WORDS[c.field], change(c)])));
      for (const c of changes.filter((c) => TYPED_FIELDS.has(c.field))) body.push(...labelled(FIELD_IN_WORDS[c.field], change(c)));
    } else {
      body.push(text('The details below are the latest.'));
    }
  } else {
    body.push(
      text(
        'This card does not say which version of the action it showed, so your change was not saved. Check where it stands now, then update again if you need to.',
      ),
    );
  }

  body.push(
    subheading('Where it stands now'),
    text(`**${current.ref}** ${truncate(current.text, SHORT_TEXT)}`),
    ragBlock(current.rag),
    text(`${dueInWords(current, today)}. ${lastUpdatedInWords(current)}.`, { isSubtle: true, spacing: 'small' }),
  );
  if (current.commentary) body.push(...labelled('Latest commentary', truncate(current.commentary, SHOWN_TEXT)));

  const changed = changes.map(({ field }) => FIELD_IN_WORDS[field]).join(', ');
  const summary = `${title}. ${changed ? `Changed: ${changed}. ` : ''}Now ${ragInWords(current.rag)}. Your change was not saved.`;
  return adaptiveCard({
    summary,
    body,
    actions: [
      execute('Update', VERBS.openUpdate, actionData(current, etag), { tooltip: `Update ${current.ref} as it is now` }),
      execute('Back', VERBS.backToList, {}),
    ],
  });
}

function whoAndWhen(changedBy: string | undefined, changedAt: IsoInstant | undefined): string {
  const when = formatInstant(changedAt);
  if (changedBy && when) return `Changed by ${changedBy} on ${when}.`;
  if (changedBy) return `Changed by ${changedBy}.`;
  return when ? `Changed on ${when}.` : '';
}
