// Nudge fan-out: one weekly cycle to every lead of a big plan, against the
// Graph fake metering SharePoint's resource units and a Teams connector fake
// enforcing Teams' send limits (429 + Retry-After beyond either). Beside it,
// the simple approach: one request per action, unbatched, uncached writes,
// sends as fast as answers come back.
//   npx tsx bench/nudge-fanout.ts [--quick]
import { performance } from 'node:perf_hooks';
import { runNudgeCycle } from '../bot/nudge-runner';
import { TEAMS_RETRY, TeamsNotifier } from '../bot/notifier';
import { cycleOf, MONDAY_0900 } from '../bot/scheduler';
import { actionMap, deliveryMap, leadMap } from '../store/sharepoint/field-map';
import { itemsQuery } from '../store/sharepoint/graph/odata';
import { readAllPages } from '../store/sharepoint/graph/paging';
import { startFakeConnector } from '../test/bot/fake-connector';
import { anonymousAdapter, CYCLE_AT, report, RULES, sharePointWorld, sizeFromArgs, withPeakRss, type Figure } from './support';

/** The strictest documented Teams ceiling per app per tenant (older revisions; 50 now). PlanPulse keeps under it. */
const TEAMS_PER_SECOND = 30;
/** SharePoint's app budget for the largest tenants (50k+ licences); 1,200 for those under 1,000. */
const RU_PER_MINUTE = Number(process.env.PLANPULSE_BENCH_RU_PER_MINUTE ?? 6000);
/** Leads the simple approach is measured on at full size (its requests scale linearly with leads). */
const SIMPLE_SAMPLE = 200;

async function main() {
  const size = sizeFromArgs();
  const connector = await startFakeConnector({
    limits: {
      tenantPerSecond: TEAMS_PER_SECOND,
      perConversation: [
        [7, 1000],
        [8, 2000],
        [60, 30_000],
      ],
    },
  });
  const world = await sharePointWorld(size, connector.url);
  try {
    world.fake.meterResourceUnits(RU_PER_MINUTE);
    const actionsList = await world.siteListPath('actions');

    // PlanPulse.
    const store = world.store({ ruPerMinute: RU_PER_MINUTE });
    const reach = store.reachStore();
    const notifier = new TeamsNotifier(anonymousAdapter(), '', { ...TEAMS_RETRY, tenantPerSecond: TEAMS_PER_SECOND });
    const firstRequest = world.fake.requests.length;
    const unitsBefore = world.fake.resourceUnits();
    const t0 = performance.now();
    const now = () => new Date(CYCLE_AT.getTime() + (performance.now() - t0));
    const { value: run, peakRssMb } = await withPeakRss(() => runNudgeCycle({ store, reach, notifier, now, rules: RULES }));
    const seconds = (performance.now() - t0) / 1000;
    const requests = world.fake.requests.slice(firstRequest);
    const units = world.fake.resourceUnits();
    const actionPages = requests.filter((r) => r.method === 'GET' && r.path.includes(actionsList.split('/lists/')[1])).length;
    const perConversation = new Map<string, number>();
    for (const s of connector.sent) perConversation.set(s.conversationId, (perConversation.get(s.conversationId) ?? 0) + 1);
    const doubled = [...perConversation.values()].filter((n) => n > 1).length;
    const lost = size.leads - perConversation.size;
    const sendRate = rate(connector.sentAt);
    const ppThrottledTeams = connector.throttled;

    // The simple approach, on a sample of leads at full size.
    const sample = Math.min(size.leads, SIMPLE_SAMPLE);
    const scale = size.leads / sample;
    const sentBefore = connector.sent.length;
    const sentAtBefore = connector.sentAt.length;
    const simpleFirst = world.fake.requests.length;
    const simpleUnitsBefore = world.fake.resourceUnits();
    const s0 = performance.now();
    await simpleApproach(world, connector.url, sample, now);
    const simpleSeconds = (performance.now() - s0) / 1000;
    const simpleRequests = world.fake.requests.length - simpleFirst;
    const simpleUnits = world.fake.resourceUnits().charged - simpleUnitsBefore.charged;
    const simpleRate = rate(connector.sentAt.slice(sentAtBefore));
    const simpleSent = connector.sent.length - sentBefore;

    const note = scale > 1 ? `simple measured on ${sample} leads, ×${scale}` : undefined;
    const figures: Figure[] = [
      {
        name: `leads sent a card (of ${size.leads}, ${size.actions} actions)`,
        unit: 'leads',
        planpulse: perConversation.size,
        simple: simpleSent * scale,
        target: { op: '>=', value: size.leads },
      },
      { name: 'cards lost', unit: '', planpulse: lost, target: { op: '<=', value: 0 } },
      { name: 'cards doubled', unit: '', planpulse: doubled, target: { op: '<=', value: 0 } },
      { name: 'Graph requests', unit: 'requests', planpulse: requests.length, simple: simpleRequests * scale, note },
      { name: 'SharePoint resource units', unit: 'RU', planpulse: units.charged - unitsBefore.charged, simple: simpleUnits * scale, note },
      {
        name: `Graph 429s (meter at ${RU_PER_MINUTE} RU/min)`,
        unit: '',
        planpulse: units.refused - unitsBefore.refused,
        simple: (world.fake.resourceUnits().refused - units.refused) * scale,
      },
      {
        name: `Actions list reads (pages of 200: ${Math.ceil(size.actions / 200)})`,
        unit: 'requests',
        planpulse: actionPages,
        target: { op: '<=', value: Math.ceil(size.actions / 200) + 1 },
      },
      {
        name: `sends per second (Teams ceiling ${TEAMS_PER_SECOND}/s; 90% = ${0.9 * TEAMS_PER_SECOND})`,
        unit: '/s',
        planpulse: sendRate,
        simple: simpleRate,
        target: { op: '>=', value: 0.9 * TEAMS_PER_SECOND },
      },
      {
        name: `sends per second against SharePoint's budget (${RU_PER_MINUTE} RU/min ÷ 4 RU a lead = ${(RU_PER_MINUTE / 240).toFixed(1)}/s)`,
        unit: '/s',
        planpulse: sendRate,
        target: { op: '>=', value: 0.9 * Math.min(TEAMS_PER_SECOND, RU_PER_MINUTE / 240) },
      },
      { name: 'Teams 429s', unit: '', planpulse: ppThrottledTeams, simple: (connector.throttled - ppThrottledTeams) * scale },
      { name: 'duration', unit: 's', planpulse: seconds, simple: simpleSeconds * scale, note },
      { name: 'peak RSS (bench process, fakes included)', unit: 'MB', planpulse: peakRssMb },
    ];
    report('Nudge fan-out', figures);
    if (run.failed.length) console.log(`  ${run.failed.length} failed, e.g. ${run.failed[0].error}`);
  } finally {
    await world.close();
    await connector.close();
  }
}

