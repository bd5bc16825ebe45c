// Makes the site's lists match schema.ts: creates missing lists and columns,
// corrects columns whose definition drifted, and otherwise only reads, so a
// second run reports nothing and writes nothing.
import { InvalidError } from '../../core/errors';
import type { ProvisionReport } from '../../core/ports';
import { encodeQueryValue } from './graph/odata';
import type { GraphClient } from './graph/graph-client';
import { readAllPages } from './graph/paging';
import { ALL_LISTS, type ColumnSpec, type ListSpec } from './schema';
import type { Site } from './site';

/** What Graph says a column is; only the properties we compare. */
type ExistingColumn = { id: string; name: string; displayName?: string; indexed?: boolean; enforceUniqueValues?: boolean } & Record<string, unknown>;

const FACETS = ['text', 'choice', 'dateTime', 'boolean', 'personOrGroup'] as const;

/**
 * Facet properties that change what a column holds. The rest (displayAs,
 * textType…) are presentation: when Graph leaves one out we take it as set.
 */
const MEANINGFUL = new Set(['choices', 'format', 'allowMultipleLines']);

export async function provision(graph: GraphClient, site: Site, lists: ListSpec[] = ALL_LISTS): Promise<ProvisionReport> {
  const changes: string[] = [];
  const existing = await site.refreshLists();
  const sitePath = await site.path();
  for (const list of lists) {
    let id = existing.get(list.displayName);
    if (!id) {
      const reply = await graph.request({
        method: 'POST',
        url: `${sitePath}/lists`,
        body: { displayName: list.displayName, description: list.description, columns: list.columns, list: { template: 'genericList' } },
        what: `creating the list ${list.displayName}`,
      });
      id = String((reply.body as { id: unknown }).id);
      site.remember(list, id);
      changes.push(`created list ${list.displayName}`);
    }
    changes.push(...(await alignColumns(graph, `${sitePath}/lists/${id}`, list)));
  }
  return { changes };
}

async function alignColumns(graph: GraphClient, listPath: string, list: ListSpec): Promise<string[]> {
  const changes: string[] = [];
  const columns = await readAllPages<ExistingColumn>(graph, `${listPath}/columns`, {
    what: `reading the columns of ${list.displayName}`,
  });
  for (const spec of list.columns) {
    const found = columns.find((c) => c.name === spec.name);
    if (!found) {
      await graph.request({
        method: 'POST',
        url: `${listPath}/columns`,
        body: spec,
        what: `adding the column ${spec.name} to ${list.displayName}`,
      });
      changes.push(`added column ${spec.name} to ${list.displayName}`);
      continue;
    }
    const drift = driftOf(spec, found);
    if (Object.keys(drift.patch).length > 0) {
      if (drift.patch.enforceUniqueValues === true) await refuseSharedValues(graph, listPath, list, spec.name);
      await graph.request({
        method: 'PATCH',
        url: `${listPath}/columns/${found.id}`,
        body: drift.patch,
        what: `updating the column ${spec.name} in ${list.displayName}`,
      });
      if (FACETS.some((f) => f in drift.patch)) await checkTypeChanged(graph, listPath, list, spec, found);
      changes.push(`updated column ${spec.name} in ${list.displayName} (${drift.what.join(', ')})`);
    }
  }
  // Title comes with every list; we only give it a name that says what it holds.
  const titleColumn = columns.find((c) => c.name === 'Title');
  if (titleColumn && titleColumn.displayName !== list.titleDisplayName) {
    await graph.request({
      method: 'PATCH',
      url: `${listPath}/columns/${titleColumn.id}`,
      body: { displayName: list.titleDisplayName },
      what: `renaming the Title column of ${list.displayName}`,
    });
    changes.push(`renamed Title to "${list.titleDisplayName}" in ${list.displayName}`);
  }
  return changes;
}

/**
 * Whether SharePoint converts a column's type through a Graph PATCH (such as
 * DueNote from single-line to multi-line text) is unverified, and a column
 * left as it was would refuse long values later. So read the column again and,
 * if the type did not change, say what to change by hand.
 */
