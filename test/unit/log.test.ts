// The server's log: a correlation id on every line of an activity or a
// scheduled run, and never a token or a secret (issue 11, logs).
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { loadConfig } from '../../app/config';
import { createLogger, levelOfLine, lineLogger, scrub, withCorrelation } from '../../app/log';
import { startApp } from '../../app/start';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { JEN } from '../bot/harness';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, raw, logger: createLogger({ level: 'info', pretty: false, destination }) };
}

const TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2V2aWwifQ.c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw';

describe('logs', () => {
  it('are JSON with a level, and honour the level asked for', () => {
    const { lines, logger } = capture();
    logger.info('hello');
    logger.debug('not shown at info');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 30, msg: 'hello', app: 'planpulse' });
    expect(lines[0].time).to.be.a('string');
  });

  it('give the bot’s plain lines a level from how they begin', () => {
    expect(levelOfLine('refused an activity: not authenticated (bad signature)')).to.equal('warn');
    expect(levelOfLine('turn failed: TypeError: x')).to.equal('error');
    expect(levelOfLine('nudge cycle 2023-03-06: 3 sent, 0 already handled, 0 failed, 0 given up')).to.equal('info');
    expect(levelOfLine('sample plan loaded: imported 5 priorities')).to.equal('info');
  });

  it('carry the correlation id of the activity or run they belong to', async () => {
    const { lines, logger } = capture();
    const log = lineLogger(logger);
    await withCorrelation({ kind: 'run', job: 'nudges' }, async () => {
      log('first');
      await new Promise((r) => setTimeout(r, 5));
      log('second, after an await');
    });
    log('outside');
    expect(lines[0].correlationId).to.be.a('string').with.length(36);
    expect(lines[1].correlationId).to.equal(lines[0].correlationId);
    expect(lines[0]).to.include({ kind: 'run', job: 'nudges' });
    expect(lines[2]).not.to.have.property('correlationId');
  });

  it('never hold a token or a secret, in fields or in the message', () => {
    const { raw, logger } = capture();
    logger.info({ headers: { authorization: `Bearer ${TOKEN}` }, clientSecret: 'pa55word', nested: { password: 'hunter2' } }, 'request');
    logger.info(`refused: Authorization: Bearer ${TOKEN}`);
    logger.info(`token request failed: client_secret=pa55word&grant_type=client_credentials`);
    logger.error(new Error(`bad header Bearer ${TOKEN}`));
    const all = raw.join('\n');
    for (const secret of [TOKEN, TOKEN.split('.')[2], 'pa55word', 'hunter2']) expect(all).not.to.contain(secret);
    expect(all).to.contain('[redacted]');
    expect(scrub(`x ${TOKEN} y`)).to.equal('x [redacted token] y');
  });

  it('from the server: each activity’s lines share one id, different from the next activity’s, with no token in them', async () => {
    const { lines, raw, logger } = capture();
    const store = new SqlitePlanStore(':memory:');
    const config = loadConfig({ PORT: '0', PLANPULSE_SAMPLE_PLAN: 'none' });
    const app = await startApp(config, { store, schedule: false, logger });
    try {
      const post = (id: string, serviceUrl: string) =>
        fetch(`http://127.0.0.1:${app.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({
            type: 'message',
            id,
            text: 'hi',
            channelId: 'msteams',
            serviceUrl,
            from: { id: JEN.teamsId, aadObjectId: JEN.aadObjectId },
            conversation: { id: 'a:x' },
            recipient: { id: '28:bot' },
          }),
        });
      // Off-machine service URLs are refused in unauthenticated mode: one line each, inside the activity.
      expect((await post('act-1', 'https://smba.example/')).status).to.equal(400);
      expect((await post('act-2', 'https://smba.example/')).status).to.equal(400);
      const refused = lines.filter((l) => String(l.msg).startsWith('refused an activity'));
      expect(refused).to.have.length(2);
      expect(refused[0]).to.include({ kind: 'activity', activityId: 'act-1', activityType: 'message' });
      expect(refused[1]).to.include({ activityId: 'act-2' });
      expect(refused[0].correlationId).to.be.a('string');
      expect(refused[0].correlationId).not.to.equal(refused[1].correlationId);
      expect(raw.join('\n')).not.to.contain(TOKEN.split('.')[2]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
