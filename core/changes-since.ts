// Everything that changed in an action after the version someone was shown,
// folded into one change per field, so a stale card can say all it missed and
// not only the last thing that happened.
import type { Action, ActionUpdate, FieldChange, IsoInstant } from './model';

export interface MissedChanges {
  /** Per field: what the card showed, and what it is now. Fields changed and changed back are left out. */
  changes: FieldChange[];
  /** Who made them, each name once, oldest first. */
  by: string[];
  /** When the latest of them was made. */
  at?: IsoInstant;
}

/**
 * `seen` is the version the card showed. Its eTag finds the record made on
 * top of it, and everything from there on was missed; that is exact, however
 * close together the changes came and whatever else (an import) happened
 * before the card was drawn. Records written before they carried their base
 * eTag fall back to time: `updatedAt` is the shown version's last-updated time,
 * "" for an action never updated, undefined when the card did not say (then
 * only the latest change can be named).
 */
export function changesSince(history: ActionUpdate[], current: Action, seen: { etag?: string; updatedAt?: IsoInstant | '' }): MissedChanges {
  const from = seen.etag ? history.findIndex((u) => u.baseEtag === seen.etag) : -1;
  const shown = seen.updatedAt;
  const after = from >= 0 ? history.slice(from) : shown === undefined ? history.slice(-1) : history.filter((u) => shown === '' || u.at > shown);
  const firstFrom = new Map<FieldChange['field'], unknown>();
  for (const update of after) {
    for (const change of update.changes) if (!firstFrom.has(change.field)) firstFrom.set(change.field, change.from);
  }
  const changes: FieldChange[] = [];
  for (const [field, from] of firstFrom) {
    const to = current[field as keyof Action] ?? null;
    if (JSON.stringify(from ?? null) !== JSON.stringify(to)) changes.push({ field, from: from ?? null, to });
  }
  const by = [...new Set(after.map((u) => u.byName))];
  return { changes, by, at: after.at(-1)?.at };
}