async function checkTypeChanged(graph: GraphClient, listPath: string, list: ListSpec, spec: ColumnSpec, before: ExistingColumn): Promise<void> {
  const reply = await graph.request({
    method: 'GET',
    url: `${listPath}/columns/${before.id}`,
    what: `checking the type of the column ${spec.name} in ${list.displayName}`,
  });
  const after = reply.body as ExistingColumn;
  if (!FACETS.some((f) => f in driftOf(spec, after).patch)) return;
  throw new InvalidError([
    `SharePoint did not change the type of the column ${spec.name} ("${spec.displayName}") in ${list.displayName}: it is still ${typeInWords(after)}, and PlanPulse needs ${typeInWords(spec)}.`,
    `Change it by hand: open ${list.displayName} in SharePoint, go to List settings, choose the column "${after.displayName ?? spec.displayName}" under Columns, set its type to ${typeInWords(spec)} and save. Then run provision again.`,
  ]);
}

/** A column's type as SharePoint's list settings name it. */
function typeInWords(column: Record<string, unknown>): string {
  const facet = FACETS.find((f) => column[f] !== undefined && column[f] !== null);
  const details = (facet ? column[facet] : undefined) as Record<string, unknown> | undefined;
  switch (facet) {
    case 'text':
      return details?.allowMultipleLines ? '"Multiple lines of text" (plain text)' : '"Single line of text"';
    case 'choice':
      return '"Choice"';
    case 'dateTime':
      return details?.format === 'dateOnly' ? '"Date and Time" (date only)' : '"Date and Time"';
    case 'boolean':
      return '"Yes/No"';
    case 'personOrGroup':
      return '"Person or Group"';
    default:
      return 'a type PlanPulse does not use';
  }
}

/**
 * SharePoint will not start enforcing unique values while rows share one, and
 * says only that; name the rows so someone can put them right. Nothing is
 * changed: the rows are people's records, not ours to pick between.
 */
async function refuseSharedValues(graph: GraphClient, listPath: string, list: ListSpec, column: string): Promise<void> {
  const items = await readAllPages<{ fields?: Record<string, unknown> }>(
    graph,
    `${listPath}/items?expand=${encodeQueryValue(`fields(select=Title,${column})`)}`,
    { what: `checking ${list.displayName} for repeated ${column} values` },
  );
  const byValue = new Map<string, string[]>();
  for (const item of items) {
    const raw = item.fields?.[column];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const value = raw.trim().toLowerCase();
    byValue.set(value, [...(byValue.get(value) ?? []), String(item.fields?.Title ?? '(no name)')]);
  }
  const shared = [...byValue].filter(([, names]) => names.length > 1);
  if (shared.length === 0) return;
  throw new InvalidError([
    ...shared.map(([value, names]) => `In ${list.displayName}, ${names.slice(0, -1).join(', ')} and ${names.at(-1)} all have ${column} ${value}.`),
    `Each must be different before ${column} can be kept unique: correct those rows, then run provision again.`,
  ]);
}

/**
 * Compares only what schema.ts sets: Graph returns many more facet
 * properties (maxLength, linesForEditing…) that we leave to SharePoint.
 */
export function driftOf(spec: ColumnSpec, found: ExistingColumn): { patch: Record<string, unknown>; what: string[] } {
  const patch: Record<string, unknown> = {};
  const what: string[] = [];
  if (found.displayName !== spec.displayName) {
    patch.displayName = spec.displayName;
    what.push('display name');
  }
  const unique = spec.enforceUniqueValues ?? false;
  // SharePoint enforces unique values only on an indexed column, and keeps the
  // index while they are enforced; one PATCH sets both.
  const indexed = (spec.indexed ?? false) || unique;
  if ((found.indexed ?? false) !== indexed) {
    patch.indexed = indexed;
    what.push('indexed');
  }
  if ((found.enforceUniqueValues ?? false) !== unique) {
    patch.enforceUniqueValues = unique;
    what.push(unique ? 'unique values' : 'unique values no longer enforced');
  }
  if (spec.description !== undefined && (found.description ?? '') !== spec.description) {
    patch.description = spec.description;
    what.push('description');
  }
  const facet = FACETS.find((f) => f in spec)!;
  const wanted = (spec as Record<string, unknown>)[facet] as Record<string, unknown>;
  const actual = found[facet] as Record<string, unknown> | undefined;
  if (!actual) {
    patch[facet] = wanted;
    what.push(`type (${facet})`);
  } else {
    const differing = Object.keys(wanted).filter((k) => (MEANINGFUL.has(k) || actual[k] !== undefined) && !sameValue(wanted[k], actual[k]));
    if (differing.length > 0) {
      patch[facet] = wanted;
      what.push(...differing);
    }
  }
  return { patch, what };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}
