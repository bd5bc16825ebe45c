// columnDefinition rules: the one-facet rule, facet defaults, the built-in
// columns of a genericList, and how a field name maps to a column.

import { randomUUID } from 'node:crypto';
import { invalidRequest, unknownProperty } from './errors';
import type { ColumnDefinition, TextColumn } from './types';

/** Facets the fake implements. */
export const FACETS = [
  'boolean',
  'calculated',
  'choice',
  'currency',
  'dateTime',
  'lookup',
  'number',
  'personOrGroup',
  'text',
  'hyperlinkOrPicture',
] as const;
export type Facet = (typeof FACETS)[number];

// Graph documents these too; they count towards "exactly one facet" but the
// fake has no storage semantics for them, so it refuses them explicitly.
const UNSUPPORTED_FACETS = ['term', 'thumbnail', 'contentApprovalStatus'];

export const COMMON_PROPERTIES = [
  'name',
  'displayName',
  'description',
  'columnGroup',
  'enforceUniqueValues',
  'hidden',
  'indexed',
  'readOnly',
  'required',
  'defaultValue',
  'validation',
];
const BOOLEAN_PROPERTIES = ['enforceUniqueValues', 'hidden', 'indexed', 'readOnly', 'required'] as const;

const FACET_PROPERTIES: Record<Facet, readonly string[]> = {
  boolean: [],
  calculated: ['formula', 'outputType', 'format'],
  choice: ['allowTextEntry', 'choices', 'displayAs'],
  currency: ['locale'],
  dateTime: ['displayAs', 'format'],
  lookup: ['listId', 'columnName', 'allowMultipleValues', 'allowUnlimitedLength', 'primaryLookupColumnId'],
  number: ['decimalPlaces', 'displayAs', 'minimum', 'maximum'],
  personOrGroup: ['allowMultipleSelection', 'chooseFromType', 'displayAs'],
  text: ['allowMultipleLines', 'appendChangesToExistingText', 'linesForEditing', 'maxLength', 'textType'],
  hyperlinkOrPicture: ['isPicture'],
};

const FACET_TYPE_NAMES: Record<Facet, string> = {
  boolean: 'microsoft.graph.booleanColumn',
  calculated: 'microsoft.graph.calculatedColumn',
  choice: 'microsoft.graph.choiceColumn',
  currency: 'microsoft.graph.currencyColumn',
  dateTime: 'microsoft.graph.dateTimeColumn',
  lookup: 'microsoft.graph.lookupColumn',
  number: 'microsoft.graph.numberColumn',
  personOrGroup: 'microsoft.graph.personOrGroupColumn',
  text: 'microsoft.graph.textColumn',
  hyperlinkOrPicture: 'microsoft.graph.hyperlinkOrPictureColumn',
};

/** Default for single-line text when no maxLength is given. */
export const SINGLE_LINE_TEXT_LIMIT = 255;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function facetOf(column: ColumnDefinition): Facet {
  for (const facet of FACETS) if (column[facet] !== undefined) return facet;
  throw new Error(`column ${column.name} has no facet`);
}

/** Person and lookup columns are read and written as `{Name}LookupId`. */
export function isLookupLike(column: ColumnDefinition): boolean {
  return column.personOrGroup !== undefined || column.lookup !== undefined;
}

export function allowsMultiple(column: ColumnDefinition): boolean {
  return Boolean(column.personOrGroup?.allowMultipleSelection || column.lookup?.allowMultipleValues || column.choice?.displayAs === 'checkBoxes');
}

/** The column a field key in a request body or query refers to, by exact (case-sensitive) name. */
export function columnForField(columns: ColumnDefinition[], key: string): ColumnDefinition | undefined {
  if (key === 'id') return columns.find((column) => column.name === 'ID');
  const direct = columns.find((column) => column.name === key && !isLookupLike(column));
  if (direct) return direct;
  if (key.endsWith('LookupId')) {
    const base = key.slice(0, -'LookupId'.length);
    return columns.find((column) => column.name === base && isLookupLike(column));
  }
  return undefined;
}

/** The key a column's value has in `fields`. */
export function fieldKey(column: ColumnDefinition): string {
  if (column.name === 'ID') return 'id';
  return isLookupLike(column) ? `${column.name}LookupId` : column.name;
}

function expectBoolean(value: unknown, property: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidRequest(`Property '${property}' must be a boolean.`);
  return value;
}

