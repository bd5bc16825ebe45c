// Issue 12's corpus for the tab's API (/api/tab/*): the bodies every /api/
// route refuses (HTTP_CASES) on each POST route; bad, missing and forged SSO
// tokens on every route; local sign-in where it must not work; a stranger and
// a lead of other actions on every route and every action; card-style data
// for actions that do not exist; odd dates; and 100 KB, HTML, script,
// Markdown links and mentions in every text field the tab accepts. Each
// refusal is checked to change nothing in the store (dbState); what is
// accepted is stored and answered exactly as typed.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base64url, SignJWT } from 'jose';
import type { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { startFakeAuthority, type FakeAuthority } from '../fakes/tab-sso';
import { AAD, startTabHarness, type TabHarness } from '../tab/harness';
import { dbState, HOSTILE_TEXT, HTTP_CASES, ODD_DATES, runHttpCase } from './corpus';

const GROUP = 'improving-outcomes';
const STRANGER = { key: 'sam-stranger', name: 'Sam Stranger', aad: 'aaaaaaaa-0000-4000-8000-0000000000ee' };
const COMMENTARY = 'SECRET-COMMENTARY-c41e the survey slipped';
const EVIDENCE = 'SECRET-EVIDENCE-5d20 minutes of 3 March';

type Route = { method: 'GET' | 'POST'; path: string; body?: (etag: string) => Record<string, unknown> };

/** Every route mountTabApi serves, with a request that would succeed for the right person. */
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/tab/session' },
  { method: 'GET', path: '/api/tab/local/people' },
  { method: 'GET', path: `/api/tab/groups/${GROUP}` },
  { method: 'GET', path: '/api/tab/actions/1.1.3' },
  { method: 'POST', path: '/api/tab/actions/1.1.3/update', body: (etag) => ({ etag, rag: 'Green', commentary: 'on track' }) },
  { method: 'POST', path: '/api/tab/actions/1.1.3/complete', body: (etag) => ({ etag, evidence: 'done' }) },
  { method: 'POST', path: '/api/tab/actions/1.1.3/sign-off', body: (etag) => ({ etag, comment: 'fine' }) },
  { method: 'GET', path: '/api/tab/kpis' },
  { method: 'GET', path: `/api/tab/kpis?group=${GROUP}` },
  { method: 'POST', path: '/api/tab/kpis/1.1.K1/measurements', body: () => ({ measuredOn: '2023-03-31', value: '12%' }) },
  { method: 'GET', path: '/api/tab/board' },
  { method: 'GET', path: '/api/tab/my-actions' },
  { method: 'GET', path: '/api/tab/export?format=xlsx' },
  { method: 'GET', path: `/api/tab/export?format=docx&group=${GROUP}` },
];
const POSTS = ROUTES.filter((r) => r.method === 'POST');

