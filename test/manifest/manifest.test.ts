import { expect } from 'chai';
import fs from 'node:fs';
import { colourIcon, outlineIcon } from '../../manifest/icons';
import { fillTemplate, TEMPLATE, validateManifest } from '../../manifest/build';

const env = {
  APP_VERSION: '0.1.0', PARTNERSHIP_NAME: 'Lancashire SEND Partnership', TEAMS_APP_ID: '6f1c8d2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f',
  BOT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', PUBLIC_URL: 'https://planpulse.example.org', PUBLIC_HOSTNAME: 'planpulse.example.org',
};

describe('Teams app manifest', () => {
  it('fills every placeholder and validates against the bundled Teams schema', async () => {
    const { manifest, missing } = fillTemplate(fs.readFileSync(TEMPLATE, 'utf8'), env);
    expect(missing).to.deep.equal([]);
    expect(await validateManifest(manifest)).to.deep.equal([]);
  });

  it('names what is missing, and the schema catches a broken manifest', async () => {
    const { manifest, missing } = fillTemplate(fs.readFileSync(TEMPLATE, 'utf8'), { ...env, BOT_ID: '' });
    expect(missing).to.deep.equal(['BOT_ID']);
    delete (manifest as Record<string, unknown>).accentColor;
    expect((await validateManifest(manifest)).join('\n')).to.contain('accentColor');
  });

  it('draws icons at the sizes Teams requires', () => {
    const size = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(size(colourIcon())).to.deep.equal([192, 192]);
    expect(size(outlineIcon())).to.deep.equal([32, 32]);
  });
});
