// A stateful fake of Microsoft Graph's SharePoint list API on https://127.0.0.1,
// for tests of the SharePoint store. It enforces the documented rules (eTags,
// field validation, indexed filters, paging, $batch, throttling) instead of
// replaying canned answers. See README.md for what it deliberately leaves out.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fieldValueSet, itemsInOrder } from './items';
import { nowInstant } from './dates';
import type { UniqueViolationStatus } from './errors';
import type { HandlerContext, SiteRole } from './handlers/context';
import { LIST_VIEW_THRESHOLD } from './item-filter';
import { route } from './router';
import { requestListener } from './server';
import { GraphState } from './state';
import { Throttle } from './throttle';
import type { ColumnDefinition, RecordedRequest } from './types';

export type { ColumnDefinition, RecordedInnerRequest, RecordedRequest } from './types';
export type { UniqueViolationStatus } from './errors';
export type { SiteRole } from './handlers/context';

export interface GraphFakeOptions {
  /** Items (and lists, columns) per page before an @odata.nextLink; default 200. */
  pageSize?: number;
  /** When set, the bearer token every request must carry. */
  requiredToken?: string;
  /**
   * The status a write gets when it would repeat a value in a unique column;
   * default 409. Real Graph's status is unverified (see README.md).
   */
  uniqueViolationStatus?: UniqueViolationStatus;
  /**
   * A PATCH of a column's type facet (text, choice…) answers 200 but changes
   * nothing about the type, as SharePoint might: whether it converts a column
   * that way is unverified. Default false.
   */
  ignoreColumnTypeChanges?: boolean;
  /**
   * Items a list may hold before a $filter on a column without an index
   * answers 422 (even with the Prefer header); default 5,000, SharePoint
   * Online's list view threshold. Tests set it low to reach it quickly.
   */
  listViewThreshold?: number;
  /**
   * The app's Sites.Selected grant on the site; default 'fullcontrol'. With
   * 'write' it may read and write items but gets 403 for creating or changing
   * lists and columns; with 'read', 403 for any write.
   */
  siteRole?: SiteRole;
}

export interface GraphFake {
  /** e.g. "https://127.0.0.1:PORT" (no version); Graph lives under `${baseUrl}/v1.0`. */
  baseUrl: string;
  /** "contoso.sharepoint.com"; the site is at /sites/contoso.sharepoint.com:/sites/send-partnership. */
  hostname: string;
  /** Composite "{hostname},{guid},{guid}". */
  siteId: string;
  /** Every HTTP request received, in arrival order. */
  requests: RecordedRequest[];
  resetRequests(): void;
  /**
   * The next n requests (outer requests or inner batch requests, counted together) answer 429 with Retry-After: seconds
   * (or 503, or 504 Gateway Timeout), without running. With `onlyMethod` (e.g. 'PATCH'), only requests of that method are refused;
   * with '$BATCH', whole $batch requests are refused (outer 429/503), none of their inner requests running.
   */
  throttleNext(n: number, retryAfterSeconds: number, status?: 429 | 503 | 504, onlyMethod?: string): void;
  /**
   * SharePoint's per-app budget: at most `ruPerMinute` resource units in any
   * 60 s (1 per single-item read, 2 per list read or write, inner requests
   * each), 429 + Retry-After beyond it; undefined turns it off.
   */
  meterResourceUnits(ruPerMinute: number | undefined): void;
  /** Resource units charged, and requests refused by the meter, since the fake started. */
  resourceUnits(): { charged: number; refused: number };
  /** The next n requests (of `onlyMethod`; '$BATCH' for whole $batch requests) are carried out, but answer 504 as if the reply was lost. */
  loseAnswers(n: number, onlyMethod?: string): void;
  /** Direct state access for assertions: items of a list by display name (fields incl. id and @odata.etag). */
  items(listDisplayName: string): Array<Record<string, unknown>>;
  lists(): Array<{ id: string; displayName: string; columns: ColumnDefinition[] }>;
  /** Changes the app's Sites.Selected grant on the site from now on (see GraphFakeOptions.siteRole). */
  setSiteRole(role: SiteRole): void;
  /** Catalog ids of the Teams apps installed for a user through Graph. */
  installedApps(userId: string): string[];
  close(): Promise<void>;
}

export const FAKE_HOSTNAME = 'contoso.sharepoint.com';
export const FAKE_SITE_PATH = '/sites/send-partnership';
const TLS_DIR = join(__dirname, '..', '..', 'fixtures', 'tls');

export async function startGraphFake(opts: GraphFakeOptions = {}): Promise<GraphFake> {
  const pageSize = opts.pageSize ?? 200;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a positive integer');

  const state = new GraphState(FAKE_HOSTNAME, FAKE_SITE_PATH, nowInstant());
  const throttle = new Throttle();
  const requests: RecordedRequest[] = [];
  const ctx: HandlerContext = {
    state,
    baseUrl: '',
    pageSize,
    installations: new Map(),
    uniqueViolationStatus: opts.uniqueViolationStatus ?? 409,
    ignoreColumnTypeChanges: opts.ignoreColumnTypeChanges ?? false,
    listViewThreshold: opts.listViewThreshold ?? LIST_VIEW_THRESHOLD,
    siteRole: opts.siteRole ?? 'fullcontrol',
  };

  const server = createServer(
    { key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) },
    requestListener({ route: (req) => route(ctx, req), throttle, requests, requiredToken: opts.requiredToken }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.baseUrl = `https://127.0.0.1:${port}`;

  const listByName = (displayName: string) => {
    const list = state.lists.find((l) => l.displayName === displayName);
    if (!list) throw new Error(`The fake has no list named '${displayName}'`);
    return list;
  };

  return {
    baseUrl: ctx.baseUrl,
    hostname: FAKE_HOSTNAME,
    siteId: state.site.id,
    requests,
    resetRequests: () => {
      requests.length = 0;
    },
    throttleNext: (n, retryAfterSeconds, status, onlyMethod) => throttle.arm(n, retryAfterSeconds, status, onlyMethod),
    loseAnswers: (n, onlyMethod) => throttle.loseAnswers(n, onlyMethod),
    meterResourceUnits: (ruPerMinute) => throttle.meter.arm(ruPerMinute),
    resourceUnits: () => ({ charged: throttle.meter.charged, refused: throttle.meter.refused }),
    setSiteRole: (role) => {
      ctx.siteRole = role;
    },
    installedApps: (userId) => [...(ctx.installations.get(userId.toLowerCase()) ?? [])],
    // Copies (via JSON) so assertions cannot mutate the fake's state.
    items: (displayName) => {
      const list = listByName(displayName);
      return itemsInOrder(list).map((item) => {
        const fields: Record<string, unknown> = JSON.parse(JSON.stringify(fieldValueSet(list, item)));
        for (const column of list.columns.filter((c) => c.hidden)) {
          const value = item.values.get(column.name);
          if (value !== undefined) fields[column.name] = JSON.parse(JSON.stringify(value));
        }
        return fields;
      });
    },
    lists: () => state.lists.map((list) => ({ id: list.id, displayName: list.displayName, columns: JSON.parse(JSON.stringify(list.columns)) })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; without this close() would wait for them.
        server.closeAllConnections();
      }),
  };
}
