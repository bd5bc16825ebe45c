// Graph's base URL and the Entra authority host are settings, so a national
// cloud (or a test endpoint) is a configuration change: nothing outside the
// defaults names the public cloud's hosts.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../app/config';

const ROOT = path.resolve(__dirname, '../..');
const SHAREPOINT_ENV = {
  PLANPULSE_STORE: 'sharepoint',
  AZURE_TENANT_ID: '3c1f9e2a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
  AZURE_CLIENT_ID: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  AZURE_CLIENT_SECRET: 'secret',
  SHAREPOINT_SITE: 'contoso.sharepoint.us:/sites/send-partnership',
};

/** The .ts files under a folder, without node_modules. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('cloud hosts come from settings', () => {
  it('reads a national cloud’s Graph and authority hosts, dropping a version or slash on GRAPH_BASE_URL', () => {
    const config = loadConfig({
      ...SHAREPOINT_ENV,
      GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/',
      ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
    });
    expect(config.graph).to.include({ baseUrl: 'https://graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us' });
  });

  it('names graph.microsoft.com and login.microsoftonline.com only as defaults', () => {
    const allowed = new Map([
      // The defaults of GRAPH_BASE_URL and ENTRA_AUTHORITY_HOST (the latter twice: the store's and the tab's), and the example in its error message.
      ['app/config.ts', 4],
      ['store/sharepoint/create-store.ts', 1], // PUBLIC_GRAPH, when a caller gives no base URL
      ['store/sharepoint/graph/auth.ts', 1], // defaultAuthority, when a caller gives no authority
    ]);
    const found = new Map<string, number>();
    for (const folder of ['app', 'bot', 'cli', 'core', 'store', 'tab']) {
      for (const file of sources(path.join(ROOT, folder))) {
        const code = fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line));
        const hits = code.filter((line) => /graph\.microsoft\.com|login\.microsoftonline\.com/.test(line)).length;
        if (hits > 0) found.set(path.relative(ROOT, file).split(path.sep).join('/'), hits);
      }
    }
    expect(Object.fromEntries(found)).to.deep.equal(Object.fromEntries(allowed));
  });
});
