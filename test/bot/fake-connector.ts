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
  cards(conversationId?: string): any[];
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
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
        if (blocked.has(post[1])) {
          res.statusCode = 403;
          return res.end(JSON.stringify({ error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } }));
        }
        sent.push({ conversationId: post[1], replyToId: post[2], activity: JSON.parse(body) });
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
    cards: (conversationId) =>
      sent
        .filter((s) => !conversationId || s.conversationId === conversationId)
        .flatMap((s) => s.activity.attachments ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
