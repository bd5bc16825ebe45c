// A local stand-in for the Teams connector service at the activity's
// serviceUrl: captures every reply and proactive send, serves the member
// lookup TeamsInfo.getMember makes, and can refuse a conversation with 403.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  replyToId?: string;
  activity: { type: string; text?: string; attachments?: Array<{ contentType: string; content: any }>; [k: string]: unknown };
}

export interface FakeConnector {
  url: string;
  sent: CapturedActivity[];
  members: Map<string, { id: string; name: string; aadObjectId: string; email?: string; userPrincipalName?: string }>;
  blocked: Set<string>;
  /** The next sends to a conversation fail with these statuses, in order (e.g. [429, 502]). */
  failures: Map<string, number[]>;
  /** Every POST received, including refused ones, for counting attempts. */
  attempts: string[];
  /** When each accepted send arrived (ms), for rates. */
  sentAt: number[];
  /** Sends refused with 429 by the limits. */
  throttled: number;
  cards(conversationId?: string): any[];
  close(): Promise<void>;
}

/**
 * Teams' documented limits (fact sheet C5): per bot per conversation 7 in 1 s,
 * 8 in 2 s, 60 in 30 s; per app per tenant a ceiling a second (50 now, 30 in
 * older revisions). Beyond them a send gets 429 with Retry-After.
 */
export interface TeamsLimits {
  tenantPerSecond: number;
  perConversation?: Array<[count: number, windowMs: number]>;
}

export const TEAMS_DOCUMENTED_LIMITS: TeamsLimits = {
  tenantPerSecond: 50,
  perConversation: [
    [7, 1000],
    [8, 2000],
    [60, 30_000],
  ],
};

function overLimit(times: number[], now: number, limits: Array<[number, number]>): boolean {
  return limits.some(([count, windowMs]) => times.filter((t) => t > now - windowMs).length >= count);
}

export async function startFakeConnector(opts: { limits?: TeamsLimits } = {}): Promise<FakeConnector> {
  const sentAt: number[] = [];
  const byConversation = new Map<string, number[]>();
  let tenantWindow: number[] = [];
  let throttledCount = 0;
  const sent: CapturedActivity[] = [];
  const members = new Map<string, any>();
  const blocked = new Set<string>();
  const failures = new Map<string, number[]>();
  const attempts: string[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      const post = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url);
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && post) {
        attempts.push(post[1]);
        const fail = failures.get(post[1])?.shift();
        if (fail) {
          res.statusCode = fail;
          if (fail === 429) res.setHeader('retry-after', '0');
          return res.end(JSON.stringify({ error: { code: 'Throttled', message: `injected ${fail}` } }));
        }
        if (opts.limits) {
          const now = Date.now();
          tenantWindow = tenantWindow.filter((t) => t > now - 1000);
          const mine = (byConversation.get(post[1]) ?? []).filter((t) => t > now - 30_000);
          if (tenantWindow.length >= opts.limits.tenantPerSecond || overLimit(mine, now, opts.limits.perConversation ?? [])) {
            throttledCount++;
            res.statusCode = 429;
            res.setHeader('retry-after', '1');
            return res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
          }
          tenantWindow.push(now);
          byConversation.set(post[1], [...mine, now]);
        }
        if (blocked.has(post[1])) {
          res.statusCode = 403;
          return res.end(JSON.stringify({ error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } }));
        }
        sent.push({ conversationId: post[1], replyToId: post[2], activity: JSON.parse(body) });
        sentAt.push(Date.now());
        return res.end(JSON.stringify({ id: `activity-${++n}` }));
      }
      if (req.method === 'GET' && member && members.has(member[2])) return res.end(JSON.stringify(members.get(member[2])));
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${url}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    sent,
    members,
    blocked,
    failures,
    attempts,
    sentAt,
    get throttled() {
      return throttledCount;
    },
    cards: (conversationId) =>
      sent
        .filter((s) => !conversationId || s.conversationId === conversationId)
        .flatMap((s) => s.activity.attachments ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
