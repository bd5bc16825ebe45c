// The fake's data: one site, its lists, their columns and items. Plain records;
// the rules for changing them live in columns.ts, lists.ts and items.ts.

import { randomUUID } from 'node:crypto';
import type { ColumnDefinition } from './types';

export interface SiteRecord {
  id: string;
  hostname: string;
  /** Server-relative path, e.g. "/sites/send-partnership". */
  path: string;
  name: string;
  displayName: string;
  webUrl: string;
  createdDateTime: string;
}

export interface ItemRecord {
  id: number;
  /** Upper-case GUID behind the eTag. */
  guid: string;
  /** Starts at 1 and grows by one on each update; the N in the eTag. */
  version: number;
  created: string;
  modified: string;
  /** Stored values by column name. Person and lookup columns hold their lookup ids. */
  values: Map<string, unknown>;
}

export interface ListRecord {
  id: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  hidden: boolean;
  created: string;
  modified: string;
  webUrl: string;
  columns: ColumnDefinition[];
  items: Map<number, ItemRecord>;
  /** SharePoint never reuses an item id, even after deletion. */
  nextItemId: number;
}

export class GraphState {
  readonly site: SiteRecord;
  readonly lists: ListRecord[] = [];

  constructor(hostname: string, sitePath: string, created: string) {
    const name = sitePath.split('/').filter(Boolean).pop() ?? 'root';
    this.site = {
      id: `${hostname},${randomUUID()},${randomUUID()}`,
      hostname,
      path: sitePath,
      name,
      displayName: name.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
      webUrl: `https://${hostname}${sitePath}`,
      createdDateTime: created,
    };
  }

  /** A list by id or by display name; SharePoint list titles compare case-insensitively. */
  findList(ref: string): ListRecord | undefined {
    const lower = ref.toLowerCase();
    return this.lists.find((list) => list.id === lower) ?? this.lists.find((list) => list.displayName.toLowerCase() === lower);
  }
}
