// Handles Universal Actions (adaptiveCard/action invokes). Thin: read the verb
// and the ref/etag from the card, take the person from the activity, call one
// core use case, answer with a refreshed card. Problems are answered in the
// card, in words, with nothing changed.
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { ForbiddenError, InvalidError, NotFoundError } from '../core/errors';
import type { Lead } from '../core/model';
import { canSignOff } from '../core/permissions';
import { assertMayUpdate } from '../core/status-update';
import {
  actorFor,
  isStale,
  signOffAction,
  StaleCardError,
  staleCard,
  updateActionStatus,
  type Identity,
  type SeenVersion,
} from '../core/update-action';
import { conflictCard, digestCard, messageCard, nudgeCard, savedCard, updateFormCard, type DigestCardInput } from './cards';
import { digestInput } from './digest-data';
import { currentCycle } from './nudge-runner';
import { VERBS, type CardActionData, type FormValues } from './cards/verbs';
import { cardResponse, errorResponse } from './card-response';
import { tellChairOfCompletion } from './tell-chair';
import { afterSaving, openActionsFor, recordReply, today, updateDeps, type BotServices } from './services';
import { MAX_TEXT } from '../core/rag';

type Data = CardActionData & FormValues & Record<string, unknown>;

export function identityOf(ctx: TurnContext): Identity | undefined {
  const from = ctx.activity.from;
  if (typeof from?.aadObjectId !== 'string' || from.aadObjectId === '') return undefined;
  return { aadObjectId: from.aadObjectId, name: typeof from.name === 'string' ? from.name : 'Someone' };
}

export async function handleCardAction(ctx: TurnContext, value: AdaptiveCardInvokeValue, s: BotServices): Promise<AdaptiveCardInvokeResponse> {
  const identity = identityOf(ctx);
  if (!identity) return errorResponse(401, 'unauthenticated', 'PlanPulse needs to know who you are: open it in Microsoft Teams.');
  const verb = value.action?.verb;
  const data = (value.action?.data ?? {}) as Data;
  // Who is asking, and whether they may see the action, is settled before
  // anything on the card is read or anything about the action is shown:
  // only someone allowed to update it ever gets its form back, even with the
  // reasons a save was refused.
  let mayShowForm = false;
  try {
    if (verb === VERBS.noChange || verb === VERBS.saveUpdate || verb === VERBS.openUpdate || verb === VERBS.signOff) {
      await assertMaySee(s, identity, need(data.ref));
      mayShowForm = true;
    }
    const me = await s.store.findLeadByAadObjectId(identity.aadObjectId);
    switch (verb) {
      case VERBS.noChange:
        return await save(s, identity, data, me, {});
      case VERBS.saveUpdate:
        formValuesAreText(data);
        return await save(s, identity, data, me, {
          rag: text(data.rag),
          newDueDate: text(data.newDueDate),
          commentary: text(data.commentary),
          completionEvidence: text(data.completionEvidence),
        });
      case VERBS.openUpdate:
        return await openForm(s, identity, data);
      case VERBS.signOff: {
        const done = await signOffAction(updateDeps(s), { identity, ref: need(data.ref), seen: seenOf(data), source: 'teams-card' });
        // Saved: from here nothing may turn the answer into "not saved".
        const digest = await afterSaving(s, 'redrawing the digest', () =>
          digestAgain(s, identity, data, done.saved.value.ref, { justSignedOff: done.saved.value }),
        );
        return cardResponse(digest ?? savedCard({ action: done.saved.value, update: done.update, today: today(s) }));
      }
      case VERBS.page:
      case VERBS.backToList:
      case VERBS.refresh:
        return await list(s, me, pageOf(data.page), text(data.cycle), ctx.activity.from?.id);
      default:
        return errorResponse(
          400,
          'unknownVerb',
          typeof verb === 'string' && verb ? `PlanPulse does not know the button "${verb.slice(0, 40)}".` : 'This button does not say what it does.',
        );
    }
  } catch (e) {
    // A sign-off from the digest that changed nothing keeps the digest, with the reason on top.
    const ref = data.ref;
    const digest =
      mayShowForm && verb === VERBS.signOff && typeof ref === 'string'
        ? await afterSaving(s, 'redrawing the digest', () => digestAgain(s, identity, data, ref, { notice: noticeFor(e) }))
        : undefined;
    return cardResponse(digest ?? (await explain(e, s, data, mayShowForm)));
  }
}

