// Reads every page of a collection. Graph pages are of any size (even empty),
// so we follow the whole @odata.nextLink until there is none, and send our
// headers again each time because Graph does not carry them over.
import { UpstreamError } from '../../../core/errors';
import type { GraphClient } from './graph-client';

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

export async function readAllPages<T>(
  graph: GraphClient,
  url: string,
  options: { headers?: Record<string, string>; what?: string } = {},
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = url;
  while (next) {
    // A server repeating a link would otherwise keep us here for ever.
    if (seen.has(next)) throw new UpstreamError(`${options.what ?? url}: Graph repeated a page link.`);
    seen.add(next);
    const reply = await graph.request({ method: 'GET', url: next, headers: options.headers, what: options.what });
    const page = (reply.body ?? {}) as Page<T>;
    items.push(...(page.value ?? []));
    next = page['@odata.nextLink'];
  }
  return items;
}
