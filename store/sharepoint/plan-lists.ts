// Typed reads of the plan's lists, and the two small caches the store keeps:
// action item ids (so a save is one request) and lead names (for the
// human-readable LeadNames column).
import type { ActionUpdate, Lead } from '../../core/model';
import type { GraphClient } from './graph/graph-client';
import { leadMap, type EntityMap, type FieldContext } from './field-map';
import { runBatch, type BatchStep } from './graph/batch';
import { itemsQuery } from './graph/odata';
import { readAllPages } from './graph/paging';
import { NON_INDEXED_QUERY_HEADER, readItems, toListItem, type ListItem } from './list-items';
import { LISTS } from './schema';
import type { Site } from './site';

export interface Row<T> {
  item: ListItem;
  value: T;
}

export class PlanLists {
  private readonly itemIds = new Map<string, string>();
  private readonly leadNames = new Map<string, string>();
  /** Keys the Leads list did not have when last read, so we do not read it again for them. */
  private readonly unnamed = new Set<string>();
  /** The copy of its latest record each action row carried when read with LastUpdateJson, by item id, with the eTag it had. */
  private readonly latestOnRows = new Map<string, { eTag: string; json: string }>();

  constructor(
    readonly graph: GraphClient,
    readonly site: Site,
  ) {}

  listPath<T>(map: EntityMap<T>): Promise<string> {
    return this.site.listPath(LISTS[map.list]);
  }

  /** Every row, or those whose `column` equals `value`; `extra` columns come back in `item.fields`. */
  async read<T>(map: EntityMap<T>, where?: { column: string; value: string }, extra: string[] = []): Promise<Array<Row<T>>> {
    const items = await readItems(this.graph, await this.listPath(map), LISTS[map.list], [...map.select, ...extra], where);
    const rows = items.map((item) => ({ item, value: map.fromFields(item.fields) }));
    for (const r of rows) this.noteRow(map, r, extra.includes('LastUpdateJson'));
    return rows;
  }

  /**
   * Several reads in one $batch (each its first page; any further pages are
   * followed one by one). A read the batch could not answer is made on its own.
   */
  // One batch reads lists of different entity types, so each answer is typed by its caller.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async readMany(queries: Array<{ map: EntityMap<any>; where?: { column: string; value: string } }>): Promise<Array<Array<Row<any>>>> {
    const steps: BatchStep[] = await Promise.all(
      queries.map(async (q, i) => ({
        key: `read-${i}`,
        method: 'GET' as const,
        url: `${await this.listPath(q.map)}/items${itemsQuery({ select: q.map.select, where: q.where })}`,
        ...(q.where ? { headers: NON_INDEXED_QUERY_HEADER } : {}),
        label: `reading ${LISTS[q.map.list].displayName}`,
      })),
    );
    const results = await runBatch(this.graph, steps);
    return Promise.all(
      queries.map(async (q, i) => {
        const r = results.get(`read-${i}`);
        if (!r || r.status !== 200) return this.read(q.map, q.where);
        const page = (r.body ?? {}) as { value?: Array<Parameters<typeof toListItem>[0]>; '@odata.nextLink'?: string };
        const more = page['@odata.nextLink']
          ? await readAllPages<Parameters<typeof toListItem>[0]>(this.graph, page['@odata.nextLink'], {
              headers: q.where ? NON_INDEXED_QUERY_HEADER : undefined,
            })
          : [];
        const rows = [...(page.value ?? []), ...more].map(toListItem).map((item) => ({ item, value: q.map.fromFields(item.fields) }));
        for (const row of rows) this.noteRow(q.map, row);
        return rows;
      }),
    );
  }

  /** The row with this key, looked up on the indexed key column. */
  async find<T>(map: EntityMap<T>, key: string, extra: string[] = []): Promise<Row<T> | undefined> {
    const rows = await this.read(map, { column: map.keyColumn, value: key }, extra);
    // SharePoint compares text without regard to case; our keys are exact.
    return rows.find((r) => map.keyOf(r.value) === key);
  }

  /** Item id by key, from the cache or one filtered read. */
  async itemId<T>(map: EntityMap<T>, key: string): Promise<string | undefined> {
    const cached = this.itemIds.get(cacheKey(map, key));
    if (cached) return cached;
    return (await this.find(map, key))?.item.id;
  }

  /** The item id if a read or write of ours has seen the row; no request. */
  knownItemId<T>(map: EntityMap<T>, key: string): string | undefined {
    return this.itemIds.get(cacheKey(map, key));
  }

  rememberItem<T>(map: EntityMap<T>, key: string, id: string): void {
    this.itemIds.set(cacheKey(map, key), id);
  }

  forgetItem<T>(map: EntityMap<T>, key: string): void {
    this.itemIds.delete(cacheKey(map, key));
  }

  rememberLeadName(key: string, name: string): void {
    this.leadNames.set(key, name);
    this.unnamed.delete(key);
  }

  /**
   * An action row read with LeadNames names its leads in the same order as
   * LeadKeys: learn them, so saving that action needs no read of the Leads
   * list. Only when the two line up one for one.
   */
  private noteNamesOnRow(row: Row<{ leadKeys: string[] }>): void {
    const names = String(row.item.fields.LeadNames).split('; ');
    const keys = row.value.leadKeys ?? [];
    if (names.length !== keys.length) return;
    keys.forEach((k, i) => {
      if (!this.leadNames.has(k) && names[i] !== k) this.rememberLeadName(k, names[i]);
    });
  }

  /** Names for these keys, reading the Leads list when one is not yet known. */
  async namesFor(keys: string[]): Promise<FieldContext> {
    if (keys.some((k) => !this.leadNames.has(k) && !this.unnamed.has(k))) {
      await this.read(leadMap);
      for (const k of keys) if (!this.leadNames.has(k)) this.unnamed.add(k);
    }
    return { leadName: (k) => this.leadNames.get(k) };
  }

  /**
   * The latest record an action row carried when last read with
   * LastUpdateJson, if it still has `eTag` (so nothing has written it since):
   * null when it carried none, undefined when we do not know.
   */
  latestOnRow(itemId: string, eTag: string): ActionUpdate | null | undefined {
    const noted = this.latestOnRows.get(itemId);
    if (!noted || noted.eTag !== eTag) return undefined;
    return noted.json === '' ? null : (JSON.parse(noted.json) as ActionUpdate);
  }

  private noteRow<T>(map: EntityMap<T>, row: Row<T>, withLatest = false): void {
    this.itemIds.set(cacheKey(map, map.keyOf(row.value)), row.item.id);
    if (map.list === 'actions' && typeof row.item.fields.LeadNames === 'string') this.noteNamesOnRow(row as unknown as Row<{ leadKeys: string[] }>);
    // SharePoint leaves an empty column out of `fields`: asked for and absent means none.
    if (map.list === 'actions' && withLatest) {
      const json = row.item.fields.LastUpdateJson;
      this.latestOnRows.set(row.item.id, { eTag: row.item.eTag, json: typeof json === 'string' ? json : '' });
    }
    if (map.list === 'leads') {
      const lead = row.value as unknown as Lead;
      this.rememberLeadName(lead.key, lead.displayName);
    }
  }
}

function cacheKey<T>(map: EntityMap<T>, key: string): string {
  return `${map.list}\u0000${key}`;
}
