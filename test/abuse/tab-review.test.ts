// A security review of the tab's API: local sign-in only from this machine on
// the embedded default (not through a proxy or tunnel, not under another Host,
// not with Entra settings present), and refusals that do not map the plan.
import http from 'node:http';
import { expect } from 'chai';
import { indexPlan, isOwnAction, groupAccess, personRoles } from '../../core/views/plan-index';
import { startFakeAuthority, type FakeAuthority } from '../fakes/tab-sso';
import { AAD, startTabHarness, type TabHarness } from '../tab/harness';

/** A raw request, so the Host header and proxy headers can be whatever an attacker sends. */
function raw(base: string, path: string, headers: Record<string, string>, method = 'GET', body?: unknown): Promise<{ status: number; text: string }> {
  const u = new URL(base);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('tab review: local sign-in is for this machine only', function () {
  this.timeout(30_000);
  let h: TabHarness;
  before(async () => (h = await startTabHarness('sqlite')));
  after(async () => h?.close());

  const host = () => `127.0.0.1:${new URL(h.base).port}`;
  const asSecretariat = { authorization: 'Local board-secretariat' };

  it('works for a plain request from this machine (the control)', async () => {
    expect((await raw(h.base, '/api/tab/session', { ...asSecretariat, host: host() })).status).to.equal(200);
    expect((await raw(h.base, '/api/tab/local/people', { host: `localhost:${new URL(h.base).port}` })).status).to.equal(200);
  });

  const proxied: Record<string, Record<string, string>> = {
    'X-Forwarded-For (nginx, App Service)': { 'x-forwarded-for': '203.0.113.7' },
    'Forwarded (RFC 7239)': { forwarded: 'for=203.0.113.7;host=planpulse.example' },
    'X-Forwarded-Host (dev tunnels)': { 'x-forwarded-host': 'abc123.uks1.devtunnels.ms' },
    'Via (a caching proxy)': { via: '1.1 proxy.example' },
    'X-Real-IP': { 'x-real-ip': '203.0.113.7' },
  };
  for (const [name, headers] of Object.entries(proxied)) {
    it(`is refused through a proxy or tunnel on the same machine: ${name}`, async () => {
      const session = await raw(h.base, '/api/tab/session', { ...asSecretariat, host: host(), ...headers });
      expect(session.status).to.equal(401);
      expect(session.text).not.to.contain('Board Secretariat');
      const people = await raw(h.base, '/api/tab/local/people', { host: host(), ...headers });
      expect(people.status).to.equal(404);
      expect(people.text).not.to.contain('Sally');
    });
  }

  for (const spoofed of ['planpulse.example', 'localhost.evil.example', '127.0.0.1.nip.io', 'evil.example:3978']) {
    it(`is refused under a Host that is not loopback (DNS rebinding, a tunnel's name): ${spoofed}`, async () => {
      const session = await raw(h.base, '/api/tab/session', { ...asSecretariat, host: spoofed });
      expect(session.status).to.equal(401);
      expect((await raw(h.base, '/api/tab/local/people', { host: spoofed })).status).to.equal(404);
    });
  }

  it('is refused for a page on another origin', async () => {
    expect((await raw(h.base, '/api/tab/session', { ...asSecretariat, host: host(), origin: 'https://evil.example' })).status).to.equal(401);
    expect((await raw(h.base, '/api/tab/session', { ...asSecretariat, host: host(), origin: `http://${host()}` })).status).to.equal(200);
  });

  it('changes nothing when refused: a forwarded write as the secretariat is not saved', async () => {
    const before = await h.store.getAction('1.1.3');
    const res = await raw(h.base, '/api/tab/actions/1.1.3/update', { ...asSecretariat, host: host(), 'x-forwarded-for': '203.0.113.7' }, 'POST', {
      etag: before!.etag,
      rag: 'Red',
      commentary: 'pwned',
    });
    expect(res.status).to.equal(401);
    expect((await h.store.getAction('1.1.3'))!.etag).to.equal(before!.etag);
  });
});

describe('tab review: local sign-in is off whenever Entra settings are present', function () {
  this.timeout(30_000);
  for (const [name, env] of Object.entries<Record<string, string>>({
    'the bot credentials on 127.0.0.1': {
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: '99999999-2222-4333-8444-555555555555',
    },
    'the bot credentials on 0.0.0.0': {
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: '99999999-2222-4333-8444-555555555555',
      HOST: '0.0.0.0',
    },
  })) {
    it(`refuses "Local <key>" with ${name}`, async () => {
      const h = await startTabHarness('sqlite', { env });
      try {
        const session = await h.call('GET', '/api/tab/session', 'board-secretariat');
        expect(session.status).to.equal(401);
        expect(JSON.stringify(session.body)).not.to.contain('Board Secretariat');
        expect((await h.call('GET', '/api/tab/local/people', { authorization: '' })).status).to.equal(404);
      } finally {
        await h.close();
      }
    });
  }
});

describe('tab review: refusals do not say which actions exist', function () {
  this.timeout(30_000);
  let h: TabHarness;
  let stranger: string;
  let notTheirs: string;
  before(async () => {
    h = await startTabHarness('sqlite');
    const ix = indexPlan(await h.store.loadPlan());
    // A lead and nothing more, and an action in a group they have no part in.
    for (const lead of ix.plan.leads) {
      const roles = personRoles(ix, lead);
      if (roles.length !== 1 || roles[0] !== 'lead') continue;
      const other = ix.plan.deliveryGroups.find((g) => groupAccess(ix, lead, g.key) === 'none');
      const action =
        other &&
        ix.plan.actions.find((a) => ix.priorities.get(a.value.priorityRef)?.deliveryGroupKey === other.key && !isOwnAction(a.value, lead.key));
      if (action) {
        stranger = lead.key;
        notTheirs = action.value.ref;
        break;
      }
    }
    expect(stranger, 'the sample has a plain lead with a group they have no part in').to.be.a('string');
  });
  after(async () => h?.close());

  it('answers a stranger alike for an action that is not theirs and one that does not exist', async () => {
    const real = await h.call('GET', `/api/tab/actions/${notTheirs}`, stranger);
    const missing = await h.call('GET', '/api/tab/actions/9.9.99', stranger);
    expect(real.status).to.equal(403);
    expect(missing.status).to.equal(real.status);
    expect(missing.body.error.replace('9.9.99', 'REF')).to.equal(real.body.error.replace(notTheirs, 'REF'));
    for (const verb of ['update', 'complete', 'sign-off']) {
      const a = await h.call('POST', `/api/tab/actions/${notTheirs}/${verb}`, stranger, { etag: 'x', rag: 'Red' });
      const b = await h.call('POST', `/api/tab/actions/9.9.99/${verb}`, stranger, { etag: 'x', rag: 'Red' });
      expect([a.status, b.status], verb).to.deep.equal([403, 403]);
    }
  });

  it('still tells the secretariat that a ref is not in the plan', async () => {
    expect((await h.call('GET', '/api/tab/actions/9.9.99', 'board-secretariat')).status).to.equal(404);
  });
});

describe('tab review: when the sign-in keys cannot be read', function () {
  this.timeout(30_000);
  let sso: FakeAuthority;
  let h: TabHarness;
  // A tenant the authority does not know: its metadata answers 404.
  const otherTenant = '0e0e0e0e-1111-4222-8333-444444444444';
  before(async () => {
    sso = await startFakeAuthority();
    h = await startTabHarness('sqlite', {
      env: {
        ...sso.settings({ TAB_SSO_TENANT_ID: otherTenant }),
      },
    });
  });
  after(async () => {
    await h?.close();
    await sso?.close();
  });

  it('answers 503 with Retry-After, says nothing of where the keys live, and does not fetch for every request', async () => {
    const token = await sso.signToken({ oid: AAD.sally, tid: otherTenant });
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${h.base}/api/tab/session`, { headers: { authorization: `Bearer ${token}` } });
      answers.push({ status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() });
    }
    for (const a of answers) {
      expect(a.status, a.text).to.equal(503);
      expect(Number(a.retryAfter)).to.be.greaterThan(0);
      expect(a.text).not.to.contain('https://');
      expect(a.text).not.to.contain(otherTenant);
      expect(a.text).not.to.contain('openid');
    }
    expect(sso.requests.filter((p) => p.endsWith('openid-configuration')).length, 'metadata fetches').to.equal(1);
  });
});

describe('tab review: KPI recording by someone who records none', function () {
  this.timeout(30_000);
  let h: TabHarness;
  before(async () => (h = await startTabHarness('sqlite')));
  after(async () => h?.close());

  it('is refused alike for a KPI that exists and one that does not, and records nothing', async () => {
    const plan = await h.store.loadPlan();
    const ix = indexPlan(plan);
    const lead = plan.leads.find((l) => personRoles(ix, l).join() === 'lead')!;
    const kpi = plan.kpis[0];
    expect(kpi, 'the sample has KPIs').to.not.equal(undefined);
    const before = (await h.store.kpiMeasurements(kpi.ref)).length;
    const body = { measuredOn: '2023-03-31', value: '99' };
    const real = await h.call('POST', `/api/tab/kpis/${encodeURIComponent(kpi.ref)}/measurements`, lead.key, body);
    const missing = await h.call('POST', '/api/tab/kpis/NO-SUCH-KPI/measurements', lead.key, body);
    expect([real.status, missing.status]).to.deep.equal([403, 403]);
    expect((await h.store.kpiMeasurements(kpi.ref)).length).to.equal(before);
    // The secretariat still hears that a ref is wrong.
    expect((await h.call('POST', '/api/tab/kpis/NO-SUCH-KPI/measurements', 'board-secretariat', body)).status).to.equal(404);
  });
});

describe('tab review: unauthenticated mode and a rebound DNS name', function () {
  this.timeout(30_000);
  let h: TabHarness;
  before(async () => (h = await startTabHarness('sqlite')));
  after(async () => h?.close());

  const activity = (text: string) => ({
    type: 'message',
    id: `review-${text}`,
    text,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: '29:jen', aadObjectId: AAD.jen, name: 'Jennifer Ashton' },
    recipient: { id: '28:bot', name: 'PlanPulse' },
    conversation: { id: 'a:review', conversationType: 'personal' },
  });

  it('refuses /api/messages addressed to a name that is not loopback, and answers the same request on loopback', async () => {
    const port = new URL(h.base).port;
    const rebound = await raw(h.base, '/api/messages', { host: `evil.example:${port}` }, 'POST', activity('my actions'));
    expect(rebound.status, rebound.text).to.equal(403);
    expect(rebound.text).not.to.contain('1.1.3');
    const local = await raw(h.base, '/api/messages', { host: `127.0.0.1:${port}` }, 'POST', activity('help'));
    expect(local.status, local.text).to.not.equal(403);
  });
});
