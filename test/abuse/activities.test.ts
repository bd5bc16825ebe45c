// Issue 12's corpus for the bot: malformed and oversized activities, service
// URLs off this machine in unauthenticated mode, every card verb tapped by
// someone with no part in the action, card data for actions that do not
// exist, odd dates, 100 KB of text and hostile text in every field. Each case
// asserts the refusal and that nothing in the store changed.
import { expect } from 'chai';
import { VERBS } from '../../bot/cards/verbs';
import type { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
// Sally chairs Improving Outcomes, which owns 1.1.1: she may update it.
import { DAVE, JEN, OUTSIDER, SALLY, startHarness, type Harness } from '../bot/harness';
import { TENANT } from '../bot/teams-client';
import type { Person } from '../bot/teams-client';
import { dbState, HOSTILE_TEXT, ODD_DATES, PLAN_TABLES } from './corpus';

const COMMENTARY = 'SECRET-COMMENTARY-7f3a survey delayed by the data team';
const EVIDENCE = 'SECRET-EVIDENCE-91bc minutes of 3 March';

describe('abuse: activities and card data', function () {
  this.timeout(60_000);
  let h: Harness;
  let state: () => string;
  let planState: () => string;
  before(async () => {
    h = await startHarness();
    state = () => dbState(h.store as SqlitePlanStore);
    planState = () => dbState(h.store as SqlitePlanStore, PLAN_TABLES);
    // Give 1.1.3 something worth stealing: commentary, evidence, a reported completion.
    const open = await h.store.getAction('1.1.3');
    const saved = await h.teams.tap(
      JEN,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: open!.etag, updatedAt: '' },
      { rag: 'Blue', commentary: COMMENTARY, completionEvidence: EVIDENCE },
    );
    expect(saved.status).to.equal(200);
    expect((await h.store.getAction('1.1.3'))!.value.completionEvidence).to.equal(EVIDENCE);
  });
  after(async () => h.close());

  const post = (body: unknown) =>
    fetch(`http://127.0.0.1:${h.app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const activity = (p: Person, extra: Record<string, unknown>) => ({
    type: 'message',
    id: 'abuse',
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: p.teamsId, name: p.name, aadObjectId: p.aadObjectId },
    recipient: { id: '28:planpulse-bot' },
    conversation: { id: h.teams.conversationOf(p), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  });

  describe('malformed activities are 400, never 500', () => {
    const cases: Array<[string, (base: Record<string, unknown>) => unknown]> = [
      ['no conversation', ({ conversation: _c, ...rest }) => rest],
      ['a conversation with no id', (a) => ({ ...a, conversation: {} })],
      ['a conversation that is text', (a) => ({ ...a, conversation: 'a:1' })],
      ['no serviceUrl', ({ serviceUrl: _s, ...rest }) => rest],
      ['a serviceUrl that is not an address', (a) => ({ ...a, serviceUrl: 'not a url' })],
      ['a javascript: serviceUrl', (a) => ({ ...a, serviceUrl: 'javascript:alert(1)' })],
      ['a type that is a number', (a) => ({ ...a, type: 7 })],
      ['a from that is text', (a) => ({ ...a, from: 'Jen' })],
      ['an array', () => [1, 2, 3]],
      ['null', () => null],
      ['a string', () => 'message'],
      ['a 200 KB type', (a) => ({ ...a, type: 'x'.repeat(200_000) })],
    ];
    for (const [name, make] of cases) {
      it(`refuses an activity with ${name}`, async () => {
        const before = state();
        const sent = h.connector.sent.length;
        const res = await post(make(activity(JEN, { text: 'my actions' })));
        expect(res.status).to.equal(400);
        const body = await res.json();
        expect(body.error).to.be.a('string');
        expect(JSON.stringify(body)).not.to.match(/\n\s+at /);
        expect(state()).to.equal(before);
        expect(h.connector.sent.length).to.equal(sent);
      });
    }
  });

  describe('unauthenticated mode answers only this machine', () => {
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/emea/',
      'http://10.0.0.5:8080/',
      'http://169.254.169.254/latest/',
      'http://127.0.0.1.evil.example/',
    ]) {
      it(`refuses a serviceUrl of ${serviceUrl}: no reply, nothing stored`, async () => {
        const before = state();
        const res = await post({ ...activity(DAVE, { text: 'my actions' }), serviceUrl });
        expect(res.status).to.equal(400);
        expect((await res.json()).error).to.contain('loopback');
        expect(state()).to.equal(before);
        expect(await h.store.findLeadByAadObjectId(DAVE.aadObjectId)).to.have.property('key');
        expect((await h.app.services.reach.getReachability(DAVE.aadObjectId))?.reference?.serviceUrl ?? '').not.to.equal(serviceUrl);
      });
    }
  });

  describe('permission first: a stranger taps every verb on someone else’s action', () => {
    const secrets = async () => {
      const a = (await h.store.getAction('1.1.3'))!;
      return { text: a.value.text, commentary: COMMENTARY, evidence: EVIDENCE, etag: a.etag };
    };
    const variants = (etag: string): Array<[string, Record<string, unknown>]> => [
      ['plain card data', { ref: '1.1.3', etag, updatedAt: '' }],
      ['a form value that is not text', { ref: '1.1.3', etag, rag: 123, commentary: { x: 1 } }],
      ['a bad date and Amber with no comment', { ref: '1.1.3', etag, rag: 'Amber', newDueDate: '31/02/2024' }],
      ['digest origin naming the group', { ref: '1.1.3', etag, origin: 'digest', groupKey: 'improving-outcomes' }],
      ['no eTag', { ref: '1.1.3' }],
      ['a stale eTag', { ref: '1.1.3', etag: '"{00000000-0000-0000-0000-000000000000},1"' }],
    ];
    for (const who of [OUTSIDER, DAVE]) {
      for (const verb of Object.values(VERBS)) {
        it(`${who.name}: ${verb} shows no action text, commentary, evidence or eTag and changes nothing`, async () => {
          const s = await secrets();
          for (const [name, data] of variants(s.etag)) {
            const before = state();
            const sent = h.connector.sent.length;
            const res = await h.teams.tap(who, verb, data);
            expect(res.status, name).to.be.oneOf([200, 400, 401]);
            const answer = JSON.stringify(res.body ?? '');
            for (const [what, secret] of Object.entries(s)) expect(answer, `${name}: ${what}`).not.to.contain(secret);
            expect(state(), name).to.equal(before);
            expect(h.connector.sent.length, name).to.equal(sent);
          }
        });
      }
    }

    it('the chat commands too: update, no change and delegate', async () => {
      const s = await secrets();
      for (const who of [OUTSIDER, DAVE]) {
        for (const text of ['update 1.1.3', '1.1.3 no change', 'delegate 1.1.3 to Dave Carr', 'delegate 1.1.3 to Nobody At All', 'take back 1.1.3']) {
          const before = planState();
          const from = h.connector.sent.length;
          expect((await h.teams.say(who, text)).status).to.equal(200);
          const replies = JSON.stringify(h.connector.sent.slice(from));
          for (const [what, secret] of Object.entries(s)) expect(replies, `${who.name} "${text}": ${what}`).not.to.contain(secret);
          // Whether a name is in the leads list is not told to someone with no part in the action.
          expect(replies).not.to.contain('is not in the leads list');
          expect(planState()).to.equal(before);
        }
      }
    });
  });

  describe('card data for actions that do not exist', () => {
    for (const ref of ['9.9.9', '1.1', '../../etc/passwd', "1.1.3' OR '1'='1", 'x'.repeat(10_000), 12, { ref: '1.1.3' }, ['1.1.3']]) {
      it(`refuses ref ${JSON.stringify(ref).slice(0, 30)} for every verb, changing nothing`, async () => {
        for (const verb of [VERBS.noChange, VERBS.saveUpdate, VERBS.openUpdate, VERBS.signOff]) {
          const before = state();
          const res = await h.teams.tap(JEN, verb, { ref, etag: 'x' }, { rag: 'Green' });
          expect(res.status).to.equal(200);
          expect(JSON.stringify(res.body)).not.to.contain('x'.repeat(200));
          expect(state()).to.equal(before);
        }
      });
    }
  });

  describe('dates in odd formats', () => {
    for (const date of ODD_DATES) {
      it(`refuses a new completion date of ${date}, changing nothing`, async () => {
        const a = (await h.store.getAction('1.1.1'))!;
        const before = state();
        const res = await h.teams.tap(
          SALLY,
          VERBS.saveUpdate,
          { ref: '1.1.1', etag: a.etag, updatedAt: a.value.lastUpdatedAt ?? '' },
          { rag: 'Red', newDueDate: date, commentary: 'Late' },
        );
        expect(res.status).to.equal(200);
        expect(JSON.stringify(res.body)).to.match(/not a real date|Please fix/);
        expect(state()).to.equal(before);
      });
    }
    for (const text of ['away until 31/02/2024', 'away until 32 Jan', 'away until 1e9', 'away until ' + '9'.repeat(400)]) {
      it(`refuses "${text.slice(0, 30)}", changing nothing`, async () => {
        const before = planState();
        const from = h.connector.sent.length;
        await h.teams.say(JEN, text);
        expect(planState()).to.equal(before);
        expect(JSON.stringify(h.connector.sent.slice(from))).to.match(/could not read|too long|has passed|more than a year/);
      });
    }
  });

  describe('100 KB of text', () => {
    const big = 'y'.repeat(100 * 1024);
    it('as commentary and evidence: refused, nothing changed, the answer fits in a card', async () => {
      const a = (await h.store.getAction('1.1.1'))!;
      const before = state();
      const res = await h.teams.tap(
        SALLY,
        VERBS.saveUpdate,
        { ref: '1.1.1', etag: a.etag, updatedAt: a.value.lastUpdatedAt ?? '' },
        { rag: 'Amber', commentary: big, completionEvidence: big },
      );
      expect(res.status).to.equal(200);
      expect(JSON.stringify(res.body)).to.contain('Keep the commentary to');
      expect(JSON.stringify(res.body).length).to.be.below(40 * 1024);
      expect(state()).to.equal(before);
    });

    it('as a chat message: answered at once without reading it as a command', async () => {
      const before = planState();
      const from = h.connector.sent.length;
      const started = Date.now();
      expect((await h.teams.say(JEN, big)).status).to.equal(200);
      expect(Date.now() - started).to.be.below(1000);
      expect(JSON.stringify(h.connector.sent.slice(from))).to.contain('too long to be a command');
      expect(planState()).to.equal(before);
    });

    it('28,000 commas do not stall the server', async () => {
      const started = Date.now();
      // Not at the end, so an unanchored "[,]+$" would retry from every comma.
      expect((await h.teams.say(JEN, 'my actions' + ','.repeat(28_000) + ' x')).status).to.equal(200);
      expect(Date.now() - started).to.be.below(1000);
    });
  });

  describe('HTML, script, Markdown links and mentions in every text field', () => {
    /** Every place a string appears in a card, and whether Teams would read it as Markdown there. */
    const renderedAsMarkdown = (card: unknown, needle: string): string[] => {
      const out: string[] = [];
      const walk = (n: unknown, key = '') => {
        if (Array.isArray(n)) return n.forEach((x) => walk(x, key));
        if (!n || typeof n !== 'object') return;
        const o = n as Record<string, unknown>;
        if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text.includes(needle)) out.push(`TextBlock: ${o.text.slice(0, 60)}`);
        if (o.type === 'FactSet')
          for (const f of o.facts as Array<{ title: string; value: string }>)
            if (`${f.title}${f.value}`.includes(needle)) out.push(`Fact: ${f.value.slice(0, 60)}`);
        for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, k);
      };
      walk(card);
      return out;
    };
    const cardsSince = (from: number) => h.connector.sent.slice(from).flatMap((s) => (s.activity.attachments ?? []).map((a) => a.content));
    const textsSince = (from: number) => h.connector.sent.slice(from).filter((s) => typeof s.activity.text === 'string');

    for (const hostile of HOSTILE_TEXT) {
      it(`keeps ${JSON.stringify(hostile).slice(0, 40)} as plain text in commentary, evidence, RAG and chat`, async () => {
        const a = (await h.store.getAction('1.1.1'))!;
        // RAG and date are refused, quoting what was sent: the quote must stay plain text.
        const before = state();
        const refused = await h.teams.tap(
          SALLY,
          VERBS.saveUpdate,
          { ref: '1.1.1', etag: a.etag, updatedAt: a.value.lastUpdatedAt ?? '' },
          { rag: hostile, newDueDate: hostile, commentary: hostile },
        );
        expect(state()).to.equal(before);
        for (const piece of [hostile.slice(0, 12)]) expect(renderedAsMarkdown(refused.body.value, piece), 'refusal').to.deep.equal([]);
        // Commentary and evidence are accepted as typed, stored verbatim and shown only as plain runs.
        const saved = await h.teams.tap(
          SALLY,
          VERBS.saveUpdate,
          { ref: '1.1.1', etag: a.etag, updatedAt: a.value.lastUpdatedAt ?? '' },
          { rag: 'Amber', commentary: hostile },
        );
        expect((await h.store.getAction('1.1.1'))!.value.commentary).to.equal(hostile.trim());
        expect(renderedAsMarkdown(saved.body.value, hostile.trim()), 'saved card').to.deep.equal([]);
        const fresh = (await h.store.getAction('1.1.1'))!;
        const form = await h.teams.tap(SALLY, VERBS.openUpdate, { ref: '1.1.1', etag: fresh.etag, updatedAt: fresh.value.lastUpdatedAt ?? '' });
        expect(renderedAsMarkdown(form.body.value, hostile.trim()), 'update form').to.deep.equal([]);
        // Chat: whatever is quoted back goes as plain text, never as Markdown or in a card's TextBlock.
        const from = h.connector.sent.length;
        for (const text of [hostile, `delegate 1.1.3 to ${hostile}`, `away until ${hostile}`]) await h.teams.say(JEN, text);
        for (const m of textsSince(from)) expect(m.activity.textFormat, String(m.activity.text)).to.equal('plain');
        for (const card of cardsSince(from)) expect(renderedAsMarkdown(card, hostile.slice(0, 12))).to.deep.equal([]);
      });
    }
  });
});
