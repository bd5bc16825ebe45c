// POST /users/{id}/teamwork/installedApps: installing a Teams app for a user
// (what the bot does for leads who have not installed it). Graph answers 201,
// or 409 when the app is already installed for that user.

import { GraphError, invalidRequest } from '../errors';
import { json } from '../responses';
import type { FakeRequest, FakeResponse } from '../types';

/** userId (lower case) → catalog app ids installed for them. */
export type Installations = Map<string, Set<string>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function installedApps(installations: Installations, req: FakeRequest, userId: string): FakeResponse {
  if (req.method !== 'POST') throw invalidRequest('The fake Graph server only implements installing an app here.');
  if (!GUID.test(userId) && !userId.includes('@')) throw invalidRequest(`'${userId}' is not a user id or user principal name.`);
  const bind = (req.body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
  const m = typeof bind === 'string' ? /^https:\/\/[^/]+\/v1\.0\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind) : null;
  if (!m) throw invalidRequest("Body must bind 'teamsApp@odata.bind' to https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}.");
  const apps = installations.get(userId.toLowerCase()) ?? new Set<string>();
  if (apps.has(m[1])) throw new GraphError(409, 'Conflict', 'App is already installed for this user.');
  apps.add(m[1]);
  installations.set(userId.toLowerCase(), apps);
  return json(201, { id: `${userId}##${m[1]}` });
}