/**
 * The chair's digest, redrawn, when the button came from one. The card's group
 * key only chooses what to redraw, and only when it is the group the action
 * belongs to; whether the person may sign off was already decided from who
 * they are.
 */
async function digestAgain(
  s: BotServices,
  identity: Identity,
  data: Data,
  ref: string,
  extra: Pick<DigestCardInput, 'justSignedOff' | 'notice'>,
): Promise<object | undefined> {
  if (data.origin !== 'digest' || typeof data.groupKey !== 'string') return undefined;
  if (extra.notice === undefined && !extra.justSignedOff) return undefined;
  const action = await s.store.getAction(ref);
  if (!action) return undefined;
  // Only someone who may sign the action off sees its group's digest, whatever card they tapped.
  const actor = await actorFor(s.store, identity, action.value);
  const group = actor.ctx.group;
  if (!group || group.key !== data.groupKey || !canSignOff(action.value, actor.ctx)) return undefined;
  return digestCard({ ...(await digestInput(s.reach, await s.store.loadPlan(), group, today(s), currentCycle(s))), ...extra });
}

/** Why a sign-off from the digest changed nothing, in words; undefined when the plain answer is better. */
function noticeFor(e: unknown): string | undefined {
  if (e instanceof StaleCardError && e.current) {
    return `${e.current.current.value.ref} changed since this digest was drawn, so it was not signed off. It is shown below as it is now.`;
  }
  if (e instanceof InvalidError) return `${e.problems.join(' ')} Nothing was changed.`;
  return undefined; // including "not allowed": that person gets no digest
}

/** Refused (not found, not allowed) unless this person may update the action. */
export async function assertMaySee(s: BotServices, identity: Identity, ref: string): Promise<void> {
  const current = await s.store.getAction(ref);
  if (!current) throw new NotFoundError(`There is no action ${ref} in the plan.`);
  const actor = await actorFor(s.store, identity, current.value);
  assertMayUpdate(current.value, actor.ctx);
}

/** A page number from a card: a small whole number, else the first page. */
const pageOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1000 ? v : 1);

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Teams sends form values as text; anything else did not come from our form, and is refused rather than read as "no change". */
function formValuesAreText(data: Data): void {
  const odd = (['rag', 'newDueDate', 'commentary', 'completionEvidence'] as const).filter(
    (k) => data[k] !== undefined && typeof data[k] !== 'string',
  );
  if (odd.length) throw new InvalidError([`The form sent something PlanPulse cannot read (${odd.join(', ')}). Nothing was changed.`]);
}
/** The version the tapped card showed; a button without an eTag cannot prove it is current. */
const seenOf = (data: Data): SeenVersion => ({ etag: text(data.etag) || undefined, updatedAt: text(data.updatedAt) });
const need = (ref: unknown) => {
  if (typeof ref !== 'string' || !/^\d+\.\d+\.\d+$/.test(ref)) throw new InvalidError(['This card does not say which action it is about.']);
  return ref;
};

async function save(
  s: BotServices,
  identity: Identity,
  data: Data,
  me: Lead | undefined,
  report: Parameters<typeof updateActionStatus>[1]['report'],
) {
  const done = await updateActionStatus(updateDeps(s), { identity, ref: need(data.ref), seen: seenOf(data), report, source: 'teams-card' });
  if (me) await afterSaving(s, 'recording the reply', () => recordReply(s, me.key));
  // Not awaited: the lead's answer must not wait on Teams' rate limits and retries for the chair's note.
  if (done.update.kind === 'completion-reported') {
    void tellChairOfCompletion(s, done.saved, done.actor.name).catch((e) => s.log(`sign-off note failed: ${(e as Error).message}`));
  }
  return cardResponse(savedCard({ action: done.saved.value, update: done.update, today: today(s) }));
}

