// Validation of field values written to list items. Everything is checked
// before anything is stored, so a rejected write leaves the item as it was.

import { allowsMultiple, columnForField, facetOf, isLookupLike, isPlainObject, SINGLE_LINE_TEXT_LIMIT } from './columns';
import { parseIsoInstant, siteMidnight, toGraphInstant } from './dates';
import { invalidRequest } from './errors';
import type { ColumnDefinition } from './types';

/** A validated write: the column and the value to store (null clears it). */
export interface FieldWrite {
  column: ColumnDefinition;
  value: unknown;
}

const COLLECTION_TYPES = ['Collection(Edm.Int32)', 'Collection(Edm.String)'];

function lookupId(value: unknown, key: string): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
    throw invalidRequest(`Field '${key}' needs a lookup id: a positive whole number or a string of digits.`);
  }
  return id;
}

function dateValue(column: ColumnDefinition, value: unknown, key: string): string {
  const ms = typeof value === 'string' ? parseIsoInstant(value) : undefined;
  if (ms === undefined) throw invalidRequest(`Field '${key}' needs an ISO-8601 date or date-time; got ${JSON.stringify(value)}.`);
  return toGraphInstant(column.dateTime?.format === 'dateOnly' ? siteMidnight(ms) : ms);
}

function choiceValue(column: ColumnDefinition, value: unknown, key: string): string {
  if (typeof value !== 'string') throw invalidRequest(`Field '${key}' needs a string choice.`);
  const choice = column.choice;
  if (choice && !choice.allowTextEntry && !choice.choices.includes(value)) {
    throw invalidRequest(`Field '${key}' does not accept '${value}'; allowed choices are ${choice.choices.map((c) => `'${c}'`).join(', ')}.`);
  }
  return value;
}

function textValue(column: ColumnDefinition, value: unknown, key: string): string {
  if (typeof value !== 'string') throw invalidRequest(`Field '${key}' needs a string.`);
  const text = column.text;
  const limit = text?.allowMultipleLines ? undefined : (text?.maxLength ?? SINGLE_LINE_TEXT_LIMIT);
  if (limit !== undefined && value.length > limit) {
    throw invalidRequest(`Field '${key}' is limited to ${limit} characters; the value has ${value.length}.`);
  }
  return value;
}

function numberValue(column: ColumnDefinition, value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`Field '${key}' needs a number; got ${JSON.stringify(value)}.`);
  const { minimum, maximum } = column.number ?? {};
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    throw invalidRequest(`Field '${key}' must be between ${minimum ?? '-∞'} and ${maximum ?? '∞'}.`);
  }
  return value;
}

function hyperlinkValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && typeof value.Url === 'string' && (value.Description === undefined || typeof value.Description === 'string')) {
    return { ...value };
  }
  throw invalidRequest(`Field '${key}' needs a URL string or {Url, Description}.`);
}

function singleValue(column: ColumnDefinition, value: unknown, key: string): unknown {
  switch (facetOf(column)) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidRequest(`Field '${key}' needs a boolean; got ${JSON.stringify(value)}.`);
      return value;
    case 'number':
    case 'currency':
      return numberValue(column, value, key);
    case 'text':
      return textValue(column, value, key);
    case 'choice':
      return choiceValue(column, value, key);
    case 'dateTime':
      return dateValue(column, value, key);
    case 'personOrGroup':
    case 'lookup':
      // Read back as a string, as Graph returns lookup ids.
      return String(lookupId(value, key));
    case 'hyperlinkOrPicture':
      return hyperlinkValue(value, key);
    case 'calculated':
      throw invalidRequest(`Field '${key}' is calculated and cannot be written.`);
  }
}

function multipleValue(column: ColumnDefinition, value: unknown, key: string, annotation: unknown): unknown {
  // Graph needs the collection annotation to know the payload is a collection;
  // without it the real service answers a bare 400.
  if (typeof annotation !== 'string' || !COLLECTION_TYPES.includes(annotation)) {
    throw invalidRequest(
      `Field '${key}' takes several values; send an array with '${key}@odata.type': 'Collection(Edm.Int32)' or 'Collection(Edm.String)'.`,
    );
  }
  if (!Array.isArray(value)) throw invalidRequest(`Field '${key}' needs an array.`);
  if (isLookupLike(column)) return value.map((element) => lookupId(element, key));
  return value.map((element) => choiceValue(column, element, key));
}

/** Checks a `fields` object against the list's columns and returns what to store. */
export function validateFieldWrites(columns: ColumnDefinition[], input: unknown): FieldWrite[] {
  if (input === undefined) return [];
  if (!isPlainObject(input)) throw invalidRequest('The fields must be a JSON object.');
  const writes: FieldWrite[] = [];
  for (const [key, value] of Object.entries(input)) {
    const at = key.indexOf('@');
    if (at === 0) continue; // e.g. an echoed "@odata.etag"; annotations on the set itself are ignored
    if (at > 0) {
      const target = key.slice(0, at);
      if (!(target in input)) throw invalidRequest(`Annotation '${key}' refers to a field that is not in the request.`);
      continue;
    }
    const column = columnForField(columns, key);
    if (column === undefined) {
      const wrongForm = columns.find((c) => c.name === key && isLookupLike(c));
      if (wrongForm) throw invalidRequest(`Field '${key}' is a person or lookup column; write it as '${key}LookupId'.`);
      throw invalidRequest(`Field '${key}' is not recognized`);
    }
    if (column.readOnly || column.calculated !== undefined) throw invalidRequest(`Field '${key}' is read-only`);
    if (value === null) {
      writes.push({ column, value: null });
      continue;
    }
    const stored = allowsMultiple(column) ? multipleValue(column, value, key, input[`${key}@odata.type`]) : singleValue(column, value, key);
    writes.push({ column, value: stored });
  }
  return writes;
}
