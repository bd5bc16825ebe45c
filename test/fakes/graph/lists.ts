// Lists and their columns: creating lists, adding, changing and removing columns.

import { randomUUID } from 'node:crypto';
import { allowsMultiple, BUILT_IN_COLUMN_NAMES, FACETS, genericListColumns, isPlainObject, newColumn, patchedColumn } from './columns';
import { nowInstant } from './dates';
import { invalidRequest, itemNotFound, nameAlreadyExists, unknownProperty } from './errors';
import type { GraphState, ListRecord } from './state';
import type { ColumnDefinition } from './types';

const LIST_PROPERTIES = ['displayName', 'description', 'columns', 'list', 'contentTypes'];
const LIST_INFO_PROPERTIES = ['template', 'hidden', 'contentTypesEnabled'];

/** The URL segment SharePoint derives from a title: letters and digits only. */
function urlName(state: GraphState, displayName: string): string {
  const base = displayName.replace(/[^A-Za-z0-9]/g, '') || 'List';
  let name = base;
  for (let n = 1; state.lists.some((list) => list.name.toLowerCase() === name.toLowerCase()); n++) name = `${base}${n}`;
  return name;
}

/** SharePoint keeps at most 20 indexes on a list (the item id's own index aside). */
export const MAX_INDEXED_COLUMNS = 20;

/**
 * What SharePoint cannot index: multiple lines of text, columns holding several
 * values (multi-choice, multi-person, multi-lookup), calculated and hyperlink
 * columns. Graph documents `indexed` without saying so; the rules are
 * SharePoint's, from Microsoft's "Add an index to a list or library column"
 * (https://support.microsoft.com/office/add-an-index-to-a-list-or-library-column-f3f00554-b7dc-44d1-a2ed-d477eac463b0,
 * read through the copy at https://spshare.blogspot.com/2013/09 in the pages corpus),
 * which also gives the limit of 20 indexes. A unique column must be indexed,
 * so these cannot enforce unique values either.
 */
function checkIndexable(column: ColumnDefinition): void {
  if (!column.indexed) return;
  const kind = column.text?.allowMultipleLines
    ? 'multiple lines of text'
    : allowsMultiple(column)
      ? 'a column that holds several values'
      : column.calculated !== undefined
        ? 'a calculated column'
        : column.hyperlinkOrPicture !== undefined
          ? 'a hyperlink or picture column'
          : undefined;
  if (kind) throw invalidRequest(`Column '${column.name}' cannot be indexed: SharePoint does not index ${kind}.`);
}

function checkIndexCount(columns: ColumnDefinition[]): void {
  const indexed = columns.filter((column) => column.indexed && column.name !== 'ID').length;
  if (indexed > MAX_INDEXED_COLUMNS) {
    throw invalidRequest(`A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns; this would make ${indexed}.`);
  }
}

function addColumnTo(columns: ColumnDefinition[], column: ColumnDefinition): void {
  if (columns.some((existing) => existing.name.toLowerCase() === column.name.toLowerCase())) {
    throw nameAlreadyExists(`A column named '${column.name}' already exists in this list.`);
  }
  columns.push(column);
}

export function createList(state: GraphState, body: unknown): ListRecord {
  if (!isPlainObject(body)) throw invalidRequest('The request body must be a JSON object.');
  for (const key of Object.keys(body)) {
    if (!LIST_PROPERTIES.includes(key) && !key.startsWith('@odata.')) throw unknownProperty(key, 'microsoft.graph.list');
  }
  const { displayName, description } = body;
  if (typeof displayName !== 'string' || displayName.trim() === '') throw invalidRequest("Property 'displayName' is required.");
  if (description !== undefined && typeof description !== 'string') throw invalidRequest("Property 'description' must be a string.");
  const info = body.list ?? {};
  if (!isPlainObject(info)) throw invalidRequest("Property 'list' must be an object.");
  for (const key of Object.keys(info)) if (!LIST_INFO_PROPERTIES.includes(key)) throw unknownProperty(key, 'microsoft.graph.listInfo');
  const template = info.template ?? 'genericList';
  if (template !== 'genericList') throw invalidRequest(`The fake Graph server implements only the genericList template, not '${String(template)}'.`);
  if (body.columns !== undefined && !Array.isArray(body.columns)) throw invalidRequest("Property 'columns' must be an array.");
  if (body.contentTypes !== undefined) throw invalidRequest('The fake Graph server does not implement content types.');
  if (state.findList(displayName)) throw nameAlreadyExists(`A list named '${displayName}' already exists in this site.`);

  // Validate every column before creating anything.
  const columns = genericListColumns();
  for (const raw of (body.columns as unknown[] | undefined) ?? []) {
    const column = newColumn(raw, (id) => state.findList(id) !== undefined);
    checkIndexable(column);
    checkUniqueColumn(column);
    addColumnTo(columns, column);
  }
  checkIndexCount(columns);

  const now = nowInstant();
  const name = urlName(state, displayName);
  const list: ListRecord = {
    id: randomUUID(),
    name,
    displayName,
    description: (description as string | undefined) ?? '',
    template,
    hidden: info.hidden === true,
    created: now,
    modified: now,
    webUrl: `${state.site.webUrl}/Lists/${name}`,
    columns,
    items: new Map(),
    nextItemId: 1,
  };
  state.lists.push(list);
  return list;
}

