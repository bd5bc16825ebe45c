// Card update: a lead taps Save on their card. Counts the Graph requests one
// update costs (cold, on a store that has read nothing, and warm) and the
// server's own time (Graph's latency taken out). Beside it, the simple
// approach: the action, the lead, the priority and the group each read on
// their own, then the PATCH and the history POST unbatched.
//   npx tsx bench/card-update.ts [--quick]
import { performance } from 'node:perf_hooks';
import { updateActionStatus } from '../core/update-action';
import type { ActionUpdate } from '../core/model';
import { actionMap, actionUpdateMap, deliveryGroupMap, leadMap, priorityMap } from '../store/sharepoint/field-map';
import { GraphClient } from '../store/sharepoint/graph/graph-client';
import { itemsQuery } from '../store/sharepoint/graph/odata';
import { NON_INDEXED_QUERY_HEADER } from '../store/sharepoint/list-items';
import { aadOf, CYCLE_AT, report, sharePointWorld, sizeFromArgs, type Figure } from './support';

const UPDATES = 60;

/** Time spent waiting on Graph, so the server's own share can be told apart. */
let graphMs = 0;
const send = GraphClient.prototype.request;
GraphClient.prototype.request = async function (this: GraphClient, ...args: Parameters<GraphClient['request']>) {
  const t = performance.now();
  try {
    return await send.apply(this, args);
  } finally {
    graphMs += performance.now() - t;
  }
};

async function main() {
  const size = sizeFromArgs();
  const world = await sharePointWorld(size, 'http://127.0.0.1:9/');
  try {
    const store = world.store();
    // Finding the site and its lists happens once a process; "cold" is everything after.
    await store.kpiMeasurements('none');
    const refs = (await world.store().loadPlan()).actions.map((a) => a.value).slice(0, UPDATES);
    const perUpdate: number[] = [];
    const overhead: number[] = [];
    for (const [n, action] of refs.entries()) {
      const i = Number(action.leadKeys[0].replace('lead-', ''));
      const before = world.fake.requests.length;
      graphMs = 0;
      const t = performance.now();
      await updateActionStatus(
        { store, now: () => CYCLE_AT },
        {
          identity: { aadObjectId: aadOf(i), name: `Lead ${i}` },
          ref: action.ref,
          report: { rag: 'Amber', commentary: `Bench update ${n}` },
          source: 'teams-card',
        },
      );
      overhead.push(performance.now() - t - graphMs);
      perUpdate.push(world.fake.requests.length - before);
    }
    const cold = perUpdate[0];
    const warm = perUpdate.slice(1);

    // The simple approach, on the same actions once more.
    const simple: number[] = [];
    const graph = world.graph;
    for (const [n, action] of refs.entries()) {
      const i = Number(action.leadKeys[0].replace('lead-', ''));
      const before = world.fake.requests.length;
      await simpleUpdate(graph, world, action.ref, aadOf(i), n);
      simple.push(world.fake.requests.length - before);
    }

    const figures: Figure[] = [
      {
        name: 'Graph requests, cold (first update: nothing read but the site)',
        unit: 'requests',
        planpulse: cold,
        simple: simple[0],
        target: { op: '<=', value: 3 },
      },
      {
        name: `Graph requests, warm (most of ${warm.length} updates)`,
        unit: 'requests',
        planpulse: Math.max(...warm),
        simple: Math.max(...simple.slice(1)),
        target: { op: '<=', value: 3 },
      },
      { name: 'Graph requests, warm (mean)', unit: 'requests', planpulse: mean(warm), simple: mean(simple.slice(1)) },
      { name: 'server overhead p95 (Graph latency excluded)', unit: 'ms', planpulse: p95(overhead), target: { op: '<', value: 100 } },
      { name: 'server overhead p50', unit: 'ms', planpulse: percentile(overhead, 0.5) },
    ];
    report('Card update', figures);
  } finally {
    await world.close();
  }
}

async function simpleUpdate(graph: GraphClient, world: Awaited<ReturnType<typeof sharePointWorld>>, ref: string, aad: string, n: number) {
  const get = async (list: Parameters<typeof world.siteListPath>[0], select: string[], column: string, value: string) => {
    const reply = await graph.request({
      method: 'GET',
      url: `${await world.siteListPath(list)}/items${itemsQuery({ select, where: { column, value } })}`,
      headers: NON_INDEXED_QUERY_HEADER,
    });
    return ((reply.body as { value: Array<{ id: string; fields: Record<string, unknown> }> }).value ?? [])[0];
  };
  const action = await get('actions', actionMap.select, 'ActionRef', ref);
  await get('leads', leadMap.select, 'AadObjectId', aad);
  const priority = await get('priorities', priorityMap.select, 'PriorityRef', String(action.fields.PriorityRef));
  await get('deliveryGroups', deliveryGroupMap.select, 'GroupKey', String(priority?.fields.DeliveryGroupKey ?? ''));
  await graph.request({
    method: 'PATCH',
    url: `${await world.siteListPath('actions')}/items/${action.id}/fields`,
    body: { Rag: 'Amber', Commentary: `Simple update ${n}` },
  });
  const update: ActionUpdate = {
    id: `simple-${n}`,
    actionRef: ref,
    at: CYCLE_AT.toISOString(),
    by: 'bench',
    byName: 'Bench',
    source: 'teams-card',
    kind: 'status',
    changes: [],
  };
  await graph.request({
    method: 'POST',
    url: `${await world.siteListPath('actionUpdates')}/items`,
    body: { fields: actionUpdateMap.toFields(update) },
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const p95 = (xs: number[]) => percentile(xs, 0.95);

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
