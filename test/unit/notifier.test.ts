// Pacing and retries of proactive sends, against a stand-in adapter that
// records when each send reached it and fails as scripted.
import { expect } from 'chai';
import type { CloudAdapter } from 'botbuilder';
import { instanceShare, parseRetryAfter, TeamsNotifier, UnreachableError } from '../../bot/notifier';

function fakeAdapter(failures: Array<number | { status: number; retryAfter: string }> = []) {
  const sends: Array<{ conversation: string; at: number }> = [];
  const adapter = {
    async continueConversationAsync(_appId: string, ref: { conversation?: { id: string } }, logic: (ctx: unknown) => Promise<void>) {
      await logic({
        sendActivity: async () => {
          sends.push({ conversation: ref.conversation!.id, at: Date.now() });
          const failure = failures.shift();
          if (typeof failure === 'number') throw Object.assign(new Error(`status ${failure}`), { statusCode: failure });
          if (failure) {
            // Shaped as botbuilder's RestError: the headers sit on the response, read with get().
            const headers = { get: (name: string) => (name === 'retry-after' ? failure.retryAfter : undefined) };
            throw Object.assign(new Error(`status ${failure.status}`), { statusCode: failure.status, response: { status: failure.status, headers } });
          }
          return { id: `m${sends.length}` };
        },
      });
    },
  };
  return { adapter: adapter as unknown as CloudAdapter, sends };
}

const ref = (id: string) => ({ conversation: { id, isGroup: false, conversationType: 'personal' as const, name: '' } });

describe('proactive sends within Teams limits', () => {
  it('keeps a gap between sends to one conversation but not across conversations', async () => {
    const { adapter, sends } = fakeAdapter();
    const n = new TeamsNotifier(adapter, 'test-app', { retries: 0, minDelayMs: 1, maxDelayMs: 1, perConversationGapMs: 150, tenantPerSecond: 100 });
    await Promise.all([n.sendText(ref('a'), 'one'), n.sendText(ref('b'), 'two')]);
    await n.sendText(ref('a'), 'three');
    const a = sends.filter((s) => s.conversation === 'a');
    expect(a[1].at - a[0].at).to.be.at.least(140);
    const firstTwo = sends.slice(0, 2);
    expect(Math.abs(firstTwo[1].at - firstTwo[0].at)).to.be.below(100);
  });

  it('holds the tenant to its sends per second', async () => {
    const { adapter, sends } = fakeAdapter();
    const n = new TeamsNotifier(adapter, 'test-app', { retries: 0, minDelayMs: 1, maxDelayMs: 1, perConversationGapMs: 0, tenantPerSecond: 3 });
    const start = Date.now();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((c) => n.sendText(ref(c), 'hi')));
    expect(sends).to.have.length(5);
    expect(Date.now() - start).to.be.at.least(900); // the fourth waited for the one-second window
  });

  it('retries 429, 412, 502 and 504 with backoff, then gives up; 403 means unreachable at once', async () => {
    const { adapter, sends } = fakeAdapter([429, 412, 502, 504]);
    const n = new TeamsNotifier(adapter, 'test-app', { retries: 4, minDelayMs: 5, maxDelayMs: 20, perConversationGapMs: 0, tenantPerSecond: 100 });
    expect((await n.sendText(ref('a'), 'hi')).activityId).to.equal('m5');
    expect(sends).to.have.length(5);

    const blocked = fakeAdapter([403]);
    const m = new TeamsNotifier(blocked.adapter, 'test-app', {
      retries: 4,
      minDelayMs: 5,
      maxDelayMs: 20,
      perConversationGapMs: 0,
      tenantPerSecond: 100,
    });
    let error: unknown;
    await m.sendText(ref('a'), 'hi').catch((e) => (error = e));
    expect(error).to.be.instanceOf(UnreachableError);
    expect(blocked.sends).to.have.length(1);

    const failing = fakeAdapter([502, 502, 502]);
    const k = new TeamsNotifier(failing.adapter, 'test-app', {
      retries: 2,
      minDelayMs: 5,
      maxDelayMs: 20,
      perConversationGapMs: 0,
      tenantPerSecond: 100,
    });
    let last: unknown;
    await k.sendText(ref('a'), 'hi').catch((e) => (last = e));
    expect((last as { statusCode?: number }).statusCode).to.equal(502);
    expect(failing.sends).to.have.length(3);
  });

  it('splits the tenant budget between instances', async () => {
    expect(instanceShare({ tenantPerSecond: 30 })).to.equal(30);
    expect(instanceShare({ tenantPerSecond: 30, instances: 2 })).to.equal(15);
    expect(instanceShare({ tenantPerSecond: 30, instances: 4 })).to.equal(7);
    expect(instanceShare({ tenantPerSecond: 2, instances: 5 })).to.equal(1);
    const { adapter, sends } = fakeAdapter();
    const n = new TeamsNotifier(adapter, 'test-app', {
      retries: 0,
      minDelayMs: 1,
      maxDelayMs: 1,
      perConversationGapMs: 0,
      tenantPerSecond: 6,
      instances: 2,
    });
    const start = Date.now();
    await Promise.all(['a', 'b', 'c', 'd'].map((c) => n.sendText(ref(c), 'hi')));
    expect(sends).to.have.length(4);
    expect(sends[2].at - start).to.be.below(500); // three a second is this instance's share
    expect(sends[3].at - sends[0].at).to.be.at.least(900);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2023-03-06T09:00:00Z');
    expect(parseRetryAfter('31', now)).to.equal(31_000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Mon, 06 Mar 2023 09:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Mon, 06 Mar 2023 08:59:00 GMT', now)).to.equal(0); // already past
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
  });

  it('waits as long as a 429 says before trying again, and falls back to backoff without it', async () => {
    const told = fakeAdapter([{ status: 429, retryAfter: '1' }]);
    const n = new TeamsNotifier(told.adapter, 'test-app', {
      retries: 2,
      minDelayMs: 5,
      maxDelayMs: 20,
      perConversationGapMs: 0,
      tenantPerSecond: 100,
    });
    await n.sendText(ref('a'), 'hi');
    expect(told.sends).to.have.length(2);
    expect(told.sends[1].at - told.sends[0].at).to.be.at.least(950); // not the 5 ms backoff

    const silent = fakeAdapter([429]);
    const m = new TeamsNotifier(silent.adapter, 'test-app', {
      retries: 2,
      minDelayMs: 5,
      maxDelayMs: 20,
      perConversationGapMs: 0,
      tenantPerSecond: 100,
    });
    await m.sendText(ref('a'), 'hi');
    expect(silent.sends[1].at - silent.sends[0].at).to.be.below(200);

    // Told to wait longer than we will hold a send: fail now, a later tick retries.
    const long = fakeAdapter([{ status: 429, retryAfter: '600' }]);
    const k = new TeamsNotifier(long.adapter, 'test-app', {
      retries: 2,
      minDelayMs: 5,
      maxDelayMs: 20,
      perConversationGapMs: 0,
      tenantPerSecond: 100,
      maxRetryAfterMs: 60_000,
    });
    let error: unknown;
    await k.sendText(ref('a'), 'hi').catch((e) => (error = e));
    expect((error as { statusCode?: number }).statusCode).to.equal(429);
    expect(long.sends).to.have.length(1);
  });
});