/** A request as someone (a whole Authorization header), with the raw response. */
async function send(base: string, r: Route, authorization: string | undefined, body?: unknown, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${r.path}`, { method: r.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Everything about the plan's actions an answer must not carry to someone who may not see them. */
async function secretsOf(h: TabHarness): Promise<string[]> {
  const plan = await h.store.loadPlan();
  const out = [COMMENTARY, EVIDENCE];
  for (const a of plan.actions) out.push(a.etag, a.value.text.slice(0, 60));
  return out;
}

function expectNoSecrets(text: string, secrets: string[], what: string) {
  for (const s of secrets) expect(text.includes(s), `${what} carries "${s.slice(0, 40)}"`).to.equal(false);
}

/** Jennifer Ashton leads 1.1.3 (in Sally Richardson's group): give it commentary and a reported completion worth stealing. */
async function giveSecrets(h: TabHarness) {
  const etag = (await h.store.getAction('1.1.3'))!.etag;
  const r = await h.call('POST', '/api/tab/actions/1.1.3/update', 'jennifer-ashton', { etag, rag: 'Amber', commentary: COMMENTARY });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  const c = await h.call('POST', '/api/tab/actions/1.1.3/complete', 'jennifer-ashton', { etag: r.body.saved.row.etag, evidence: EVIDENCE });
  expect(c.status, JSON.stringify(c.body)).to.equal(200);
}

describe('abuse: the tab API', function () {
  this.timeout(180_000);

  it('the corpus names every route the tab mounts', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../tab/server/api/mount.ts'), 'utf8');
    const mounted = [...source.matchAll(/\b(get|post)\('(\/api\/tab\/[^']+)'/g)].map((m) => `${m[1].toUpperCase()} ${m[2]}`).sort();
    const covered = new Set(
      ROUTES.map((r) => `${r.method} ${r.path.split('?')[0].replace('/1.1.3', '/:ref').replace('/1.1.K1', '/:ref').replace(`/${GROUP}`, '/:key')}`),
    );
    expect(mounted.length).to.be.greaterThan(5);
    for (const m of mounted) expect(covered.has(m), m).to.equal(true);
  });

  describe('on the embedded default (local sign-in on loopback)', () => {
    let h: TabHarness;
    let state: () => string;
    let secrets: string[];
    let tmp: string;
    let savedTmp: string | undefined;
    before(async () => {
      h = await startTabHarness('sqlite');
      state = () => dbState(h.store as SqlitePlanStore);
      await h.store.saveLead({ key: STRANGER.key, displayName: STRANGER.name, aliases: [], aadObjectId: STRANGER.aad });
      await giveSecrets(h);
      secrets = await secretsOf(h);
    });
    after(async () => h?.close());

    describe('bodies refused at the door, on each POST route', () => {
      // Anything written to the temp directory would land here.
      beforeEach(() => {
        savedTmp = process.env.TMPDIR;
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tab-abuse-tmp-'));
        process.env.TMPDIR = tmp;
      });
      afterEach(() => {
        if (savedTmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = savedTmp;
        fs.rmSync(tmp, { recursive: true, force: true });
      });
      for (const r of POSTS) {
        for (const c of HTTP_CASES) {
          it(`${r.path}: ${c.name} → ${c.status}${c.withinMs ? ` in under ${c.withinMs} ms` : ''}, nothing changed`, async () => {
            await fetch(`${h.base}/healthz`);
            const before = state();
            // Signed in as the chair, who could otherwise save: the refusal is the body's.
            const withAuth = {
              ...c,
              request: () => {
                const q = c.request();
                return { ...q, headers: { ...q.headers, authorization: 'Local sally-richardson' } };
              },
            };
            let result = await runHttpCase(h.base, r.path, withAuth);
            // The machine is shared: a refusal made before the body is read is quick
            // at least once in three tries, however busy the other cores are.
            for (let i = 0; i < 2 && c.withinMs && result.ms >= c.withinMs; i++) result = await runHttpCase(h.base, r.path, withAuth);
            expect(result.status, result.body).to.equal(c.status);
            if (c.withinMs) expect(result.ms).to.be.below(c.withinMs);
            expect(JSON.parse(result.body).error.message).to.be.a('string');
            expect(fs.readdirSync(tmp)).to.deep.equal([]);
            expect(state()).to.equal(before);
          });
        }
        it(`${r.path}: a body that is JSON but not an object (array, string, null, number) → 400, nothing changed`, async () => {
          for (const body of [[1, 2], 'update', null, 42, true]) {
            const before = state();
            const res = await send(h.base, r, 'Local sally-richardson', body);
            expect(res.status, `${JSON.stringify(body)}: ${res.text}`).to.equal(400);
            expect(state()).to.equal(before);
          }
        });
      }
      it('a GET that carries a body is refused (400) before it is read', async () => {
        for (const r of ROUTES.filter((x) => x.method === 'GET')) {
          const res = await runHttpCase(h.base, r.path, {
            name: 'GET with body',
            finding: '',
            status: 400,
            request: () => ({
              method: 'GET',
              headers: { 'content-type': 'application/json', authorization: 'Local sally-richardson' },
              body: Buffer.from('{}'),
            }),
          });
          expect(res.status, r.path).to.equal(400);
        }
      });
    });

    it('a path or verb no route has is answered briefly as JSON, not by quoting the path back', async () => {
      const before = state();
      for (const [method, p, status] of [
        ['DELETE', '/api/tab/actions/1.1.3', 405],
        ['PUT', '/api/tab/session', 405],
        ['GET', `/api/tab/actions/${'z'.repeat(3000)}`, 404],
        ['GET', '/api/tab/nothing-here', 404],
      ] as Array<[string, string, number]>) {
        const res = await fetch(`${h.base}${p}`, { method, headers: { authorization: 'Local sally-richardson' } });
        const text = await res.text();
        expect(res.status, `${method} ${p.slice(0, 40)}: ${text.slice(0, 100)}`).to.equal(status);
        expect(res.headers.get('content-type')).to.match(/^application\/json/);
        expect(Object.keys(JSON.parse(text))).to.deep.equal(['error']);
        expect(text.length).to.be.below(200);
      }
      expect(state()).to.equal(before);
    });

    describe('who is asking', () => {
      for (const [what, auth] of [
        ['no Authorization header', undefined],
        ['an empty one', ''],
        ['a Bearer token when SSO is not set up', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.x'],
        ['local sign-in as nobody in the plan', 'Local nobody-at-all'],
        ['local sign-in with no key', 'Local'],
        ['Basic credentials', 'Basic c2FsbHk6cGFzcw=='],
        ['a 10 KB key', `Local ${'k'.repeat(10_000)}`],
      ] as Array<[string, string | undefined]>) {
        it(`${what}: 401 with no data on every route, nothing changed`, async () => {
          for (const r of ROUTES.filter((x) => x.path !== '/api/tab/local/people')) {
            const before = state();
            const res = await send(h.base, r, auth, r.body?.((await h.store.getAction('1.1.3'))!.etag));
            expect(res.status, `${r.method} ${r.path}: ${res.text}`).to.equal(401);
            expect(Object.keys(res.body)).to.deep.equal(['error']);
            expectNoSecrets(res.text, secrets, r.path);
            expect(state()).to.equal(before);
          }
        });
      }
    });

    describe('a stranger (in the leads list, with no part in the plan)', () => {
      it('is refused every route that shows the plan, and told nothing about it', async () => {
        const before = state();
        const expected: Record<string, number> = {
          '/api/tab/session': 403,
          '/api/tab/local/people': 200,
          [`/api/tab/groups/${GROUP}`]: 403,
          '/api/tab/actions/1.1.3': 403,
          '/api/tab/actions/1.1.3/update': 403,
          '/api/tab/actions/1.1.3/complete': 403,
          '/api/tab/actions/1.1.3/sign-off': 403,
          '/api/tab/kpis': 403,
          [`/api/tab/kpis?group=${GROUP}`]: 403,
          '/api/tab/kpis/1.1.K1/measurements': 403,
          '/api/tab/board': 403,
          '/api/tab/my-actions': 200,
          '/api/tab/export?format=xlsx': 403,
          [`/api/tab/export?format=docx&group=${GROUP}`]: 403,
        };
        const etag = (await h.store.getAction('1.1.3'))!.etag;
        for (const r of ROUTES) {
          const res = await send(h.base, r, `Local ${STRANGER.key}`, r.body?.(etag));
          expect(res.status, `${r.path}: ${res.text}`).to.equal(expected[r.path]);
          if (res.status === 403) expect(Object.keys(res.body), r.path).to.deep.equal(['error']);
          expectNoSecrets(res.text, secrets, r.path);
        }
        for (const g of (await h.store.loadPlan()).deliveryGroups) {
          for (const p of [`/api/tab/groups/${g.key}`, `/api/tab/kpis?group=${g.key}`]) {
            const res = await send(h.base, { method: 'GET', path: p }, `Local ${STRANGER.key}`);
            expect(res.status, p).to.equal(403);
            expectNoSecrets(res.text, secrets, p);
          }
        }
        expect(
          (
            await send(
              h.base,
              ROUTES.find((r) => r.path === '/api/tab/my-actions')!,
              `Local ${STRANGER.key}`,
            )
          ).body.actions,
        ).to.deep.equal([]);
        expect(state()).to.equal(before);
      });

      it('every action ref, every verb: 403, no action text, commentary, evidence or eTag, nothing changed', async () => {
        const plan = await h.store.loadPlan();
        expect(plan.actions.length).to.be.greaterThan(100);
        const before = state();
        for (const a of plan.actions) {
          const ref = a.value.ref;
          const attempts: Array<[string, Route, unknown]> = [
            ['detail', { method: 'GET', path: `/api/tab/actions/${ref}` }, undefined],
            [
              'update',
              { method: 'POST', path: `/api/tab/actions/${ref}/update` },
              { etag: a.etag, rag: 'Red', dueDate: '2023-12-31', commentary: 'mine now' },
            ],
            ['update, not text', { method: 'POST', path: `/api/tab/actions/${ref}/update` }, { etag: a.etag, rag: 123, commentary: { x: 1 } }],
            ['update, no eTag', { method: 'POST', path: `/api/tab/actions/${ref}/update` }, { rag: 'Green' }],
            ['complete', { method: 'POST', path: `/api/tab/actions/${ref}/complete` }, { etag: a.etag, evidence: 'done' }],
            ['sign-off', { method: 'POST', path: `/api/tab/actions/${ref}/sign-off` }, { etag: a.etag }],
            [
              'sign-off, stale eTag',
              { method: 'POST', path: `/api/tab/actions/${ref}/sign-off` },
              { etag: '"{00000000-0000-0000-0000-000000000000},1"' },
            ],
          ];
          for (const [what, r, body] of attempts) {
            const res = await send(h.base, r, `Local ${STRANGER.key}`, body);
            expect(res.status, `${ref} ${what}: ${res.text}`).to.equal(403);
            expect(Object.keys(res.body)).to.deep.equal(['error']);
            expect(res.text, `${ref} ${what}`).not.to.contain(a.etag);
            expect(res.text, `${ref} ${what}`).not.to.contain(a.value.text.slice(0, 40));
            expectNoSecrets(res.text, [COMMENTARY, EVIDENCE], `${ref} ${what}`);
          }
        }
        expect(state()).to.equal(before);
      });
    });

    describe("a lead of other actions, on someone else's", () => {
      it("Dave Carr cannot open, update, complete or sign off 1.1.3, nor reach it through his own action's URL", async () => {
        const plan = await h.store.loadPlan();
        const daves = plan.actions.find((a) => a.value.leadKeys.includes('dave-carr'));
        expect(daves, 'Dave Carr leads an action in the sample').to.not.equal(undefined);
        const target = (await h.store.getAction('1.1.3'))!;
        const before = state();
        for (const r of ROUTES.filter((x) => x.path.includes('1.1.3'))) {
          const res = await send(h.base, r, 'Local dave-carr', r.body?.(target.etag));
          expect(res.status, `${r.path}: ${res.text}`).to.equal(403);
          expect(Object.keys(res.body)).to.deep.equal(['error']);
          expectNoSecrets(res.text, [COMMENTARY, EVIDENCE, target.etag, target.value.text.slice(0, 40)], r.path);
        }
        // Card-style data naming 1.1.3, posted to his own action: the URL decides, and 1.1.3 is untouched.
        const res = await send(h.base, { method: 'POST', path: `/api/tab/actions/${daves!.value.ref}/update` }, 'Local dave-carr', {
          ref: '1.1.3',
          etag: target.etag,
          rag: 'Green',
          commentary: 'hijack',
        });
        expect(res.status, res.text).to.equal(409);
        expectNoSecrets(res.text, [COMMENTARY, EVIDENCE, target.etag], 'own URL with 1.1.3 data');
        expect(state()).to.equal(before);
      });
    });

    describe('card-style data for actions and KPIs that do not exist', () => {
      const refs = [
        '9.9.9',
        '1.1',
        '1.1.3.1',
        ' 1.1.3',
        '1.1.3%00',
        '..%2F..%2Fetc%2Fpasswd',
        encodeURIComponent("1.1.3' OR '1'='1"),
        'x'.repeat(2000),
        '%F0%9F%92%A5',
        '__proto__',
        'constructor',
      ];
      for (const ref of refs) {
        it(`ref ${ref.slice(0, 30)}: 404 on every action route, nothing changed, nothing echoed at length`, async () => {
          const before = state();
          const etag = (await h.store.getAction('1.1.3'))!.etag;
          for (const r of [
            { method: 'GET', path: `/api/tab/actions/${ref}` },
            { method: 'POST', path: `/api/tab/actions/${ref}/update`, body: () => ({ etag, rag: 'Green' }) },
            { method: 'POST', path: `/api/tab/actions/${ref}/complete`, body: () => ({ etag, evidence: 'x' }) },
            { method: 'POST', path: `/api/tab/actions/${ref}/sign-off`, body: () => ({ etag }) },
            { method: 'POST', path: `/api/tab/kpis/${ref}/measurements`, body: () => ({ measuredOn: '2023-03-31', value: '1' }) },
            { method: 'GET', path: `/api/tab/groups/${ref}` },
            { method: 'GET', path: `/api/tab/kpis?group=${ref}` },
          ] as Route[]) {
            const res = await send(h.base, r, 'Local board-secretariat', r.body?.(etag));
            expect(res.status, `${r.method} ${r.path.slice(0, 60)}: ${res.text.slice(0, 200)}`).to.be.oneOf([400, 404]);
            expect(Object.keys(res.body)).to.deep.equal(['error']);
            expect(res.text.length, r.path.slice(0, 60)).to.be.below(600);
            expectNoSecrets(res.text, [etag, COMMENTARY, EVIDENCE], r.path);
          }
          expect(state()).to.equal(before);
        });
      }
    });

    describe('dates in odd formats', () => {
      const ODD = [...ODD_DATES, ' 2024-01-01 x', '2024-01-01\u0000'];
      for (const date of ODD) {
        it(`${JSON.stringify(date).slice(0, 30)} as a new completion date, a measurement date and "changed since": 400, nothing changed`, async () => {
          const a = (await h.store.getAction('1.1.1'))!;
          const before = state();
          const up = await h.call('POST', '/api/tab/actions/1.1.1/update', 'sally-richardson', {
            etag: a.etag,
            rag: 'Red',
            dueDate: date,
            commentary: 'Late',
          });
          expect(up.status, JSON.stringify(up.body)).to.equal(400);
          expect(up.body.problems.join(' ')).to.match(/not a real date/);
          const m = await h.call('POST', '/api/tab/kpis/1.1.K1/measurements', 'sally-richardson', { measuredOn: date, value: '12%' });
          expect(m.status, JSON.stringify(m.body)).to.equal(400);
          expect(m.body.problems.join(' ')).to.match(/not a real date/);
          const g = await h.call('GET', `/api/tab/groups/${GROUP}?changedSince=${encodeURIComponent(date)}`, 'sally-richardson');
          expect(g.status, JSON.stringify(g.body)).to.equal(400);
          expect(state()).to.equal(before);
        });
      }
      it('a measurement dated after today, and a completion date in the past: 400, nothing changed', async () => {
        const a = (await h.store.getAction('1.1.1'))!;
        const before = state();
        expect(
          (await h.call('POST', '/api/tab/kpis/1.1.K1/measurements', 'sally-richardson', { measuredOn: '2099-01-01', value: '12%' })).status,
        ).to.equal(400);
        expect(
          (
            await h.call('POST', '/api/tab/actions/1.1.1/update', 'sally-richardson', {
              etag: a.etag,
              rag: 'Red',
              dueDate: '2020-01-01',
              commentary: 'Late',
            })
          ).status,
        ).to.equal(400);
        expect(state()).to.equal(before);
      });
    });

    describe('HTML, script, Markdown links, mentions and 100 KB in every text field', () => {
      const BIG = 'y'.repeat(100 * 1024);
      const texts = [...HOSTILE_TEXT, BIG];
      const label = (t: string) => JSON.stringify(t).slice(0, 40);

      /** Answers are JSON, and say so in a way no browser reads otherwise. */
      function expectJson(res: { headers: Headers }) {
        expect(res.headers.get('content-type')).to.match(/^application\/json/);
        expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      }

      it('answers JSON (never HTML) whatever the Accept header asks for', async () => {
        for (const accept of ['text/html', 'text/plain', 'application/xml', '*/*', 'text/html;q=1, application/json;q=0.1']) {
          const res = await send(h.base, { method: 'GET', path: '/api/tab/actions/1.1.3' }, 'Local sally-richardson', undefined, { accept });
          expect(res.status, accept).to.equal(200);
          expectJson(res);
          expect(res.body.row.commentary, accept).to.equal(COMMENTARY);
          const refused = await send(h.base, { method: 'GET', path: '/api/tab/actions/9.9.9' }, 'Local sally-richardson', undefined, { accept });
          expect(refused.status).to.equal(403); // a chair learns nothing from a ref that is not in the plan
          expectJson(refused);
        }
      });

      for (const text of texts) {
        it(`${label(text)} in RAG and the new date is refused (nothing changed); as commentary it is stored and answered exactly`, async () => {
          const a = (await h.store.getAction('1.1.1'))!;
          const before = state();
          for (const body of [
            { etag: a.etag, rag: text, commentary: 'x' },
            { etag: a.etag, rag: 'Red', dueDate: text, commentary: 'x' },
          ]) {
            const res = await send(h.base, { method: 'POST', path: '/api/tab/actions/1.1.1/update' }, 'Local sally-richardson', body);
            expect(res.status, res.text.slice(0, 200)).to.equal(400);
            expectJson(res);
            expect(res.text.length).to.be.below(2000);
            expect(state()).to.equal(before);
          }
          const res = await send(h.base, { method: 'POST', path: '/api/tab/actions/1.1.1/update' }, 'Local sally-richardson', {
            etag: a.etag,
            rag: 'Amber',
            commentary: text,
          });
          expectJson(res);
          if (text === BIG) {
            expect(res.status).to.equal(400);
            expect(res.body.problems.join(' ')).to.contain('Keep the commentary to');
            expect(state()).to.equal(before);
            return;
          }
          expect(res.status, res.text).to.equal(200);
          expect((await h.store.getAction('1.1.1'))!.value.commentary).to.equal(text);
          expect(res.body.saved.row.commentary).to.equal(text);
          const shown = await h.call('GET', '/api/tab/actions/1.1.1', 'sally-richardson');
          expect(shown.body.row.commentary).to.equal(text);
          expect(shown.body.history.at(-1).comment).to.equal(text);
          const group = await h.call('GET', `/api/tab/groups/${GROUP}`, 'sally-richardson');
          const row = group.body.outcomes
            .flatMap((o: { actions: Array<{ ref: string }> }) => o.actions)
            .find((x: { ref: string }) => x.ref === '1.1.1');
          expect(row.commentary).to.equal(text);
        });
      }

      it('as completion evidence: stored and answered exactly, or refused (100 KB) with nothing changed', async () => {
        for (const text of texts) {
          const a = (await h.store.getAction('1.2.2'))!;
          const before = state();
          const res = await send(h.base, { method: 'POST', path: '/api/tab/actions/1.2.2/complete' }, 'Local jennifer-ashton', {
            etag: a.etag,
            evidence: text,
          });
          expectJson(res);
          if (text === BIG) {
            expect(res.status).to.equal(400);
            expect(res.body.problems.join(' ')).to.contain('Keep the completion evidence to');
            expect(state()).to.equal(before);
            continue;
          }
          expect(res.status, `${label(text)}: ${res.text}`).to.equal(200);
          expect((await h.store.getAction('1.2.2'))!.value.completionEvidence).to.equal(text);
          expect(res.body.saved.completionEvidence).to.equal(text);
          expect((await h.call('GET', '/api/tab/actions/1.2.2', 'sally-richardson')).body.completionEvidence).to.equal(text);
        }
      });

      it('as the sign-off comment: stored and answered exactly, or refused (100 KB) with nothing changed', async () => {
        // Sally (the chair) reports each completion; the secretariat signs it off.
        const refs = (await h.store.loadPlan()).actions.map((a) => a.value.ref).filter((r) => /^1\.(4|5|6)\./.test(r) || /^1\.3\.[2-9]/.test(r));
        expect(refs.length).to.be.at.least(texts.length);
        for (const [i, text] of texts.entries()) {
          const ref = refs[i];
          const open = (await h.store.getAction(ref))!;
          const done = await h.call('POST', `/api/tab/actions/${ref}/complete`, 'sally-richardson', { etag: open.etag, evidence: 'Minutes' });
          expect(done.status, JSON.stringify(done.body)).to.equal(200);
          const before = state();
          const res = await send(h.base, { method: 'POST', path: `/api/tab/actions/${ref}/sign-off` }, 'Local board-secretariat', {
            etag: done.body.saved.row.etag,
            comment: text,
          });
          expectJson(res);
          if (text === BIG) {
            expect(res.status, res.text.slice(0, 300)).to.equal(400);
            expect(res.body.problems.join(' ')).to.contain('Keep the comment to');
            expect(state()).to.equal(before);
            continue;
          }
          expect(res.status, `${label(text)}: ${res.text.slice(0, 300)}`).to.equal(200);
          expect(res.body.saved.row.rag).to.equal('Blue');
          expect(res.body.saved.history.at(-1).comment).to.equal(text);
          expect((await h.store.actionHistory(ref)).at(-1)!.comment).to.equal(text);
        }
      });

      it('as a measurement value, date and note: stored and answered exactly, or refused with nothing changed', async () => {
        for (const text of texts) {
          for (const body of [
            { measuredOn: text, value: '12%' },
            { measuredOn: '2023-03-31', value: `${text}` },
            { measuredOn: '2023-03-31', value: '12%', note: text },
          ]) {
            const before = state();
            const res = await send(h.base, { method: 'POST', path: '/api/tab/kpis/1.1.K1/measurements' }, 'Local sally-richardson', body);
            expectJson(res);
            const what = `${label(text)} in ${Object.keys(body).find((k) => (body as Record<string, string>)[k] === text)}`;
            if (res.status !== 200) {
              expect(res.status, `${what}: ${res.text.slice(0, 200)}`).to.equal(400);
              expect(res.text.length, what).to.be.below(2000);
              expect(state(), what).to.equal(before);
              continue;
            }
            // Accepted: the newest measurement is exactly what was typed.
            expect(body.measuredOn, what).to.equal('2023-03-31');
            const stored = (await h.store.kpiMeasurements('1.1.K1')).at(-1)!;
            expect({ value: stored.value, note: stored.note }, what).to.deep.equal({ value: body.value, note: body.note });
            const answered = res.body.measurements.find((m: { value: string; note?: string }) => m.value === body.value && m.note === body.note);
            expect(answered, what).to.not.equal(undefined);
          }
        }
        // 100 KB is never stored whole in any of them.
        for (const m of await h.store.kpiMeasurements('1.1.K1')) expect((m.note ?? '').length + m.value.length).to.be.below(10_000);
      });
    });
  });

  describe('with Teams sign-in configured (the fake Entra authority)', () => {
    let sso: FakeAuthority;
    let h: TabHarness;
    let state: () => string;
    let secrets: string[];
    const now = () => Math.floor(Date.now() / 1000);
    before(async () => {
      sso = await startFakeAuthority();
      h = await startTabHarness('sqlite', {
        env: {
          ...sso.settings(),
        },
      });
      state = () => dbState(h.store as SqlitePlanStore);
      await h.store.saveLead({ key: STRANGER.key, displayName: STRANGER.name, aliases: [], aadObjectId: STRANGER.aad });
      const etag = (await h.store.getAction('1.1.3'))!.etag;
      const jen = `Bearer ${await sso.signToken({ oid: AAD.jen })}`;
      const r = await h.call('POST', '/api/tab/actions/1.1.3/update', { authorization: jen }, { etag, rag: 'Amber', commentary: COMMENTARY });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      const c = await h.call('POST', '/api/tab/actions/1.1.3/complete', { authorization: jen }, { etag: r.body.saved.row.etag, evidence: EVIDENCE });
      expect(c.status, JSON.stringify(c.body)).to.equal(200);
      secrets = await secretsOf(h);
    });
    after(async () => {
      await h?.close();
      await sso?.close();
    });

    const hs256 = () =>
      new SignJWT({ oid: AAD.sally, tid: sso.tenantId, scp: 'access_as_user' })
        .setProtectedHeader({ alg: 'HS256', kid: 'planpulse-test-key' })
        .setIssuer(`${sso.authorityHost}/${sso.tenantId}/v2.0`)
        .setAudience(sso.clientId)
        .setIssuedAt()
        .setNotBefore(now() - 60)
        .setExpirationTime(now() + 3600)
        .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-for-hs256'));
    const algNone = async () =>
      `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(
        JSON.stringify({
          oid: AAD.sally,
          tid: sso.tenantId,
          scp: 'access_as_user',
          iss: `${sso.authorityHost}/${sso.tenantId}/v2.0`,
          aud: sso.clientId,
          nbf: now() - 60,
          exp: now() + 3600,
        }),
      )}.`;
    const otherTenant = '99999999-0000-4000-8000-000000000000';
    const BAD: Array<[string, () => Promise<string | undefined>]> = [
      ['no token', async () => undefined],
      ['an empty Bearer', async () => 'Bearer '],
      ['garbage', async () => 'Bearer not-a-token'],
      ['garbage in three parts', async () => 'Bearer a.b.c'],
      ['expired', async () => `Bearer ${await sso.signToken({ oid: AAD.sally, exp: now() - 600, iat: now() - 4000, nbf: now() - 4000 })}`],
      ['not yet valid', async () => `Bearer ${await sso.signToken({ oid: AAD.sally, nbf: now() + 600 })}`],
      ['from the wrong issuer', async () => `Bearer ${await sso.signToken({ oid: AAD.sally, iss: 'https://evil.example/v2.0' })}`],
      ['for the wrong audience', async () => `Bearer ${await sso.signToken({ oid: AAD.sally, aud: '00000003-0000-0000-c000-000000000000' })}`],
      [
        'for another tenant',
        async () => `Bearer ${await sso.signToken({ oid: AAD.sally, tid: otherTenant, iss: `${sso.authorityHost}/${otherTenant}/v2.0` })}`,
      ],
      ['with the right issuer but another tid', async () => `Bearer ${await sso.signToken({ oid: AAD.sally, tid: otherTenant })}`],
      ['signed by a key the authority does not publish', async () => `Bearer ${await sso.signToken({ oid: AAD.sally }, { untrustedKey: true })}`],
      ['signed HS256', async () => `Bearer ${await hs256()}`],
      ['with alg none', async () => `Bearer ${await algNone()}`],
      ['without the scope', async () => `Bearer ${await sso.signToken({ oid: AAD.sally, scp: 'User.Read' })}`],
      ['local sign-in (SSO is configured)', async () => 'Local sally-richardson'],
      ['local sign-in as the secretariat', async () => 'Local board-secretariat'],
    ];
    for (const [what, make] of BAD) {
      it(`${what}: refused on every route (401; the people list 404) with no data, nothing changed`, async () => {
        const auth = await make();
        const etag = (await h.store.getAction('1.1.3'))!.etag;
        for (const r of ROUTES) {
          const before = state();
          const res = await send(h.base, r, auth, r.body?.(etag));
          expect(res.status, `${r.method} ${r.path}: ${res.text}`).to.equal(r.path === '/api/tab/local/people' ? 404 : 401);
          expect(Object.keys(res.body)).to.deep.equal(['error']);
          expectNoSecrets(res.text, secrets, r.path);
          expect(state()).to.equal(before);
        }
      });
    }

    it('a 60 KB token: refused by the HTTP server before any route runs (431), nothing changed', async () => {
      const before = state();
      for (const r of ROUTES) {
        const res = await fetch(`${h.base}${r.path}`, { method: r.method, headers: { authorization: `Bearer ${'A'.repeat(60_000)}.B.c` } });
        expect(res.status, r.path).to.equal(431);
      }
      expect(state()).to.equal(before);
    });

    it('a good token for someone the plan does not know: 403 everywhere, no data', async () => {
      const auth = `Bearer ${await sso.signToken({ oid: 'bbbbbbbb-0000-4000-8000-000000000099' })}`;
      const etag = (await h.store.getAction('1.1.3'))!.etag;
      const before = state();
      for (const r of ROUTES.filter((x) => x.path !== '/api/tab/local/people')) {
        const res = await send(h.base, r, auth, r.body?.(etag));
        expect(res.status, `${r.path}: ${res.text}`).to.equal(403);
        expect(Object.keys(res.body)).to.deep.equal(['error']);
        expectNoSecrets(res.text, secrets, r.path);
      }
      expect(state()).to.equal(before);
    });

    it('a good token for a stranger in the leads list: every action ref and verb refused, no data', async () => {
      const auth = `Bearer ${await sso.signToken({ oid: STRANGER.aad, name: 'Sally Richardson' })}`;
      const plan = await h.store.loadPlan();
      const before = state();
      for (const a of plan.actions) {
        for (const [r, body] of [
          [{ method: 'GET', path: `/api/tab/actions/${a.value.ref}` }, undefined],
          [
            { method: 'POST', path: `/api/tab/actions/${a.value.ref}/update` },
            { etag: a.etag, rag: 'Green' },
          ],
          [
            { method: 'POST', path: `/api/tab/actions/${a.value.ref}/complete` },
            { etag: a.etag, evidence: 'x' },
          ],
          [{ method: 'POST', path: `/api/tab/actions/${a.value.ref}/sign-off` }, { etag: a.etag }],
        ] as Array<[Route, unknown]>) {
          const res = await send(h.base, r, auth, body);
          expect(res.status, `${r.path}: ${res.text}`).to.equal(403);
          expect(Object.keys(res.body)).to.deep.equal(['error']);
          expect(res.text).not.to.contain(a.etag);
          expectNoSecrets(res.text, [COMMENTARY, EVIDENCE, a.value.text.slice(0, 40)], r.path);
        }
      }
      for (const r of ROUTES.filter((x) => !x.path.includes('1.1.3') && x.method === 'GET')) {
        const res = await send(h.base, r, auth);
        expectNoSecrets(res.text, secrets, r.path);
      }
      expect(state()).to.equal(before);
    });
  });

  describe('on a non-loopback address (HOST=0.0.0.0, with Bot Framework credentials, no SSO)', () => {
    let h: TabHarness;
    let state: () => string;
    before(async () => {
      h = await startTabHarness('sqlite', {
        env: {
          HOST: '0.0.0.0',
          MicrosoftAppId: '12345678-1234-4234-8234-123456789012',
          MicrosoftAppPassword: 'not-a-real-secret',
          MicrosoftAppType: 'MultiTenant',
        },
      });
      state = () => dbState(h.store as SqlitePlanStore);
    });
    after(async () => h?.close());

    for (const who of ['sally-richardson', 'board-secretariat', 'jennifer-ashton']) {
      it(`Local ${who}: refused on every route, even from this machine (the people list 404), nothing changed`, async () => {
        const etag = (await h.store.getAction('1.1.3'))!.etag;
        for (const r of ROUTES) {
          const before = state();
          const res = await send(h.base, r, `Local ${who}`, r.body?.(etag));
          expect(res.status, `${r.path}: ${res.text}`).to.equal(r.path === '/api/tab/local/people' ? 404 : 401);
          expect(Object.keys(res.body)).to.deep.equal(['error']);
          expect(res.text).not.to.contain(etag);
          expect(state()).to.equal(before);
        }
      });
    }
  });
});
