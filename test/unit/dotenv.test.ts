import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDotEnv } from '../../cli/dotenv';

describe('loadDotEnv: settings from .env in the working directory', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-env-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds the settings the environment lacks; those already set win over the file', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, '# a comment\nPORT=4000\nNUDGE_SCHEDULE="TUE 10:30"\nPLANPULSE_STORE=local\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(loadDotEnv(file, env)).to.deep.equal(['NUDGE_SCHEDULE', 'PLANPULSE_STORE']);
    expect(env).to.deep.equal({ PORT: '5000', NUDGE_SCHEDULE: 'TUE 10:30', PLANPULSE_STORE: 'local' });
  });

  it('a missing .env changes nothing', () => {
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(loadDotEnv(path.join(dir, '.env'), env)).to.deep.equal([]);
    expect(env).to.deep.equal({ PORT: '5000' });
  });
});
