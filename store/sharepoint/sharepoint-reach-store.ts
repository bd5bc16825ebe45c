// Conversation references and the nudge ledger in SharePoint lists, beside
// the plan. Claims use SharePoint's own guarantees, so two app instances can
// never both send one nudge: a new claim is a create on a column SharePoint
// keeps unique (the loser's create fails, with a status Graph does not
// document, and a second look finds the winner's row), and taking over a lapsed or failed claim
// is a PATCH with If-Match (the loser gets 412). Reminders and escalations
// are rows of the nudges list with their own key; digests are claimed in the
// digests list the same way.
import { ConflictError, NotFoundError } from '../../core/errors';
import { mayBeDuplicate } from './graph/graph-errors';
import {
  mayClaim,
  reopensSent,
  type Delivery,
  type FollowUp,
  type FollowUpKey,
  type FollowUpOutcome,
  type Reachability,
  type ReachStore,
} from '../../core/reach';
import { conversationMap, deliveryMap, digestMap, type DeliveryRow, type EntityMap } from './field-map';
import type { PlanLists } from './plan-lists';

const deliveryKey = (cycle: string, leadKey: string) => `${cycle}|${leadKey}`;

function withoutKey(row: DeliveryRow): Delivery {
  const { key: _key, kind: _kind, ...delivery } = row;
  return delivery;
}

const isNudge = (row: DeliveryRow) => (row.kind ?? 'nudge') === 'nudge';

type Claimable = { state?: string; owner?: string; leaseUntil?: string; error?: string };

/** A row as this store last wrote it: enough to write it again with If-Match and no read first. */
interface Written {
  id: string;
  eTag: string;
  state?: string;
}

export class SharePointReachStore implements ReachStore {
  /**
   * Rows this store created or patched, with the eTag SharePoint answered. A
   * claim and its outcome are then one write each instead of a read and a
   * write: If-Match still refuses the write (412) if anyone changed the row since.
   */
  private readonly written = new Map<string, Written>();

  constructor(private readonly lists: PlanLists) {}

  private noteWritten<T>(map: EntityMap<T>, key: string, id: string, body: unknown, state: string | undefined): void {
    const eTag = body as { eTag?: unknown; '@odata.etag'?: unknown } | undefined;
    const tag = typeof eTag?.['@odata.etag'] === 'string' ? eTag['@odata.etag'] : typeof eTag?.eTag === 'string' ? eTag.eTag : undefined;
    if (this.written.size >= 50_000) this.written.clear();
    if (tag) this.written.set(`${map.list}\u0000${key}`, { id, eTag: tag, state });
    else this.written.delete(`${map.list}\u0000${key}`);
  }

  private get graph() {
    return this.lists.graph;
  }

  /** Creates the row; if that fails, whether someone created it first is for the caller to find out. */
  private async create<T>(map: EntityMap<T>, value: T): Promise<void> {
    const listPath = await this.lists.listPath(map);
    // Every list here has a unique key column, so a create repeated after a timeout cannot add a second row.
    const reply = await this.graph.request({
      method: 'POST',
      url: `${listPath}/items`,
      body: { fields: map.toFields(value) },
      what: `adding to ${map.list}`,
      uniqueKey: true,
    });
    const id = String((reply.body as { id: unknown }).id);
    this.lists.rememberItem(map, map.keyOf(value), id);
    this.noteWritten(map, map.keyOf(value), id, reply.body, (value as { state?: string }).state);
  }

  private async patch<T>(
    map: EntityMap<T>,
    id: string,
    fields: Record<string, unknown>,
    ifMatch?: string,
    key?: string,
    state?: string,
  ): Promise<void> {
    const listPath = await this.lists.listPath(map);
    const reply = await this.graph.request({
      method: 'PATCH',
      url: `${listPath}/items/${id}/fields`,
      body: fields,
      headers: ifMatch ? { 'If-Match': ifMatch } : undefined,
      what: `updating ${map.list} item ${id}`,
    });
    if (key !== undefined) this.noteWritten(map, key, id, reply.body, state);
  }

