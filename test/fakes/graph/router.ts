// Maps a request path below /v1.0 to its handler. Used both for plain HTTPS
// requests and for the inner requests of a $batch.

import { GraphError, invalidRequest, itemNotFound, segmentNotFound } from './errors';
import { columnEntity, columnsCollection } from './handlers/columns';
import type { HandlerContext, SiteRole } from './handlers/context';
import { installedApps } from './handlers/installed-apps';
import { itemEntity, itemFields, itemsCollection } from './handlers/items';
import { listEntity, listsCollection } from './handlers/lists';
import { siteEntity } from './handlers/sites';
import type { GraphState, ListRecord, SiteRecord } from './state';
import type { FakeRequest, FakeResponse } from './types';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidRequest(`The path segment '${segment}' is not correctly percent-encoded.`);
  }
}

/**
 * Reads the site address at the start of the path: either a site id
 * ("host,guid,guid") or "host:/server/relative/path" optionally closed by ':'
 * and followed by more segments. Returns the site and the segments after it.
 */
function resolveSite(state: GraphState, segments: string[]): { site: SiteRecord; rest: string[] } {
  const [first, ...after] = segments;
  if (first === undefined || first === '')
    throw invalidRequest('The fake Graph server does not implement site search; address a site by id or path.');
  const site = state.site;
  const colon = first.indexOf(':');
  if (colon < 0) {
    if (first.toLowerCase() !== site.id.toLowerCase()) throw itemNotFound('Requested site could not be found');
    return { site, rest: after };
  }
  const hostname = first.slice(0, colon);
  const pathSegments: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < after.length; i++) {
    const segment = after[i] as string;
    if (segment.endsWith(':')) {
      pathSegments.push(segment.slice(0, -1));
      rest = after.slice(i + 1);
      break;
    }
    pathSegments.push(segment);
  }
  const sitePath = `/${pathSegments.filter(Boolean).join('/')}`;
  // SharePoint URLs are case-insensitive.
  if (hostname.toLowerCase() !== site.hostname.toLowerCase() || sitePath.toLowerCase() !== site.path.toLowerCase()) {
    throw itemNotFound('Requested site could not be found');
  }
  return { site, rest };
}

function findList(state: GraphState, ref: string): ListRecord {
  const list = state.findList(ref);
  if (!list) throw itemNotFound('List not found');
  return list;
}

const ROLE_RANK: Record<SiteRole, number> = { read: 0, write: 1, manage: 2, fullcontrol: 3 };

/**
 * Sites.Selected: the app reaches the site only as far as its grant allows
 * (fact sheet A13). Reads need `read`; item writes `write`; creating or
 * changing lists and columns `manage` (or `fullcontrol`), as the issue reports
 * the fact sheet cites found (an app with `write` could not create lists).
 * Graph answers 403 accessDenied.
 */
function checkRole(granted: SiteRole, method: string, target: 'site' | 'lists' | 'items' | 'columns'): void {
  const needed: SiteRole = method === 'GET' ? 'read' : target === 'items' ? 'write' : 'manage';
  if (ROLE_RANK[granted] < ROLE_RANK[needed]) throw new GraphError(403, 'accessDenied', 'Access denied');
}

function dispatch(ctx: HandlerContext, req: FakeRequest): FakeResponse {
  const segments = req.path.split('/').slice(1).map(decodeSegment);
  const [root, ...afterRoot] = segments;
  if (root === 'users' && afterRoot[1] === 'teamwork' && afterRoot[2] === 'installedApps' && afterRoot.length === 3) {
    return installedApps(ctx.installations, req, afterRoot[0]);
  }
  if (root !== 'sites') throw segmentNotFound(root ?? '');
  const { site, rest } = resolveSite(ctx.state, afterRoot);
  const [lists, listRef, kind, childRef, leaf, ...extra] = rest;
  checkRole(ctx.siteRole, req.method, lists === undefined ? 'site' : kind === 'items' ? 'items' : kind === 'columns' ? 'columns' : 'lists');
  if (lists === undefined) return siteEntity(site, req);
  if (lists !== 'lists') throw segmentNotFound(lists);
  if (listRef === undefined) return listsCollection(ctx, req, req.path);
  const list = findList(ctx.state, listRef);
  if (kind === undefined) return listEntity(ctx, req, list);
  if (kind === 'columns' && leaf === undefined) {
    return childRef === undefined ? columnsCollection(ctx, req, list, req.path) : columnEntity(ctx, req, list, childRef);
  }
  if (kind === 'items') {
    if (childRef === undefined) return itemsCollection(ctx, req, list, req.path);
    if (childRef === 'delta') throw invalidRequest('The fake Graph server does not implement items/delta.');
    if (leaf === undefined) return itemEntity(ctx, req, list, childRef);
    if (leaf === 'fields' && extra.length === 0) return itemFields(ctx, req, list, childRef);
    throw segmentNotFound(leaf === 'fields' ? (extra[0] ?? '') : leaf);
  }
  throw segmentNotFound(kind === 'columns' ? (leaf ?? '') : kind);
}

/** Answers one request; every failure becomes a Graph error envelope. */
export function route(ctx: HandlerContext, req: FakeRequest): FakeResponse {
  try {
    return dispatch(ctx, req);
  } catch (error) {
    if (error instanceof GraphError) return error.toResponse();
    // A bug in the fake should be loud in tests, not look like a Graph answer.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return new GraphError(500, 'generalException', `Fake Graph server bug: ${message}`).toResponse();
  }
}
