// The planpulse command line, run in-process against a temporary SQLite file.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

describe('planpulse command line', function () {
  this.timeout(30_000);
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: path.join(dir, 'plan.db') } });
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('provisions once, then reports nothing to do', async () => {
    expect(await run('provision')).to.equal(0);
    expect(out.at(-1)).to.match(/^provisioned: \d+ change/);
    expect(await run('provision')).to.equal(0);
    expect(out).to.deep.equal(['already up to date: nothing changed']);
  });

  it('imports the three Lancashire files and ends with one line of counts', async () => {
    const files = ['plan', 'kpis', 'delivery-groups'].map((k) => path.join(SAMPLE_DIR, `lancashire-cip-2023-24-${k}.csv`));
    expect(await run('import', ...files)).to.equal(0);
    expect(out.at(-1)).to.equal('imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
    expect(out.filter((l) => l.startsWith('note:'))).to.deep.equal([]); // every Lancashire action has a lead
    expect(await run('import', SAMPLE_DIR, '--dry-run')).to.equal(0);
    expect(out).to.include('0 to create, 0 to update, 263 unchanged');
    expect(out.at(-1)).to.equal('would import 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
  });

  it('a dry run changes nothing: no file on a fresh machine, not a byte of an existing one', async () => {
    expect(await run('import', SAMPLE_DIR, '--dry-run')).to.equal(0);
    expect(out).to.include('263 to create, 0 to update, 0 unchanged');
    expect(out.at(-1)).to.equal('would import 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
    expect(fs.readdirSync(dir)).to.deep.equal([]);

    await run('import', SAMPLE_DIR);
    const edited = path.join(dir, 'edited');
    fs.mkdirSync(edited);
    for (const f of fs.readdirSync(SAMPLE_DIR)) {
      const text = fs.readFileSync(path.join(SAMPLE_DIR, f), 'utf8');
      fs.writeFileSync(path.join(edited, f), text.replace('Review the SEND Partnership workforce development strategy', 'Relaunch the workforce development strategy'));
    }
    const files = () => fs.readdirSync(dir).sort().map((f) => [f, f === 'edited' ? '' : fs.readFileSync(path.join(dir, f)).toString('base64')]);
    const before = files();
    expect(await run('import', edited, '--dry-run')).to.equal(0);
    expect(out).to.include('0 to create, 1 to update, 262 unchanged');
    expect(files()).to.deep.equal(before);
  });

  it('refuses a bad file with row numbers and writes nothing', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'priority,priority_title,ref,kind,text,due,lead,rag\n1,P,1.1,outcome,Outcome,,A,\n1,P,1.1.1,action,Do it,Mar-23,B,Purple\n');
    expect(await run('import', bad)).to.equal(1);
    expect(err).to.deep.equal(['bad.csv, row 3: RAG "Purple" should be Grey, Blue, Green, Amber or Red', 'import refused: 1 problem(s); nothing was changed']);
    await run('leads');
    expect(out.at(-1)).to.equal('0 leads: 0 matched, 0 not matched');
  });

  it('matches leads to people from a people sheet and shows who is not matched', async () => {
    await run('import', SAMPLE_DIR);
    const people = path.join(dir, 'people.csv');
    fs.writeFileSync(
      people,
      'name,email,upn,aad_object_id,secretariat,chair_of\n' +
        'Jennifer Ashton,jennifer.ashton@lancashire.example,,0d1e2f30-1111-4111-8111-000000000001,,\n' +
        'Sally Richardson,sally.richardson@lancashire.example,,0d1e2f30-1111-4111-8111-000000000002,,improving-outcomes\n' +
        'Board Secretariat,send.board@lancashire.example,,0d1e2f30-1111-4111-8111-000000000003,yes,\n',
    );
    expect(await run('leads', '--import', people)).to.equal(0);
    expect(out[0]).to.equal('updated 2 lead(s), added 1 person(s), set 1 chair(s)');
    expect(out).to.include('matched      Jennifer Ashton (jennifer.ashton@lancashire.example, 0d1e2f30-1111-4111-8111-000000000001)');
    expect(out.at(-1)).to.equal('42 leads: 3 matched, 39 not matched');
    fs.writeFileSync(people, 'name,email,upn,aad_object_id\nSomeone,not-an-email,,not-a-guid\n');
    expect(await run('leads', '--import', people)).to.equal(1);
    expect(err[0]).to.equal('people.csv, row 2: "not-an-email" is not an email address');
  });

  it('prints who a nudge would ask about what, without sending', async () => {
    await run('import', SAMPLE_DIR);
    expect(await run('nudge', '--dry-run')).to.equal(0);
    expect(out.at(-1)).to.match(/^cycle \d{4}-\d{2}-\d{2}: 0 lead\(s\) to ask, \d+ skipped$/);
    expect(out.some((l) => /^would skip Jennifer Ashton \(\d+ action\(s\)\): not matched to a person$/.test(l))).to.equal(true);
  });

  it('sets when a delivery group next meets, and refuses a date it cannot read', async () => {
    await run('import', SAMPLE_DIR);
    expect(await run('meeting', 'communications', '12 Dec 2030')).to.equal(0);
    expect(out).to.deep.equal(["communications next meets on 12 Dec 2030: the chair's digest goes out 3 day(s) before"]);
    expect(await run('meeting', 'communications', 'soonish')).to.equal(2);
    expect(err).to.deep.equal(['"soonish" is not a date PlanPulse can read; try "12 Dec 2026"']);
    expect(await run('meeting', 'no-such-group', '12 Dec 2030')).to.equal(1);
    expect(err[0]).to.contain('There is no delivery group "no-such-group"');
  });

  it('shows the KPI score card and records a dated measurement, refusing a bad one', async () => {
    await run('import', SAMPLE_DIR);
    expect(await run('kpi', 'record', '1.1.K1', '12%', '--on', '31 Mar 2023', '--note', 'Q4 figure')).to.equal(0);
    expect(out).to.deep.equal(['recorded 1.1.K1: 12% on 31 Mar 2023']);
    expect(await run('kpi', 'record', '1.1.K1', '9%', '--on', '2999-01-01')).to.equal(1);
    expect(err[0]).to.match(/^The measurement date cannot be after today/);
    expect(await run('kpi', 'record', '9.9.K9', '9%')).to.equal(1);
    expect(err[0]).to.contain('There is no KPI 9.9.K9');
    expect(await run('kpi')).to.equal(0);
    expect(out[0]).to.equal('1.1.K1  For complaints to be less than 15% the number of EHCP\'s issued.  (baseline 593 (6% of EHCP\'s in 2022), 3m 15%, 6m 10%, 12m 5%; latest 12% on 31 Mar 2023)');
    expect(out.at(-1)).to.equal('26 KPIs, 1 measured');
  });

  it('names a wrong setting and exits', async () => {
    const code = await runCli(['provision'], { out: () => undefined, err: (l) => (err = [l]), env: { PLANPULSE_STORE: 'sharepoint' } });
    expect(code).to.equal(2);
    expect(err[0]).to.contain('AZURE_TENANT_ID is required when PLANPULSE_STORE=sharepoint');
  });
});
