// Every setting the code reads is shown in .env.example and explained in the
// admin guide, and the guide says who sets it in Azure. The list is found by
// scanning the source (test/deploy/settings-read.ts), not kept by hand.
import { expect } from 'chai';
import { envExampleNames, guideSettings, settingsTheCodeReads } from './settings-read';

/**
 * Settings other changes (tab SSO, logging, Graph certificate) read, documented
 * here ahead of their code. Once they are merged the scan finds them and this
 * list can be emptied; until then they are the only rows allowed without code.
 */
const ANNOUNCED = ['PLANPULSE_LOG', 'AZURE_CLIENT_CERTIFICATE_PATH', 'TAB_SSO_TENANT_ID', 'TAB_SSO_CLIENT_ID', 'TAB_SSO_APP_ID_URI'];

describe('settings: code, .env.example and the admin guide agree', () => {
  const read = settingsTheCodeReads();

  it('finds the settings the code reads (the scan itself works)', () => {
    // A few that have been read since the start: if these vanish, the scan broke, not the code.
    for (const name of ['PLANPULSE_STORE', 'MicrosoftAppId', 'NUDGE_SCHEDULE', 'PORT', 'SHAREPOINT_SITE', 'TEAMS_APP_ID'])
      expect([...read.keys()]).to.include(name);
    expect(read.size).to.be.greaterThan(25);
  });

  it('shows every one of them in .env.example', () => {
    const shown = envExampleNames();
    const missing = [...read].filter(([name]) => !shown.has(name)).map(([name, files]) => `${name} (read in ${files.join(', ')})`);
    expect(missing, 'add these to .env.example').to.deep.equal([]);
  });

  it('explains every one of them in infra/README.md, saying who sets it in Azure', () => {
    const guide = guideSettings();
    const missing = [...read].filter(([name]) => !guide.has(name)).map(([name, files]) => `${name} (read in ${files.join(', ')})`);
    expect(missing, 'add these to the settings table in infra/README.md').to.deep.equal([]);
    const unclear = [...guide].filter(([, who]) => !/^(Bicep|by hand|default|not in Azure)$/.test(who)).map(([name, who]) => `${name}: "${who}"`);
    expect(unclear).to.deep.equal([]);
  });

  it('documents no setting the code does not read (a stale row misleads an admin)', () => {
    const stale = [...guideSettings().keys()].filter((name) => !read.has(name) && !ANNOUNCED.includes(name));
    expect(stale).to.deep.equal([]);
  });
});
