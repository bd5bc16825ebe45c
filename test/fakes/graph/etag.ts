// SharePoint list item eTags and the If-Match precondition.

import { GraphError } from './errors';

/** `"{GUID},N"`: the quotes are part of the value and clients must echo them. */
export function formatETag(guid: string, version: number): string {
  return `"{${guid.toUpperCase()}},${version}"`;
}

/** Throws 400 for an unquoted tag and 412 for a stale one; absent or `*` passes. */
export function checkIfMatch(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined) return;
  const tag = ifMatch.trim();
  if (tag === '*') return;
  if (tag.length < 2 || !tag.startsWith('"') || !tag.endsWith('"')) {
    throw new GraphError(400, 'invalidRequest', 'ETags must be quoted strings.', 'malformedEntityTag');
  }
  if (tag !== current) {
    throw new GraphError(
      412,
      'resourceModified',
      'The resource has changed since the caller last read it; usually an eTag mismatch.',
      'entityTagDoesNotMatch',
    );
  }
}
