// Month-end snapshots in one SharePoint list. A multi-line text column holds
// at most 63,999 characters, and a plan may have 10,000 actions (about 40
// characters each as JSON), so a month is stored as parts of at most
// PART_CHARS characters each, plus one header row keyed by the month. The
// parts are written first under a fresh snapshot id, then the header: the
// header's key column is unique, so the first instance to create it has
// taken the month, and a reader follows only the header's snapshot id
// (parts left by a loser or a crash are never read).
import { randomUUID } from 'node:crypto';
import { UpstreamError } from '../../core/errors';
import type { RagStatus } from '../../core/model';
import type { MonthSnapshot, SnapshotEntry } from '../../core/snapshots';
import { snapshotPartMap, type SnapshotPartRow } from './field-map';
import { mayBeDuplicate } from './graph/graph-errors';
import type { PlanLists } from './plan-lists';
import { LISTS } from './schema';

/** Well under SharePoint's 63,999-character cap for multi-line text. */
export const PART_CHARS = 60_000;

type Packed = [string, string, RagStatus, string?];

const pack = (e: SnapshotEntry): Packed => (e.dueDate ? [e.ref, e.priorityRef, e.rag, e.dueDate] : [e.ref, e.priorityRef, e.rag]);
const unpack = ([ref, priorityRef, rag, dueDate]: Packed): SnapshotEntry =>
  dueDate ? { ref, priorityRef, rag, dueDate } : { ref, priorityRef, rag };

/** The entries cut into JSON parts that each fit the column. */
export function partsOf(entries: SnapshotEntry[], max = PART_CHARS): string[] {
  const parts: string[] = [];
  let current: Packed[] = [];
  let size = 2;
  for (const e of entries) {
    const p = pack(e);
    const len = JSON.stringify(p).length + 1;
    if (current.length && size + len > max) {
      parts.push(JSON.stringify(current));
      current = [];
      size = 2;
    }
    current.push(p);
    size += len;
  }
  parts.push(JSON.stringify(current));
  return parts;
}

export class MonthSnapshots {
  constructor(private readonly lists: PlanLists) {}

  private async create(row: SnapshotPartRow, what: string): Promise<void> {
    await this.lists.graph.request({
      method: 'POST',
      url: `${await this.lists.listPath(snapshotPartMap)}/items`,
      body: { fields: snapshotPartMap.toFields(row) },
      what,
    });
  }

  async save(snapshot: MonthSnapshot): Promise<boolean> {
    if (await this.header(snapshot.month)) return false;
    const id = randomUUID();
    const parts = partsOf(snapshot.actions);
    for (const [i, json] of parts.entries()) {
      await this.create(
        { key: `${snapshot.month}#${id}#${i}`, month: snapshot.month, snapshotId: id, part: 'chunk', index: String(i), entriesJson: json },
        `keeping part ${i + 1} of the ${snapshot.month} snapshot`,
      );
    }
    try {
      await this.create(
        { key: snapshot.month, month: snapshot.month, snapshotId: id, part: 'header', count: String(parts.length), takenAt: snapshot.takenAt },
        `keeping the ${snapshot.month} snapshot`,
      );
      return true;
    } catch (e) {
      // Another instance wrote the month's header first: theirs stands.
      if (mayBeDuplicate(e) && (await this.header(snapshot.month))) return false;
      throw e;
    }
  }

  private async header(month: string): Promise<SnapshotPartRow | undefined> {
    const row = await this.lists.find(snapshotPartMap, month);
    return row?.value.part === 'header' ? row.value : undefined;
  }

  async get(month: string): Promise<MonthSnapshot | undefined> {
    const header = await this.header(month);
    if (!header) return undefined;
    const parts = (await this.lists.read(snapshotPartMap, { column: 'SnapshotId', value: header.snapshotId })).map((r) => r.value);
    return assemble(header, parts);
  }

  async list(): Promise<MonthSnapshot[]> {
    if (!(await this.lists.site.has(LISTS.monthSnapshots))) return [];
    const rows = (await this.lists.read(snapshotPartMap)).map((r) => r.value);
    return rows
      .filter((r) => r.part === 'header')
      .map((h) =>
        assemble(
          h,
          rows.filter((r) => r.snapshotId === h.snapshotId),
        ),
      )
      .sort((a, b) => a.month.localeCompare(b.month));
  }
}

function assemble(header: SnapshotPartRow, rows: SnapshotPartRow[]): MonthSnapshot {
  const parts = rows.filter((r) => r.part === 'chunk' && r.snapshotId === header.snapshotId).sort((a, b) => Number(a.index) - Number(b.index));
  if (parts.length !== Number(header.count)) {
    throw new UpstreamError(
      `The ${header.month} snapshot has ${parts.length} of its ${header.count} parts in SharePoint: a part was deleted from PlanPulse Month Snapshots.`,
    );
  }
  const actions = parts.flatMap((p) => (JSON.parse(p.entriesJson ?? '[]') as Packed[]).map(unpack));
  return { month: header.month, takenAt: header.takenAt ?? '', actions };
}
