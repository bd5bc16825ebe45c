// Finds the partnership's site and our lists on it, once: ids never change,
// so after the first look-up every call goes straight to the list.
import { UpstreamError } from '../../core/errors';
import type { GraphClient } from './graph/graph-client';
import { readAllPages } from './graph/paging';
import type { ListSpec } from './schema';

/**
 * The site setting may be "contoso.sharepoint.com:/sites/send-partnership",
 * the same as a URL, or a site id ("contoso.sharepoint.com,{guid},{guid}").
 */
export function siteLookupPath(site: string): string | undefined {
  const trimmed = site.trim().replace(/\/+$/, '');
  const url = /^https:\/\/([^/]+)(\/.*)?$/i.exec(trimmed);
  if (url) return `/sites/${url[1]}:${url[2] ?? '/'}`;
  if (trimmed.includes(':/')) return `/sites/${trimmed}`;
  return undefined;
}

export class Site {
  private id?: Promise<string>;
  private readonly listIds = new Map<string, string>();
  private refreshing?: Promise<unknown>;

  constructor(
    private readonly graph: GraphClient,
    private readonly setting: string,
  ) {}

  /** "/sites/{site-id}" */
  async path(): Promise<string> {
    this.id ??= this.resolveId().catch((error: unknown) => {
      this.id = undefined; // let a later call try again
      throw error;
    });
    return `/sites/${await this.id}`;
  }

  /** "/sites/{site-id}/lists/{list-id}"; the list must exist (run provisioning first). */
  async listPath(list: ListSpec): Promise<string> {
    const id = (await this.has(list)) ? this.listIds.get(list.displayName) : undefined;
    if (!id) {
      throw new UpstreamError(`The SharePoint list "${list.displayName}" does not exist yet: run provisioning first.`, 404);
    }
    return `${await this.path()}/lists/${id}`;
  }

  /** True when the list exists on the site (looked up once, then remembered). */
  async has(list: ListSpec): Promise<boolean> {
    if (!this.listIds.has(list.displayName)) {
      // Reads that start together (loadPlan's six) share one look-up of the lists.
      this.refreshing ??= this.refreshLists().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.listIds.has(list.displayName);
  }

  /** Reads the site's lists afresh: display name → id. */
  async refreshLists(): Promise<Map<string, string>> {
    const lists = await readAllPages<{ id: string; displayName: string }>(this.graph, `${await this.path()}/lists?$select=id,displayName`, {
      what: 'reading the site’s lists',
    });
    for (const l of lists) this.listIds.set(l.displayName, l.id);
    return new Map(lists.map((l) => [l.displayName, l.id]));
  }

  remember(list: ListSpec, id: string): void {
    this.listIds.set(list.displayName, id);
  }

  private async resolveId(): Promise<string> {
    const lookup = siteLookupPath(this.setting);
    if (!lookup) return this.setting.trim();
    const reply = await this.graph.request({ method: 'GET', url: lookup, what: `finding the site ${this.setting}` });
    const id = (reply.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') throw new UpstreamError(`Graph gave no id for the site ${this.setting}.`);
    return id;
  }
}
