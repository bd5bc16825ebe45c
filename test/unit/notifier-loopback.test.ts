// Unauthenticated mode: a stored conversation reference that points off this
// machine is never sent to, whatever put it in the store.
import { expect } from 'chai';
import type { CloudAdapter } from 'botbuilder';
import { TeamsNotifier } from '../../bot/notifier';

describe('sending without credentials', () => {
  it('refuses a reference whose serviceUrl is not loopback, without calling Teams', async () => {
    const calls: string[] = [];
    const adapter = {
      continueConversationAsync: async (_id: string, ref: { serviceUrl: string }) => void calls.push(ref.serviceUrl),
    } as unknown as CloudAdapter;
    const notifier = new TeamsNotifier(adapter, '', { retries: 0, minDelayMs: 1, maxDelayMs: 1, perConversationGapMs: 0, tenantPerSecond: 100 });
    for (const serviceUrl of ['https://evil.example/', 'https://smba.trafficmanager.net/emea/', '']) {
      let error: Error | undefined;
      await notifier.sendText({ serviceUrl, conversation: { id: 'a:1' } as never }, 'hello').catch((e) => (error = e));
      expect(error?.message, serviceUrl).to.contain('sends only to service URLs on this machine');
    }
    expect(calls).to.deep.equal([]);
    await notifier.sendText({ serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:1' } as never }, 'hello');
    expect(calls).to.deep.equal(['http://127.0.0.1:9/']);
  });

  it('with credentials, sends wherever the channel said', async () => {
    const calls: string[] = [];
    const adapter = {
      continueConversationAsync: async (_id: string, ref: { serviceUrl: string }) => void calls.push(ref.serviceUrl),
    } as unknown as CloudAdapter;
    await new TeamsNotifier(adapter, 'app-id', { retries: 0, minDelayMs: 1, maxDelayMs: 1, perConversationGapMs: 0, tenantPerSecond: 100 }).sendText(
      { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' } as never },
      'hi',
    );
    expect(calls).to.deep.equal(['https://smba.trafficmanager.net/emea/']);
  });
});
