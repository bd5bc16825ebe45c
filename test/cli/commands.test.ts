// The command line cannot surprise: every command refuses a mistyped flag
// before it does anything; a refused import creates no database; the plan can
// be seen (actions, action); a nudge that partly went says so with exit 3.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { COMMANDS } from '../../cli/commands/index';
import { VERBS } from '../../bot/cards/verbs';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { DAVE, JEN, SALLY, startHarness, type Harness } from '../bot/harness';

const PLANS = path.join(__dirname, '..', 'fixtures', 'plans');

describe('planpulse commands: strict flags, seeing the plan, partly done', function () {
  this.timeout(60_000);
  let dir: string;
  let out: string[];
  let err: string[];
  let db: string;
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: db } });
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-cmds-'));
    db = path.join(dir, 'data', 'plan.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('a mistyped flag is refused, and nothing runs', () => {
    // Each command with arguments it would otherwise act on, and a flag it does not take.
    const cases: Record<string, string[]> = {
      serve: ['--port', '4000'],
      provision: ['--force'],
      import: [SAMPLE_DIR, '--dryrun'],
      leads: ['--imports', 'people.csv'],
      groups: ['--all'],
      actions: ['--overdu'],
      action: ['1.1.3', '--history'],
      chair: ['improving-outcomes', 'Jennifer Ashton', '--yes'],
      meeting: ['communications', '12 Dec 2030', '--notify'],
      kpi: ['record', '1.1.K1', '12%', '--date', '31 Mar 2023'],
      nudge: ['--dry-rn'],
      export: ['--out', 'pack.xlsx', '--grup', 'communications'],
      'install-app': ['--dryrun'],
      snapshot: ['--month', '2023-03', '--take'],
    };
    it('covers every command', () => {
      expect(Object.keys(cases).sort()).to.deep.equal(Object.keys(COMMANDS).sort());
    });
    for (const [name, args] of Object.entries(cases)) {
      it(`${name} ${args.join(' ')}`, async () => {
        expect(await run(name, ...args)).to.equal(2);
        expect(err[0]).to.match(new RegExp(`^planpulse ${name}: unknown flag --[a-z-]+.*; nothing was done$`));
        expect(err[1]).to.equal(`usage: planpulse ${COMMANDS[name].usage}`);
        expect(out).to.deep.equal([]);
        expect(fs.readdirSync(dir)).to.deep.equal([]); // no database, not even its folder
      });
    }
    it('names the flag that was meant, and a flag with its value missing', async () => {
      expect(await run('import', SAMPLE_DIR, '--dryrun')).to.equal(2);
      expect(err[0]).to.equal(
        'planpulse import: unknown flag --dryrun (did you mean --dry-run?); it takes --dry-run, --sheet, --map, --rag, --json; nothing was done',
      );
      expect(await run('import', SAMPLE_DIR, '--sheet')).to.equal(2);
      expect(err[0]).to.equal('planpulse import: --sheet needs a value; nothing was done');
      expect(await run('nudge', '--dry-run=yes')).to.equal(2);
      expect(err[0]).to.equal('planpulse nudge: --dry-run takes no value; nothing was done');
      expect(await run('actions', '--rag')).to.equal(2);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });
  });

  it('a refused import creates no database file and no folder', async () => {
    const bad = path.join(dir, 'plan.csv');
    fs.writeFileSync(bad, 'Workforce plan\nRef,Owner,Due\n1.1,Jo Bloggs,Mar-23\n');
    expect(await run('import', bad)).to.equal(1);
    expect(err).to.deep.equal([
      'plan.csv: missing column: text; the header row (row 2) reads "Ref", "Owner", "Due": --map text="…" names the column to use',
      'import refused: 1 problem(s); nothing was changed',
    ]);
    expect(fs.readdirSync(dir)).to.deep.equal(['plan.csv']);
  });

  it('import --dry-run prints the columns it read; --map settles one it could not', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, 'No.,Action,Point of contact,By when\n1.1,Publish the framework,Jo Bloggs,Mar-24\n1.2,Map the training,Sam Lee,Jun-24\n');
    expect(await run('import', file, '--dry-run')).to.equal(0);
    expect(out[0]).to.equal('columns: plan.csv: ref ← "No.", text ← "Action", due ← "By when"; not used: "Point of contact"');
    expect(out).to.include(
      'note: plan.csv: column "Point of contact" not used (the header row reads "No.", "Action", "Point of contact", "By when"); no column was read as lead, rag: --map lead="Point of contact" would read one',
    );
    expect(out.at(-1)).to.equal('would import 1 priorities, 0 outcomes, 2 actions, 0 KPIs');
    expect(await run('import', file, '--map', 'lead=Point of contact')).to.equal(0);
    expect(out.at(-1)).to.equal('imported 1 priorities, 0 outcomes, 2 actions, 0 KPIs');
    expect(await run('leads', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n')).leads.map((l: { name: string }) => l.name)).to.deep.equal(['Jo Bloggs', 'Sam Lee']);
  });

  it('a plan with no leads imports; leads lists its actions as unassigned', async () => {
    expect(await run('import', path.join(PLANS, 'workforce-no-dates'))).to.equal(0);
    expect(out.at(-1)).to.equal('imported 2 priorities, 3 outcomes, 5 actions, 0 KPIs');
    expect(await run('leads')).to.equal(0);
    expect(out).to.deep.equal([
      'unassigned (no lead, nobody is asked about them): 1.1.1, 1.1.2, 1.2.1, 2.1.1, 2.1.2',
      '0 leads: 0 matched, 0 not matched, 0 reachable in Teams; 5 action(s) unassigned',
    ]);
    expect(await run('groups')).to.equal(0);
    expect(out).to.include(
      'knowledge-and-understanding-of-send-across-the-workforce: Knowledge and understanding of SEND across the workforce; chair not set; meets monthly; next meeting not set',
    );
  });

  it('actions lists the plan, and filters by group, lead, RAG, overdue and change date', async () => {
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    expect(await run('actions', '--json')).to.equal(0);
    const all = JSON.parse(out.join('\n'));
    expect(all).to.have.length(153);
    expect(all.find((a: { ref: string }) => a.ref === '1.1.3')).to.deep.include({
      rag: 'Grey',
      dueDate: '2023-03-31',
      leads: ['Jennifer Ashton'],
      deliveryGroup: 'improving-outcomes',
    });
    expect(await run('actions')).to.equal(0);
    expect(out).to.include('1.1.3  Grey; due 31 Mar 2023; Jennifer Ashton');
    expect(out.at(-1)).to.equal('153 of 153 actions');
    expect(await run('actions', '--lead', 'jennifer ashton', '--json')).to.equal(0);
    const jen = JSON.parse(out.join('\n')).map((a: { ref: string }) => a.ref);
    expect(jen).to.include('1.1.3');
    expect(jen.length).to.be.within(2, 152);
    expect(await run('actions', '--group', 'communications', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n')).every((a: { ref: string }) => a.ref.startsWith('2.'))).to.equal(true);
    expect(await run('actions', '--rag', 'Red,amber', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n'))).to.deep.equal([]); // the sample is all Grey, Green or Blue until someone updates it
    expect(await run('actions', '--overdue', '--json')).to.equal(0);
    const overdue = JSON.parse(out.join('\n'));
    expect(overdue.length).to.be.greaterThan(0);
    expect(overdue.every((a: { rag: string; dueDate?: string }) => a.rag !== 'Blue' && a.dueDate && a.dueDate < '2026-01-01')).to.equal(true);
    expect(await run('actions', '--changed-since', '1 Jan 2023', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n'))).to.deep.equal([]);
    expect(await run('actions', '--rag', 'Purple')).to.equal(2);
    expect(err).to.deep.equal(['"Purple" is not a RAG status: use Grey, Blue, Green, Amber, Red']);
    expect(await run('actions', '--group', 'nope')).to.equal(1);
    expect(err[0]).to.match(/^There is no delivery group "nope"; the keys are /);
    expect(await run('actions', '--lead', 'Nobody Here')).to.equal(1);
    expect(err).to.deep.equal(['There is no lead "Nobody Here" (planpulse leads lists them)']);
  });

  describe('with the bot running on the same database', () => {
    let h: Harness;
    beforeEach(async () => {
      fs.mkdirSync(path.dirname(db), { recursive: true });
      h = await startHarness({ store: new SqlitePlanStore(db) });
    });
    afterEach(async () => h.close());

    it('action 1.1.3 shows an update Jennifer made in Teams: who, when, from where, the dates before and after', async () => {
      const before = (await h.store.getAction('1.1.3'))!;
      const res = await h.teams.tap(
        JEN,
        VERBS.saveUpdate,
        { ref: '1.1.3', etag: before.etag },
        { rag: 'Red', commentary: 'Schools survey response slow', newDueDate: '2023-06-30', completionEvidence: '' },
      );
      expect(res.status).to.equal(200);
      expect(await run('action', '1.1.3')).to.equal(0);
      expect(out[0]).to.match(/^1\.1\.3 {2}\S/);
      expect(out).to.include('leads: Jennifer Ashton');
      expect(out).to.include('RAG: Red – missed its deadline');
      expect(out).to.include('due 30 Jun 2023, revised; first planned for 31 Mar 2023');
      expect(out).to.include('latest commentary: "Schools survey response slow"');
      expect(out).to.include('history (1, oldest first):');
      expect(out.at(-1)).to.equal(
        '  6 Mar 2023, 09:00  Jennifer Ashton, from a Teams card: RAG "Grey" → "Red"; due date 31 Mar 2023 → 30 Jun 2023. "Schools survey response slow"',
      );
      expect(await run('action', '1.1.3', '--json')).to.equal(0);
      const json = JSON.parse(out.join('\n'));
      expect(json).to.deep.include({ ref: '1.1.3', rag: 'Red', dueDate: '2023-06-30', originalDueDate: '2023-03-31' });
      expect(json.history).to.have.length(1);
      expect(json.history[0]).to.include({ by: 'jennifer-ashton', source: 'teams-card' });
      expect(await run('actions', '--rag', 'Red')).to.equal(0);
      expect(out[0]).to.match(
        /^1\.1\.3 {2}Red; due 30 Jun 2023 \(planned 31 Mar 2023\); Jennifer Ashton; "Schools survey response slow" \(6 Mar 2023, 09:00\)$/,
      );
      expect(await run('actions', '--changed-since', '6 Mar 2023', '--json')).to.equal(0);
      expect(JSON.parse(out.join('\n')).map((a: { ref: string }) => a.ref)).to.deep.equal(['1.1.3']);
      expect(await run('action', '9.9.9')).to.equal(1);
      expect(err).to.deep.equal(['There is no action 9.9.9 (planpulse actions lists them)']);
    });

    it('nudge where one lead blocked the bot but the others were sent: exit 3 and a line that says what', async () => {
      for (const p of [JEN, SALLY, DAVE]) await h.teams.install(p);
      h.connector.blocked.add(h.teams.conversationOf(DAVE));
      const jenBefore = h.connector.cards(h.teams.conversationOf(JEN)).length;
      expect(await run('nudge')).to.equal(3);
      expect(out.at(-1)).to.equal('2 sent, 1 failed: Dave Carr has blocked PlanPulse');
      expect(h.connector.cards(h.teams.conversationOf(JEN))).to.have.length(jenBefore + 1);
      // The dry run now marks Dave as one who cannot be reached, and why.
      expect(await run('nudge', '--dry-run')).to.equal(0);
      expect(out.some((l) => /^cannot ask Dave Carr: has blocked PlanPulse; would ask about \d+ action\(s\):$/.test(l))).to.equal(true);
      expect(out.some((l) => /^already asked Jennifer Ashton this cycle about \d+ action\(s\):$/.test(l))).to.equal(true);
    });
  });
});
