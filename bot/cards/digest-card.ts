// The chair's digest before their delivery group meets: who has not replied,
// what is Red or Amber, whose dates moved, and what waits for their sign-off.
// A big group could overflow Teams' size limit, so each section is capped and
// the cap tightens until the card fits.
import { formatDate, formatInstant } from '../../core/dates';
import type { Action, IsoDate } from '../../core/model';
import type { Unreachable, UnreachableWhy } from '../../core/unreachable';
import { actionData, execute } from './actions';
import { adaptiveCard, type AdaptiveCardJson, type CardElement } from './card-json';
import { actionSet, container, facts, heading, plain, subheading, text } from './elements';
import { ragBlock } from './rag-style';
import { cardBytes, CARD_BUDGET_BYTES } from './size';
import { VERBS } from './verbs';
import { count, dueInWords, truncate } from './wording';

/** Tried in turn until the card fits the budget. */
const SECTION_CAPS = [15, 10, 5];
const SHORT_TEXT = 100;
const SHOWN_NOTE = 160;

export interface DigestCardInput {
  groupName: string;
  /** Carried by the Sign off buttons, so signing off redraws this digest. */
  groupKey: string;
  meetingDate?: IsoDate;
  nonResponders: Array<{ name: string; missedCycles: number }>;
  redAmber: Array<{ action: Action; etag: string }>;
  dateChanges: Array<{ action: Action; from?: IsoDate; to?: IsoDate }>;
  awaitingSignOff: Array<{ action: Action; etag: string }>;
  /** People the weekly prompt cannot reach, and why. */
  unreachable: Array<{ name: string } & Unreachable>;
  today: IsoDate;
  /** The action the chair has just signed off from this digest, confirmed at the top. */
  justSignedOff?: Action;
  /** Why the chair's last tap on this digest changed nothing. */
  notice?: string;
}

const WHY_IN_WORDS: Record<UnreachableWhy, string> = {
  'not-installed': 'has not added PlanPulse in Teams',
  'team-only': 'has PlanPulse only in a team or group chat, not in their own chat',
  uninstalled: 'removed PlanPulse from their chat',
  blocked: 'Teams refused the message: PlanPulse is blocked or was removed (403)',
  other: 'could not be reached',
};

export function digestCard(input: DigestCardInput): AdaptiveCardJson {
  let card = render(input, SECTION_CAPS[0]);
  for (const cap of SECTION_CAPS.slice(1)) {
    if (cardBytes(card) <= CARD_BUDGET_BYTES) break;
    card = render(input, cap);
  }
  return card;
}

function render(input: DigestCardInput, cap: number): AdaptiveCardJson {
  const when = input.meetingDate ? `Before your meeting on ${formatDate(input.meetingDate)}.` : `As at ${formatDate(input.today)}.`;
  const body: CardElement[] = [
    heading(`${input.groupName}: plan digest`),
    text(when, { isSubtle: true, spacing: 'small' }),
    ...(input.justSignedOff ? [text(`Signed off ${input.justSignedOff.ref} as complete.`, { color: 'good', weight: 'bolder' })] : []),
    ...(input.notice ? [text(input.notice, { color: 'attention', weight: 'bolder' })] : []),
    ...section(`Not replied (${input.nonResponders.length})`, 'Everyone replied.', input.nonResponders, cap, (people) => [
      facts(people.map(({ name, missedCycles }) => [truncate(name, 60), `missed ${count(missedCycles, 'weekly prompt')}`])),
    ]),
    ...section(`Red or Amber (${input.redAmber.length})`, 'No actions are Red or Amber.', input.redAmber, cap, (items) =>
      items.map(({ action }) => redAmberItem(action, input.today)),
    ),
    ...section(`Due dates moved (${input.dateChanges.length})`, 'No due dates moved.', input.dateChanges, cap, (moves) => [
      facts(
        moves.map(({ action, from, to }) => [
          action.ref,
          `${truncate(action.text, 60)} – moved from ${formatDate(from) || 'no date'} to ${formatDate(to) || 'no date'}`,
        ]),
      ),
    ]),
    ...section(
      `Waiting for your sign-off (${input.awaitingSignOff.length})`,
      'Nothing is waiting for sign-off.',
      input.awaitingSignOff,
      cap,
      (items) => items.map(({ action, etag }) => signOffItem(action, etag, input.groupKey)),
    ),
  ];
  // Kept in the list it came from, so the chair sees it went and where they are.
  if (input.justSignedOff) body.push(signedOffItem(input.justSignedOff));
  if (input.unreachable.length > 0) body.push(...unreachable(input.unreachable, cap));

  const summary =
    (input.justSignedOff ? `Signed off ${input.justSignedOff.ref}. ` : '') +
    `${input.groupName} plan digest. ${when} ${input.nonResponders.length} not replied, ${input.redAmber.length} Red or Amber, ` +
    `${input.dateChanges.length} due dates moved, ${input.awaitingSignOff.length} waiting for sign-off` +
    (input.unreachable.length > 0 ? `, ${input.unreachable.length} could not be reached.` : '.');
  return adaptiveCard({ summary, body });
}

