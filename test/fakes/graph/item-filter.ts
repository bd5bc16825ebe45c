// $filter on list items: binds `fields/X` to the list's columns and applies
// SharePoint's rule that filtering on a column without an index needs an
// explicit opt-in header.

import { columnForField, facetOf } from './columns';
import { GraphError, invalidRequest } from './errors';
import { compileFilter, type FilterTarget, type ValueKind } from './filter-eval';
import { systemValueOf } from './items';
import { filterPaths, parseFilter } from './odata-filter';
import type { ItemRecord, ListRecord } from './state';
import type { ColumnDefinition } from './types';

export const PREFER_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

function kindOf(column: ColumnDefinition): ValueKind {
  switch (facetOf(column)) {
    case 'text':
    case 'choice':
      return 'string';
    case 'number':
    case 'currency':
    case 'personOrGroup':
    case 'lookup':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'dateTime':
      return 'datetime';
    case 'calculated':
    case 'hyperlinkOrPicture':
      throw invalidRequest(`Column '${column.name}' cannot be used in $filter by the fake Graph server.`);
  }
}

function columnOf(list: ListRecord, path: string): ColumnDefinition {
  if (!path.startsWith('fields/')) {
    throw invalidRequest(`The fake Graph server filters list items only on 'fields/…' properties; '${path}' is not supported.`);
  }
  const name = path.slice('fields/'.length);
  const column = columnForField(list.columns, name);
  if (!column) throw invalidRequest(`Field '${name}' is not recognized`);
  return column;
}

function hasPrefer(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .includes(PREFER_NON_INDEXED.toLowerCase());
}

/** SharePoint Online's list view threshold: a query may not scan more items than this without an index. */
export const LIST_VIEW_THRESHOLD = 5000;

/**
 * A predicate for the items a $filter selects; throws 400 for bad syntax,
 * unknown fields or a missing Prefer, and 422 for a filter on a column without
 * an index once the list holds more than `threshold` items: the Prefer header
 * only accepts the risk, and on a large list the query does fail (fact sheet
 * A5; the 422 body is the one reported in microsoftgraph/microsoft-graph-docs#13611,
 * with the inner code from the UiPath report the fact sheet cites).
 */
export function itemFilter(
  list: ListRecord,
  filter: string,
  prefer: string | undefined,
  threshold = LIST_VIEW_THRESHOLD,
): (item: ItemRecord) => boolean {
  const expr = parseFilter(filter);
  const columns = filterPaths(expr).map((path) => columnOf(list, path));
  const unindexed = columns.find((column) => !column.indexed);
  if (unindexed && !hasPrefer(prefer)) {
    throw invalidRequest(
      `Field '${unindexed.name}' cannot be referenced in filter or orderby as it is not indexed. ` +
        `Provide the 'Prefer: ${PREFER_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`,
    );
  }
  if (unindexed && list.items.size > threshold) {
    throw new GraphError(422, 'notSupported', 'The request is unprocessable because it uses too many resources', 'tooManyResources');
  }
  return compileFilter<ItemRecord>(expr, (path): FilterTarget<ItemRecord> => {
    const column = columnOf(list, path);
    return { kind: kindOf(column), read: (item) => systemValueOf(column.name, item) };
  });
}
