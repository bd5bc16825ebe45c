// planpulse kpi [--json] shows the score card; kpi record <ref> <value> [--on DATE] [--note TEXT] records a measurement.
import { formatDate, londonDate, parseUserDate } from '../../core/dates';
import { InvalidError } from '../../core/errors';
import { recordMeasurement, scoreCardLine } from '../../core/kpi';
import { DONE, FAILED, USAGE, noPlanYet, printJson, unreadableDate, withStore, type CommandSpec } from './shared';

const RECORD_USAGE = 'usage: planpulse kpi record <kpi-ref> <value> [--on <date>] [--note <text>] [--json]';

export const kpi: CommandSpec = {
  name: 'kpi',
  usage: 'kpi [--json] | kpi record <ref> <value> [--on <date>] [--note <text>] [--json]',
  summary: 'the KPI score card; record a measurement',
  flags: { on: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    const [sub, ref, ...rest] = positionals;
    if (sub === 'record') {
      const on = flags.on as string | undefined;
      const note = flags.note as string | undefined;
      const today = londonDate(new Date());
      if (!ref || !rest.length) {
        io.err(RECORD_USAGE);
        return USAGE;
      }
      const measuredOn = on ? parseUserDate(on, today) : today;
      if (!measuredOn) {
        io.err(unreadableDate(on!));
        return USAGE;
      }
      if (noPlanYet(config, io)) return FAILED;
      return withStore(config, async (store) => {
        try {
          const m = await recordMeasurement(store, { kpiRef: ref, value: rest.join(' '), measuredOn, note, recordedBy: 'cli' }, new Date(), today);
          if (flags.json) printJson(io, m);
          else io.out(`recorded ${m.kpiRef}: ${m.value} on ${formatDate(m.measuredOn)}`);
          return DONE;
        } catch (e) {
          if (e instanceof InvalidError) {
            for (const p of e.problems) io.err(p);
            io.err('nothing was recorded');
            return FAILED;
          }
          throw e;
        }
      });
    }
    if (sub !== undefined) {
      io.err(
        `unknown kpi command "${sub}": planpulse kpi shows the score card; planpulse kpi record <kpi-ref> <value> [--on <date>] [--note <text>] records a measurement`,
      );
      return USAGE;
    }
    if (flags.on !== undefined || flags.note !== undefined) {
      io.err(`--on and --note go with kpi record: ${RECORD_USAGE}`);
      return USAGE;
    }
    return withStore(
      config,
      async (store) => {
        const plan = await store.loadPlan();
        const measurements = await store.kpiMeasurements();
        const latest = (ref: string) => measurements.filter((m) => m.kpiRef === ref).at(-1);
        if (flags.json) {
          printJson(
            io,
            plan.kpis.map((k) => ({ ...k, latest: latest(k.ref) })),
          );
          return DONE;
        }
        for (const k of plan.kpis) io.out(scoreCardLine(k, latest(k.ref)));
        io.out(`${plan.kpis.length} KPIs, ${new Set(measurements.map((m) => m.kpiRef)).size} measured`);
        return DONE;
      },
      { readOnly: true },
    );
  },
};
