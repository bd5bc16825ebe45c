// With an app id configured the bot must authenticate every activity: an
// unsigned POST (anyone on the internet) is refused and changes nothing.
import { expect } from 'chai';
import { startApp } from '../../app/start';
import { loadConfig } from '../../app/config';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { JEN } from './harness';

describe('bot authentication', () => {
  it('refuses activities without a Bot Framework token once MicrosoftAppId is set', async () => {
    const store = new SqlitePlanStore(':memory:');
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      MicrosoftAppPassword: 'not-used',
      MicrosoftAppType: 'MultiTenant',
      PLANPULSE_SAMPLE_PLAN: 'no-such-dir-so-nothing-loads',
    });
    const logged: string[] = [];
    const app = await startApp(config, { store, schedule: false, log: (line) => logged.push(line) });
    try {
      const res = await fetch(`http://127.0.0.1:${app.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'my actions',
          channelId: 'msteams',
          serviceUrl: 'http://127.0.0.1:9/',
          from: { id: JEN.teamsId, aadObjectId: JEN.aadObjectId },
          conversation: { id: 'a:x' },
          recipient: { id: '28:bot' },
        }),
      });
      expect(res.status).to.equal(401);
      expect(await app.services.reach.listReachability()).to.deep.equal([]);
      // One line, not botbuilder's stack.
      expect(logged.filter((l) => l.startsWith('refused'))).to.deep.equal([
        'refused an activity: not authenticated (Unauthorized Access. Request is not authorized)',
      ]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
