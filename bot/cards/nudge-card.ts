// The weekly prompt: one page of a lead's actions, each answerable with one tap
// ("No change") or opened for an update. Long lists page rather than grow,
// because Teams refuses cards over 28 KB.
import { ragInWords } from '../../core/rag';
import type { Action, IsoDate } from '../../core/model';
import { actionData, execute } from './actions';
import { adaptiveCard, type AdaptiveCardJson, type CardElement, type CardRefresh, type ExecuteAction } from './card-json';
import { actionSet, container, heading, text } from './elements';
import { DEFAULT_PAGE_SIZE, pageOf } from './paging';
import { ragBlock } from './rag-style';
import { VERBS } from './verbs';
import { count, dueInWords, lastUpdatedInWords, truncate } from './wording';

/** Teams honours at most 60 user ids in a refresh. */
const MAX_REFRESH_USERS = 60;
const SHORT_TEXT = 140;

export interface NudgeItem {
  action: Action;
  etag: string;
  /** Why this action is in this week's prompt, as sentences ("Not started, due 31 Mar 2023."). */
  reasons: string[];
}

export interface NudgeCardInput {
  leadName: string;
  items: NudgeItem[];
  /** 1-based; out-of-range pages show the nearest real page. */
  page: number;
  pageSize?: number;
  cycle: string;
  today: IsoDate;
  /** Teams user ids (29:…) whose client should refresh the card, so a stale week is redrawn. */
  userIds?: string[];
}

export function nudgeCard(input: NudgeCardInput): AdaptiveCardJson {
  const { items, page, pageCount } = pageOf(input.items, input.page, input.pageSize ?? DEFAULT_PAGE_SIZE);
  const paging = pageCount > 1 ? `Page ${page} of ${pageCount}` : '';

  const body: CardElement[] = [heading('Your plan actions this week'), text(intro(input.leadName, input.items.length))];
  if (paging) body.push(text(paging, { isSubtle: true, spacing: 'small' }));
  for (const item of items) body.push(actionBlock(item, input.today));

  const actions: ExecuteAction[] = [];
  if (page > 1)
    actions.push(execute('Previous', VERBS.page, { page: page - 1, cycle: input.cycle }, { tooltip: `Show page ${page - 1} of ${pageCount}` }));
  if (page < pageCount)
    actions.push(execute('Next', VERBS.page, { page: page + 1, cycle: input.cycle }, { tooltip: `Show page ${page + 1} of ${pageCount}` }));

  const listed = items.map(({ action }) => `${action.ref} ${ragInWords(action.rag)}`).join('; ');
  const summary = ['Your plan actions this week', paging, listed].filter(Boolean).join('. ') + '.';
  return adaptiveCard({ summary, body, actions, refresh: refreshFor(input, page) });
}

function intro(leadName: string, total: number): string {
  if (total === 0) return `Hello ${leadName}. None of your actions needs an update this week. Thank you.`;
  const need = total === 1 ? 'needs' : 'need';
  return `Hello ${leadName}. ${count(total, 'action')} in the improvement plan ${need} a word from you. If nothing has changed, press No change.`;
}

function actionBlock({ action, etag, reasons }: NudgeItem, today: IsoDate): CardElement {
  const items: CardElement[] = [
    text(`**${action.ref}** ${truncate(action.text, SHORT_TEXT)}`),
    ragBlock(action.rag),
    text(`${dueInWords(action, today)}. ${lastUpdatedInWords(action)}.`, { isSubtle: true, spacing: 'small' }),
  ];
  if (reasons.length > 0) items.push(text(`Why we're asking: ${reasons.join(' ')}`, { spacing: 'small' }));
  items.push(
    actionSet([
      execute('No change', VERBS.noChange, actionData(action, etag), { tooltip: `No change to ${action.ref} this week` }),
      execute('Update', VERBS.openUpdate, actionData(action, etag), { tooltip: `Update ${action.ref}` }),
    ]),
  );
  return container(items, { separator: true, spacing: 'large' });
}

function refreshFor(input: NudgeCardInput, page: number): CardRefresh | undefined {
  if (!input.userIds) return undefined;
  return {
    action: { type: 'Action.Execute', verb: VERBS.refresh, data: { cycle: input.cycle, page } },
    userIds: input.userIds.slice(0, MAX_REFRESH_USERS),
  };
}
