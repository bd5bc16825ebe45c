// List items: storing validated writes, bumping eTags, and shaping items and
// fieldValueSets the way Graph returns them.

import { randomUUID } from 'node:crypto';
import { columnForField, fieldKey } from './columns';
import { nowInstant } from './dates';
import { checkIfMatch, formatETag } from './etag';
import { validateFieldWrites } from './field-values';
import { duplicateValues, invalidRequest, itemNotFound, type UniqueViolationStatus } from './errors';
import type { ListRecord, ItemRecord, SiteRecord } from './state';

export function itemETag(item: ItemRecord): string {
  return formatETag(item.guid, item.version);
}

export function findItem(list: ListRecord, ref: string): ItemRecord {
  const item = /^\d+$/.test(ref) ? list.items.get(Number(ref)) : undefined;
  if (!item) throw itemNotFound('The specified list item was not found.');
  return item;
}

/**
 * SharePoint refuses a write that would give two items the same value in a
 * column with enforceUniqueValues (such columns must be indexed).
 */
function checkUnique(list: ListRecord, writes: ReturnType<typeof validateFieldWrites>, status: UniqueViolationStatus, self?: ItemRecord): void {
  for (const { column, value } of writes) {
    if (!column.enforceUniqueValues || value === null) continue;
    const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
    for (const other of list.items.values()) {
      if (other !== self && norm(other.values.get(column.name)) === norm(value)) {
        throw duplicateValues(status, column.name);
      }
    }
  }
}

export function createItem(list: ListRecord, fields: unknown, uniqueViolation: UniqueViolationStatus = 409): ItemRecord {
  const writes = validateFieldWrites(list.columns, fields);
  checkUnique(list, writes, uniqueViolation);
  const now = nowInstant();
  const item: ItemRecord = { id: list.nextItemId++, guid: randomUUID().toUpperCase(), version: 1, created: now, modified: now, values: new Map() };
  for (const { column, value } of writes) if (value !== null) item.values.set(column.name, value);
  list.items.set(item.id, item);
  // SharePoint moves a list's lastModifiedDateTime with every item change.
  list.modified = now;
  return item;
}

/** Applies a partial update; fields not mentioned are left alone. */
export function updateItem(
  list: ListRecord,
  item: ItemRecord,
  fields: unknown,
  ifMatch: string | undefined,
  uniqueViolation: UniqueViolationStatus = 409,
): void {
  checkIfMatch(ifMatch, itemETag(item));
  const writes = validateFieldWrites(list.columns, fields);
  checkUnique(list, writes, uniqueViolation, item);
  for (const { column, value } of writes) {
    if (value === null) item.values.delete(column.name);
    else item.values.set(column.name, value);
  }
  item.version++;
  item.modified = nowInstant();
  list.modified = item.modified;
}

export function deleteItem(list: ListRecord, item: ItemRecord, ifMatch: string | undefined): void {
  checkIfMatch(ifMatch, itemETag(item));
  list.items.delete(item.id);
  list.modified = nowInstant();
}

/** A column's value for an item: stored, or computed as SharePoint does for its system columns. */
export function systemValueOf(name: string, item: ItemRecord): unknown {
  switch (name) {
    case 'ID':
      return String(item.id);
    case 'ContentType':
      return 'Item';
    case 'Created':
      return item.created;
    case 'Modified':
      return item.modified;
    case '_UIVersionString':
      return `${item.version}.0`;
    case 'Attachments':
      return false;
    case 'Edit':
      return '';
    case 'LinkTitle':
    case 'LinkTitleNoMenu':
      return item.values.get('Title');
    default:
      return item.values.get(name);
  }
}

/**
 * The item's fieldValueSet. Without `select`, hidden columns and empty values
 * are left out, as Graph does; with it, exactly the named fields (unknown names are 400).
 */
export function fieldValueSet(list: ListRecord, item: ItemRecord, select?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': itemETag(item) };
  if (select === undefined) {
    for (const column of list.columns) {
      if (column.hidden) continue;
      const value = systemValueOf(column.name, item);
      if (value !== undefined) out[fieldKey(column)] = value;
    }
    return out;
  }
  for (const name of select) {
    // Selecting a person or lookup column by its own name still yields the lookup id:
    // the fake has no User Information List to resolve display values from.
    const column = columnForField(list.columns, name) ?? list.columns.find((c) => c.name === name);
    if (column === undefined) throw invalidRequest(`Field '${name}' is not recognized`);
    const value = systemValueOf(column.name, item);
    if (value !== undefined) out[fieldKey(column)] = value;
  }
  return out;
}

export const ITEM_PROPERTIES = ['id', 'eTag', 'createdDateTime', 'lastModifiedDateTime', 'webUrl', 'contentType', 'parentReference', 'fields'];

/** A listItem; `fields` only when expanded. */
export function itemView(site: SiteRecord, list: ListRecord, item: ItemRecord, fields?: { select?: string[] }): Record<string, unknown> {
  const view: Record<string, unknown> = {
    '@odata.etag': itemETag(item),
    id: String(item.id),
    eTag: itemETag(item),
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified,
    webUrl: `${list.webUrl}/${item.id}_.000`,
    contentType: { id: '0x0100', name: 'Item' },
    parentReference: { id: list.id, siteId: site.id },
  };
  if (fields !== undefined) view.fields = fieldValueSet(list, item, fields.select);
  return view;
}

/** Items in id order, which is the order SharePoint pages them in. */
export function itemsInOrder(list: ListRecord): ItemRecord[] {
  return [...list.items.values()].sort((a, b) => a.id - b.id);
}
