// No Bicep compiler or Agents Toolkit installs here (neither is on npm or in
// Debian), so these check what can be checked without them: every path the
// toolkit files name exists, every ${{VAR}} they use has a source, the Bicep
// has the parameters and outputs the toolkit relies on, and the Bicep's app
// settings cover every setting the code reads that the guide says it sets.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { guideSettings, ROOT, settingsTheCodeReads } from './settings-read';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const BICEP = read('infra/azure.bicep');
const PARAMETERS = JSON.parse(read('infra/azure.parameters.json')).parameters as Record<string, { value: unknown }>;
const TOOLKIT = { 'm365agents.yml': 'env/.env.dev', 'm365agents.local.yml': 'env/.env.local' } as const;

/** Bicep parameters: name → whether it has a default. */
function bicepParams(): Map<string, boolean> {
  return new Map([...BICEP.matchAll(/^param (\w+) \w+(\s*=)?/gm)].map((m) => [m[1], Boolean(m[2])]));
}
const bicepOutputs = () => new Set([...BICEP.matchAll(/^output (\w+) /gm)].map((m) => m[1]));
/** The toolkit writes a Bicep output to the env file upper-cased, other characters as "_". */
const toolkitName = (output: string) => output.toUpperCase().replace(/[^A-Z0-9]/g, '_');
const bicepAppSettings = () => new Set([...BICEP.matchAll(/\{ name: '(\w+)', value: /g)].map((m) => m[1]));
const envFileNames = (file: string) => new Set([...read(file).matchAll(/^([A-Za-z_]\w*)=/gm)].map((m) => m[1]));
const placeholders = (text: string) => new Set([...text.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]));

/** Names a toolkit file itself gives values to: writeToEnvironmentFile targets and ::set-teamsfx-env. */
function writtenBy(yml: string): Set<string> {
  const names = new Set<string>();
  const text = read(yml);
  for (const block of text.matchAll(/writeToEnvironmentFile:\n((?:\s{6,}\w+: \w+\n?)+)/g)) {
    for (const m of block[1].matchAll(/:\s*(\w+)/g)) names.add(m[1]);
  }
  for (const m of text.matchAll(/::set-teamsfx-env (\w+)=/g)) names.add(m[1]);
  return names;
}

/** The Bicep without comments, each string replaced by its ${…} interpolations (the only code inside it). */
function bicepCode(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '/' && line[i + 1] === '/') break;
        if (line[i] !== "'") {
          out += line[i];
          continue;
        }
        let end = i + 1;
        while (end < line.length && line[end] !== "'") end += line[end] === '\\' ? 2 : 1;
        out += ` '' ${[...line.slice(i + 1, end).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).join(' ')} `;
        i = end;
      }
      return out;
    })
    .join('\n');
}

