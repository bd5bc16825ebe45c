// The planpulse command line, run in-process against a temporary SQLite file.
import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../app/start';
import { loadConfig } from '../../app/config';
import { formatDate, londonDate } from '../../core/dates';
import { runCli } from '../../cli/planpulse';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../../store/local/sqlite-reach-store';
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
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    expect(out.slice(-2)).to.deep.equal([
      '0 to create, 0 to update, 263 unchanged',
      'imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs; nothing had changed',
    ]);
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
      fs.writeFileSync(
        path.join(edited, f),
        text.replace('Review the SEND Partnership workforce development strategy', 'Relaunch the workforce development strategy'),
      );
    }
    const files = () =>
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, f === 'edited' ? '' : fs.readFileSync(path.join(dir, f)).toString('base64')]);
    const before = files();
    expect(await run('import', edited, '--dry-run')).to.equal(0);
    expect(out).to.include('0 to create, 1 to update, 262 unchanged');
    expect(files()).to.deep.equal(before);
  });

  it('refuses a bad file with row numbers and writes nothing', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'priority,priority_title,ref,kind,text,due,lead,rag\n1,P,1.1,outcome,Outcome,,A,\n1,P,1.1.1,action,Do it,Mar-23,B,Purple\n',
    );
    expect(await run('import', bad)).to.equal(1);
    expect(err).to.deep.equal([
      'bad.csv, row 3: RAG "Purple" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); --rag "Purple=Green" (or another status) reads it as one',
      'import refused: 1 problem(s); nothing was changed',
    ]);
    await run('leads');
    expect(out).to.deep.equal(['0 leads: 0 matched, 0 not matched, 0 reachable in Teams']);
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
    expect(out[1]).to.equal(`matched      ${'reachable in Teams'.padEnd(34)}  lead`);
    expect(out).to.include(
      'matched      no: never installed the app         Jennifer Ashton (jennifer.ashton@lancashire.example, 0d1e2f30-1111-4111-8111-000000000001)',
    );
    expect(out).to.include('not matched  no: not matched to a Teams account  Tina Walmsley');
    expect(out.at(-1)).to.equal('42 leads: 3 matched, 39 not matched, 0 reachable in Teams');
    fs.writeFileSync(people, 'name,email,upn,aad_object_id\nSomeone,not-an-email,,not-a-guid\n');
    expect(await run('leads', '--import', people)).to.equal(1);
    expect(err[0]).to.equal('people.csv, row 2: "not-an-email" is not an email address');
  });

  it('refuses a whole people sheet, saving no row, when any row clashes within it or with a stored lead', async () => {
    await run('import', SAMPLE_DIR);
    const people = path.join(dir, 'people.csv');
    fs.writeFileSync(people, 'name,email,aad_object_id\nSally Richardson,sally.richardson@lancashire.example,0d1e2f30-1111-4111-8111-000000000002\n');
    expect(await run('leads', '--import', people)).to.equal(0);
    fs.writeFileSync(
      people,
      'name,email,aad_object_id\n' +
        'Jennifer Ashton,jennifer.ashton@lancashire.example,0d1e2f30-1111-4111-8111-000000000001\n' +
        'Board Secretariat,send.board@lancashire.example,0D1E2F30-1111-4111-8111-000000000001\n' +
        'Tina Walmsley,Sally.Richardson@lancashire.example,\n',
    );
    expect(await run('leads', '--import', people)).to.equal(1);
    expect(err).to.deep.equal([
      'people.csv, row 3: Entra object id 0d1e2f30-1111-4111-8111-000000000001 is also given to Jennifer Ashton on row 2',
      'people.csv, row 4: address sally.richardson@lancashire.example already belongs to Sally Richardson, who is not in this sheet',
      'people refused: 2 problem(s); nothing was changed',
    ]);
    await run('leads');
    expect(out.at(-1)).to.equal('41 leads: 1 matched, 40 not matched, 0 reachable in Teams');
    expect(out.some((l) => l.includes('Jennifer Ashton ('))).to.equal(false); // the good row was not saved either
  });

  it('shows, per lead, whether the bot can reach them in Teams and why not', async () => {
    await run('import', SAMPLE_DIR);
    const people = path.join(dir, 'people.csv');
    fs.writeFileSync(
      people,
      'name,email,aad_object_id\n' +
        'Jennifer Ashton,jennifer.ashton@lancashire.example,0d1e2f30-1111-4111-8111-000000000001\n' +
        'Sally Richardson,sally.richardson@lancashire.example,0d1e2f30-1111-4111-8111-000000000002\n' +
        'Tina Walmsley,tina.walmsley@lancashire.example,0d1e2f30-1111-4111-8111-000000000003\n' +
        'Alison Moore,alison.moore@lancashire.example,0d1e2f30-1111-4111-8111-000000000004\n',
    );
    expect(await run('leads', '--import', people)).to.equal(0);
    const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    const reach = new SqliteReachStore(store.db);
    const conversation = (n: number, reachable: boolean, unreachableReason?: string) =>
      reach.saveReachability({
        aadObjectId: `0D1E2F30-1111-4111-8111-00000000000${n}`,
        reference: {},
        reachable,
        unreachableReason,
        updatedAt: '2026-03-02T09:00:00Z',
      });
    await conversation(1, true);
    await conversation(2, false, 'uninstalled the app');
    await conversation(3, false, 'blocked or uninstalled (403 MessageWritesBlocked)');
    await store.close();

    expect(await run('leads')).to.equal(0);
    const line = (name: string) => {
      const [matched, reachable, lead] = out.find((l) => l.includes(` ${name} (`))!.split(/ {2,}/);
      return [matched, reachable, lead.replace(/ \(.*\)$/, '')].join(' | ');
    };
    expect(line('Jennifer Ashton')).to.equal('matched | yes | Jennifer Ashton');
    expect(line('Sally Richardson')).to.equal('matched | no: uninstalled the app | Sally Richardson');
    expect(line('Tina Walmsley')).to.equal('matched | no: blocked or uninstalled (403 MessageWritesBlocked) | Tina Walmsley');
    expect(line('Alison Moore')).to.equal('matched | no: never installed the app | Alison Moore');
    expect(out.at(-1)).to.equal('41 leads: 4 matched, 37 not matched, 1 reachable in Teams');
  });

  it('prints who a nudge would ask about what, without sending', async () => {
    await run('import', SAMPLE_DIR);
    expect(await run('nudge', '--dry-run')).to.equal(0);
    expect(out.at(-1)).to.match(/^cycle \d{4}-\d{2}-\d{2}: 0 lead\(s\) to ask, 0 already asked, \d+ cannot be reached, 0 away$/);
    // Each lead, what they would be asked and why, and why they cannot be asked yet.
    const jen = out.findIndex((l) =>
      /^cannot ask Jennifer Ashton: not matched to a Teams account \(planpulse leads --import people\.csv\); would ask about \d+ action\(s\):$/.test(
        l,
      ),
    );
    expect(jen).to.be.greaterThan(-1);
    expect(out.slice(jen + 1)).to.include('  1.1.3: Not started, due 31 Mar 2023');
    // Nothing was claimed or recorded: the dry run did not even make a delivery ledger.
    const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    try {
      expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'deliveries'").all()).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });

  it('a dry run on a fresh database path creates nothing: no file, no tables, no sample plan', async () => {
    expect(await run('nudge', '--dry-run')).to.equal(0);
    expect(out.at(-1)).to.match(/^no plan at .*plan\.db yet, so nobody would be asked/);
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });

  it('a nudge dry run changes not a byte of an existing database, with or without a delivery ledger', async () => {
    await run('import', SAMPLE_DIR);
    const bytes = () =>
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]);
    let before = bytes();
    expect(await run('nudge', '--dry-run')).to.equal(0);
    expect(out.at(-1)).to.match(/^cycle \d{4}-\d{2}-\d{2}: 0 lead\(s\) to ask, 0 already asked, \d+ cannot be reached, 0 away$/);
    expect(bytes()).to.deep.equal(before);
    // Once the bot has run, the ledger exists: it is read, still not written.
    const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    new SqliteReachStore(store.db);
    await store.close();
    before = bytes();
    expect(await run('nudge', '--dry-run')).to.equal(0);
    expect(bytes()).to.deep.equal(before);
  });

  it('sets when a delivery group next meets, and refuses a date it cannot read', async () => {
    await run('import', SAMPLE_DIR);
    expect(await run('meeting', 'communications', '12 Dec 2030')).to.equal(0);
    expect(out).to.deep.equal(["communications next meets on 12 Dec 2030: the chair's digest goes out 3 day(s) before"]);
    expect(await run('meeting', 'communications', 'soonish')).to.equal(2);
    expect(err).to.deep.equal(['"soonish" is not a date PlanPulse can read; try "12 Dec 2026"']);
    expect(await run('meeting', 'communications', '31/02/2024')).to.equal(2);
    expect(err).to.deep.equal(['"31/02/2024" is not a date PlanPulse can read; try "12 Dec 2026"']);
    expect(await run('meeting', 'communications', '1 Jan 2020')).to.equal(2);
    expect(err).to.deep.equal([`"1 Jan 2020" is before today (${formatDate(londonDate(new Date()))}): give the date the group next meets`]);
    expect(await run('meeting', 'communications', formatDate(londonDate(new Date())))).to.equal(0); // meeting today is still to come
    expect(await run('meeting', 'no-such-group', '12 Dec 2030')).to.equal(1);
    const keys = 'accessible-services, communications, improving-outcomes, improving-the-send-journey, preparation-for-adulthood';
    expect(err).to.deep.equal([`There is no delivery group "no-such-group"; the keys are ${keys} (planpulse groups lists them)`]);
    expect(await run('chair', 'no-such-group', 'Jennifer Ashton')).to.equal(1);
    expect(err).to.deep.equal([`There is no delivery group "no-such-group"; the keys are ${keys} (planpulse groups lists them)`]);
  });

  it('lists each delivery group with its key, chair, cadence and next meeting', async () => {
    await run('import', SAMPLE_DIR);
    await run('chair', 'improving-outcomes', 'Jennifer Ashton');
    await run('meeting', 'improving-outcomes', '12 Dec 2030');
    expect(await run('groups')).to.equal(0);
    expect(out).to.have.length(6);
    expect(out).to.include(
      'improving-outcomes: Improving Outcomes (Taking Ownership and Putting Things Right); chair Jennifer Ashton (Head of Inclusion); meets Quarterly or by exception; next meeting 12 Dec 2030',
    );
    expect(out).to.include(
      'communications: Communications (Listening and Talking to Each Other); chair not set (Manager of the SEND Partnership / Chair of the PCF); meets Quarterly or by exception; next meeting not set',
    );
    expect(out.at(-1)).to.equal(
      '5 delivery groups: set a chair with planpulse chair <group-key> <name>, a meeting with planpulse meeting <group-key> <date>',
    );
  });

  it('says in words that a named file cannot be read, and changes nothing', async () => {
    expect(await run('import', 'no/such/file.csv')).to.equal(1);
    expect(err).to.deep.equal(['cannot read no/such/file.csv: there is no such file']);
    expect(await run('leads', '--import', 'no/such/file.csv')).to.equal(1);
    expect(err).to.deep.equal(['cannot read no/such/file.csv: there is no such file']);
    const folder = path.join(dir, 'people.csv');
    fs.mkdirSync(folder);
    expect(await run('leads', '--import', folder)).to.equal(1);
    expect(err).to.deep.equal([`cannot read ${folder}: it is a folder, not a file`]);
  });

  it('names an unknown command or kpi sub-command before the usage', async () => {
    expect(await run('frobnicate')).to.equal(2);
    expect(err[0]).to.equal('unknown command "frobnicate"');
    expect(err[1]).to.match(/^planpulse <command>\n/);
    expect(await run('kpi', 'foo')).to.equal(2);
    expect(err).to.deep.equal([
      'unknown kpi command "foo": planpulse kpi shows the score card; planpulse kpi record <kpi-ref> <value> [--on <date>] [--note <text>] records a measurement',
    ]);
    expect(await run('help')).to.equal(0);
    expect(out[0]).to.match(/^planpulse <command>\n/);
  });

  it('shows the KPI score card and records a dated measurement, refusing a bad one', async () => {
    await run('import', SAMPLE_DIR);
    expect(await run('kpi', 'record', '1.1.K1', '12%', '--on', '31 Mar 2023', '--note', 'Q4 figure')).to.equal(0);
    expect(out).to.deep.equal(['recorded 1.1.K1: 12% on 31 Mar 2023']);
    expect(await run('kpi', 'record', '1.1.k1', '11%', '--on', '1 Apr 2023')).to.equal(0);
    expect(out).to.deep.equal(['recorded 1.1.K1: 11% on 1 Apr 2023']);
    expect(await run('kpi', 'record', '1.1.K1', '9%', '--on', '2999-01-01')).to.equal(1);
    expect(err[0]).to.match(/^The measurement date cannot be after today/);
    expect(await run('kpi', 'record', '1.1.K1', '9%', '--on', '31/02/2024')).to.equal(2);
    expect(err).to.deep.equal(['"31/02/2024" is not a date PlanPulse can read; try "12 Dec 2026"']);
    expect(await run('kpi', 'record', '1.1.K1', 'banana')).to.equal(1);
    expect(err).to.deep.equal([
      '"banana" has no number in it: KPI 1.1.K1 is measured in figures like its targets (e.g. "15%"), so give one, e.g. "12%" or "593".',
      'nothing was recorded',
    ]);
    expect(await run('kpi', 'record', '9.9.K9', '9%')).to.equal(1);
    expect(err[0]).to.contain('There is no KPI 9.9.K9');
    expect(await run('kpi')).to.equal(0);
    expect(out[0]).to.equal(
      "1.1.K1  For complaints to be less than 15% the number of EHCP's issued.  (baseline 593 (6% of EHCP's in 2022), 3m 15%, 6m 10%, 12m 5%; latest 11% on 1 Apr 2023)",
    );
    // A long description is cut between words, and says so.
    expect(out).to.include(
      '1.4.K2  To narrow the attainment gap for pupils achieving the expected standard in Reading…  (baseline 13%, 3m 12%, 6m 11%, 12m 10%; not yet measured)',
    );
    expect(out.at(-1)).to.equal('26 KPIs, 1 measured');
  });

  it('install-app outside SharePoint mode says what it needs', async () => {
    const message = 'install-app works only with the SharePoint store: set PLANPULSE_STORE=sharepoint and TEAMS_APP_CATALOG_ID';
    expect(await run('install-app')).to.equal(2);
    expect(err).to.deep.equal([message]);
    const code = await runCli(['install-app', '--dry-run'], {
      out: () => undefined,
      err: (l) => (err = [l]),
      env: { PLANPULSE_DB: path.join(dir, 'plan.db'), TEAMS_APP_CATALOG_ID: 'abc' },
    });
    expect(code).to.equal(2);
    expect(err).to.deep.equal([message]);
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });

  it('names a wrong setting and exits', async () => {
    const code = await runCli(['provision'], { out: () => undefined, err: (l) => (err = [l]), env: { PLANPULSE_STORE: 'sharepoint' } });
    expect(code).to.equal(2);
    expect(err[0]).to.contain('AZURE_TENANT_ID is required when PLANPULSE_STORE=sharepoint');
    expect(await runCli(['provision'], { out: () => undefined, err: (l) => (err = [l]), env: { PLANPULSE_INSTANCES: '0' } })).to.equal(2);
    expect(err[0]).to.contain('PLANPULSE_INSTANCES must be a whole number of at least 1 (got "0")');
  });

  it('serve on a port already in use says so in one line, before loading anything', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as net.AddressInfo).port;
    out = [];
    err = [];
    try {
      const code = await runCli(['serve'], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: { PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: String(port) },
      });
      expect(code).to.equal(1);
      expect(err).to.deep.equal([`port ${port} on 127.0.0.1 is in use: stop the other PlanPulse or set PORT`]);
      expect(fs.readdirSync(dir)).to.deep.equal([]); // no store opened, no sample plan loaded
      // Should the port be taken between the check and the listen, start-up still fails in words.
      const store = new SqlitePlanStore(':memory:');
      const config = loadConfig({ PORT: String(port), PLANPULSE_SAMPLE_PLAN: 'no-such-dir' });
      try {
        await startApp(config, { store, schedule: false, log: () => undefined }).then(
          () => expect.fail('started on a port in use'),
          (e: Error) => expect(e.message).to.equal(`port ${port} on 127.0.0.1 is in use: stop the other PlanPulse or set PORT`),
        );
      } finally {
        await store.close();
      }
    } finally {
      other.close();
    }
  });
});
