// Writing an import. Rows are matched to list items by ref/key from one paged
// read of each list touched, every problem is found before the first write,
// then all creates and patches go out in $batch requests. Because items are
// matched by ref, running an interrupted import again finishes it. Changes to
// existing actions go through import-actions (If-Match, a history record each).
import { InvalidError, NotFoundError } from '../../core/errors';
import type { Action, DeliveryGroup, Lead } from '../../core/model';
import type { EntityChanges, PlanChanges } from '../../core/ports';
import { expectAllSucceeded, runBatch, type BatchStep } from './graph/batch';
import { actionMap, deliveryGroupMap, kpiMap, leadMap, outcomeMap, priorityMap, type EntityMap, type FieldContext, type Fields } from './field-map';
import type { ActionHistory } from './history';
import { ActionImport } from './import-actions';
import type { PlanLists, Row } from './plan-lists';
import { columnSpec, LISTS, maxTextLength } from './schema';

interface Kind<T> {
  noun: string;
  map: EntityMap<T>;
  changes: EntityChanges<T>;
  /** Columns left alone when a "created" record turns out to exist already (a re-run). */
  keep(current: T): string[];
}

function kind<T>(noun: string, map: EntityMap<T>, changes: EntityChanges<T>, keep: (current: T) => Array<keyof T> = () => []): Kind<T> {
  const columnsOf = (props: Array<keyof T>) => Object.keys(map.patchFields(Object.fromEntries(props.map((p) => [p, undefined])) as Partial<T>));
  return { noun, map, changes, keep: (current) => columnsOf(keep(current)) };
}

/** Who a lead is, and spellings learnt since, are never overwritten by a spreadsheet. */
const leadKeeps = (): Array<keyof Lead> => ['aliases', 'email', 'upn', 'aadObjectId', 'isSecretariat', 'isBoardMember', 'awayUntil'];

/** The chair and the next meeting are set in the app, not in the plan. */
const groupKeeps = (): Array<keyof DeliveryGroup> => ['chairLeadKey', 'nextMeeting'];

// The kinds of record an import writes differ in type; they are handled alike, so held as Kind<any>.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function applyChanges(lists: PlanLists, history: ActionHistory, changes: PlanChanges): Promise<void> {
  const kinds: Array<Kind<any>> = [
    kind('lead', leadMap, changes.leads, leadKeeps),
    kind('delivery group', deliveryGroupMap, changes.deliveryGroups, groupKeeps),
    kind('priority', priorityMap, changes.priorities),
    kind('outcome', outcomeMap, changes.outcomes),
    kind('action', actionMap, changes.actions),
    kind('KPI', kpiMap, changes.kpis),
  ].filter((k) => k.changes.created.length + k.changes.updated.length > 0);
  if (kinds.length === 0) return;

  checkNoDuplicates(kinds);
  checkValuesFit(kinds);
  const existing: Array<Map<string, Row<any>>> = [];
  // Action rows come with the copy of their latest record, so making sure of it
  // in the history costs no read per changed action (see ActionImport.prepare).
  const extra = (k: Kind<any>) => (k.map === (actionMap as unknown) ? ['LastUpdateJson'] : []);
  for (const k of kinds) existing.push(new Map((await lists.read(k.map, undefined, extra(k))).map((r) => [k.map.keyOf(r.value), r])));
  // After the reads: a read of the Leads list above already taught us its names.
  const names = await leadNamesFor(lists, changes);
  const actions = new ActionImport(lists, history, names, new Date());
  const steps: BatchStep[] = [];
  const missing: string[] = [];
  for (const [i, k] of kinds.entries()) steps.push(...(await stepsFor(lists, k, existing[i], names, missing, actions)));
  if (missing.length > 0) {
    throw new NotFoundError(`Nothing was imported: these are not in the plan to update: ${missing.join(', ')}.`);
  }

  await actions.prepare();
  const results = await runBatch(lists.graph, steps);
  await actions.settle(results);
  // Remember what was written even if some writes failed, so a re-run finds it.
  for (const s of steps) {
    if (!s.key.includes('\u0000')) continue; // a history record, not a plan row
    const r = results.get(s.key);
    const id = (r?.body as { id?: unknown } | undefined)?.id;
    const [list, key] = splitStepKey(s.key);
    if (s.method === 'POST' && r && r.status < 300 && id !== undefined) {
      const k = kinds.find((x) => x.map.list === list)!;
      lists.rememberItem(k.map, key, String(id));
    }
  }
  expectAllSucceeded(steps, results);
  for (const l of changes.leads.created) lists.rememberLeadName(l.key, l.displayName);
  for (const u of changes.leads.updated) if (u.patch.displayName) lists.rememberLeadName(u.key, u.patch.displayName);
}