  /**
   * Writes an outcome unless the row already says 'sent' and the outcome would
   * undo it (see reopensSent). The PATCH carries the row's eTag, so a row sent
   * by another instance between our read and our write is read again.
   */
  private async unlessSent<T extends { state?: string }>(
    map: EntityMap<T>,
    key: string,
    next: { state?: string },
    /** `state`: the row's state before this write, so what we note after it stays true. */
    patchRow: (id: string, ifMatch: string, state: string | undefined) => Promise<void>,
    create: () => Promise<void>,
  ): Promise<void> {
    const known = this.written.get(`${map.list}\u0000${key}`);
    if (known && !reopensSent({ state: known.state }, next)) {
      try {
        return await patchRow(known.id, known.eTag, known.state);
      } catch (e) {
        // Changed since we wrote it (412) or gone (404): read it and decide again.
        if (!(e instanceof ConflictError) && !(e instanceof NotFoundError)) throw e;
        this.written.delete(`${map.list}\u0000${key}`);
      }
    }
    for (let attempt = 0; ; attempt++) {
      const row = await this.lists.find(map, key);
      if (!row) return create();
      if (reopensSent(row.value, next)) return;
      try {
        return await patchRow(row.item.id, row.item.eTag, row.value.state);
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 2) throw e;
      }
    }
  }

  /** Last writer wins: these rows hold facts about a person, not a decision two people race on. */
  private async upsert<T>(map: EntityMap<T>, value: T): Promise<void> {
    const key = map.keyOf(value);
    const id = await this.lists.itemId(map, key);
    if (id) {
      try {
        return await this.patch(map, id, map.toFields(value));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        this.lists.forgetItem(map, key); // deleted in SharePoint since we noted it
      }
    }
    try {
      await this.create(map, value);
    } catch (e) {
      // Created by someone else since we looked? Only a second look can tell.
      if (!mayBeDuplicate(e)) throw e;
      const found = await this.lists.find(map, key);
      if (!found) throw e;
      await this.patch(map, found.item.id, map.toFields(value));
    }
  }

  async saveReachability(r: Reachability): Promise<void> {
    await this.upsert(conversationMap, { ...r, aadObjectId: r.aadObjectId.toLowerCase() });
  }

  async getReachability(aadObjectId: string): Promise<Reachability | undefined> {
    return (await this.lists.find(conversationMap, aadObjectId.toLowerCase()))?.value;
  }

  async listReachability(): Promise<Reachability[]> {
    return (await this.lists.read(conversationMap)).map((r) => r.value).sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
  }

  async markUnreachable(aadObjectId: string, reason: string, at: string): Promise<void> {
    const current = await this.getReachability(aadObjectId);
    if (current) await this.saveReachability({ ...current, reachable: false, unreachableReason: reason, updatedAt: at });
  }

  async claimDelivery(cycle: string, leadKey: string, owner: string, now: string, leaseUntil: string): Promise<boolean> {
    const key = deliveryKey(cycle, leadKey);
    return this.claimRow(
      deliveryMap,
      key,
      { key, cycle, leadKey, kind: 'nudge', state: 'claimed', owner, leaseUntil, actionRefs: [] },
      owner,
      now,
      leaseUntil,
    );
  }

  /**
   * The claim rule on a list whose key column SharePoint keeps unique: create
   * the row (if that fails and the row is there now, another instance did
   * first), or take over a failed or
   * lapsed claim with If-Match (412 means another instance did first).
   */
  private async claimRow<T extends Claimable>(
    map: EntityMap<T>,
    key: string,
    fresh: T,
    owner: string,
    now: string,
    leaseUntil: string,
  ): Promise<boolean> {
    // No row known here (the cycle's ledger read would have noted it): create
    // first, as the unique key makes that safe; look only if it fails.
    let row = this.lists.knownItemId(map, key) ? await this.lists.find(map, key) : undefined;
    if (!row) {
      try {
        await this.create(map, fresh);
        return true;
      } catch (e) {
        if (!mayBeDuplicate(e)) throw e;
        // If the row is there now, another instance created it first; if not, the create failed for another reason.
        row = await this.lists.find(map, key);
        if (!row) throw e;
      }
    }
    if (!mayClaim(row.value, owner, now)) return false;
    try {
      await this.patch(
        map,
        row.item.id,
        map.patchFields({ state: 'claimed', owner, leaseUntil, error: undefined } as Partial<T>),
        row.item.eTag,
        key,
        'claimed',
      );
      return true;
    } catch (e) {
      if (e instanceof ConflictError) return false; // someone else took it over between our read and write
      throw e;
    }
  }

  async updateDelivery(cycle: string, leadKey: string, patch: Partial<Delivery>): Promise<void> {
    const key = deliveryKey(cycle, leadKey);
    await this.unlessSent(
      deliveryMap,
      key,
      patch,
      (id, ifMatch, was) => this.patch(deliveryMap, id, deliveryMap.patchFields({ ...patch }), ifMatch, key, patch.state ?? was),
      () => this.upsert(deliveryMap, { key, cycle, leadKey, state: 'claimed', actionRefs: [], ...patch }),
    );
  }

  async getDelivery(cycle: string, leadKey: string): Promise<Delivery | undefined> {
    const row = await this.lists.find(deliveryMap, deliveryKey(cycle, leadKey));
    return row && withoutKey(row.value);
  }

  async deliveriesFor(leadKey: string): Promise<Delivery[]> {
    return (await this.deliveriesWhere('LeadKey', leadKey, (d) => d.leadKey)).sort((a, b) => b.cycle.localeCompare(a.cycle));
  }

  async deliveriesInCycle(cycle: string): Promise<Delivery[]> {
    return (await this.deliveriesWhere('Cycle', cycle, (d) => d.cycle)).sort((a, b) => a.leadKey.localeCompare(b.leadKey));
  }

  /** Rows whose indexed `column` equals `value` exactly (SharePoint's own filter ignores case). */
  private async deliveriesWhere(column: string, value: string, valueOf: (d: Delivery) => string): Promise<Delivery[]> {
    const rows = await this.lists.read(deliveryMap, { column, value });
    return rows
      .filter((r) => isNudge(r.value))
      .map((r) => withoutKey(r.value))
      .filter((d) => valueOf(d) === value);
  }

  async claimFollowUp(key: FollowUpKey, owner: string, now: string, leaseUntil: string): Promise<boolean> {
    if (key.kind === 'digest') {
      const rowKey = digestKey(key);
      return this.claimRow(
        digestMap,
        rowKey,
        { key: rowKey, groupKey: key.subject, period: key.scope, state: 'claimed', owner, leaseUntil },
        owner,
        now,
        leaseUntil,
      );
    }
    const rowKey = followUpKey(key);
    const fresh: DeliveryRow = {
      key: rowKey,
      kind: key.kind,
      cycle: key.scope,
      leadKey: key.subject,
      state: 'claimed',
      owner,
      leaseUntil,
      actionRefs: [],
    };
    return this.claimRow(deliveryMap, rowKey, fresh, owner, now, leaseUntil);
  }

  async settleFollowUp(key: FollowUpKey, outcome: FollowUpOutcome): Promise<void> {
    const patch =
      outcome.state === 'sent'
        ? { state: 'sent' as const, sentAt: outcome.at, leaseUntil: undefined, error: undefined }
        : { state: 'failed' as const, error: outcome.error, leaseUntil: undefined };
    if (key.kind === 'digest') {
      return this.unlessSent(
        digestMap,
        digestKey(key),
        patch,
        (id, ifMatch, was) => this.patch(digestMap, id, digestMap.patchFields(patch), ifMatch, digestKey(key), patch.state ?? was),
        () => this.upsert(digestMap, { key: digestKey(key), groupKey: key.subject, period: key.scope, ...patch }),
      );
    }
    const kind = key.kind; // a reminder or an escalation, kept beside the nudges
    await this.unlessSent(
      deliveryMap,
      followUpKey(key),
      patch,
      (id, ifMatch, was) => this.patch(deliveryMap, id, deliveryMap.patchFields(patch), ifMatch, followUpKey(key), patch.state ?? was),
      () => this.upsert(deliveryMap, { key: followUpKey(key), kind, cycle: key.scope, leadKey: key.subject, actionRefs: [], ...patch }),
    );
  }

  async getFollowUp(key: FollowUpKey): Promise<FollowUp | undefined> {
    if (key.kind === 'digest') {
      const d = (await this.lists.find(digestMap, digestKey(key)))?.value;
      return d && { ...key, state: d.state ?? 'sent', owner: d.owner, leaseUntil: d.leaseUntil, sentAt: d.sentAt, error: d.error };
    }
    const d = (await this.lists.find(deliveryMap, followUpKey(key)))?.value;
    if (!d || d.state === 'skipped') return undefined;
    return { ...key, state: d.state, owner: d.owner, leaseUntil: d.leaseUntil, sentAt: d.sentAt, error: d.error };
  }

  async close(): Promise<void> {
    // The plan store owns the Graph client.
  }
}

/** Unchanged from when digests were only recorded, so those rows still count as sent. */
const digestKey = (key: FollowUpKey) => `${key.subject}|${key.scope}`;
const followUpKey = (key: FollowUpKey) => `${key.scope}|${key.subject}|${key.kind}`;
