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
 * `shownUpdatedAt` is the last-updated time of the version the card showed:
 * "" for an action that had never been updated, undefined when the card did not
 * say (then only the latest change can be named). History is oldest first, and
 * every accepted update stamps the action's last-updated time with its own.
 */
export function changesSince(history: ActionUpdate[], current: Action, shownUpdatedAt: IsoInstant | '' | undefined): MissedChanges {
  const after =
    shownUpdatedAt === undefined ? history.slice(-1) : history.filter((u) => shownUpdatedAt === '' || u.at > shownUpdatedAt);
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
