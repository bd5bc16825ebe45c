// Import of changes: a revised plan changes the text of a fifth of the
// actions already in SharePoint. Each change writes the action (If-Match) and
// its history record, 20 to a $batch, so the budget is the list reads plus
// ceil(2 × changes / 20), never a request per changed action. Beside it, the
// simple approach: per change a read, a PATCH and a history POST.
//   npx tsx bench/import-changes.ts [--quick]
import { emptyChanges } from '../core/ports';
import type { ActionUpdate } from '../core/model';
import { actionMap, actionUpdateMap } from '../store/sharepoint/field-map';
import { itemsQuery } from '../store/sharepoint/graph/odata';
import { NON_INDEXED_QUERY_HEADER } from '../store/sharepoint/list-items';
import { report, sharePointWorld, sizeFromArgs, type Figure } from './support';

const SIMPLE_SAMPLE = 200;

async function main() {
  const size = sizeFromArgs();
  const world = await sharePointWorld(size, 'http://127.0.0.1:9/');
  try {
    const refs = (await world.store().loadPlan()).actions.map((a) => a.value.ref);
    const changed = refs.filter((_, i) => i % 5 === 0);
    const revision = (n: number) => {
      const changes = emptyChanges();
      changes.actions.updated = changed.map((ref) => ({ key: ref, patch: { text: `Revision ${n} of action ${ref}` } }));
      return changes;
    };
    const budget = (reads: number) => reads + Math.ceil((2 * changed.length) / 20);

    // A fresh process imports the first revision, then (warm) a second.
    const store = world.store();
    await store.kpiMeasurements('none'); // the site and its lists, found once a process
    const measure = async (n: number, on = store) => {
      const before = world.fake.requests.length;
      await on.applyChanges(revision(n));
      const requests = world.fake.requests.slice(before);
      return { all: requests.length, reads: requests.filter((r) => r.method === 'GET').length, batches: requests.filter((r) => r.isBatch).length };
    };
    const first = await measure(1);
    const second = await measure(2);
    // A third revision from a process that did not write the second: the rows'
    // copies of their last records are looked for in the history, 20 to a request.
    const restarted = world.store();
    await restarted.kpiMeasurements('none');
    const third = await measure(3, restarted);

    // The simple approach on a sample of the changes.
    const sample = changed.slice(0, Math.min(SIMPLE_SAMPLE, changed.length));
    const scale = changed.length / sample.length;
    const before = world.fake.requests.length;
    const actionsPath = await world.siteListPath('actions');
    const historyPath = await world.siteListPath('actionUpdates');
    for (const ref of sample) {
      const reply = await world.graph.request({
        method: 'GET',
        url: `${actionsPath}/items${itemsQuery({ select: actionMap.select, where: { column: 'ActionRef', value: ref } })}`,
        headers: NON_INDEXED_QUERY_HEADER,
      });
      const row = (reply.body as { value: Array<{ id: string; eTag?: string; '@odata.etag'?: string }> }).value[0];
      await world.graph.request({
        method: 'PATCH',
        url: `${actionsPath}/items/${row.id}/fields`,
        body: { Title: ref },
        headers: { 'If-Match': row['@odata.etag'] ?? row.eTag ?? '*' },
      });
      const update: ActionUpdate = {
        id: `simple-${ref}`,
        actionRef: ref,
        at: '2023-03-06T09:00:00Z',
        by: 'import',
        byName: 'Import',
        source: 'import',
        kind: 'import',
        changes: [],
      };
      await world.graph.request({ method: 'POST', url: `${historyPath}/items`, body: { fields: actionUpdateMap.toFields(update) } });
    }
    const simple = (world.fake.requests.length - before) * scale;
    const note = scale > 1 ? `simple measured on ${sample.length} changes, ×${scale.toFixed(1)}` : undefined;

    const figures: Figure[] = [
      {
        name: `requests, first revision, fresh process (${changed.length} changes; budget ${first.reads} reads + ${Math.ceil((2 * changed.length) / 20)})`,
        unit: 'requests',
        planpulse: first.all,
        simple,
        target: { op: '<=', value: budget(first.reads) },
        note,
      },
      {
        name: `requests, second revision, same process (budget ${second.reads} reads + ${Math.ceil((2 * changed.length) / 20)})`,
        unit: 'requests',
        planpulse: second.all,
        simple,
        target: { op: '<=', value: budget(second.reads) },
        note,
      },
      {
        name: `requests, third revision, restarted process (budget ${third.reads} reads + ${Math.ceil((2 * changed.length) / 20)})`,
        unit: 'requests',
        planpulse: third.all,
        simple,
        target: { op: '<=', value: budget(third.reads) },
        note: `${third.batches} $batch requests, ${Math.ceil(changed.length / 20)} of them looking up the previous records`,
      },
      { name: 'of which reads, first revision', unit: 'requests', planpulse: first.reads },
      {
        name: 'requests per changed action, first revision',
        unit: 'requests',
        planpulse: first.all / changed.length,
        simple: simple / changed.length,
      },
    ];
    report('Import of changes', figures);
  } finally {
    await world.close();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
