// OData query options: parsing the query string, $expand and $select, and the
// skip tokens behind @odata.nextLink.

import { GraphError, invalidRequest } from './errors';

const SYSTEM_OPTIONS = new Set(['select', 'expand', 'filter', 'top', 'skiptoken', 'orderby', 'skip', 'count', 'search', 'format']);

export interface ParsedQuery {
  /** Pieces as received, still encoded, so a nextLink can repeat the query verbatim. */
  raw: string[];
  /** Decoded values. System options are keyed without '$' and in lower case,
   * because Graph v1.0 accepts `expand=` and `$expand=` alike. */
  options: Map<string, string>;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidRequest(`The query string '${text}' is not correctly percent-encoded.`);
  }
}

// Deliberately not URLSearchParams: it turns '+' into a space, which would
// corrupt string literals in $filter.
export function parseQuery(queryString: string): ParsedQuery {
  const raw = queryString.split('&').filter((piece) => piece !== '');
  const options = new Map<string, string>();
  for (const piece of raw) {
    const eq = piece.indexOf('=');
    const rawKey = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : decode(piece.slice(eq + 1));
    let key = decode(rawKey);
    const bare = key.replace(/^\$/, '').toLowerCase();
    if (SYSTEM_OPTIONS.has(bare)) key = bare;
    // OData reserves '$' for system query options: one it does not know (a typo
    // such as $exapnd) is refused, never ignored. Options without '$' that are
    // not system options are custom options, which Graph ignores.
    else if (key.startsWith('$')) throw new GraphError(400, 'BadRequest', `The query parameter '${key}' is not supported.`);
    if (options.has(key)) {
      throw new GraphError(400, 'BadRequest', `Query option '$${key}' was specified more than once, but it must be specified at most once.`);
    }
    options.set(key, value);
  }
  return { raw, options };
}

export function emptyQuery(): ParsedQuery {
  return { raw: [], options: new Map() };
}

/** Splits on a separator that is not inside parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth < 0) throw invalidRequest(`Unbalanced parentheses in '${text}'.`);
    if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw invalidRequest(`Unbalanced parentheses in '${text}'.`);
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

export interface ExpandItem {
  name: string;
  /** Nested options such as select=… or expand=…, keyed without '$'. */
  options: Map<string, string>;
}

/** Parses `columns,items(expand=fields(select=A,B))` into a tree. */
export function parseExpand(text: string): ExpandItem[] {
  return splitTopLevel(text, ',').map((part) => {
    const match = /^([A-Za-z_][\w]*)\s*(?:\((.*)\))?$/s.exec(part);
    if (!match || match[1] === undefined) throw invalidRequest(`Parsing OData Select and Expand failed: syntax error in '${part}'.`);
    const options = new Map<string, string>();
    if (match[2] !== undefined && match[2].trim() !== '') {
      for (const option of splitTopLevel(match[2], ';')) {
        const eq = option.indexOf('=');
        if (eq < 0) throw invalidRequest(`Parsing OData Select and Expand failed: syntax error in '${option}'.`);
        options.set(option.slice(0, eq).trim().replace(/^\$/, '').toLowerCase(), option.slice(eq + 1).trim());
      }
    }
    return { name: match[1], options };
  });
}

export function parseSelect(text: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw invalidRequest(`Parsing OData Select and Expand failed: empty name in '${text}'.`);
  return names;
}

export function checkSelect(select: string[] | undefined, typeName: string, known: readonly string[]): void {
  for (const name of select ?? []) {
    if (!known.includes(name)) {
      throw invalidRequest(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type '${typeName}'.`);
    }
  }
}

/** Keeps only the selected properties (and @-annotations); unknown names are rejected like Graph does. */
export function applySelect(
  entity: Record<string, unknown>,
  select: string[] | undefined,
  typeName: string,
  known: readonly string[],
): Record<string, unknown> {
  if (select === undefined) return entity;
  checkSelect(select, typeName, known);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('@') || select.includes(key)) out[key] = value;
  }
  return out;
}

/** OData keeps $expand-ed navigation properties even when $select does not name them. */
export function withExpanded(select: string[] | undefined, expanded: string[]): string[] | undefined {
  return select === undefined ? undefined : [...select, ...expanded.filter((name) => !select.includes(name))];
}

/** Rejects a query option the fake does not implement, rather than silently ignoring it. */
export function rejectOptions(query: ParsedQuery, names: string[], what: string): void {
  for (const name of names) {
    if (query.options.has(name)) {
      throw invalidRequest(`The fake Graph server does not implement $${name} on ${what}.`);
    }
  }
}

export function parseTop(query: ParsedQuery): number | undefined {
  const text = query.options.get('top');
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw invalidRequest(`Invalid value '${text}' for $top; it must be a positive integer.`);
  }
  return Number(text);
}

// Skip tokens look like SharePoint's: base64 of "Paged=TRUE&p_ID=<last id>".
// Items resume after an id, so deletions between pages neither skip nor repeat items.
export function encodeSkipToken(key: string, value: number): string {
  return Buffer.from(`Paged=TRUE&${key}=${value}`).toString('base64url');
}

export function decodeSkipToken(query: ParsedQuery, key: string): number | undefined {
  const token = query.options.get('skiptoken');
  if (token === undefined) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = new RegExp(`^Paged=TRUE&${key}=(\\d+)$`).exec(text);
  if (!match || match[1] === undefined) throw invalidRequest('The $skiptoken is not valid for this request.');
  return Number(match[1]);
}

/** An absolute https link that repeats the original query with a new $skiptoken. */
export function nextLink(baseUrl: string, path: string, query: ParsedQuery, token: string): string {
  const kept = query.raw.filter((piece) => {
    const key = decode(piece.split('=')[0] ?? '')
      .replace(/^\$/, '')
      .toLowerCase();
    return key !== 'skiptoken';
  });
  return `${baseUrl}/v1.0${path}?${[...kept, `$skiptoken=${token}`].join('&')}`;
}

/** One page of a collection plus its nextLink, for collections paged by position. */
export function pageByOffset<T>(all: T[], query: ParsedQuery, pageSize: number, link: (token: string) => string): { value: T[]; nextLink?: string } {
  const start = decodeSkipToken(query, 'p_Index') ?? 0;
  const size = Math.min(pageSize, parseTop(query) ?? Infinity);
  const value = all.slice(start, start + size);
  const end = start + value.length;
  return end < all.length ? { value, nextLink: link(encodeSkipToken('p_Index', end)) } : { value };
}
