// Child process for the crash test: saves updates one after another and
// prints each id only after saveAction returned (i.e. was acknowledged).
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

async function main() {
  const store = new SqlitePlanStore(process.argv[2]);
  for (let i = 0; ; i++) {
    const current = (await store.getAction('1.1.1'))!;
    const id = `crash-${i}`;
    await store.saveAction({ ...current.value, commentary: `save ${i}` }, current.etag, {
      id,
      actionRef: '1.1.1',
      at: new Date().toISOString(),
      by: 'worker',
      byName: 'Worker',
      source: 'cli',
      kind: 'status',
      changes: [{ field: 'commentary', from: current.value.commentary ?? null, to: `save ${i}` }],
      comment: `save ${i}`,
    });
    process.stdout.write(`${id}\n`);
  }
}
void main();
