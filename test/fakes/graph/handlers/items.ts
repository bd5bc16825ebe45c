// List items and their fieldValueSets.

import { isPlainObject } from '../columns';
import { unknownProperty, invalidRequest } from '../errors';
import { itemFilter } from '../item-filter';
import { createItem, deleteItem, fieldValueSet, findItem, ITEM_PROPERTIES, itemsInOrder, itemView, updateItem } from '../items';
import { applySelect, checkSelect, decodeSkipToken, encodeSkipToken, nextLink, parseTop, rejectOptions, withExpanded } from '../query';
import { json, noContent } from '../responses';
import type { ListRecord } from '../state';
import type { FakeRequest, FakeResponse } from '../types';
import type { HandlerContext } from './context';
import { byMethod, fieldsExpansion, header, parseSelectOption } from './shared';

const ITEM_TYPE = 'microsoft.graph.listItem';

/** Body of POST …/items or PATCH …/items/{id}: `{fields:{…}}` and nothing else the fake understands. */
function fieldsFromItemBody(body: unknown): unknown {
  if (body === undefined) return undefined;
  if (!isPlainObject(body)) throw invalidRequest('The request body must be a JSON object.');
  for (const key of Object.keys(body)) {
    if (key !== 'fields' && !key.startsWith('@odata.')) throw unknownProperty(key, ITEM_TYPE);
  }
  return body.fields;
}

/** Checks a fields(select=…) list up front, so a typo fails even when no item matches. */
function checkFieldSelect(list: ListRecord, fields: { select?: string[] } | undefined): void {
  for (const name of fields?.select ?? []) {
    const known = name === 'id' || list.columns.some((c) => c.name === name || `${c.name}LookupId` === name);
    if (!known) throw invalidRequest(`Field '${name}' is not recognized`);
  }
}

function getItems(ctx: HandlerContext, req: FakeRequest, list: ListRecord, path: string): FakeResponse {
  rejectOptions(req.query, ['orderby', 'skip', 'count', 'search'], 'list items (sort and count on the client)');
  const fields = fieldsExpansion(req.query.options.get('expand'));
  checkFieldSelect(list, fields);
  const select = withExpanded(parseSelectOption(req.query), fields ? ['fields'] : []);
  checkSelect(select, ITEM_TYPE, ITEM_PROPERTIES);
  const filter = req.query.options.get('filter');
  const matches = filter === undefined ? () => true : itemFilter(list, filter, header(req, 'prefer'), ctx.listViewThreshold);
  const after = decodeSkipToken(req.query, 'p_ID') ?? 0;
  const size = Math.min(ctx.pageSize, parseTop(req.query) ?? Infinity);

  const remaining = itemsInOrder(list).filter((item) => item.id > after && matches(item));
  const page = remaining.slice(0, size);
  const body: Record<string, unknown> = {
    value: page.map((item) => applySelect(itemView(ctx.state.site, list, item, fields), select, ITEM_TYPE, ITEM_PROPERTIES)),
  };
  const last = page[page.length - 1];
  if (remaining.length > page.length && last) {
    body['@odata.nextLink'] = nextLink(req.origin ?? ctx.baseUrl, path, req.query, encodeSkipToken('p_ID', last.id));
  }
  return json(200, body);
}

/** …/lists/{list}/items */
export function itemsCollection(ctx: HandlerContext, req: FakeRequest, list: ListRecord, path: string): FakeResponse {
  return byMethod(req, {
    GET: () => getItems(ctx, req, list, path),
    POST: () => json(201, itemView(ctx.state.site, list, createItem(list, fieldsFromItemBody(req.body), ctx.uniqueViolationStatus), {})),
  });
}

/** …/lists/{list}/items/{id} */
export function itemEntity(ctx: HandlerContext, req: FakeRequest, list: ListRecord, itemId: string): FakeResponse {
  const item = findItem(list, itemId);
  return byMethod(req, {
    GET: () => {
      const fields = fieldsExpansion(req.query.options.get('expand'));
      checkFieldSelect(list, fields);
      const select = withExpanded(parseSelectOption(req.query), fields ? ['fields'] : []);
      return json(200, applySelect(itemView(ctx.state.site, list, item, fields), select, ITEM_TYPE, ITEM_PROPERTIES));
    },
    PATCH: () => {
      updateItem(list, item, fieldsFromItemBody(req.body), header(req, 'if-match'), ctx.uniqueViolationStatus);
      return json(200, itemView(ctx.state.site, list, item, {}));
    },
    DELETE: () => {
      deleteItem(list, item, header(req, 'if-match'));
      return noContent();
    },
  });
}

/** …/lists/{list}/items/{id}/fields */
export function itemFields(ctx: HandlerContext, req: FakeRequest, list: ListRecord, itemId: string): FakeResponse {
  const item = findItem(list, itemId);
  return byMethod(req, {
    GET: () => json(200, fieldValueSet(list, item, parseSelectOption(req.query))),
    PATCH: () => {
      updateItem(list, item, req.body ?? {}, header(req, 'if-match'), ctx.uniqueViolationStatus);
      return json(200, fieldValueSet(list, item));
    },
  });
}
