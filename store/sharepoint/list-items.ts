// Reading rows of one list: always every page, always with $select (so hidden
// and person columns stay out). Filters are meant for indexed columns, but a
// site whose index was never created (provision not re-run after an upgrade)
// would refuse every such read, so each filtered read accepts the risk out loud.
import type { GraphClient } from './graph/graph-client';
import { itemsQuery } from './graph/odata';
import { readAllPages } from './graph/paging';
import type { Fields } from './field-map';
import type { ListSpec } from './schema';

export interface ListItem {
  id: string;
  eTag: string;
  fields: Fields;
}

interface RawItem {
  id: string;
  eTag?: string;
  '@odata.etag'?: string;
  fields?: Fields;
}

/**
 * Graph rejects filters on non-indexed columns unless told the query may fail
 * on big lists; on an indexed column the header changes nothing.
 */
export const NON_INDEXED_QUERY_HEADER = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };

export async function readItems(
  graph: GraphClient,
  listPath: string,
  list: ListSpec,
  select: string[],
  where?: { column: string; value: string },
): Promise<ListItem[]> {
  const headers = where ? NON_INDEXED_QUERY_HEADER : undefined;
  const raw = await readAllPages<RawItem>(graph, `${listPath}/items${itemsQuery({ select, where })}`, {
    headers,
    what: `reading ${list.displayName}`,
  });
  return raw.map(toListItem);
}

export function toListItem(raw: RawItem): ListItem {
  const fields = raw.fields ?? {};
  const eTag = raw.eTag ?? raw['@odata.etag'] ?? (fields['@odata.etag'] as string | undefined) ?? '';
  return { id: String(raw.id), eTag, fields };
}

/** Ids are numbers as strings; creation order is the fallback sort. */
export function byItemId(a: ListItem, b: ListItem): number {
  return Number(a.id) - Number(b.id);
}
