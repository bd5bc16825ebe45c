// The lists collection and a single list.

import { invalidRequest } from '../errors';
import { compileFilter, type FilterTarget } from '../filter-eval';
import { itemsInOrder, itemView } from '../items';
import { createList, LIST_VIEW_PROPERTIES, listView } from '../lists';
import { parseFilter } from '../odata-filter';
import { applySelect, nextLink, pageByOffset, parseExpand, parseSelect, rejectOptions, withExpanded } from '../query';
import { json } from '../responses';
import type { ListRecord } from '../state';
import type { FakeRequest, FakeResponse } from '../types';
import { COLUMN_PROPERTIES } from './columns';
import type { HandlerContext } from './context';
import { byMethod, fieldsExpansion, parseSelectOption } from './shared';

const STRING_PROPERTIES = ['id', 'name', 'displayName', 'description', 'webUrl'] as const;
const DATE_PROPERTIES = ['createdDateTime', 'lastModifiedDateTime'] as const;

function listFilter(filter: string): (list: ListRecord) => boolean {
  return compileFilter<ListRecord>(parseFilter(filter), (path): FilterTarget<ListRecord> => {
    const stringProperty = STRING_PROPERTIES.find((p) => p === path);
    if (stringProperty) return { kind: 'string', read: (list) => (stringProperty === 'id' ? list.id : list[stringProperty]) };
    if (path === 'createdDateTime') return { kind: 'datetime', read: (list) => list.created };
    if (path === 'lastModifiedDateTime') return { kind: 'datetime', read: (list) => list.modified };
    throw invalidRequest(
      `Could not find a property named '${path}' on type 'microsoft.graph.list' that can be filtered (try ${[...STRING_PROPERTIES, ...DATE_PROPERTIES].join(', ')}).`,
    );
  });
}

/** A list shaped for output, honouring $select and $expand=columns / items(expand=fields). */
function renderList(ctx: HandlerContext, list: ListRecord, req: FakeRequest): Record<string, unknown> {
  const view = listView(ctx.state, list);
  const expandText = req.query.options.get('expand');
  const expand = expandText === undefined ? [] : parseExpand(expandText);
  for (const item of expand) {
    if (item.name === 'columns') {
      const selectText = item.options.get('select');
      const select = selectText === undefined ? undefined : parseSelect(selectText);
      view.columns = list.columns.map((column) => applySelect({ ...column }, select, 'microsoft.graph.columnDefinition', COLUMN_PROPERTIES));
    } else if (item.name === 'items') {
      // Expanded items are returned whole, without paging.
      const fields = fieldsExpansion(item.options.get('expand'));
      view.items = itemsInOrder(list).map((record) => itemView(ctx.state.site, list, record, fields));
    } else {
      throw invalidRequest(`Parsing OData Select and Expand failed: Could not find a property named '${item.name}' on type 'microsoft.graph.list'.`);
    }
  }
  const select = withExpanded(
    parseSelectOption(req.query),
    expand.map((item) => item.name),
  );
  return applySelect(view, select, 'microsoft.graph.list', LIST_VIEW_PROPERTIES);
}

function getLists(ctx: HandlerContext, req: FakeRequest, path: string): FakeResponse {
  rejectOptions(req.query, ['orderby', 'skip', 'count', 'search'], 'lists');
  const filter = req.query.options.get('filter');
  const matching = filter === undefined ? ctx.state.lists : ctx.state.lists.filter(listFilter(filter));
  const page = pageByOffset(matching, req.query, ctx.pageSize, (token) => nextLink(req.origin ?? ctx.baseUrl, path, req.query, token));
  const body: Record<string, unknown> = { value: page.value.map((list) => renderList(ctx, list, req)) };
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  return json(200, body);
}

/** …/sites/{site}/lists */
export function listsCollection(ctx: HandlerContext, req: FakeRequest, path: string): FakeResponse {
  return byMethod(req, {
    GET: () => getLists(ctx, req, path),
    POST: () => json(201, listView(ctx.state, createList(ctx.state, req.body))),
  });
}

/** …/sites/{site}/lists/{list} */
export function listEntity(ctx: HandlerContext, req: FakeRequest, list: ListRecord): FakeResponse {
  return byMethod(req, { GET: () => json(200, renderList(ctx, list, req)) });
}
