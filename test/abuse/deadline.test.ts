// Per-request time is bounded: an activity whose handling outlasts the
// deadline is answered 503 with one line, and the socket is freed.
import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import restify from '../../app/restify';
import { apiGuard } from '../../app/http-guard';
import { mountBotRoutes } from '../../bot/http';
import type { PlanPulseAdapter } from '../../bot/adapter';
import type { PlanPulseBot } from '../../bot/planpulse-bot';

describe('abuse: an activity that takes too long', () => {
  it('is answered 503 at the deadline with one log line', async () => {
    const logged: string[] = [];
    const server = restify.createServer();
    server.pre(apiGuard({ maxBytes: 1024, bodyTimeoutMs: 1000, log: (l) => logged.push(l) }));
    const stuck = { processIncoming: () => new Promise(() => undefined) } as unknown as PlanPulseAdapter;
    mountBotRoutes(server, stuck, {} as PlanPulseBot, (l) => logged.push(l), { unauthenticated: true, deadlineMs: 150 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:1' }, from: { id: 'x' } }),
      });
      expect(res.status).to.equal(503);
      expect(Date.now() - started).to.be.within(140, 1000);
      expect(logged).to.deep.equal(['activity took longer than 0.15 s; answered 503']);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