function section<T>(title: string, whenEmpty: string, all: T[], cap: number, draw: (shown: T[]) => CardElement[]): CardElement[] {
  if (all.length === 0) return [subheading(title), text(whenEmpty, { isSubtle: true, spacing: 'small' })];
  const out = [subheading(title), ...draw(all.slice(0, cap))];
  if (all.length > cap) out.push(andMore(all.length - cap));
  return out;
}

function andMore(n: number): CardElement {
  return text(`…and ${n} more. The PlanPulse tab shows them all.`, { isSubtle: true });
}

function redAmberItem(action: Action, today: IsoDate): CardElement {
  const items = [text(`**${action.ref}** ${truncate(action.text, SHORT_TEXT)}`), ragBlock(action.rag)];
  items.push(text(`${dueInWords(action, today)}.`, { isSubtle: true, spacing: 'small' }));
  if (action.commentary) items.push(plain(`Latest: ${truncate(action.commentary, SHOWN_NOTE)}`, { isSubtle: true, spacing: 'none' }));
  return container(items, { separator: true });
}

/** Also the body of the note a chair gets when a lead reports completion. */
export function signOffItem(action: Action, etag: string, groupKey?: string): CardElement {
  const reported = formatInstant(action.completionReportedAt);
  const data = groupKey ? { ...actionData(action, etag), origin: 'digest' as const, groupKey } : actionData(action, etag);
  return container(
    [
      text(`**${action.ref}** ${truncate(action.text, SHORT_TEXT)}`),
      plain(
        `Reported complete${reported ? ` on ${reported}` : ''}. Evidence: ${truncate(action.completionEvidence ?? '', SHOWN_NOTE) || 'none given'}`,
        {
          spacing: 'small',
        },
      ),
      actionSet([execute('Sign off', VERBS.signOff, data, { tooltip: `Sign off ${action.ref} as complete` })]),
    ],
    { separator: true },
  );
}

function signedOffItem(action: Action): CardElement {
  return container(
    [text(`**${action.ref}** ${truncate(action.text, SHORT_TEXT)}`), text('✓ Signed off as complete.', { color: 'good', spacing: 'small' })],
    {
      separator: true,
    },
  );
}

function unreachable(people: DigestCardInput['unreachable'], cap: number): CardElement[] {
  const shown = people.slice(0, cap);
  const out = [
    subheading(`Could not reach (${people.length})`),
    text('The weekly prompt cannot be delivered to:', { spacing: 'small' }),
    facts(
      shown.map(({ name, why, detail }) => [
        truncate(name, 60),
        why === 'other' && detail ? `${WHY_IN_WORDS.other}: ${truncate(detail, 80)}` : WHY_IN_WORDS[why],
      ]),
    ),
  ];
  if (people.length > cap) out.push(andMore(people.length - cap));
  return out;
}