async function stepsFor<T>(
  lists: PlanLists,
  k: Kind<T>,
  existing: Map<string, Row<T>>,
  names: FieldContext,
  missing: string[],
  actions: ActionImport,
): Promise<BatchStep[]> {
  // Existing actions are changed only as the import rule allows, with If-Match and a history record.
  const existingAction = (current: Row<T>, patch: Partial<T>) => actions.stepsFor(current as unknown as Row<Action>, patch as Partial<Action>);
  const listPath = await lists.listPath(k.map);
  const steps: BatchStep[] = [];
  const createdKeys = new Set(k.changes.created.map((c) => k.map.keyOf(c)));
  for (const created of k.changes.created) {
    const key = k.map.keyOf(created);
    // A patch for a record created in the same import is folded into the creation.
    const record = k.changes.updated.filter((u) => u.key === key).reduce((r, u) => ({ ...r, ...u.patch }), created);
    const current = existing.get(key);
    if (current === undefined) {
      steps.push(step(k, key, 'POST', `${listPath}/items`, { fields: k.map.toFields(record, names) }));
    } else if (k.map === (actionMap as unknown)) {
      steps.push(...(await existingAction(current, record)));
    } else {
      // Only what the import carries, less what people have changed in the app since.
      const fields = without(k.map.patchFields(record, names), k.keep(current.value));
      steps.push(step(k, key, 'PATCH', `${listPath}/items/${current.item.id}/fields`, fields));
    }
  }
  for (const u of k.changes.updated) {
    if (createdKeys.has(u.key)) continue;
    const current = existing.get(u.key);
    if (current === undefined) {
      missing.push(`${k.noun} ${u.key}`);
      continue;
    }
    if (k.map === (actionMap as unknown)) {
      steps.push(...(await existingAction(current, u.patch)));
      continue;
    }
    const fields = k.map.patchFields(u.patch, names);
    if (Object.keys(fields).length > 0) steps.push(step(k, u.key, 'PATCH', `${listPath}/items/${current.item.id}/fields`, fields));
  }
  return steps;
}

function step<T>(k: Kind<T>, key: string, method: 'POST' | 'PATCH', url: string, body: unknown): BatchStep {
  return { key: `${k.map.list}\u0000${key}`, method, url, body, label: `${k.noun} ${key}` };
}

function splitStepKey(stepKey: string): [string, string] {
  const at = stepKey.indexOf('\u0000');
  return [stepKey.slice(0, at), stepKey.slice(at + 1)];
}

function without(fields: Fields, columns: string[]): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([c]) => !columns.includes(c)));
}

function checkNoDuplicates(kinds: Array<Kind<any>>): void {
  const problems: string[] = [];
  for (const k of kinds) {
    const seen = new Set<string>();
    for (const c of k.changes.created) {
      const key = k.map.keyOf(c);
      if (seen.has(key)) problems.push(`The import creates ${k.noun} ${key} twice.`);
      seen.add(key);
    }
  }
  if (problems.length > 0) throw new InvalidError(problems);
}

/**
 * Every value against its column, before the first request: SharePoint would
 * refuse an over-long single-line value or an unknown choice only when that
 * batch arrived, after earlier batches had already been written.
 */
function checkValuesFit(kinds: Array<Kind<any>>): void {
  const problems: string[] = [];
  for (const k of kinds) {
    const list = LISTS[k.map.list];
    const check = (key: string, fields: Fields) => {
      for (const [column, value] of Object.entries(fields)) {
        if (typeof value !== 'string') continue;
        const max = maxTextLength(list, column);
        if (max !== undefined && value.length > max) {
          problems.push(`${k.noun} ${key}: ${column} is ${value.length} characters long; the SharePoint column holds at most ${max}.`);
        }
        const spec = columnSpec(list, column);
        if (spec && 'choice' in spec && !spec.choice.choices.includes(value)) {
          problems.push(`${k.noun} ${key}: "${value}" is not one of the choices of ${column} (${spec.choice.choices.join(', ')}).`);
        }
      }
    };
    for (const c of k.changes.created) check(k.map.keyOf(c), k.map.toFields(c));
    for (const u of k.changes.updated) check(u.key, k.map.patchFields(u.patch));
  }
  if (problems.length > 0)
    throw new InvalidError([`Nothing was imported: ${problems.length} value(s) do not fit their SharePoint columns.`, ...problems]);
}

/** Names for the LeadNames column: this import's own leads first, then the Leads list. */
async function leadNamesFor(lists: PlanLists, changes: PlanChanges): Promise<FieldContext> {
  const own = new Map<string, string>();
  for (const l of changes.leads.created) own.set(l.key, l.displayName);
  for (const u of changes.leads.updated) if (u.patch.displayName) own.set(u.key, u.patch.displayName);
  const keys = new Set<string>();
  for (const c of [...changes.outcomes.created, ...changes.actions.created]) c.leadKeys.forEach((k) => keys.add(k));
  for (const u of [...changes.outcomes.updated, ...changes.actions.updated]) u.patch.leadKeys?.forEach((k) => keys.add(k));
  const others = [...keys].filter((k) => !own.has(k));
  const fromList = others.length > 0 ? await lists.namesFor(others) : undefined;
  return { leadName: (k) => own.get(k) ?? fromList?.leadName(k) };
}
