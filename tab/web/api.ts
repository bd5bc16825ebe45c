// Calls PlanPulse's own /api/tab (never Graph). Each request carries the
// Teams SSO token (asked for afresh; Teams caches it) or, in local mode, the
// chosen person's key.
import type { ErrorBody } from '../api/contract';
import { SignInError, signInWords } from './sign-in-words';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error || `The server answered ${status}`);
  }
}

export type Auth = { kind: 'teams'; token: () => Promise<string>; renew?: (refused: string) => Promise<string> } | { kind: 'local'; person: string };

export interface Api {
  get<T>(path: string): Promise<T>;
  /** `keepalive`: the request outlives the page (a stage closing says so on its way out). */
  post<T>(path: string, body: unknown, opts?: { keepalive?: boolean }): Promise<T>;
  /** A file answer (the board pack): its bytes and the name the server gave it. */
  file(path: string): Promise<{ blob: Blob; name: string }>;
}

async function header(auth: Auth): Promise<string> {
  return auth.kind === 'teams' ? `Bearer ${await auth.token()}` : `Local ${auth.person}`;
}

export function makeApi(auth: Auth): Api {
  const call = async <T>(method: string, path: string, body?: unknown, keepalive = false): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: await header(auth) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const send = () => fetch(`/api/tab/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), keepalive });
    let res = await send();
    // The server refused the Teams token (it expired on the way, or the host gave a stale one):
    // ask Teams for another and send the same request once more. A refused write changed nothing.
    if (res.status === 401 && auth.kind === 'teams' && auth.renew) {
      const refused = headers.Authorization.slice('Bearer '.length);
      const fresh = await auth.renew(refused);
      if (fresh !== refused) {
        headers.Authorization = `Bearer ${fresh}`;
        res = await send();
      }
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { error: text.slice(0, 200) };
    }
    if (!res.ok) throw new ApiError(res.status, (json ?? {}) as ErrorBody);
    return json as T;
  };
  // A file needs the Authorization header too, which a plain link cannot send: fetch it, then hand over a Blob.
  const file = async (path: string): Promise<{ blob: Blob; name: string }> => {
    const res = await fetch(`/api/tab/${path}`, { headers: { Authorization: await header(auth) } });
    if (!res.ok) {
      const text = await res.text();
      let body: ErrorBody;
      try {
        body = JSON.parse(text) as ErrorBody;
      } catch {
        body = { error: text.slice(0, 200) };
      }
      throw new ApiError(res.status, body);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'board-pack';
    return { blob: await res.blob(), name };
  };
  return { get: (p) => call('GET', p), post: (p, b, o) => call('POST', p, b, o?.keepalive), file };
}

/** Local mode's list of people: undefined when the server refuses local sign-in (404). */
export async function localPeople<T>(): Promise<T[] | undefined> {
  const res = await fetch('/api/tab/local/people', { headers: { Accept: 'application/json' } });
  if (!res.ok) return undefined;
  return (await res.json()) as T[];
}

/** Words for an error the person can act on (tab-design.md §5). */
export function errorWords(e: unknown): string {
  if (e instanceof SignInError) return signInWords(e);
  if (e instanceof ApiError) {
    if (e.status === 401)
      return `${e.body.error || 'You are not signed in to PlanPulse.'} Select Try again; if it keeps happening, ask your Teams admin to check PlanPulse's single sign-on set-up.`;
    if (e.status === 403) return e.body.error || "You can see this group's actions; only their leads, the chair or the secretariat can change them.";
    if (e.status === 503) return 'PlanPulse could not reach the plan just now. Try again in a minute.';
    return e.body.error || `Something went wrong (${e.status}).`;
  }
  return `PlanPulse could not be reached: ${(e as Error).message}. Try again.`;
}
