// Child process for the crash drills: runs this week's nudge cycle on a SQLite
// file one lead at a time and kills itself (SIGKILL: nothing runs after) at
// the chosen point of the chosen delivery: before its claim, between claim
// and send, or between send and record.
//   node --import tsx nudge-worker.ts <db> <stage> <victim index>
import { runNudgeCycle } from '../../bot/nudge-runner';
import type { Notifier } from '../../bot/notifier';
import type { ReachStore } from '../../core/reach';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../../store/local/sqlite-reach-store';
import { CYCLE_START, notifierFor, RULES } from './support';

const [file, stage, victimText] = process.argv.slice(2);
const victim = Number(victimText);
const die = () => process.kill(process.pid, 'SIGKILL');

async function main() {
  const store = new SqlitePlanStore(file);
  const inner = new SqliteReachStore(store.db);
  let claims = 0;
  const reach = new Proxy(inner, {
    get(target, name, receiver) {
      if (name !== 'claimDelivery') return Reflect.get(target, name, receiver);
      return async (...args: Parameters<ReachStore['claimDelivery']>) => {
        const n = claims++;
        if (stage === 'before-claim' && n === victim) die();
        const claimed = await target.claimDelivery(...args);
        if (stage === 'after-claim' && n === victim) die();
        return claimed;
      };
    },
  });
  const teams = notifierFor();
  let sends = 0;
  const notifier: Notifier = {
    sendText: (r, t) => teams.sendText(r, t),
    async sendCard(reference, card, summary) {
      const sent = await teams.sendCard(reference, card, summary);
      if (stage === 'after-send' && sends++ === victim) die();
      return sent;
    },
  };
  await runNudgeCycle({ store, reach, notifier, now: () => CYCLE_START, rules: RULES, owner: 'crashed-run', concurrency: 1 });
  process.stdout.write('finished\n');
}
void main();
