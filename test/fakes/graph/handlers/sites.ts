// The site resource.

import { applySelect } from '../query';
import { json } from '../responses';
import type { SiteRecord } from '../state';
import type { FakeRequest, FakeResponse } from '../types';
import { byMethod, parseSelectOption } from './shared';

const SITE_PROPERTIES = ['id', 'name', 'displayName', 'webUrl', 'createdDateTime', 'siteCollection'];

/** …/sites/{site} */
export function siteEntity(site: SiteRecord, req: FakeRequest): FakeResponse {
  const view = {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    webUrl: site.webUrl,
    createdDateTime: site.createdDateTime,
    siteCollection: { hostname: site.hostname },
  };
  return byMethod(req, { GET: () => json(200, applySelect(view, parseSelectOption(req.query), 'microsoft.graph.site', SITE_PROPERTIES)) });
}
