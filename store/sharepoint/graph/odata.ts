// Query strings for list items. The Graph SDK splits queries on "&" and does
// no encoding of its own, so values are percent-encoded here; the characters
// OData syntax needs (/ , = : $ ( ) ') and "@" stay readable.

/** An OData string literal: single quotes doubled. */
export function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%2F/gi, '/')
    .replace(/%2C/gi, ',')
    .replace(/%3D/gi, '=')
    .replace(/%3A/gi, ':')
    .replace(/%24/gi, '$')
    .replace(/%40/gi, '@');
}

export interface ItemQuery {
  /** Columns to return: `expand=fields(select=…)`. */
  select: string[];
  /** One column equal to a value; the column should be indexed. */
  where?: { column: string; value: string };
}

export function itemsQuery(query: ItemQuery): string {
  const parts = [`expand=${encodeQueryValue(`fields(select=${query.select.join(',')})`)}`];
  if (query.where) {
    parts.push(`$filter=${encodeQueryValue(`fields/${query.where.column} eq ${quoted(query.where.value)}`)}`);
  }
  return `?${parts.join('&')}`;
}
