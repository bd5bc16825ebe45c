// An import's changes to existing actions. Each is decided against the row as
// applyChanges read it and sent with that row's eTag (If-Match). If a lead
// saved the action in between (412), the row is read again and the change
// decided afresh, so a due date a lead has just moved is never overwritten.
// Graph refuses a $batch that mixes independent requests with dependsOn
// chains, so the history records are not chained to their PATCHes: they go
// out in a second phase, only for the PATCHes that succeeded. Like a lead's
// save, each PATCH leaves a copy of its record on the row (LastUpdateJson),
// from which the history is repaired if the process dies between the phases.
import { importIntoAction, importRecord } from '../../core/import/import-action';
import type { Action, ActionUpdate } from '../../core/model';
import { runBatch, succeeded, type BatchStep, type StepResult } from './graph/batch';
import { actionMap, type FieldContext } from './field-map';
import type { ActionHistory } from './history';
import type { PlanLists, Row } from './plan-lists';

/** Rounds of re-reading after a 412 before the import reports the conflict. */
const CONFLICT_ROUNDS = 3;

interface ActionWrite {
  ref: string;
  patch: Partial<Action>;
  update: ActionUpdate;
}

export class ActionImport {
  private readonly writes: ActionWrite[] = [];
  /** Records the rows to be written carry, to be made sure of in the history (prepare) before any PATCH replaces them. */
  private toReconcile: ActionUpdate[] = [];

  constructor(
    private readonly lists: PlanLists,
    private readonly history: ActionHistory,
    private readonly names: FieldContext,
    private readonly at: Date,
  ) {}

  /** The PATCH (with no dependsOn), or nothing when the import changes nothing on the action as it is. */
  async stepsFor(row: Row<Action>, patch: Partial<Action>, updateId?: string): Promise<BatchStep[]> {
    const ref = row.value.ref;
    const { next, changes } = importIntoAction(row.value, patch);
    if (changes.length === 0) return [];
    const update = importRecord(ref, changes, this.at, row.item.eTag, updateId);
    const existing = this.writes.findIndex((w) => w.ref === ref);
    if (existing >= 0) this.writes.splice(existing, 1);
    this.writes.push({ ref, patch, update });
    const changed = Object.fromEntries(changes.map((c) => [c.field, next[c.field as keyof Action]])) as Partial<Action>;
    // As with a lead's save: the row's copy of the previous record is made safe
    // in the history first, then replaced by this one, so if the history POST
    // fails for good the record can still be recovered from the row.
    const latest = this.lists.latestOnRow(row.item.id, row.item.eTag);
    if (latest === undefined) await this.history.reconcile(row.item.id);
    else if (latest !== null) this.toReconcile.push(latest);
    const write: BatchStep = {
      key: patchKey(ref),
      method: 'PATCH',
      url: `${await this.lists.listPath(actionMap)}/items/${row.item.id}/fields`,
      headers: { 'If-Match': row.item.eTag },
      body: { ...actionMap.patchFields(changed, this.names), LastUpdateJson: JSON.stringify(update) },
      label: `action ${ref}`,
    };
    return [write];
  }

  /** Before the writes: the records the rows carry are in the history, looked for 20 to a request. */
  async prepare(): Promise<void> {
    const latest = this.toReconcile;
    this.toReconcile = [];
    await this.history.reconcileMany(latest);
  }

  /**
   * After the batches of writes: re-decides every action whose PATCH met 412
   * against the row as it is now and sends it again, then writes the history
   * record of each saved change, in parallel batches of their own, and makes
   * sure of any that still failed. `results` is updated in place.
   */
  async settle(results: Map<string, StepResult>): Promise<void> {
    for (let round = 0; round < CONFLICT_ROUNDS; round++) {
      const stale = this.writes.filter((w) => results.get(patchKey(w.ref))?.status === 412);
      if (stale.length === 0) break;
      const retry: BatchStep[] = [];
      for (const w of stale) {
        const row = await this.lists.find(actionMap, w.ref, ['LastUpdateJson']);
        const steps = row ? await this.stepsFor(row, w.patch, w.update.id) : [];
        if (row && steps.length === 0) {
          if ((await this.history.latestOnRow(row.item.id))?.id === w.update.id) {
            // Our own earlier attempt was carried out (its answer was lost to a
            // 504): the change stands, and its history record is still owed.
            results.set(patchKey(w.ref), { status: 200, headers: {}, body: undefined });
          } else {
            // As the action is now, the import has nothing left to change on it.
            this.writes.splice(this.writes.indexOf(w), 1);
            results.set(patchKey(w.ref), { status: 204, headers: {}, body: undefined });
            results.set(historyKey(w.update), { status: 204, headers: {}, body: undefined });
          }
        }
        retry.push(...steps);
      }
      await this.prepare();
      if (retry.length > 0) for (const [key, r] of await runBatch(this.lists.graph, retry)) results.set(key, r);
    }
    const saved = this.writes.filter((w) => succeeded(results.get(patchKey(w.ref))) && !succeeded(results.get(historyKey(w.update))));
    const posts = await Promise.all(saved.map((w) => this.history.postStep(w.update)));
    if (posts.length > 0) for (const [key, r] of await runBatch(this.lists.graph, posts)) results.set(key, r);
    for (const w of saved) if (succeeded(results.get(historyKey(w.update)))) this.history.noteRecorded(w.update.id);
    for (const w of saved) {
      if (succeeded(results.get(historyKey(w.update)))) continue;
      // The change is saved: its record must not be lost (kept pending if Graph still fails).
      await this.history.ensureRecorded(w.update);
      results.set(historyKey(w.update), { status: 201, headers: {}, body: undefined });
    }
  }
}

const patchKey = (ref: string) => `actions\u0000${ref}`;
const historyKey = (update: ActionUpdate) => `history-${update.id}`;
