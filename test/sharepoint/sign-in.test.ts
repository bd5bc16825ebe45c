// The SharePoint store signing in as itself (client credentials through
// msal-node) against an Entra authority that is only a setting, then
// provisioning and importing through the Graph fake, as `planpulse` does.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { createSharePointPlanStore } from '../../store/sharepoint';
import { startEntraFake, type EntraFake } from '../fakes/entra';
import { startGraphFake, type GraphFake } from '../fakes/graph';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

const TENANT = '3c1f9e2a-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const CLIENT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

describe('signing in to Graph with client credentials', function () {
  this.timeout(60_000);
  let graph: GraphFake;
  let entra: EntraFake;
  beforeEach(async () => {
    graph = await startGraphFake({ requiredToken: 'issued-by-entra-fake' });
    entra = await startEntraFake({
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's3cret',
      token: 'issued-by-entra-fake',
      scope: `${graph.baseUrl}/.default`,
    });
  });
  afterEach(async () => {
    await graph.close();
    await entra.close();
  });

  it('gets a token from the configured authority once and uses it for every Graph call', async () => {
    const store = createSharePointPlanStore({
      graphBaseUrl: graph.baseUrl,
      site: `${graph.hostname}:/sites/send-partnership`,
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's3cret',
      authority: `${entra.url}/${TENANT}`,
    });
    const report = await store.provision();
    expect(report.changes).to.include('created list PlanPulse Actions');
    expect(entra.tokenRequests).to.have.length(1); // MSAL's cache serves the rest
    expect(entra.tokenRequests[0]).to.include({ grant_type: 'client_credentials', scope: `${graph.baseUrl}/.default` });
    expect(graph.requests.every((r) => r.headers.authorization === 'Bearer issued-by-entra-fake')).to.equal(true);
  });

  const TLS = path.resolve(__dirname, '../fixtures/tls');

  /** Provisions with only a certificate file: one token request, a signed assertion, no secret. */
  async function provisionsWithCertificate(certificatePath: string): Promise<void> {
    const withCert = await startEntraFake({
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 'not-this',
      token: 'issued-by-entra-fake',
      scope: `${graph.baseUrl}/.default`,
      clientCertificatePem: fs.readFileSync(path.join(TLS, 'cert.pem'), 'utf8'),
    });
    try {
      const store = createSharePointPlanStore({
        graphBaseUrl: graph.baseUrl,
        site: `${graph.hostname}:/sites/send-partnership`,
        tenantId: TENANT,
        clientId: CLIENT,
        clientSecret: '',
        clientCertificatePath: certificatePath,
        authority: `${withCert.url}/${TENANT}`,
      });
      const report = await store.provision();
      expect(report.changes).to.include('created list PlanPulse Actions');
      expect(withCert.tokenRequests).to.have.length(1);
      expect(withCert.tokenRequests[0]).to.include({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
      expect(withCert.tokenRequests[0]).not.to.have.property('client_secret');
    } finally {
      await withCert.close();
    }
  }

  it('signs in with a certificate instead of a secret (AZURE_CLIENT_CERTIFICATE_PATH)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-cert-'));
    try {
      const pem = path.join(dir, 'graph.pem');
      fs.writeFileSync(pem, fs.readFileSync(path.join(TLS, 'cert.pem'), 'utf8') + fs.readFileSync(path.join(TLS, 'key.pem'), 'utf8'));
      await provisionsWithCertificate(pem);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs in with the .p12 App Service on Linux provides (no password), the same as with the PEM', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-p12-'));
    try {
      const p12 = path.join(dir, 'F00D.p12');
      execFileSync(
        'openssl',
        ['pkcs12', '-export', '-in', path.join(TLS, 'cert.pem'), '-inkey', path.join(TLS, 'key.pem'), '-out', p12, '-passout', 'pass:'],
        { stdio: 'pipe' },
      );
      await provisionsWithCertificate(p12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a certificate file it cannot read stops the command with one line naming the file, before any request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-p12-'));
    const junk = path.join(dir, 'ABCDEF.p12');
    fs.writeFileSync(junk, 'not a certificate');
    const env = {
      PLANPULSE_STORE: 'sharepoint',
      GRAPH_BASE_URL: graph.baseUrl,
      ENTRA_AUTHORITY_HOST: entra.url,
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_CLIENT_CERTIFICATE_PATH: junk,
      SHAREPOINT_SITE: `${graph.hostname}:/sites/send-partnership`,
    };
    const err: string[] = [];
    try {
      expect(await runCli(['provision'], { out: () => undefined, err: (l: string) => err.push(l), env })).to.equal(1);
      expect(err).to.have.length(1);
      expect(err[0]).to.match(
        /^planpulse provision: AZURE_CLIENT_CERTIFICATE_PATH \S+ABCDEF\.p12 is neither a PEM certificate with its key nor a readable PKCS#12 \(\.p12\/\.pfx\) file: /,
      );
      expect(err[0]).not.to.include('\n');
      expect(entra.tokenRequests).to.deep.equal([]);
      expect(graph.requests).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a wrong secret fails with Entra’s reason and writes nothing', async () => {
    const store = createSharePointPlanStore({
      graphBaseUrl: graph.baseUrl,
      site: `${graph.hostname}:/sites/send-partnership`,
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 'wrong',
      authority: `${entra.url}/${TENANT}`,
    });
    let error: Error | undefined;
    await store.provision().catch((e: Error) => (error = e));
    expect(error?.message).to.match(/invalid_client|Invalid client secret/);
    // It says it was the sign-in, where, as which app, and what to check; not that Graph was unreachable.
    expect(error?.message).to.include(
      `could not sign in to Microsoft Entra ID at ${entra.url}/${TENANT} as app ${CLIENT}: invalid_client: AADSTS7000215`,
    );
    expect(error?.message).to.include('check AZURE_CLIENT_SECRET');
    expect(error?.message).not.to.include('could not reach Graph');
    expect(graph.requests).to.deep.equal([]);
  });

  it('an authority that cannot be reached is reported as a sign-in failure naming ENTRA_AUTHORITY_HOST, before any Graph request', async () => {
    await entra.close();
    const store = createSharePointPlanStore({
      graphBaseUrl: graph.baseUrl,
      site: `${graph.hostname}:/sites/send-partnership`,
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's3cret',
      authority: `${entra.url}/${TENANT}`,
    });
    let error: Error | undefined;
    await store.provision().catch((e: Error) => (error = e));
    expect(error?.message).to.include(`could not sign in to Microsoft Entra ID at ${entra.url}/${TENANT}`);
    expect(error?.message).to.include('check ENTRA_AUTHORITY_HOST');
    expect(graph.requests).to.deep.equal([]);
    entra = await startEntraFake({
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's3cret',
      token: 'issued-by-entra-fake',
      scope: `${graph.baseUrl}/.default`,
    });
  });

  it('asks for the scope of Graph’s origin even when the base URL carries a version', async () => {
    const store = createSharePointPlanStore({
      graphBaseUrl: `${graph.baseUrl}/v1.0/`,
      site: `${graph.hostname}:/sites/send-partnership`,
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's3cret',
      authority: `${entra.url}/${TENANT}`,
    });
    const report = await store.provision();
    expect(report.changes).to.include('created list PlanPulse Actions');
    expect(entra.tokenRequests[0]).to.include({ scope: `${graph.baseUrl}/.default` });
  });

  it('planpulse provision and import run against any Graph-compatible endpoint from settings alone', async () => {
    const env = {
      PLANPULSE_STORE: 'sharepoint',
      GRAPH_BASE_URL: graph.baseUrl,
      ENTRA_AUTHORITY_HOST: entra.url,
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_CLIENT_SECRET: 's3cret',
      SHAREPOINT_SITE: `${graph.hostname}:/sites/send-partnership`,
    };
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env };
    // A dry run on a site with no lists yet reads it as empty and creates nothing.
    expect(await runCli(['import', SAMPLE_DIR, '--dry-run'], io), err.join('\n')).to.equal(0);
    expect(out).to.include('263 to create, 0 to update, 0 unchanged');
    expect(graph.lists()).to.deep.equal([]);
    expect(graph.requests.filter((r) => r.method !== 'GET')).to.deep.equal([]);
    out.length = 0;
    expect(await runCli(['provision'], io)).to.equal(0);
    expect(out.filter((l) => l.startsWith('created list'))).to.have.length(12);
    expect(out.at(-1)).to.match(/^provisioned: \d+ change\(s\)$/);
    out.length = 0;
    expect(await runCli(['provision'], io)).to.equal(0);
    expect(out).to.deep.equal(['already up to date: nothing changed']);
    out.length = 0;
    expect(await runCli(['import', SAMPLE_DIR], io), err.join('\n')).to.equal(0);
    expect(out.at(-1)).to.equal('imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
    const counts = out.at(-2)!;
    // Only the import's own requests: provisioning's reads before it are not counted.
    expect(counts).to.equal('263 to create, 0 to update, 0 unchanged; 26 requests to SharePoint (14 $batch carrying 263 writes)');
    expect(graph.items('PlanPulse Actions')).to.have.length(153);
    expect(graph.requests.filter((r) => r.isBatch).every((r) => r.innerCount! <= 20)).to.equal(true);
  });

  it('a refused import provisions nothing: the site stays empty, not even a token is asked for', async () => {
    const env = {
      PLANPULSE_STORE: 'sharepoint',
      GRAPH_BASE_URL: graph.baseUrl,
      ENTRA_AUTHORITY_HOST: entra.url,
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_CLIENT_SECRET: 's3cret',
      SHAREPOINT_SITE: `${graph.hostname}:/sites/send-partnership`,
    };
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l), env };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-refused-'));
    try {
      const bad = path.join(dir, 'plan.csv');
      fs.writeFileSync(bad, 'Ref,Owner\n1.1,Jo Bloggs\n');
      expect(await runCli(['import', bad], io)).to.equal(1);
      expect(err[0]).to.match(/^plan\.csv: missing column: text;/);
      expect(await runCli(['import', SAMPLE_DIR, '--dryrun'], io)).to.equal(2);
      expect(graph.requests).to.deep.equal([]);
      expect(graph.lists()).to.deep.equal([]);
      expect(entra.tokenRequests).to.deep.equal([]);
      // The same settings do reach the site once the plan is good.
      expect(await runCli(['import', SAMPLE_DIR], io), err.join('\n')).to.equal(0);
      expect(graph.items('PlanPulse Actions')).to.have.length(153);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
