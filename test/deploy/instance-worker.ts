// One PlanPulse instance in its own process, for two-instances.test.ts: opens
// the shared SQLite file through the app's own configuration and start-up,
// reports its port, runs the weekly cycle when told "go", and reports what it
// sent. The clock is fixed at Monday 09:00 so both run the same cycle.
import { loadConfig } from '../../app/config';
import { startApp } from '../../app/start';
import { runNudgeCycle } from '../../bot/nudge-runner';

async function main() {
  const [dbFile, now] = process.argv.slice(2);
  const config = loadConfig({ PLANPULSE_DB: dbFile, PORT: '0', HOST: '127.0.0.1', PLANPULSE_INSTANCES: '2' });
  const app = await startApp(config, {
    now: () => new Date(now),
    schedule: false,
    log: () => undefined,
    retry: { retries: 2, minDelayMs: 10, maxDelayMs: 50, perConversationGapMs: 0, tenantPerSecond: 1000 },
  });
  process.send!({ port: app.port });
  process.on('message', async (message: string) => {
    if (message === 'go') {
      const report = await runNudgeCycle(app.nudgeDeps);
      process.send!({
        sent: report.sent.map((s) => s.leadKey),
        failed: report.failed.map((f) => f.leadKey),
        alreadyHandled: report.alreadyHandled.length,
      });
    } else if (message === 'close') {
      await app.close();
      process.exit(0);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
