// The Action Updates list: an action's history, append-only. A record whose
// action change was accepted must never be lost, so a failed history write is
// retried, checked first by its UpdateId so a retry never writes it twice.
import { UpstreamError } from '../../core/errors';
import type { ActionUpdate } from '../../core/model';
import type { BatchStep } from './graph/batch';
import { retryDelaySeconds, sleep } from './graph/retry-policy';
import { actionMap, actionUpdateMap } from './field-map';
import { byItemId } from './list-items';
import type { PlanLists } from './plan-lists';

export class ActionHistory {
  /** Accepted updates whose record is not yet in the list (Graph kept failing). */
  private readonly pending = new Map<string, ActionUpdate>();

  constructor(private readonly lists: PlanLists) {}

  async postStep(update: ActionUpdate, dependsOn?: string): Promise<BatchStep> {
    return {
      key: `history-${update.id}`,
      method: 'POST',
      url: `${await this.lists.listPath(actionUpdateMap)}/items`,
      body: { fields: actionUpdateMap.toFields(update) },
      ...(dependsOn ? { dependsOn: [dependsOn] } : {}),
      label: `history record ${update.id} for action ${update.actionRef}`,
    };
  }

  /**
   * Makes sure the record is in the list. Throttling is already waited out
   * inside each request; this loop covers other failures. If Graph still
   * fails, the record is kept and tried again on the next write and on close.
   */
  async ensureRecorded(update: ActionUpdate): Promise<boolean> {
    const { graph } = this.lists;
    for (let attempt = 0; attempt <= graph.policy.maxRetries; attempt++) {
      try {
        if (!(await this.lists.find(actionUpdateMap, update.id))) {
          const step = await this.postStep(update);
          await graph.request({ method: 'POST', url: step.url, body: step.body, what: `writing the ${step.label}` });
        }
        this.pending.delete(update.id);
        return true;
      } catch {
        if (attempt < graph.policy.maxRetries) await sleep(retryDelaySeconds(undefined, attempt, graph.policy));
      }
    }
    this.pending.set(update.id, update);
    return false;
  }

  /** Retries records that could not be written earlier; throws if any still cannot. */
  async flushPending(): Promise<void> {
    for (const update of [...this.pending.values()]) await this.ensureRecorded(update);
    if (this.pending.size > 0) {
      throw new UpstreamError(
        `Could not yet record ${this.pending.size} accepted update(s) in the action history: ${[...this.pending.keys()].join(', ')}.`,
      );
    }
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Every accepted change leaves a copy of its record on the action's own row
   * (LastUpdateJson, written in the same PATCH). If the history list does not
   * have that record yet (the process died between the two writes), add it now.
   */
  async reconcile(actionItemId: string): Promise<void> {
    const latest = await this.latestOnRow(actionItemId);
    if (!latest) return;
    if (this.pending.has(latest.id) || !(await this.lists.find(actionUpdateMap, latest.id))) {
      // The row's copy is the record's only lasting one: until it is in the
      // history, nothing may replace it, so the save waiting on this is refused.
      if (!(await this.ensureRecorded(latest))) {
        throw new UpstreamError(`The history of action ${latest.actionRef} cannot be written just now, so nothing was changed; try again shortly.`);
      }
    }
  }

  /** The record the action row carries a copy of: its latest accepted change. */
  async latestOnRow(actionItemId: string): Promise<ActionUpdate | undefined> {
    const listPath = await this.lists.listPath(actionMap);
    const reply = await this.lists.graph.request({
      method: 'GET',
      url: `${listPath}/items/${actionItemId}?expand=fields(select=ActionRef,LastUpdateJson)`,
      what: `checking the latest update of action item ${actionItemId}`,
    });
    const raw = (reply.body as { fields?: { LastUpdateJson?: unknown } }).fields?.LastUpdateJson;
    return typeof raw === 'string' && raw !== '' ? (JSON.parse(raw) as ActionUpdate) : undefined;
  }

  /** Oldest first: in the order the records were accepted, which item ids keep. */
  async read(actionRef: string): Promise<ActionUpdate[]> {
    const itemId = await this.lists.itemId(actionMap, actionRef);
    // Reading must not fail because a record cannot be written yet: it is
    // shown from memory (last, as the newest) until it is in the list.
    if (itemId) await this.reconcile(itemId).catch((e: unknown) => (e instanceof UpstreamError ? undefined : Promise.reject(e)));
    const rows = await this.lists.read(actionUpdateMap, { column: 'ActionRef', value: actionRef });
    const listed = rows
      .filter((r) => r.value.actionRef === actionRef)
      .sort((a, b) => byItemId(a.item, b.item))
      .map((r) => r.value);
    const ids = new Set(listed.map((u) => u.id));
    return [...listed, ...[...this.pending.values()].filter((u) => u.actionRef === actionRef && !ids.has(u.id))];
  }
}
