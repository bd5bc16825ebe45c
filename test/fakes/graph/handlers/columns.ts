// A list's columns.

import { COMMON_PROPERTIES, FACETS } from '../columns';
import { addColumn, deleteColumn, findColumn, updateColumn } from '../lists';
import { applySelect, nextLink, pageByOffset, rejectOptions } from '../query';
import { json, noContent } from '../responses';
import type { ListRecord } from '../state';
import type { FakeRequest, FakeResponse } from '../types';
import type { HandlerContext } from './context';
import { byMethod, parseSelectOption } from './shared';

/** Every property a columnDefinition can carry, for $select. */
export const COLUMN_PROPERTIES = ['id', ...COMMON_PROPERTIES, ...FACETS];

function render(column: object, req: FakeRequest): Record<string, unknown> {
  return applySelect({ ...column }, parseSelectOption(req.query), 'microsoft.graph.columnDefinition', COLUMN_PROPERTIES);
}

function getColumns(ctx: HandlerContext, req: FakeRequest, list: ListRecord, path: string): FakeResponse {
  rejectOptions(req.query, ['filter', 'orderby', 'skip', 'count', 'search', 'expand'], 'columns');
  const page = pageByOffset(list.columns, req.query, ctx.pageSize, (token) => nextLink(req.origin ?? ctx.baseUrl, path, req.query, token));
  const body: Record<string, unknown> = { value: page.value.map((column) => render(column, req)) };
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  return json(200, body);
}

/** …/lists/{list}/columns */
export function columnsCollection(ctx: HandlerContext, req: FakeRequest, list: ListRecord, path: string): FakeResponse {
  return byMethod(req, {
    GET: () => getColumns(ctx, req, list, path),
    POST: () => json(201, { ...addColumn(ctx.state, list, req.body) }),
  });
}

/** …/lists/{list}/columns/{column-id} */
export function columnEntity(ctx: HandlerContext, req: FakeRequest, list: ListRecord, columnId: string): FakeResponse {
  const column = findColumn(list, columnId);
  return byMethod(req, {
    GET: () => json(200, render(column, req)),
    PATCH: () => json(200, { ...updateColumn(ctx.state, list, column, req.body, ctx.ignoreColumnTypeChanges) }),
    DELETE: () => {
      deleteColumn(list, column);
      return noContent();
    },
  });
}
