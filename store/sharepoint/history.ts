// The Action Updates list: an action's history, append-only. A record whose
// action change was accepted must never be lost, so a failed history write is
// retried, checked first by its UpdateId so a retry never writes it twice.
import { UpstreamError } from '../../core/errors';
import type { ActionUpdate } from '../../core/model';
import { runBatch, type BatchStep } from './graph/batch';
import { itemsQuery } from './graph/odata';
import { retryDelaySeconds, sleep } from './graph/retry-policy';
import { actionMap, actionUpdateMap } from './field-map';
import { byItemId, NON_INDEXED_QUERY_HEADER } from './list-items';
import type { PlanLists } from './plan-lists';

export class ActionHistory {
  /** Accepted updates whose record is not yet in the list (Graph kept failing). */
  private readonly pending = new Map<string, ActionUpdate>();
  /** Records this process knows are in the list (it wrote or found them), so it need not look again. */
  private readonly recorded = new Set<string>();

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
        this.noteRecorded(update.id);
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

  /** The record is in the list (its POST succeeded, or it was found there). */
  noteRecorded(updateId: string): void {
    // A bound, so a server that runs for months does not keep every id it ever wrote.
    if (this.recorded.size >= 100_000) this.recorded.clear();
    this.recorded.add(updateId);
  }

  isKnownRecorded(updateId: string): boolean {
    return this.recorded.has(updateId) && !this.pending.has(updateId);
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Every accepted change leaves a copy of its record on the action's own row
   * (LastUpdateJson, written in the same PATCH). If the history list does not
   * have that record yet (the process died between the two writes), add it now.
   */
  async reconcile(actionItemId: string, eTag?: string): Promise<void> {
    // The row as last read, if it still has the eTag the save will send (If-Match
    // would refuse the save otherwise); else one read of the row.
    const noted = eTag === undefined ? undefined : this.lists.latestOnRow(actionItemId, eTag);
    const latest = noted === undefined ? await this.latestOnRow(actionItemId) : (noted ?? undefined);
    if (!latest || this.isKnownRecorded(latest.id)) return;
    if (this.pending.has(latest.id) || !(await this.lists.find(actionUpdateMap, latest.id))) {
      // The row's copy is the record's only lasting one: until it is in the
      // history, nothing may replace it, so the save waiting on this is refused.
      if (!(await this.ensureRecorded(latest))) {
        throw new UpstreamError(`The history of action ${latest.actionRef} cannot be written just now, so nothing was changed; try again shortly.`);
      }
    } else {
      this.noteRecorded(latest.id);
    }
  }

  /**
   * reconcile for many rows at once (an import): the records the rows carry
   * that this process does not know are in the list are looked for in
   * parallel $batch GETs, 20 to a request, and any missing are written.
   */
  async reconcileMany(latest: ActionUpdate[]): Promise<void> {
    const unknown = latest.filter((u) => !this.isKnownRecorded(u.id));
    if (unknown.length === 0) return;
    const listPath = await this.lists.listPath(actionUpdateMap);
    const steps: BatchStep[] = unknown.map((u) => ({
      key: `look-${u.id}`,
      method: 'GET',
      url: `${listPath}/items${itemsQuery({ select: ['UpdateId'], where: { column: 'UpdateId', value: u.id } })}`,
      headers: NON_INDEXED_QUERY_HEADER,
      label: `history record ${u.id} for action ${u.actionRef}`,
    }));
    const results = await runBatch(this.lists.graph, steps);
    for (const u of unknown) {
      const r = results.get(`look-${u.id}`);
      const found =
        r &&
        r.status === 200 &&
        ((r.body as { value?: Array<{ fields?: { UpdateId?: unknown } }> }).value ?? []).some((i) => i.fields?.UpdateId === u.id);
      if (found && !this.pending.has(u.id)) {
        this.noteRecorded(u.id);
        continue;
      }
      // Missing, or the look failed: the careful way, one at a time (rare: after a crash).
      if (!(await this.ensureRecorded(u))) {
        throw new UpstreamError(`The history of action ${u.actionRef} cannot be written just now, so nothing was imported; try again shortly.`);
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
