// The update use case, read as a story: find the action, find who is acting
// (from the channel's identity, never from card data), check the card was not
// stale, decide with the domain rules, save with the eTag, keep the history.
import { randomUUID } from 'node:crypto';
import { londonDate } from './dates';
import { ConflictError, NotFoundError } from './errors';
import { changesSince, type MissedChanges } from './changes-since';
import type { Action, ActionUpdate, IsoInstant, Lead, UpdateSource, Versioned } from './model';
import type { ActorContext } from './permissions';
import { canDelegate } from './permissions';
import type { PlanStore } from './ports';
import { assertMayUpdate, decideDelegation, decideSignOff, decideStatusUpdate, type Actor, type Decision, type StatusReport } from './status-update';

/** Who the channel says is acting: Teams' from.aadObjectId, or the tab token's oid. */
export interface Identity {
  aadObjectId: string;
  name: string;
}

export interface UpdateDeps {
  store: PlanStore;
  now: () => Date;
  newId?: () => string;
}

/** The action changed since the person's card was drawn: here is how it stands now. */
export interface StaleState {
  current: Versioned<Action>;
  /** Everything that changed since the card's version, folded per field. */
  missed: MissedChanges;
  /** False when the card did not say which version it showed, so nothing could be compared. */
  versionKnown: boolean;
}

/**
 * The version of the action a card showed. Every card button carries one; a
 * button without an eTag cannot prove it is current, so it is treated as stale.
 * Typed chat commands carry none and act on the current version.
 */
export interface SeenVersion {
  etag?: string;
  /** The action's last-updated time on the card; "" when it had never been updated. */
  updatedAt?: IsoInstant | '';
}

export class StaleCardError extends ConflictError<StaleState> {}

/** What an accepted change left behind. */
export interface UpdateResult {
  saved: Versioned<Action>;
  update: ActionUpdate;
  actor: Actor;
}

export async function actorFor(store: PlanStore, identity: Identity, action: Action): Promise<Actor> {
  const lead: Lead | undefined = await store.findLeadByAadObjectId(identity.aadObjectId);
  const priority = await store.getPriority(action.priorityRef);
  const group = priority ? await store.getDeliveryGroup(priority.deliveryGroupKey) : undefined;
  const ctx: ActorContext = { lead, group };
  return { id: lead?.key ?? identity.aadObjectId, name: lead?.displayName ?? identity.name, ctx };
}

async function load(store: PlanStore, ref: string): Promise<Versioned<Action>> {
  const found = await store.getAction(ref);
  if (!found) throw new NotFoundError(`There is no action ${ref} in the plan.`);
  return found;
}

/** How to answer a card that no longer shows the current version. */
export async function staleCard(store: PlanStore, current: Versioned<Action>, seen: SeenVersion): Promise<StaleCardError> {
  const ref = current.value.ref;
  if (!seen.etag) {
    return new StaleCardError(`This card does not say which version of ${ref} it showed, so nothing was changed.`, {
      current,
      missed: { changes: [], by: [] },
      versionKnown: false,
    });
  }
  const missed = changesSince(await store.actionHistory(ref), current.value, seen);
  return new StaleCardError(`${ref} was updated by someone else since your card was sent.`, { current, missed, versionKnown: true });
}

/** True when a card's version is not the current one (or it does not say). Chat, which has no card, is never stale. */
export function isStale(seen: SeenVersion | undefined, current: Versioned<Action>): boolean {
  return seen !== undefined && seen.etag !== current.etag;
}

/**
 * Applies one decision. `seen` is the version the person's card showed; when it
 * is stale nothing is saved and the current state comes back.
 */
async function apply(
  deps: UpdateDeps,
  identity: Identity,
  ref: string,
  seen: SeenVersion | undefined,
  decide: (current: Action, actor: Actor, base: { now: string; today: string; updateId: string }) => Decision | Promise<Decision>,
): Promise<UpdateResult> {
  const current = await load(deps.store, ref);
  const actor = await actorFor(deps.store, identity, current.value);
  // Who may act is settled first: a stale card from someone with no part in
  // the action must not show them what others changed.
  assertMayUpdate(current.value, actor.ctx);
  if (isStale(seen, current)) throw await staleCard(deps.store, current, seen!);
  const at = deps.now();
  const base = { now: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), today: londonDate(at), updateId: (deps.newId ?? randomUUID)() };
  const decided = await decide(current.value, actor, base);
  const next = decided.next;
  const update: ActionUpdate = { ...decided.update, baseEtag: current.etag };
  try {
    const saved = await deps.store.saveAction(next, current.etag, update);
    return { saved, update, actor };
  } catch (e) {
    // Someone saved between our read and our write: the same answer as a stale card.
    // What we read is the version they were acting on, whether from a card or chat.
    if (e instanceof ConflictError && !(e instanceof StaleCardError)) {
      throw await staleCard(deps.store, await load(deps.store, ref), { etag: current.etag, updatedAt: current.value.lastUpdatedAt ?? '' });
    }
    throw e;
  }
}

export function updateActionStatus(
  deps: UpdateDeps,
  cmd: { identity: Identity; ref: string; seen?: SeenVersion; report: StatusReport; source: UpdateSource },
): Promise<UpdateResult> {
  return apply(deps, cmd.identity, cmd.ref, cmd.seen, (current, actor, base) =>
    decideStatusUpdate(current, { actor, report: cmd.report, source: cmd.source, ...base }),
  );
}

export function signOffAction(
  deps: UpdateDeps,
  cmd: { identity: Identity; ref: string; seen?: SeenVersion; comment?: string; source: UpdateSource },
): Promise<UpdateResult> {
  return apply(deps, cmd.identity, cmd.ref, cmd.seen, (current, actor, base) =>
    decideSignOff(current, { actor, source: cmd.source, comment: cmd.comment, ...base }),
  );
}

export function delegateAction(
  deps: UpdateDeps,
  cmd: { identity: Identity; ref: string; delegateKey: string | undefined; source: UpdateSource },
): Promise<UpdateResult> {
  return apply(deps, cmd.identity, cmd.ref, undefined, async (current, actor, base) => {
    if (cmd.delegateKey && !(await deps.store.listLeads()).some((l) => l.key === cmd.delegateKey)) {
      throw new NotFoundError('That person is not in the leads list yet; ask the secretariat to add them.');
    }
    return decideDelegation(current, { actor, source: cmd.source, delegateKey: cmd.delegateKey, allowed: canDelegate(current, actor.ctx), ...base });
  });
}
