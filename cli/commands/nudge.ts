// planpulse nudge [--dry-run] [--json]: sends this cycle's check-ins now,
// through the same path as the schedule and in the same cycle (the current
// scheduled slot), so a repeat run, or a run after the scheduled one, sends
// nothing twice. Sending needs the bot's connector, so it runs the app
// without its schedule. The dry run loads no server at all: it reads the
// plan and the reach records and says, lead by lead, what they would be
// asked and why, or why they cannot be asked.
import fs from 'node:fs';
import type { Config } from '../../app/config';
import { openReachStore } from '../../app/open-store';
import { conversationsByLead } from '../../core/lead-reach';
import { previewNudges, unreachableWords } from '../../core/nudge-preview';
import { cycleOf } from '../../bot/scheduler';
import { DONE, FAILED, PARTLY, USAGE, loadServer, printJson, withStore, type CommandSpec, type Io } from './shared';

export const nudge: CommandSpec = {
  name: 'nudge',
  usage: 'nudge [--dry-run] [--json]',
  summary: "send this cycle's check-ins now (or show who would be asked about what, and why)",
  flags: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    if (positionals.length) {
      io.err('usage: planpulse nudge [--dry-run] [--json]');
      return USAGE;
    }
    if (flags['dry-run']) return dryRun(config, io, flags.json === true);
    const { startApp } = loadServer();
    const { runNudgeCycle } = require('../../bot/nudge-runner') as typeof import('../../bot/nudge-runner');
    const app = await startApp({ ...config, port: 0 }, { schedule: false, tabPage: false, log: (line: string) => io.err(line) });
    try {
      const r = await runNudgeCycle(app.nudgeDeps);
      const { store, reach } = app.nudgeDeps;
      const leads = await store.listLeads();
      const conversations = conversationsByLead(leads, await reach.listReachability());
      const byKey = new Map(leads.map((l) => [l.key, l]));
      // A failed lead in words: why the bot cannot reach them, if it now knows, else the error.
      const failedWords = r.failed.map((f) => {
        const lead = byKey.get(f.leadKey);
        const why = lead && unreachableWords(lead, conversations.get(f.leadKey));
        return `${lead?.displayName ?? f.leadKey} ${why ?? `could not be sent to (${f.error})`}`;
      });
      const summary = `${r.sent.length} sent, ${r.failed.length} failed${failedWords.length ? `: ${failedWords.join('; ')}` : ''}`;
      if (flags.json) {
        printJson(io, {
          cycle: r.cycle,
          sent: r.sent,
          failed: r.failed,
          alreadyHandled: r.alreadyHandled,
          unconfirmed: r.unconfirmed,
          retryAt: r.retryAt,
          gaveUp: r.gaveUp,
          skipped: r.plan.skipped.map((s) => ({ lead: s.lead.displayName, reason: s.reason, actions: s.items })),
          summary,
        });
      } else {
        for (const s of r.sent) io.out(`sent ${s.leadKey}: ${s.refs.join(', ')}`);
        for (const f of r.failed) io.err(`failed ${f.leadKey}: ${f.error}`);
        io.out(
          `cycle ${r.cycle}: ${r.sent.length} sent, ${r.alreadyHandled.length} already handled, ${r.failed.length} failed, ${r.plan.skipped.length} skipped`,
        );
        // Claimed by a run that may have died before it recorded the send: resumed once the claim lapses.
        if (r.unconfirmed.length)
          io.out(
            `${r.unconfirmed.length} unconfirmed (a run that may have died claimed them); they are sent again${r.retryAt ? ` after ${r.retryAt}` : ' when the claim lapses'} unless that run recorded them`,
          );
        if (r.failed.length) io.out(summary);
      }
      // Some went and some did not: partly done (3). None went: failed (1).
      if (!r.failed.length && !r.unconfirmed.length) return DONE;
      return r.sent.length || r.alreadyHandled.length || r.unconfirmed.length ? PARTLY : FAILED;
    } finally {
      await app.close();
    }
  },
};

/** Who would be asked about what: reads the store and writes nothing (no provisioning, seeding or claims). */
async function dryRun(config: Config, io: Io, json: boolean): Promise<number> {
  if (config.store === 'local' && !fs.existsSync(config.dbFile)) {
    if (json) printJson(io, { cycle: undefined, leads: [], note: `no plan at ${config.dbFile} yet` });
    else io.out(`no plan at ${config.dbFile} yet, so nobody would be asked (import a plan or run npm start first)`);
    return DONE;
  }
  const rules = { windowDays: config.nudge.windowDays, staleDays: config.nudge.staleDays, recentDays: config.nudge.recentDays };
  return withStore(
    config,
    async (store) => {
      const reach = openReachStore(store);
      const plan = await store.loadPlan();
      const cycle = cycleOf(new Date(), config.nudge);
      const conversations = conversationsByLead(plan.leads, await reach.listReachability());
      const done = new Set((await reach.deliveriesInCycle(cycle)).filter((d) => d.state === 'sent' || d.state === 'skipped').map((d) => d.leadKey));
      const preview = previewNudges(plan, cycle, rules, conversations, done);
      const count = (state: string) => preview.leads.filter((l) => l.state === state).length;
      if (json) {
        printJson(io, {
          cycle,
          leads: preview.leads.map((l) => ({
            lead: l.lead.displayName,
            key: l.lead.key,
            state: l.state,
            why: l.why,
            actions: l.items.map((i) => ({ ref: i.action.ref, reasons: i.reasons })),
          })),
        });
        return DONE;
      }
      for (const l of preview.leads) {
        const head =
          l.state === 'would-ask'
            ? `would ask ${l.lead.displayName} about ${l.items.length} action(s):`
            : l.state === 'already-asked'
              ? `already asked ${l.lead.displayName} this cycle about ${l.items.length} action(s):`
              : `cannot ask ${l.lead.displayName}: ${l.why}; would ask about ${l.items.length} action(s):`;
        io.out(head);
        for (const i of l.items) io.out(`  ${i.action.ref}: ${i.reasons.map((r) => r.replace(/\.$/, '')).join('; ')}`);
      }
      io.out(
        `cycle ${cycle}: ${count('would-ask')} lead(s) to ask, ${count('already-asked')} already asked, ${count('unreachable')} cannot be reached, ${count('away')} away`,
      );
      return DONE;
    },
    { readOnly: true },
  );
}
