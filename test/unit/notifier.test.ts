// Pacing and retries of proactive sends, against a stand-in adapter that
// records when each send reached it and fails as scripted.
import { expect } from 'chai';
import type { CloudAdapter } from 'botbuilder';
import { TeamsNotifier, UnreachableError } from '../../bot/notifier';

function fakeAdapter(failures: number[] = []) {
  const sends: Array<{ conversation: string; at: number }> = [];
  const adapter = {
    async continueConversationAsync(_appId: string, ref: { conversation?: { id: string } }, logic: (ctx: unknown) => Promise<void>) {
      await logic({
        sendActivity: async () => {
          sends.push({ conversation: ref.conversation!.id, at: Date.now() });
          const status = failures.shift();
          if (status) throw Object.assign(new Error(`status ${status}`), { statusCode: status });
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
    const n = new TeamsNotifier(adapter, '', { retries: 0, minDelayMs: 1, maxDelayMs: 1, perConversationGapMs: 150, tenantPerSecond: 100 });
    await Promise.all([n.sendText(ref('a'), 'one'), n.sendText(ref('b'), 'two')]);
    await n.sendText(ref('a'), 'three');
    const a = sends.filter((s) => s.conversation === 'a');
    expect(a[1].at - a[0].at).to.be.at.least(140);
    const firstTwo = sends.slice(0, 2);
    expect(Math.abs(firstTwo[1].at - firstTwo[0].at)).to.be.below(100);
  });

  it('holds the tenant to its sends per second', async () => {
    const { adapter, sends } = fakeAdapter();
    const n = new TeamsNotifier(adapter, '', { retries: 0, minDelayMs: 1, maxDelayMs: 1, perConversationGapMs: 0, tenantPerSecond: 3 });
    const start = Date.now();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((c) => n.sendText(ref(c), 'hi')));
    expect(sends).to.have.length(5);
    expect(Date.now() - start).to.be.at.least(900); // the fourth waited for the one-second window
  });

  it('retries 429, 412, 502 and 504 with backoff, then gives up; 403 means unreachable at once', async () => {
    const { adapter, sends } = fakeAdapter([429, 412, 502, 504]);
    const n = new TeamsNotifier(adapter, '', { retries: 4, minDelayMs: 5, maxDelayMs: 20, perConversationGapMs: 0, tenantPerSecond: 100 });
    expect((await n.sendText(ref('a'), 'hi')).activityId).to.equal('m5');
    expect(sends).to.have.length(5);

    const blocked = fakeAdapter([403]);
    const m = new TeamsNotifier(blocked.adapter, '', { retries: 4, minDelayMs: 5, maxDelayMs: 20, perConversationGapMs: 0, tenantPerSecond: 100 });
    let error: unknown;
    await m.sendText(ref('a'), 'hi').catch((e) => (error = e));
    expect(error).to.be.instanceOf(UnreachableError);
    expect(blocked.sends).to.have.length(1);

    const failing = fakeAdapter([502, 502, 502]);
    const k = new TeamsNotifier(failing.adapter, '', { retries: 2, minDelayMs: 5, maxDelayMs: 20, perConversationGapMs: 0, tenantPerSecond: 100 });
    let last: unknown;
    await k.sendText(ref('a'), 'hi').catch((e) => (last = e));
    expect((last as { statusCode?: number }).statusCode).to.equal(502);
    expect(failing.sends).to.have.length(3);
  });
});