describe('Agents Toolkit project and Bicep', () => {
  for (const [yml, envFile] of Object.entries(TOOLKIT)) {
    describe(yml, () => {
      const text = read(yml);

      it('names only paths that exist, and writes its packages into the git-ignored manifest/build', () => {
        const inputs = [
          ...text.matchAll(/^\s*-?\s*(path|parameters|manifestPath|ignoreFile|artifactFolder|environmentFolderPath):\s*(\S+)\s*$/gm),
        ].map((m) => m[2]);
        expect(inputs.length).to.be.greaterThan(2);
        const missing = inputs.filter((p) => !fs.existsSync(path.join(ROOT, p)));
        expect(missing).to.deep.equal([]);
        const outputs = [...text.matchAll(/^\s*(outputZipPath|outputFolder|appPackagePath):\s*(\S+)\s*$/gm)].map((m) => m[2]);
        expect(outputs.length).to.be.greaterThan(0);
        for (const out of outputs) expect(path.normalize(out).startsWith(path.normalize('manifest/build'))).to.equal(true, out);
        expect(read('.gitignore')).to.match(/^manifest\/build\/$/m);
        expect(fs.existsSync(path.join(ROOT, envFile))).to.equal(true);
      });

      it('gives every ${{VAR}} it and the manifest use a source: its env file, an action, or a Bicep output', () => {
        const sources = new Set([...envFileNames(envFile), ...writtenBy(yml)]);
        if (text.includes('arm/deploy')) for (const o of bicepOutputs()) sources.add(toolkitName(o));
        const used = new Set([...placeholders(text), ...placeholders(read('manifest/manifest.template.json'))]);
        // Secrets live in env/.env.<env>.user (git-ignored), written by the action that made them.
        const unsourced = [...used].filter((v) => !sources.has(v));
        expect(unsourced).to.deep.equal([]);
      });

      it('packages the release package.json names (the toolkit fills APP_VERSION from its env file)', () => {
        const version = JSON.parse(read('package.json')).version;
        expect(/^APP_VERSION=(.*)$/m.exec(read(envFile))?.[1]).to.equal(version);
      });

      it('keeps secrets out of the committed env file', () => {
        const names = [...envFileNames(envFile)];
        expect(names.filter((n) => /SECRET|PASSWORD/i.test(n))).to.deep.equal([]);
        expect(read(envFile)).not.to.match(/^[A-Za-z_]\w*=\S*(secret|password)/im);
        expect(read('.gitignore')).to.match(/^env\/\.env\.\*\.user$/m);
      });
    });
  }

  it('passes the Bicep only parameters it declares, and every parameter it requires', () => {
    const params = bicepParams();
    expect([...params.keys()]).to.include.members(['resourceBaseName', 'graphClientId', 'sharePointSite', 'tabSsoClientId', 'instanceCount']);
    expect(Object.keys(PARAMETERS).filter((p) => !params.has(p))).to.deep.equal([]);
    const required = [...params].filter(([, hasDefault]) => !hasDefault).map(([name]) => name);
    expect(required.filter((p) => !(p in PARAMETERS))).to.deep.equal([]);
    const fromEnv = placeholders(read('infra/azure.parameters.json'));
    const devEnv = envFileNames('env/.env.dev');
    expect([...fromEnv].filter((v) => !devEnv.has(v))).to.deep.equal([]);
  });

  it('declares the outputs m365agents.yml reads', () => {
    const outputs = new Set([...bicepOutputs()].map(toolkitName));
    for (const name of ['BOT_ID', 'AZURE_APP_SERVICE_RESOURCE_ID', 'PUBLIC_URL', 'PUBLIC_HOSTNAME', 'TAB_SSO_APP_ID_URI'])
      expect(outputs).to.include(name);
  });

  it('sets in App Service every setting the guide says the Bicep sets, and no unknown one', () => {
    const set = bicepAppSettings();
    const guide = guideSettings();
    const code = settingsTheCodeReads();
    const promised = [...guide].filter(([, who]) => who === 'Bicep').map(([name]) => name);
    expect(
      promised.filter((name) => !set.has(name)),
      'the guide says the Bicep sets these',
    ).to.deep.equal([]);
    // The Bicep's other settings are App Service's own, not misspelt PlanPulse ones.
    const platform = /^(WEBSITE_|SCM_|APPLICATIONINSIGHTS_CONNECTION_STRING$|ApplicationInsightsAgent_)/;
    const unknown = [...set].filter((name) => !guide.has(name) && !code.has(name) && !platform.test(name));
    expect(unknown).to.deep.equal([]);
    expect(
      [...set].filter((name) => guide.has(name) && guide.get(name) !== 'Bicep'),
      'set by the Bicep but the guide says otherwise',
    ).to.deep.equal([]);
  });

  it('runs Node 22 LTS always on, the bot as a managed identity with the Teams channel, secrets as Key Vault references', () => {
    expect(BICEP).to.contain("linuxFxVersion: 'NODE|22-lts'");
    expect(BICEP).to.contain('alwaysOn: true');
    expect(BICEP).to.match(/msaAppType: 'UserAssignedMSI'/);
    expect(BICEP).to.match(/msaAppMSIResourceId: identity\.id/);
    expect(BICEP).to.match(/channelName: 'MsTeamsChannel'/);
    expect(BICEP).to.contain("{ name: 'MicrosoftAppType', value: 'UserAssignedMSI' }");
    expect(BICEP).not.to.match(/name: 'MicrosoftAppPassword'/);
    expect(BICEP).to.match(
      /\{ name: 'AZURE_CLIENT_SECRET', value: '@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=graph-client-secret\)' \}/,
    );
    expect(BICEP).to.contain('keyVaultReferenceIdentity: identity.id');
    expect(BICEP).to.match(/\{ name: 'PLANPULSE_INSTANCES', value: string\(instanceCount\) \}/);
    expect(BICEP).to.match(/capacity: instanceCount/);
  });

  it('refers only to symbols it declares, with balanced brackets', () => {
    const declared = new Set([...BICEP.matchAll(/^(?:param|var|resource|output) (\w+)/gm)].map((m) => m[1]));
    const code = bicepCode(BICEP);
    const used = [...code.matchAll(/(?<![.\w])([a-z]\w*)\.(id|name|properties)\b/g)].map((m) => m[1]);
    expect(used.length).to.be.greaterThan(10);
    expect([...new Set(used)].filter((s) => !declared.has(s))).to.deep.equal([]);
    const stripped = code;
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ]) {
      expect(stripped.split(open).length, `${open}${close}`).to.equal(stripped.split(close).length);
    }
  });
});