async function openForm(s: BotServices, identity: Identity, data: Data) {
  return cardResponse(await updateFormFor(s, identity, need(data.ref), seenOf(data)));
}

/**
 * The update form for one action, for someone allowed to change it. With the
 * version the person's card showed, a stale card gets the current state
 * instead. Used by the card's Update button and by typing "update 1.1.3".
 */
export async function updateFormFor(s: BotServices, identity: Identity, ref: string, seen?: SeenVersion): Promise<object> {
  const current = await s.store.getAction(ref);
  if (!current) throw new NotFoundError(`There is no action ${ref} in the plan.`);
  const actor = await actorFor(s.store, identity, current.value);
  assertMayUpdate(current.value, actor.ctx);
  if (isStale(seen, current)) throw await staleCard(s.store, current, seen!);
  return updateFormCard({ action: current.value, etag: current.etag, today: today(s), canSignOff: canSignOff(current.value, actor.ctx) });
}

async function list(s: BotServices, me: Lead | undefined, page: number, cycle?: string, teamsUserId?: string) {
  if (!me) return cardResponse(notALead());
  const items = await openActionsFor(s, me, true);
  if (!items.length)
    return cardResponse(
      messageCard({ title: 'All done for this cycle', lines: ['Thank you: nothing else needs an update from you right now.'], style: 'good' }),
    );
  // Keep refreshing for this person, so the card stays current each time they look.
  const userIds = teamsUserId ? [teamsUserId] : undefined;
  return cardResponse(nudgeCard({ leadName: me.displayName, items, page, cycle: cycle ?? today(s), today: today(s), userIds }));
}

export function notALead() {
  return messageCard({
    title: 'You are not in the plan’s leads list',
    lines: ['PlanPulse could not match your Teams account to a lead in the plan. Ask the board secretariat to add you.'],
    style: 'attention',
  });
}

/** The one place a failure becomes words on a card. */
async function explain(e: unknown, s: BotServices, data: Data, mayShowForm: boolean): Promise<object> {
  if (e instanceof StaleCardError && e.current) {
    const { current, missed, versionKnown } = e.current;
    return conflictCard({
      current: current.value,
      etag: current.etag,
      changes: missed.changes,
      changedBy: missed.by,
      changedAt: missed.at,
      today: today(s),
      versionKnown,
    });
  }
  if (e instanceof InvalidError && mayShowForm && typeof data.ref === 'string') {
    return await invalidForm(s, data, e.problems);
  }
  if (e instanceof InvalidError) return messageCard({ title: 'That did not work', lines: e.problems, style: 'attention' });
  if (e instanceof ForbiddenError) return messageCard({ title: 'Not allowed', lines: [e.message, 'Nothing was changed.'], style: 'attention' });
  if (e instanceof NotFoundError) return messageCard({ title: 'Not found', lines: [e.message], style: 'attention' });
  s.log(`card action failed: ${(e as Error).stack ?? e}`);
  return messageCard({
    title: 'Sorry, that was not saved',
    lines: ['Something went wrong on our side. Please try again in a minute.'],
    style: 'attention',
  });
}

/** Re-shows the form with the reasons at the top and what the person typed kept. */
async function invalidForm(s: BotServices, data: Data, problems: string[]): Promise<object> {
  const current = await s.store.getAction(String(data.ref));
  if (!current) return messageCard({ title: 'That did not work', lines: problems, style: 'attention' });
  return updateFormCard({
    action: current.value,
    etag: typeof data.etag === 'string' ? data.etag : current.etag,
    today: today(s),
    errors: problems,
    // What they typed is kept, but never more than the form itself accepts: the answer must fit in a card.
    values: {
      rag: upTo(text(data.rag), 20),
      newDueDate: upTo(text(data.newDueDate), 10),
      commentary: upTo(text(data.commentary), MAX_TEXT),
      completionEvidence: upTo(text(data.completionEvidence), MAX_TEXT),
    },
  });
}

/** At most the first `max` characters: no more than the form itself accepts is put back into it. */
function upTo(value: string | undefined, max: number): string | undefined {
  return value?.slice(0, max);
}