function expectString(value: unknown, property: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Property '${property}' must be a string.`);
  return value;
}

function expectNumber(value: unknown, property: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`Property '${property}' must be a number.`);
  return value;
}

function expectOneOf<T extends string>(value: unknown, property: string, allowed: readonly T[]): T | undefined {
  const text = expectString(value, property);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw invalidRequest(`Property '${property}' must be one of ${allowed.join(', ')}.`);
  return text as T;
}

function textFacet(raw: Record<string, unknown>, previous?: TextColumn): TextColumn {
  const allowMultipleLines = expectBoolean(raw.allowMultipleLines, 'text.allowMultipleLines') ?? previous?.allowMultipleLines ?? false;
  const maxLength = expectNumber(raw.maxLength, 'text.maxLength') ?? previous?.maxLength;
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1))
    throw invalidRequest("Property 'text.maxLength' must be a positive integer.");
  const facet: TextColumn = {
    allowMultipleLines,
    appendChangesToExistingText:
      expectBoolean(raw.appendChangesToExistingText, 'text.appendChangesToExistingText') ?? previous?.appendChangesToExistingText ?? false,
    linesForEditing: expectNumber(raw.linesForEditing, 'text.linesForEditing') ?? previous?.linesForEditing ?? (allowMultipleLines ? 6 : 0),
    textType: expectOneOf(raw.textType, 'text.textType', ['plain', 'richText'] as const) ?? previous?.textType ?? 'plain',
  };
  // Multi-line text (a Note field) has no length limit; single-line is capped at 255.
  if (!allowMultipleLines) {
    if (maxLength !== undefined && maxLength > SINGLE_LINE_TEXT_LIMIT) {
      throw invalidRequest(`Single-line text columns hold at most ${SINGLE_LINE_TEXT_LIMIT} characters; use allowMultipleLines for longer text.`);
    }
    facet.maxLength = maxLength ?? SINGLE_LINE_TEXT_LIMIT;
  }
  return facet;
}

/** Validates a facet body and fills in the defaults Graph reports. `previous` is the current facet on PATCH. */
function normaliseFacet(
  facet: Facet,
  raw: Record<string, unknown>,
  previous: ColumnDefinition | undefined,
  listExists: (listId: string) => boolean,
): Partial<ColumnDefinition> {
  for (const key of Object.keys(raw)) {
    if (!FACET_PROPERTIES[facet].includes(key)) throw unknownProperty(key, FACET_TYPE_NAMES[facet]);
  }
  switch (facet) {
    case 'boolean':
      return { boolean: {} };
    case 'calculated':
      return {
        calculated: {
          formula: expectString(raw.formula, 'calculated.formula') ?? previous?.calculated?.formula ?? '',
          outputType: expectString(raw.outputType, 'calculated.outputType') ?? previous?.calculated?.outputType ?? 'text',
        },
      };
    case 'choice': {
      const choices = raw.choices ?? previous?.choice?.choices ?? [];
      if (!Array.isArray(choices) || choices.some((c) => typeof c !== 'string'))
        throw invalidRequest("Property 'choice.choices' must be an array of strings.");
      return {
        choice: {
          allowTextEntry: expectBoolean(raw.allowTextEntry, 'choice.allowTextEntry') ?? previous?.choice?.allowTextEntry ?? false,
          choices: [...(choices as string[])],
          displayAs:
            expectOneOf(raw.displayAs, 'choice.displayAs', ['checkBoxes', 'dropDownMenu', 'radioButtons'] as const) ??
            previous?.choice?.displayAs ??
            'dropDownMenu',
        },
      };
    }
    case 'currency':
      return { currency: { locale: expectString(raw.locale, 'currency.locale') ?? previous?.currency?.locale ?? 'en-GB' } };
    case 'dateTime':
      return {
        dateTime: {
          displayAs:
            expectOneOf(raw.displayAs, 'dateTime.displayAs', ['default', 'friendly', 'standard'] as const) ??
            previous?.dateTime?.displayAs ??
            'default',
          format: expectOneOf(raw.format, 'dateTime.format', ['dateOnly', 'dateTime'] as const) ?? previous?.dateTime?.format ?? 'dateTime',
        },
      };
    case 'lookup': {
      const listId = expectString(raw.listId, 'lookup.listId') ?? previous?.lookup?.listId;
      if (listId === undefined || !listExists(listId)) throw invalidRequest("Property 'lookup.listId' must name a list in the same site.");
      const lookup: NonNullable<ColumnDefinition['lookup']> = {
        listId,
        columnName: expectString(raw.columnName, 'lookup.columnName') ?? previous?.lookup?.columnName ?? 'Title',
        allowMultipleValues: expectBoolean(raw.allowMultipleValues, 'lookup.allowMultipleValues') ?? previous?.lookup?.allowMultipleValues ?? false,
        allowUnlimitedLength:
          expectBoolean(raw.allowUnlimitedLength, 'lookup.allowUnlimitedLength') ?? previous?.lookup?.allowUnlimitedLength ?? false,
      };
      const primary = expectString(raw.primaryLookupColumnId, 'lookup.primaryLookupColumnId') ?? previous?.lookup?.primaryLookupColumnId;
      if (primary !== undefined) lookup.primaryLookupColumnId = primary;
      return { lookup };
    }
    case 'number': {
      const number: NonNullable<ColumnDefinition['number']> = {
        decimalPlaces: expectString(raw.decimalPlaces, 'number.decimalPlaces') ?? previous?.number?.decimalPlaces ?? 'automatic',
        displayAs: expectOneOf(raw.displayAs, 'number.displayAs', ['number', 'percentage'] as const) ?? previous?.number?.displayAs ?? 'number',
      };
      const minimum = expectNumber(raw.minimum, 'number.minimum') ?? previous?.number?.minimum;
      const maximum = expectNumber(raw.maximum, 'number.maximum') ?? previous?.number?.maximum;
      if (minimum !== undefined) number.minimum = minimum;
      if (maximum !== undefined) number.maximum = maximum;
      if (minimum !== undefined && maximum !== undefined && minimum > maximum) throw invalidRequest('number.minimum is greater than number.maximum.');
      return { number };
    }
    case 'personOrGroup':
      return {
        personOrGroup: {
          allowMultipleSelection:
            expectBoolean(raw.allowMultipleSelection, 'personOrGroup.allowMultipleSelection') ??
            previous?.personOrGroup?.allowMultipleSelection ??
            false,
          chooseFromType:
            expectOneOf(raw.chooseFromType, 'personOrGroup.chooseFromType', ['peopleAndGroups', 'peopleOnly'] as const) ??
            previous?.personOrGroup?.chooseFromType ??
            'peopleAndGroups',
          displayAs: expectString(raw.displayAs, 'personOrGroup.displayAs') ?? previous?.personOrGroup?.displayAs ?? 'nameWithPresence',
        },
      };
    case 'text':
      return { text: textFacet(raw, previous?.text) };
    case 'hyperlinkOrPicture':
      return {
        hyperlinkOrPicture: {
          isPicture: expectBoolean(raw.isPicture, 'hyperlinkOrPicture.isPicture') ?? previous?.hyperlinkOrPicture?.isPicture ?? false,
        },
      };
  }
}

/** The single facet named in a request body; 400 unless there is exactly one. */
function requestedFacet(body: Record<string, unknown>, required: boolean): Facet | undefined {
  const present = [...FACETS, ...UNSUPPORTED_FACETS].filter((facet) => body[facet] !== undefined && body[facet] !== null);
  if (present.length > 1) throw invalidRequest(`A column can have only one type; found ${present.join(', ')}.`);
  const facet = present[0];
  if (facet === undefined) {
    if (required) throw invalidRequest(`A column needs exactly one type facet: one of ${FACETS.join(', ')}.`);
    return undefined;
  }
  if (UNSUPPORTED_FACETS.includes(facet)) throw invalidRequest(`The fake Graph server does not implement '${facet}' columns.`);
  if (!isPlainObject(body[facet])) throw invalidRequest(`Property '${facet}' must be an object.`);
  return facet as Facet;
}

function checkProperties(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (key.startsWith('@odata.')) continue;
    if (!COMMON_PROPERTIES.includes(key) && !(FACETS as readonly string[]).includes(key) && !UNSUPPORTED_FACETS.includes(key)) {
      throw unknownProperty(key, 'microsoft.graph.columnDefinition');
    }
  }
  for (const key of BOOLEAN_PROPERTIES) expectBoolean(body[key], key);
  for (const key of ['name', 'displayName', 'description', 'columnGroup'] as const) expectString(body[key], key);
}

// The fake insists on plain internal names; SharePoint would silently encode
// others (a space becomes _x0020_), which is never what a caller wants.
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A new column from a POST body (or a list's `columns` array). */
export function newColumn(body: unknown, listExists: (listId: string) => boolean): ColumnDefinition {
  if (!isPlainObject(body)) throw invalidRequest('A column definition must be a JSON object.');
  checkProperties(body);
  const name = body.name as string | undefined;
  if (name === undefined || name === '') throw invalidRequest("Property 'name' is required for a column.");
  if (!COLUMN_NAME.test(name) || name.endsWith('LookupId')) {
    throw invalidRequest(`Column name '${name}' must be letters, digits and underscores, and must not end in 'LookupId'.`);
  }
  const facet = requestedFacet(body, true) as Facet;
  const column: ColumnDefinition = {
    id: randomUUID(),
    name,
    displayName: (body.displayName as string | undefined) ?? name,
    description: (body.description as string | undefined) ?? '',
    columnGroup: (body.columnGroup as string | undefined) ?? 'Custom Columns',
    enforceUniqueValues: (body.enforceUniqueValues as boolean | undefined) ?? false,
    hidden: (body.hidden as boolean | undefined) ?? false,
    indexed: (body.indexed as boolean | undefined) ?? false,
    readOnly: (body.readOnly as boolean | undefined) ?? false,
    required: (body.required as boolean | undefined) ?? false,
    ...normaliseFacet(facet, body[facet] as Record<string, unknown>, undefined, listExists),
  };
  if (body.defaultValue !== undefined) column.defaultValue = body.defaultValue;
  if (body.validation !== undefined) column.validation = body.validation;
  return column;
}

/** The column after a PATCH. The type facet may be edited but not swapped for another. */
export function patchedColumn(current: ColumnDefinition, body: unknown, builtIn: boolean, listExists: (listId: string) => boolean): ColumnDefinition {
  if (!isPlainObject(body)) throw invalidRequest('A column definition must be a JSON object.');
  checkProperties(body);
  if (body.name !== undefined && body.name !== current.name) throw invalidRequest("A column's 'name' cannot be changed.");
  // Built-in read-only columns (Created, Modified, ID…) may only gain or lose an index.
  if (builtIn && current.readOnly) {
    const other = Object.keys(body).filter((key) => key !== 'indexed' && key !== 'name' && !key.startsWith('@odata.'));
    if (other.length > 0) throw invalidRequest(`Column '${current.name}' is read-only; only 'indexed' can be changed.`);
  }
  const facet = requestedFacet(body, false);
  const currentFacet = facetOf(current);
  if (facet !== undefined && facet !== currentFacet) {
    throw invalidRequest(`Column '${current.name}' is of type '${currentFacet}' and cannot be changed to '${facet}'.`);
  }
  const next: ColumnDefinition = { ...current };
  for (const key of ['displayName', 'description', 'columnGroup'] as const) {
    const value = body[key];
    if (typeof value === 'string') next[key] = value;
  }
  for (const key of BOOLEAN_PROPERTIES) {
    const value = body[key];
    if (typeof value === 'boolean') next[key] = value;
  }
  if (body.defaultValue !== undefined) next.defaultValue = body.defaultValue;
  if (body.validation !== undefined) next.validation = body.validation;
  if (facet !== undefined) Object.assign(next, normaliseFacet(facet, body[facet] as Record<string, unknown>, current, listExists));
  return next;
}

function builtInColumn(name: string, facet: Partial<ColumnDefinition>, extra: Partial<ColumnDefinition> = {}): ColumnDefinition {
  return {
    id: randomUUID(),
    name,
    displayName: name,
    description: '',
    columnGroup: '_Hidden',
    enforceUniqueValues: false,
    hidden: false,
    indexed: false,
    readOnly: true,
    required: false,
    ...facet,
    ...extra,
  };
}

const plainText = (): TextColumn => ({
  allowMultipleLines: false,
  appendChangesToExistingText: false,
  linesForEditing: 0,
  maxLength: 255,
  textType: 'plain',
});

/** Names of the columns every genericList has; they cannot be deleted and most cannot be written. */
export const BUILT_IN_COLUMN_NAMES = [
  'Title',
  'ID',
  'ContentType',
  'Modified',
  'Created',
  '_UIVersionString',
  'Attachments',
  'Edit',
  'LinkTitleNoMenu',
  'LinkTitle',
];

/** The columns SharePoint adds to a genericList: a writable Title plus read-only system columns. */
export function genericListColumns(): ColumnDefinition[] {
  return [
    builtInColumn('Title', { text: plainText() }, { columnGroup: 'Custom Columns', readOnly: false }),
    // SharePoint always indexes the item id, so filtering on it needs no Prefer header.
    builtInColumn('ID', { number: { decimalPlaces: 'none', displayAs: 'number' } }, { indexed: true }),
    builtInColumn('ContentType', { text: plainText() }, { displayName: 'Content Type' }),
    builtInColumn('Modified', { dateTime: { displayAs: 'standard', format: 'dateTime' } }),
    builtInColumn('Created', { dateTime: { displayAs: 'standard', format: 'dateTime' } }),
    builtInColumn('_UIVersionString', { text: plainText() }, { displayName: 'Version' }),
    builtInColumn('Attachments', { boolean: {} }),
    builtInColumn('Edit', { text: plainText() }),
    builtInColumn('LinkTitleNoMenu', { text: plainText() }, { displayName: 'Title' }),
    builtInColumn('LinkTitle', { text: plainText() }, { displayName: 'Title' }),
  ];
}
