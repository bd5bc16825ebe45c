import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { unzipSync, strFromU8 } from 'fflate';
import { buildAppPackage, ICONS, ManifestError, TEMPLATE } from '../../manifest/build';

const SETTINGS = {
  TEAMS_APP_ID: '6f1c8d2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f',
  PUBLIC_URL: 'https://planpulse.example.org/',
  MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  TAB_SSO_CLIENT_ID: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  TAB_SSO_APP_ID_URI: 'api://planpulse.example.org/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  PARTNERSHIP_NAME: 'Lancashire SEND Partnership',
};

async function problemsOf(build: Promise<unknown>): Promise<string[]> {
  try {
    await build;
  } catch (e) {
    if (e instanceof ManifestError) return e.problems;
    throw e;
  }
  throw new Error('the package was built');
}

/** Width, height, colour type and the RGBA pixels of one of our unfiltered 8-bit PNGs. */
function readPng(png: Buffer) {
  expect(png.subarray(1, 4).toString('ascii')).to.equal('PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colourType = png[25];
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += len + 12;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const alpha = (x: number, y: number) => {
    const row = y * (width * 4 + 1);
    expect(raw[row], 'row filter').to.equal(0);
    return raw[row + 1 + x * 4 + 3];
  };
  return { width, height, colourType, alpha };
}

describe('Teams app package (npm run manifest)', function () {
  this.timeout(20_000);
  // The validator compiles the schema on every call (about a second), so the good package is built once.
  let built: Awaited<ReturnType<typeof buildAppPackage>>;
  before(async () => (built = await buildAppPackage(SETTINGS)));

  it('validates against the v1.30 schema with the bot, both tabs, meetings, SSO and the stage permissions', async () => {
    const m = built.manifest as any;
    expect(m.manifestVersion).to.equal('1.30');
    expect(m.$schema).to.contain('/v1.30/');
    expect(m.bots[0].botId).to.equal(SETTINGS.MicrosoftAppId);
    expect(m.bots[0].scopes).to.deep.equal(['personal', 'team', 'groupChat']);
    expect(m.staticTabs[0]).to.include({ entityId: 'my-actions', contentUrl: 'https://planpulse.example.org/tab/?view=my-actions' });
    expect(m.configurableTabs[0].configurationUrl).to.equal('https://planpulse.example.org/tab/?view=config');
    expect(m.configurableTabs[0].context).to.include.members(['meetingSidePanel', 'meetingStage', 'meetingChatTab', 'meetingDetailsTab']);
    expect(m.webApplicationInfo).to.deep.equal({ id: SETTINGS.TAB_SSO_CLIENT_ID, resource: SETTINGS.TAB_SSO_APP_ID_URI });
    expect(m.validDomains).to.deep.equal(['planpulse.example.org']);
    expect(m.authorization.permissions.resourceSpecific.map((p: any) => `${p.name}/${p.type}`)).to.deep.equal([
      'MeetingStage.Write.Chat/Delegated',
      'ChannelMeetingStage.Write.Group/Delegated',
    ]);
    expect(m.version).to.equal(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
  });

  it('zips exactly manifest.json and the two committed icons', async () => {
    const { zip, manifest } = built;
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(strFromU8(files['manifest.json']))).to.deep.equal(manifest);
    expect(Buffer.from(files['color.png']).equals(fs.readFileSync(ICONS['color.png']))).to.equal(true);
    expect(Buffer.from(files['outline.png']).equals(fs.readFileSync(ICONS['outline.png']))).to.equal(true);
    // Same settings, same bytes.
    expect(Buffer.from((await buildAppPackage(SETTINGS)).zip).equals(Buffer.from(zip))).to.equal(true);
  });

  it('ships a 192×192 colour icon and a 32×32 outline on a transparent background', () => {
    const colour = readPng(fs.readFileSync(ICONS['color.png']));
    expect([colour.width, colour.height]).to.deep.equal([192, 192]);
    expect(colour.alpha(0, 0)).to.equal(255);
    const outline = readPng(fs.readFileSync(ICONS['outline.png']));
    expect([outline.width, outline.height, outline.colourType]).to.deep.equal([32, 32, 6]);
    expect(outline.alpha(0, 0)).to.equal(0);
    expect(outline.alpha(16, 16)).to.equal(255);
  });

  it("fails with the validator's own message when a field is wrong, and builds nothing", async () => {
    const broken = fs
      .readFileSync(TEMPLATE, 'utf8')
      .replace('"accentColor": "#1D70B8",', '')
      .replace('"personalTab"', '"teamLevelApp", "somewhereElse"');
    const problems = await problemsOf(buildAppPackage(SETTINGS, broken));
    expect(problems.join('\n')).to.contain("manifest.json must have required property 'accentColor'");
    expect(problems.join('\n')).to.match(/staticTabs\/0\/context\/1 must be equal to one of the allowed values/);
    const badId = await problemsOf(buildAppPackage({ ...SETTINGS, MicrosoftAppId: 'not-a-guid' }));
    expect(badId.join('\n')).to.match(/\/bots\/0\/botId must match pattern/);
  });

  it('names every missing setting, and a tab host the SSO resource is not on', async () => {
    const { PUBLIC_URL: _url, MicrosoftAppId: _bot, ...rest } = SETTINGS;
    const problems = await problemsOf(buildAppPackage(rest));
    expect(problems).to.have.length(2);
    expect(problems[0]).to.match(/^PUBLIC_URL is not set/);
    expect(problems[1]).to.match(/^MicrosoftAppId is not set/);
    const http = await problemsOf(buildAppPackage({ ...SETTINGS, PUBLIC_URL: 'http://planpulse.example.org' }));
    expect(http).to.deep.equal(['PUBLIC_URL must be an https:// address (got "http://planpulse.example.org")']);
    const elsewhere = await problemsOf(buildAppPackage({ ...SETTINGS, TAB_SSO_APP_ID_URI: 'api://other.example/abc' }));
    expect(elsewhere[0]).to.match(/^TAB_SSO_APP_ID_URI must be on the tab's host, like api:\/\/planpulse.example.org\//);
  });

  it('npm run manifest writes the package, and exits 1 naming the problem without writing one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-manifest-'));
    const out = path.join(dir, 'app.zip');
    // The working directory has no .env, so the settings are exactly these.
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.resolve('manifest/build.ts'), '--out', out], {
        cwd: path.resolve('manifest'),
        env: { PATH: process.env.PATH!, ...env },
        encoding: 'utf8',
      });
    const bad = run({ ...SETTINGS, TEAMS_APP_ID: 'x' });
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.match(/manifest\.json\/id must match pattern/);
    expect(fs.existsSync(out)).to.equal(false);
    const good = run(SETTINGS);
    expect(good.status, good.stderr).to.equal(0);
    expect(Object.keys(unzipSync(fs.readFileSync(out))).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
