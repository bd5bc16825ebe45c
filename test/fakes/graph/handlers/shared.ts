// Small request helpers the handlers share.

import { invalidRequest, methodNotAllowed } from '../errors';
import { parseExpand, parseSelect, type ParsedQuery } from '../query';
import type { FakeRequest, FakeResponse } from '../types';

export function parseSelectOption(query: ParsedQuery): string[] | undefined {
  const select = query.options.get('select');
  return select === undefined ? undefined : parseSelect(select);
}

/**
 * Reads `expand=fields` or `expand=fields(select=A,B)`. Returns undefined when
 * fields are not expanded; anything else in $expand is a 400.
 */
export function fieldsExpansion(expand: string | undefined): { select?: string[] } | undefined {
  if (expand === undefined) return undefined;
  let result: { select?: string[] } | undefined;
  for (const item of parseExpand(expand)) {
    if (item.name !== 'fields') {
      throw invalidRequest(
        `Parsing OData Select and Expand failed: Could not find a property named '${item.name}' on type 'microsoft.graph.listItem'.`,
      );
    }
    result = {};
    for (const [key, value] of item.options) {
      if (key !== 'select') throw invalidRequest(`The fake Graph server does not implement '${key}' inside expand=fields(…).`);
      result.select = parseSelect(value);
    }
  }
  return result;
}

export function header(req: FakeRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

/** Dispatches on the HTTP method; a method the resource lacks is a 405. */
export function byMethod(req: FakeRequest, handlers: Partial<Record<string, () => FakeResponse>>): FakeResponse {
  const handler = handlers[req.method];
  if (!handler) throw methodNotAllowed(req.method);
  return handler();
}
