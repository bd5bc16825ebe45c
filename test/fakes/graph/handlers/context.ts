// What every handler needs besides the request.

import type { UniqueViolationStatus } from '../errors';
import type { GraphState } from '../state';
import type { Installations } from './installed-apps';

export interface HandlerContext {
  state: GraphState;
  /** e.g. "https://127.0.0.1:PORT", used to build absolute nextLinks. */
  baseUrl: string;
  pageSize: number;
  /** Teams apps installed for users through Graph. */
  installations: Installations;
  /** The status for a duplicate in a unique column (Graph does not document it). */
  uniqueViolationStatus: UniqueViolationStatus;
  /** A column PATCH answers 200 but leaves the type as it was (unverified SharePoint behaviour). */
  ignoreColumnTypeChanges: boolean;
  /** Items a list may hold before a filter on a column without an index fails (SharePoint Online: 5,000). */
  listViewThreshold: number;
  /** The role the app was granted on the site (Sites.Selected). */
  siteRole: SiteRole;
}

/**
 * Sites.Selected roles (fact sheet A13), weakest first. `write` reads and
 * writes items; creating or changing lists and columns needs `manage` or
 * `fullcontrol`.
 */
export type SiteRole = 'read' | 'write' | 'manage' | 'fullcontrol';