export const LIST_VIEW_PROPERTIES = [
  'id',
  'name',
  'displayName',
  'description',
  'createdDateTime',
  'lastModifiedDateTime',
  'webUrl',
  'list',
  'parentReference',
  'columns',
  'items',
];

export function listView(state: GraphState, list: ListRecord): Record<string, unknown> {
  return {
    id: list.id,
    name: list.name,
    displayName: list.displayName,
    description: list.description,
    createdDateTime: list.created,
    lastModifiedDateTime: list.modified,
    webUrl: list.webUrl,
    list: { contentTypesEnabled: false, hidden: list.hidden, template: list.template },
    parentReference: { siteId: state.site.id },
  };
}

export function findColumn(list: ListRecord, columnId: string): ColumnDefinition {
  const column = list.columns.find((c) => c.id === columnId.toLowerCase());
  if (!column) throw itemNotFound('The specified column was not found.');
  return column;
}

export function addColumn(state: GraphState, list: ListRecord, body: unknown): ColumnDefinition {
  const column = newColumn(body, (id) => state.findList(id) !== undefined);
  checkIndexable(column);
  checkUniqueColumn(column);
  checkIndexCount([...list.columns, column]);
  addColumnTo(list.columns, column);
  list.modified = nowInstant();
  return column;
}

/**
 * `ignoreTypeChanges` answers as if the PATCH worked but leaves the type facet
 * as it was: whether SharePoint really converts a column's type through Graph
 * (single-line to multi-line text, say) is unverified.
 */
export function updateColumn(
  state: GraphState,
  list: ListRecord,
  column: ColumnDefinition,
  body: unknown,
  ignoreTypeChanges = false,
): ColumnDefinition {
  const applied =
    ignoreTypeChanges && isPlainObject(body)
      ? Object.fromEntries(Object.entries(body).filter(([key]) => !(FACETS as readonly string[]).includes(key)))
      : body;
  const next = patchedColumn(column, applied, BUILT_IN_COLUMN_NAMES.includes(column.name), (id) => state.findList(id) !== undefined);
  checkIndexable(next);
  checkUniqueColumn(next, column.enforceUniqueValues ? undefined : list);
  checkIndexCount(list.columns.map((c) => (c === column ? next : c)));
  list.columns[list.columns.indexOf(column)] = next;
  list.modified = nowInstant();
  return next;
}

/**
 * SharePoint enforces unique values only on an indexed column (and will not
 * drop the index while they are enforced), and will not start enforcing them
 * while items already share a value. `list` is given when uniqueness may be
 * newly switched on, so its items are checked.
 */
function checkUniqueColumn(column: ColumnDefinition, list?: ListRecord): void {
  if (!column.enforceUniqueValues) return;
  if (!column.indexed) throw invalidRequest(`Column '${column.name}' must be indexed to enforce unique values.`);
  if (!list) return;
  const seen = new Set<unknown>();
  for (const item of list.items.values()) {
    const raw = item.values.get(column.name);
    if (raw === undefined || raw === null) continue;
    const value = typeof raw === 'string' ? raw.toLowerCase() : raw;
    if (seen.has(value)) throw invalidRequest(`Column '${column.name}' contains duplicate values; remove them before enforcing unique values.`);
    seen.add(value);
  }
}

export function deleteColumn(list: ListRecord, column: ColumnDefinition): void {
  if (BUILT_IN_COLUMN_NAMES.includes(column.name)) throw invalidRequest(`Column '${column.name}' is built in and cannot be deleted.`);
  list.columns.splice(list.columns.indexOf(column), 1);
  for (const item of list.items.values()) item.values.delete(column.name);
  list.modified = nowInstant();
}