/** Sends a second over the span of the sends. */
function rate(times: number[]): number {
  if (times.length < 2) return 0;
  return (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
}

/**
 * The simple approach: read the leads and each lead's actions one request an
 * action, then per lead a claim, a send and a record, each a request of its
 * own; a 429 from Teams waits its Retry-After, nothing is paced ahead.
 */
async function simpleApproach(world: Awaited<ReturnType<typeof sharePointWorld>>, serviceUrl: string, leads: number, now: () => Date) {
  const graph = world.graph;
  const cycle = `simple-${cycleOf(now(), MONDAY_0900)}`;
  const actionsPath = await world.siteListPath('actions');
  const leadsPath = await world.siteListPath('leads');
  const nudgesPath = await world.siteListPath('deliveries');
  const leadRows = await readAllPages<{ id: string; fields: Record<string, unknown> }>(
    graph,
    `${leadsPath}/items${itemsQuery({ select: leadMap.select })}`,
  );
  // Which item is whose: ids only, then each action read on its own.
  const ids = await readAllPages<{ id: string; fields: Record<string, unknown> }>(
    graph,
    `${actionsPath}/items${itemsQuery({ select: ['LeadKeys'] })}`,
  );
  for (const row of leadRows.slice(0, leads)) {
    const leadKey = String(row.fields.LeadKey);
    const i = Number(leadKey.replace('lead-', ''));
    const mine = ids.filter((a) => String(a.fields.LeadKeys).split(';').includes(leadKey));
    const refs: string[] = [];
    for (const a of mine) {
      const item = await graph.request({ method: 'GET', url: `${actionsPath}/items/${a.id}?expand=fields(select=${actionMap.select.join(',')})` });
      refs.push(String((item.body as { fields: Record<string, unknown> }).fields.ActionRef));
    }
    const key = `${cycle}|${leadKey}`;
    const claim = await graph.request({
      method: 'POST',
      url: `${nudgesPath}/items`,
      body: { fields: deliveryMap.toFields({ key, cycle, leadKey, state: 'claimed', actionRefs: refs }) },
    });
    for (;;) {
      const res = await fetch(`${serviceUrl}v3/conversations/${encodeURIComponent(`a:conversation-${i}`)}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: `${refs.length} plan action(s) to update` }),
      });
      if (res.status !== 429) break;
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
    }
    const id = String((claim.body as { id: unknown }).id);
    await graph.request({
      method: 'PATCH',
      url: `${nudgesPath}/items/${id}/fields`,
      body: deliveryMap.patchFields({ state: 'sent', sentAt: now().toISOString() }),
    });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
