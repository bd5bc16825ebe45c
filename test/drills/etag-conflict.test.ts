// Drill: three writers on one action in SharePoint: the bot (a lead's card),
// a second writer (the tab goes through the same core use case; here a direct
// call of it) and someone editing the list item in SharePoint itself (a PATCH
// straight to the fake, no If-Match). Whoever acts on an old version is told
// so and changes nothing; every accepted change is in the history; none is lost.
import { expect } from 'chai';
import { StaleCardError, updateActionStatus, type UpdateResult } from '../../core/update-action';
import { actionMap } from '../../store/sharepoint/field-map';
import { LISTS } from '../../store/sharepoint/schema';
import { graphOn, startFakeWithSample, storeOn } from '../sharepoint/fake-store';

const JEN = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Jennifer Ashton' };
const REF = '1.1.3';

describe('drill: an eTag conflict between the bot, the tab and a direct edit of the list', function () {
  this.timeout(30_000);

  it('refuses every write made on an old version and keeps every accepted one', async () => {
    const { fake, store: bot } = await startFakeWithSample();
    const tab = storeOn(fake); // another process: the tab's server
    try {
      const lead = (await bot.listLeads()).find((l) => l.displayName === JEN.name)!;
      await bot.saveLead({ ...lead, aadObjectId: JEN.aadObjectId });
      const deps = (store: typeof bot) => ({ store, now: () => new Date('2023-03-06T10:00:00Z') });
      const tap = (store: typeof bot, etag: string, commentary: string) =>
        updateActionStatus(deps(store), {
          identity: JEN,
          ref: REF,
          seen: { etag },
          report: { rag: 'Amber', commentary },
          source: store === bot ? 'teams-card' : 'tab',
        });
      const accepted: UpdateResult[] = [];
      const refused: unknown[] = [];
      const attempt = async (p: Promise<UpdateResult>) => {
        try {
          accepted.push(await p);
        } catch (e) {
          refused.push(e);
        }
      };

      const card = (await bot.getAction(REF))!;
      // Someone edits the row in SharePoint.
      const row = fake.items(LISTS.actions.displayName).find((i) => i.ActionRef === REF)!;
      const listId = fake.lists().find((l) => l.displayName === LISTS.actions.displayName)!.id;
      await graphOn(fake).request({
        method: 'PATCH',
        url: `/sites/${fake.siteId}/lists/${listId}/items/${row.id}/fields`,
        body: { Commentary: 'Edited in the list' },
      });

      // The bot's card is now old: refused, nothing changed.
      await attempt(tap(bot, card.etag, 'From the card'));
      expect(refused.pop()).to.be.instanceOf(StaleCardError);
      expect((await tab.getAction(REF))!.value.commentary).to.equal('Edited in the list');

      // The tab, on the current version, is accepted.
      await attempt(tap(tab, (await tab.getAction(REF))!.etag, 'From the tab'));
      expect(accepted).to.have.length(1);

      // The bot and the tab on the same (current) version at once: one wins.
      const current = (await bot.getAction(REF))!.etag;
      await Promise.all([attempt(tap(bot, current, 'Bot races')), attempt(tap(tab, current, 'Tab races'))]);
      expect(accepted).to.have.length(2);
      expect(refused).to.have.length(1);
      expect(refused[0]).to.be.instanceOf(StaleCardError);

      // Nothing accepted is lost; the action is the last accepted change.
      const history = (await bot.actionHistory(REF)).map((u) => u.id);
      for (const a of accepted) expect(history).to.include(a.update.id);
      expect(history).to.have.length(accepted.length);
      const now = (await storeOn(fake).getAction(REF))!;
      expect(now.value.commentary).to.equal(accepted[1].saved.value.commentary);
      expect(actionMap.keyOf(now.value)).to.equal(REF);
    } finally {
      await fake.close();
    }
  });
});
