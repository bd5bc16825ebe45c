// Conversation references and the nudge ledger in SharePoint lists, beside
// the plan. Claims use SharePoint's own guarantees, so two app instances can
// never both send one nudge: a new claim is a create on a column SharePoint
// keeps unique (the loser gets 409), and taking over a lapsed or failed claim
// is a PATCH with If-Match (the loser gets 412).
import { ConflictError, NotFoundError, UpstreamError } from '../../core/errors';
import type { Delivery, DigestRecord, Reachability, ReachStore } from '../../core/reach';
import { conversationMap, deliveryMap, digestMap, type DeliveryRow, type EntityMap } from './field-map';
import type { PlanLists } from './plan-lists';

const deliveryKey = (cycle: string, leadKey: string) => `${cycle}|${leadKey}`;
const isDuplicate = (e: unknown) => e instanceof UpstreamError && e.status === 409;

function withoutKey(row: DeliveryRow): Delivery {
  const { key: _key, ...delivery } = row;
  return delivery;
}

export class SharePointReachStore implements ReachStore {
  constructor(private readonly lists: PlanLists) {}

  private get graph() {
    return this.lists.graph;
  }

  /** Creates the row, or on 409 (someone created it first) leaves it to the caller. */
  private async create<T>(map: EntityMap<T>, value: T): Promise<void> {
    const listPath = await this.lists.listPath(map);
    const reply = await this.graph.request({ method: 'POST', url: `${listPath}/items`, body: { fields: map.toFields(value) }, what: `adding to ${map.list}` });
    this.lists.rememberItem(map, map.keyOf(value), String((reply.body as { id: unknown }).id));
  }

  private async patch<T>(map: EntityMap<T>, id: string, fields: Record<string, unknown>, ifMatch?: string): Promise<void> {
    const listPath = await this.lists.listPath(map);
    await this.graph.request({
      method: 'PATCH',
      url: `${listPath}/items/${id}/fields`,
      body: fields,
      headers: ifMatch ? { 'If-Match': ifMatch } : undefined,
      what: `updating ${map.list} item ${id}`,
    });
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
      if (!isDuplicate(e)) throw e;
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
    let row = await this.lists.find(deliveryMap, key);
    if (!row) {
      try {
        await this.create(deliveryMap, { key, cycle, leadKey, state: 'claimed', owner, leaseUntil, actionRefs: [] });
        return true;
      } catch (e) {
        if (!isDuplicate(e)) throw e;
        row = await this.lists.find(deliveryMap, key); // another instance created it first
        if (!row) return false;
      }
    }
    const d = row.value;
    if (d.state === 'sent' || d.state === 'skipped') return false;
    if (d.state === 'claimed' && d.owner !== owner && d.leaseUntil && d.leaseUntil > now) return false;
    try {
      await this.patch(deliveryMap, row.item.id, deliveryMap.patchFields({ state: 'claimed', owner, leaseUntil, error: undefined }), row.item.eTag);
      return true;
    } catch (e) {
      if (e instanceof ConflictError) return false; // someone else took it over between our read and write
      throw e;
    }
  }

  async updateDelivery(cycle: string, leadKey: string, patch: Partial<Delivery>): Promise<void> {
    const key = deliveryKey(cycle, leadKey);
    const row = await this.lists.find(deliveryMap, key);
    if (!row) return this.upsert(deliveryMap, { key, cycle, leadKey, state: 'claimed', actionRefs: [], ...patch });
    await this.patch(deliveryMap, row.item.id, deliveryMap.patchFields({ ...patch }));
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
    return rows.map((r) => withoutKey(r.value)).filter((d) => valueOf(d) === value);
  }

  async recordDigest(d: DigestRecord): Promise<boolean> {
    const key = `${d.groupKey}|${d.period}`;
    if (await this.lists.find(digestMap, key)) return false;
    try {
      await this.create(digestMap, { ...d, key });
      return true;
    } catch (e) {
      if (isDuplicate(e)) return false;
      throw e;
    }
  }

  async close(): Promise<void> {
    // The plan store owns the Graph client.
  }
}
