// How an import changes one stored action, decided against the action as it
// is when the store writes it (not as it was when the diff was worked out), so
// a due date a lead set in between is never overwritten. Both stores call this
// at write time and keep the result as one 'import' record in the history.
import { randomUUID } from 'node:crypto';
import type { Action, ActionField, ActionUpdate, FieldChange } from '../model';

/** What the plan owns on an action; everything else belongs to the people doing the work. */
const PLAN_OWNED = ['outcomeRef', 'priorityRef', 'text', 'originalDueDate', 'dueNote', 'leadKeys'] as const;

/** Fields worth a line in the history (refs never change for one action ref). */
const RECORDED: ActionField[] = ['text', 'originalDueDate', 'dueDate', 'dueNote', 'leadKeys'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface ImportedAction {
  next: Action;
  /** Only what really changes; empty when the import would change nothing. */
  changes: FieldChange[];
}

/**
 * Applies the plan's fields from `patch` to `current`. The due date follows
 * the plan's new date only if it still equals the original due date: once a
 * lead has moved it, their date stands. Any other property in the patch
 * (RAG, commentary, sign-off, a precomputed due date) is ignored.
 */
export function importIntoAction(current: Action, patch: Partial<Action>): ImportedAction {
  const next: Action = { ...current };
  const put = <K extends keyof Action>(field: K, value: Action[K]) => {
    if (value === undefined) delete next[field];
    else next[field] = value;
  };
  for (const field of PLAN_OWNED) if (field in patch) put(field, patch[field] as never);
  if ('originalDueDate' in patch && same(current.dueDate, current.originalDueDate)) put('dueDate', patch.originalDueDate);
  const changes = RECORDED.filter((f) => !same(current[f as keyof Action], next[f as keyof Action])).map((field) => ({
    field,
    from: current[field as keyof Action] ?? null,
    to: next[field as keyof Action] ?? null,
  }));
  return { next, changes };
}

/** The history record of one import's changes to one action, made to the version `baseEtag`. */
export function importRecord(actionRef: string, changes: FieldChange[], at: Date, baseEtag: string, id: string = randomUUID()): ActionUpdate {
  return {
    id,
    baseEtag,
    actionRef,
    at: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    by: 'import',
    byName: 'Plan import',
    source: 'import',
    kind: 'import',
    changes,
  };
}
