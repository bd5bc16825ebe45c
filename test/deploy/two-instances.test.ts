// Two PlanPulse instances, each its own process with its own connection to
// one SQLite file, run the same weekly cycle at the same moment: every lead
// gets exactly one prompt, and a later run by either sends nothing. (The
// in-process version with two owners on one connection is in
// test/bot/follow-ups.test.ts, "delivery at scale"; SharePoint's claims are
// covered by the reach-store contract run against the Graph fake.)
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startFakeConnector, type FakeConnector } from '../bot/fake-connector';
import { person } from '../bot/harness';
import { TeamsClient, type Person } from '../bot/teams-client';

const MONDAY_0900 = '2023-03-06T09:00:00Z';

interface Instance {
  child: ChildProcess;
  port: number;
  next<T>(): Promise<T>;
}

async function startInstance(dbFile: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', path.join(__dirname, 'instance-worker.ts'), dbFile, MONDAY_0900], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: unknown[] = [];
  const waiting: Array<(m: unknown) => void> = [];
  child.on('message', (m) => (waiting.length ? waiting.shift()!(m) : queue.push(m)));
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`instance exited with ${code}`))));
  const next = <T>() =>
    Promise.race([new Promise<T>((resolve) => (queue.length ? resolve(queue.shift() as T) : waiting.push(resolve as (m: unknown) => void))), exited]);
  const { port } = await next<{ port: number }>();
  return { child, port, next };
}

describe('two app instances on one SQLite file', function () {
  this.timeout(60_000);
  let dir: string;
  let connector: FakeConnector;
  const instances: Instance[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-instances-'));
    connector = await startFakeConnector();
  });

  after(async () => {
    for (const i of instances) {
      i.child.send('close');
      await new Promise((resolve) => i.child.once('exit', resolve));
    }
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prompts each lead exactly once when both run the same cycle at once', async () => {
    const file = path.join(dir, 'plan.db');
    const seed = new SqlitePlanStore(file);
    await seed.provision();
    expect((await importPlan(seed, await readPlanFiles([SAMPLE_DIR]))).ok).to.equal(true);
    // Every lead in the sample becomes a person in Teams.
    const people: Person[] = [];
    for (const [n, lead] of (await seed.listLeads()).entries()) {
      await seed.saveLead({ ...lead, aadObjectId: person(n + 1, lead.displayName).aadObjectId });
      people.push(person(n + 1, lead.displayName));
    }
    await seed.close();

    instances.push(...(await Promise.all([startInstance(file), startInstance(file)])));
    // Leads install the app through either instance: the reach store is the shared file.
    for (const [n, p] of people.entries()) {
      const via = new TeamsClient(`http://127.0.0.1:${instances[n % 2].port}/api/messages`, connector.url);
      expect((await via.install(p)).status).to.be.below(300);
    }
    connector.sent.length = 0;

    for (const i of instances) i.child.send('go');
    type Report = { sent: string[]; failed: string[]; alreadyHandled: number };
    const [a, b] = await Promise.all(instances.map((i) => i.next<Report>()));

    const sent = [...a.sent, ...b.sent];
    expect(a.failed.concat(b.failed)).to.deep.equal([]);
    expect(new Set(sent).size, 'no lead was sent to by both').to.equal(sent.length);
    // The sample asks most leads about something on 6 Mar 2023; a handful would prove little.
    expect(sent.length).to.be.greaterThan(10);
    const prompts = connector.sent.filter((s) => /to update$/.test(String(s.activity.summary ?? '')));
    const perChat = new Map<string, number>();
    for (const p of prompts) perChat.set(p.conversationId, (perChat.get(p.conversationId) ?? 0) + 1);
    expect(
      [...perChat.values()].filter((n) => n !== 1),
      'chats with more than one prompt',
    ).to.deep.equal([]);
    expect(perChat.size).to.equal(sent.length);

    // Either instance running the cycle again sends nothing more.
    instances[1].child.send('go');
    const again = await instances[1].next<Report>();
    expect(again.sent).to.deep.equal([]);
    expect(again.alreadyHandled).to.equal(sent.length);
  });
});
