// Saving an action and its history record in one $batch: the PATCH carries
// If-Match and the history POST depends on it, so when someone else got there
// first Graph answers 412 then 424 and nothing at all is written.
import { ConflictError, NotFoundError, UpstreamError } from '../../core/errors';
import type { Action, ActionUpdate, Versioned } from '../../core/model';
import { runBatch, succeeded, type BatchStep } from './graph/batch';
import { graphError } from './graph/graph-errors';
import { actionMap } from './field-map';
import type { ActionHistory } from './history';
import type { PlanLists } from './plan-lists';

export async function saveAction(
  lists: PlanLists,
  history: ActionHistory,
  next: Action,
  ifMatch: string,
  update: ActionUpdate,
): Promise<Versioned<Action>> {
  const itemId = await lists.itemId(actionMap, next.ref);
  if (!itemId) throw new NotFoundError(`There is no action ${next.ref}.`);
  // The previous change's record must be safely in the history before this
  // save replaces the copy the action row keeps of it.
  await history.reconcile(itemId, ifMatch).catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
  const patch: BatchStep = {
    key: 'action',
    method: 'PATCH',
    url: `${await lists.listPath(actionMap)}/items/${itemId}/fields`,
    headers: { 'If-Match': ifMatch },
    body: { ...actionMap.toFields(next, await lists.namesFor(next.leadKeys)), LastUpdateJson: JSON.stringify(update) },
    label: `action ${next.ref}`,
  };
  const post = await history.postStep(update, patch.key);
  let results: Awaited<ReturnType<typeof runBatch>>;
  try {
    results = await runBatch(lists.graph, [patch, post]);
  } catch (e) {
    // The whole $batch timed out: it may have been carried out all the same.
    const landed = e instanceof UpstreamError && e.status === 504 ? await ownSaveLanded(lists, history, itemId, next.ref, update) : undefined;
    if (landed) return landed;
    throw e;
  }

  const saved = results.get(patch.key)!;
  // 404: the row we knew was deleted. If the action is back under a new row, the
  // eTag we were given cannot be its eTag, so that is a conflict too.
  if (saved.status === 404) lists.forgetItem(actionMap, next.ref);
  // A first attempt that timed out (504) may have been carried out all the
  // same; its retry then meets 412 against our own write.
  if (saved.status === 412) {
    const landed = await ownSaveLanded(lists, history, itemId, next.ref, update);
    if (landed) return landed;
  }
  if (saved.status === 412 || saved.status === 404) {
    const current = await lists.find(actionMap, next.ref);
    if (!current) throw new NotFoundError(`There is no action ${next.ref}.`);
    throw new ConflictError(`Action ${next.ref} was changed by someone else after it was read.`, {
      value: current.value,
      etag: current.item.eTag,
    });
  }
  if (!succeeded(saved)) throw graphError(saved.status, saved.body, `Saving action ${next.ref}`);

  // The action is saved: from here on its history record must not be lost.
  if (!succeeded(results.get(post.key))) await history.ensureRecorded(update);
  else history.noteRecorded(update.id);

  return { value: actionMap.fromFields(actionMap.toFields(next)), etag: await etagAfterSave(lists, saved, next.ref) };
}

/**
 * Whether this very save was carried out although its answer was lost: the
 * row's copy of its latest record is this update. If so its record is made
 * sure of and the action comes back as saved.
 */
async function ownSaveLanded(
  lists: PlanLists,
  history: ActionHistory,
  itemId: string,
  ref: string,
  update: ActionUpdate,
): Promise<Versioned<Action> | undefined> {
  if ((await history.latestOnRow(itemId))?.id !== update.id) return undefined;
  await history.ensureRecorded(update);
  const current = await lists.find(actionMap, ref);
  return current && { value: current.value, etag: current.item.eTag };
}

/** The item's new eTag: from the PATCH answer, else read back. */
async function etagAfterSave(lists: PlanLists, saved: { headers: Record<string, string>; body: unknown }, ref: string): Promise<string> {
  const fromBody = (saved.body as { '@odata.etag'?: unknown } | undefined)?.['@odata.etag'];
  if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
  if (saved.headers.etag) return saved.headers.etag;
  const current = await lists.find(actionMap, ref);
  if (!current) throw new NotFoundError(`There is no action ${ref}.`);
  return current.item.eTag;
}
