// The bot driven over HTTP exactly as Teams drives it: activities and
// adaptiveCard/action invokes POSTed to /api/messages, replies and proactive
// sends captured by a local connector, and the store checked afterwards.
import { expect } from 'chai';
import { planNudges } from '../../core/nudge-plan';
import { emptyChanges } from '../../core/ports';
import { runFollowUps } from '../../bot/follow-ups';
import { runNudgeCycle } from '../../bot/nudge-runner';
import { MAX_ACTIVITY_BYTES } from '../../app/start';
import { cardProblems } from '../../bot/cards/check';
import { VERBS } from '../../bot/cards/verbs';
import { TENANT } from './teams-client';
import { cardText, DAVE, JEN, OUTSIDER, refsOnCard, SALLY, SAPPHIRE, SECRETARIAT, startHarness, type Harness } from './harness';

/** The automatic refresh Teams sends when a card with `refresh.userIds` is shown. */
async function refreshInvoke(h: Harness, p: typeof JEN) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    id: 'refresh-1',
    from: { id: p.teamsId, name: p.name, aadObjectId: p.aadObjectId },
    recipient: { id: '28:planpulse-bot' },
    conversation: { id: h.teams.conversationOf(p), conversationType: 'personal' },
    value: { action: { type: 'Action.Execute', verb: VERBS.refresh, data: { cycle: '2023-03-06', page: 1 } }, trigger: 'automatic' },
  };
}

const TEAM_CHANNEL = '19:general-improving-outcomes@thread.tacv2';

/** An installationUpdate from a team's channel, as Teams sends it when someone adds PlanPulse to a team. */
function inTeam(h: Harness, p: typeof JEN, action: 'add' | 'remove') {
  return h.teams.post({
    type: 'installationUpdate',
    action,
    id: `team-${action}`,
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: p.teamsId, name: p.name, aadObjectId: p.aadObjectId },
    recipient: { id: '28:planpulse-bot', name: 'PlanPulse' },
    conversation: { id: TEAM_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_CHANNEL }, channel: { id: TEAM_CHANNEL } },
  });
}

/** The data of every Sign off button on a card, in order. */
function signOffData(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'Action.Execute' && o.verb === VERBS.signOff) out.push(o.data);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The data of the No change button for one action on a card. */
function noChangeData(card: unknown, ref: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'Action.Execute' && o.verb === VERBS.noChange && o.data?.ref === ref) found = o.data;
    Object.values(o).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no No change button for ${ref}`);
  return found;
}

/** Proactive notes are sent after the tap is answered: wait for them to arrive. */
async function cardsArrive(h: Harness, conversationId: string, n: number): Promise<any[]> {
  for (let i = 0; i < 100 && h.connector.cards(conversationId).length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return h.connector.cards(conversationId);
}

describe('bot over HTTP', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  it('on install keeps the conversation by Entra object id, links the lead and sends a welcome card', async () => {
    const res = await h.teams.install(JEN);
    expect(res.status).to.equal(200);
    const reach = await h.app.services.reach.getReachability(JEN.aadObjectId);
    expect(reach?.leadKey).to.equal('jennifer-ashton');
    expect(reach?.reachable).to.equal(true);
    expect((reach?.reference as any).conversation.id).to.equal(h.teams.conversationOf(JEN));
    const [welcome] = h.connector.cards(h.teams.conversationOf(JEN));
    expect(cardText(welcome)).to.contain('Every Monday at 09:00 I will send you');
    expect(cardProblems(welcome)).to.deep.equal([]);
  });

  it('links a person Teams knows only by email to their lead on first message', async () => {
    const lead = (await h.store.listLeads()).find((l) => l.key === 'lisa-taylor')!;
    await h.store.saveLead({ ...lead, email: 'lisa.taylor@lancashire.example' });
    const lisa = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000077', teamsId: '29:user-77', name: 'Lisa Taylor' };
    h.connector.members.set(lisa.teamsId, {
      id: lisa.teamsId,
      name: lisa.name,
      aadObjectId: lisa.aadObjectId,
      email: 'lisa.taylor@lancashire.example',
    });
    await h.teams.say(lisa, 'my actions');
    expect((await h.store.findLeadByAadObjectId(lisa.aadObjectId))?.key).to.equal('lisa-taylor');
    expect(refsOnCard(h.connector.cards(h.teams.conversationOf(lisa))[0])).to.include('1.1.9');
  });

  it('links by a UPN in another case, keeping the Entra id lower case; an id already linked elsewhere is never taken', async () => {
    const lead = (await h.store.listLeads()).find((l) => l.key === 'lisa-taylor')!;
    await h.store.saveLead({ ...lead, upn: 'lisa.taylor@lancashire.example' });
    const lisa = { aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000078', teamsId: '29:user-78', name: 'Lisa Taylor' };
    h.connector.members.set(lisa.teamsId, {
      id: lisa.teamsId,
      name: lisa.name,
      aadObjectId: lisa.aadObjectId,
      userPrincipalName: 'Lisa.Taylor@Lancashire.example',
    });
    await h.teams.say(lisa, 'my actions');
    expect((await h.store.findLeadByEmail('lisa.taylor@lancashire.example'))?.aadObjectId).to.equal('aaaaaaaa-0000-4000-8000-000000000078');
    // Someone else whose directory email names Lisa's lead, on another account, is not linked to it.
    const other = { aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000079', teamsId: '29:user-79', name: 'Not Lisa' };
    h.connector.members.set(other.teamsId, {
      id: other.teamsId,
      name: other.name,
      aadObjectId: other.aadObjectId,
      email: 'lisa.taylor@lancashire.example',
    });
    await h.teams.say(other, 'my actions');
    expect(await h.store.findLeadByAadObjectId(other.aadObjectId)).to.equal(undefined);
  });

  it('a nudge run sends one card per reachable lead with that lead’s actions, and never twice', async () => {
    for (const p of [JEN, SALLY, DAVE]) await h.teams.install(p);
    h.connector.sent.length = 0;
    const report = await runNudgeCycle(h.app.nudgeDeps);
    expect(report.sent.map((s) => s.leadKey).sort()).to.deep.equal(['dave-carr', 'jennifer-ashton', 'sally-richardson']);
    // The right actions, worked out by hand from the sample on Monday 6 Mar 2023 (all Grey):
    // Grey once its due month has begun (due 31 Mar), past due (2.1.1, 1.4.x, 1.5.1, 5.5.1), and
    // quiet actions of monthly groups in the month's first cycle (3.4.2, 4.5.2, 5.x); quiet
    // actions of quarterly groups (1.2.3, 2.1.2, 2.1.4, 2.2.2, 2.2.3) wait for April.
    const byLead = Object.fromEntries(report.sent.map((s) => [s.leadKey, s.refs]));
    expect(byLead).to.deep.equal({
      'jennifer-ashton': ['1.1.3', '1.1.6', '1.2.2', '1.3.1', '2.1.1', '2.1.3', '2.2.4', '3.4.2'],
      'sally-richardson': ['1.2.1', '1.4.1', '1.4.3', '1.4.4', '1.5.1', '3.7.8', '4.5.2', '5.5.1', '5.5.2', '5.7.9'],
      'dave-carr': ['5.7.13', '5.8.5', '5.9.2'],
    });
    // And the domain rules agree with that reading.
    const plan = await h.store.loadPlan();
    const expected = planNudges(plan, '2023-03-06', h.app.services.rules, () => true);
    for (const s of report.sent) expect(s.refs).to.deep.equal(expected.nudges.find((n) => n.lead.key === s.leadKey)!.items.map((i) => i.action.ref));
    expect(report.sent.find((s) => s.leadKey === 'jennifer-ashton')!.refs).to.include('1.1.3');
    const jenCards = h.connector.cards(h.teams.conversationOf(JEN));
    expect(jenCards).to.have.length(1);
    expect(refsOnCard(jenCards[0])).to.deep.equal(report.sent.find((s) => s.leadKey === 'jennifer-ashton')!.refs.slice(0, 5));
    expect(cardProblems(jenCards[0])).to.deep.equal([]);
    // The card refreshes itself for Jennifer (and only her) when she next opens it.
    expect(jenCards[0].refresh).to.deep.equal({
      action: { type: 'Action.Execute', verb: VERBS.refresh, data: { cycle: '2023-03-06', page: 1 } },
      userIds: [JEN.teamsId],
    });
    const refreshed = await h.teams.post({ ...(await refreshInvoke(h, JEN)) });
    expect(refsOnCard(refreshed.body.value)).to.deep.equal(refsOnCard(jenCards[0]));
    expect(refreshed.body.value.refresh.userIds).to.deep.equal([JEN.teamsId]);
    // Leads who never installed the bot are reported, not forgotten.
    expect(report.plan.skipped.map((s) => s.lead.key)).to.include('sapphire-murray');

    const again = await runNudgeCycle(h.app.nudgeDeps);
    expect(again.sent).to.deep.equal([]);
    expect(again.alreadyHandled.sort()).to.deep.equal(['dave-carr', 'jennifer-ashton', 'sally-richardson']);
    expect(h.connector.cards(h.teams.conversationOf(JEN))).to.have.length(1);
  });

  it('resumes after a crash: an expired claim is taken over, a live one is left alone', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    const reach = h.app.services.reach;
    // Another instance holds Jennifer's delivery with a live lease; Sally's claimant crashed long ago.
    await reach.claimDelivery('2023-03-06', 'jennifer-ashton', 'other-instance', '2023-03-06T08:59:00Z', '2023-03-06T09:30:00Z');
    await reach.claimDelivery('2023-03-06', 'sally-richardson', 'crashed-instance', '2023-03-06T08:00:00Z', '2023-03-06T08:10:00Z');
    h.connector.sent.length = 0;
    const report = await runNudgeCycle(h.app.nudgeDeps);
    expect(report.sent.map((s) => s.leadKey)).to.deep.equal(['sally-richardson']);
    // A live claim is not "handled": nobody has confirmed that card went. It is
    // reported as unconfirmed, with the moment its claim lapses.
    expect(report.alreadyHandled).to.deep.equal([]);
    expect(report.unconfirmed).to.deep.equal(['jennifer-ashton']);
    expect(report.retryAt).to.equal('2023-03-06T09:30:00Z');
    expect(h.connector.sent).to.have.length(1);
  });

  it('an update through the card changes the action and its history', async () => {
    await h.teams.install(JEN);
    const before = (await h.store.getAction('1.1.3'))!;
    const res = await h.teams.tap(
      JEN,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: before.etag },
      { rag: 'Amber', commentary: 'Schools survey response slow', newDueDate: '', completionEvidence: '' },
    );
    expect(res.status).to.equal(200);
    expect(res.body.type).to.equal('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).to.match(/Saved/);
    expect(cardProblems(res.body.value)).to.deep.equal([]);
    const after = (await h.store.getAction('1.1.3'))!;
    expect(after.value.rag).to.equal('Amber');
    expect(after.value.commentary).to.equal('Schools survey response slow');
    expect(after.value.lastUpdatedBy).to.equal('jennifer-ashton');
    const history = await h.store.actionHistory('1.1.3');
    expect(history).to.have.length(1);
    expect(history[0]).to.include({ by: 'jennifer-ashton', source: 'teams-card', kind: 'status' });
  });

  it('bad input is answered in the card with the reasons and changes nothing', async () => {
    const before = (await h.store.getAction('1.1.3'))!;
    const res = await h.teams.tap(JEN, VERBS.saveUpdate, { ref: '1.1.3', etag: before.etag }, { rag: 'Red', commentary: 'Late', newDueDate: '' });
    expect(res.status).to.equal(200);
    expect(cardText(res.body.value)).to.contain('give a new completion date');
    expect(cardProblems(res.body.value)).to.deep.equal([]);
    expect(await h.store.getAction('1.1.3')).to.deep.equal(before);
    expect(await h.store.actionHistory('1.1.3')).to.deep.equal([]);
  });

  it('a form value that is not text is refused, not read as "no change"', async () => {
    const before = (await h.store.getAction('1.1.3'))!;
    const res = await h.teams.tap(JEN, VERBS.saveUpdate, { ref: '1.1.3', etag: before.etag, updatedAt: '', rag: 5, commentary: {} });
    expect(cardText(res.body.value)).to.contain('The form sent something PlanPulse cannot read (rag, commentary)');
    expect(await h.store.getAction('1.1.3')).to.deep.equal(before);
    expect(await h.store.actionHistory('1.1.3')).to.deep.equal([]);
    const noVerb = await h.teams.tap(JEN, '', { ref: '1.1.3' });
    expect(noVerb.body.value).to.deep.equal({ code: 'unknownVerb', message: 'This button does not say what it does.' });
    // A message whose text is not text gets the help card, not an error.
    const oddText = await h.teams.post({
      type: 'message',
      id: 'odd-text',
      text: 12345,
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: JEN.teamsId, name: JEN.name, aadObjectId: JEN.aadObjectId },
      recipient: { id: '28:planpulse-bot', name: 'PlanPulse' },
      conversation: { id: h.teams.conversationOf(JEN), conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    expect(oddText.status).to.equal(200);
    expect(cardText(h.connector.cards(h.teams.conversationOf(JEN)).pop())).to.contain('What you can type');
  });

  it('answers a body that is not an activity with 400, and one too big to be from Teams with 413', async () => {
    const url = `http://127.0.0.1:${h.app.port}/api/messages`;
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const notActivity = await post('{"hello":"world"}');
    expect(notActivity.status).to.equal(400);
    expect(await notActivity.json()).to.deep.equal({ error: 'The body must be a Bot Framework activity (JSON with a "type").' });
    const huge = await post(JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_ACTIVITY_BYTES) }));
    expect(huge.status).to.equal(413);
    expect(h.connector.sent).to.deep.equal([]);
  });

  it('a forged invoke from someone who neither leads nor chairs the action changes nothing', async () => {
    const before = (await h.store.getAction('1.1.3'))!;
    for (const intruder of [DAVE, OUTSIDER]) {
      const res = await h.teams.tap(
        intruder,
        VERBS.saveUpdate,
        { ref: '1.1.3', etag: before.etag, by: JEN.aadObjectId, aadObjectId: JEN.aadObjectId },
        { rag: 'Blue', completionEvidence: 'forged' },
      );
      expect(res.status).to.equal(200);
      expect(cardText(res.body.value)).to.match(/Not allowed|not in the plan/);
    }
    expect(await h.store.getAction('1.1.3')).to.deep.equal(before);
    expect(await h.store.actionHistory('1.1.3')).to.deep.equal([]);
  });

  it('the chair may update an action in their group; the lead reports completion and the chair signs it off', async () => {
    const a = (await h.store.getAction('1.1.3'))!;
    const reported = await h.teams.tap(
      JEN,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: a.etag },
      { rag: 'Blue', completionEvidence: 'Survey report to PACT, 2 Mar' },
    );
    expect(cardText(reported.body.value)).to.match(/sign-off/i);
    const mid = (await h.store.getAction('1.1.3'))!;
    expect(mid.value.rag).to.equal('Grey');
    expect(mid.value.completionReportedBy).to.equal('jennifer-ashton');
    const refused = await h.teams.tap(JEN, VERBS.signOff, { ref: '1.1.3', etag: mid.etag });
    expect(cardText(refused.body.value)).to.match(/Not allowed/);
    const signed = await h.teams.tap(SALLY, VERBS.signOff, { ref: '1.1.3', etag: mid.etag });
    expect(cardText(signed.body.value)).to.match(/Saved/);
    expect((await h.store.getAction('1.1.3'))!.value).to.include({ rag: 'Blue', signedOffBy: 'sally-richardson' });
    expect((await h.store.actionHistory('1.1.3')).map((u) => u.kind)).to.deep.equal(['completion-reported', 'sign-off']);
  });

  it('the chair signs off two actions in a row from one digest, which stays a digest', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    for (const ref of ['1.1.3', '1.1.6']) {
      const a = (await h.store.getAction(ref))!;
      await h.teams.tap(JEN, VERBS.saveUpdate, { ref, etag: a.etag, updatedAt: '' }, { rag: 'Blue', completionEvidence: `Evidence for ${ref}` });
    }
    await cardsArrive(h, h.teams.conversationOf(SALLY), 3); // welcome and a note for each completion
    h.clock.now = new Date('2023-04-03T10:00:00Z'); // first week of a quarter: Improving Outcomes reports quarterly
    expect((await runFollowUps(h.app.nudgeDeps, { remindAfterDays: 3, escalateAfterCycles: 2 })).digests).to.deep.equal(['improving-outcomes']);
    const digest = h.connector.cards(h.teams.conversationOf(SALLY)).at(-1);
    const [first, second] = signOffData(digest);
    expect([first.ref, first.origin, first.groupKey]).to.deep.equal(['1.1.3', 'digest', 'improving-outcomes']);
    expect(second.ref).to.equal('1.1.6');

    const afterFirst = await h.teams.tap(SALLY, VERBS.signOff, first);
    expect(cardProblems(afterFirst.body.value)).to.deep.equal([]);
    expect(cardText(afterFirst.body.value)).to.contain('Signed off 1.1.3 as complete.');
    expect(cardText(afterFirst.body.value)).to.match(/Improving Outcomes[^"]*: plan digest/);
    expect(signOffData(afterFirst.body.value).map((d) => d.ref)).to.deep.equal(['1.1.6']);

    // The button on the same, original digest still works for the next one.
    const afterSecond = await h.teams.tap(SALLY, VERBS.signOff, second);
    expect(cardText(afterSecond.body.value)).to.contain('Signed off 1.1.6 as complete.');
    expect(cardText(afterSecond.body.value)).to.contain('Waiting for your sign-off (0)');
    expect(signOffData(afterSecond.body.value)).to.deep.equal([]);
    for (const ref of ['1.1.3', '1.1.6']) expect((await h.store.getAction(ref))!.value).to.include({ rag: 'Blue', signedOffBy: 'sally-richardson' });

    // Tapping the first again changes nothing and keeps the digest, saying why.
    const again = await h.teams.tap(SALLY, VERBS.signOff, first);
    expect(cardText(again.body.value)).to.match(/Improving Outcomes[^"]*: plan digest/);
    expect(cardText(again.body.value)).to.match(/changed since this digest was drawn/);
    expect((await h.store.actionHistory('1.1.3')).map((u) => u.kind)).to.deep.equal(['completion-reported', 'sign-off']);
  });

  it('a lead reporting completion sends the chair a note with a Sign off button, which signs it off', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    const sallys = h.teams.conversationOf(SALLY);
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(
      JEN,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: a.etag, updatedAt: '' },
      { rag: 'Blue', completionEvidence: 'Survey report to PACT' },
    );
    const note = (await cardsArrive(h, sallys, 2)).at(-1);
    expect(cardProblems(note)).to.deep.equal([]);
    expect(cardText(note)).to.contain('Ready for your sign-off: 1.1.3');
    expect(cardText(note)).to.contain('Jennifer Ashton has reported 1.1.3 complete');
    expect(cardText(note)).to.contain('Survey report to PACT');
    const [button] = signOffData(note);
    const signed = await h.teams.tap(SALLY, VERBS.signOff, button);
    expect(cardText(signed.body.value)).to.match(/Signed off as complete/);
    expect((await h.store.getAction('1.1.3'))!.value).to.include({ rag: 'Blue', signedOffBy: 'sally-richardson' });
    // A plain update is no news for the chair.
    const b = (await h.store.getAction('1.1.6'))!;
    await h.teams.tap(JEN, VERBS.saveUpdate, { ref: '1.1.6', etag: b.etag, updatedAt: '' }, { rag: 'Green' });
    await new Promise((r) => setTimeout(r, 100));
    expect(h.connector.cards(sallys)).to.have.length(2);
  });

  it('a chair who cannot be reached gets no note, and the lead’s report is saved all the same', async () => {
    await h.teams.install(JEN);
    const a = (await h.store.getAction('1.1.3'))!;
    const res = await h.teams.tap(
      JEN,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: a.etag, updatedAt: '' },
      { rag: 'Blue', completionEvidence: 'Report' },
    );
    expect(cardText(res.body.value)).to.match(/sign-off/i);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.connector.sent.filter((x) => x.conversationId !== h.teams.conversationOf(JEN))).to.deep.equal([]);
    expect((await h.store.getAction('1.1.3'))!.value.completionReportedBy).to.equal('jennifer-ashton');
  });

  it('a digest sign-off button does not show the digest to someone who may not sign off, whatever group it names', async () => {
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(JEN, VERBS.saveUpdate, { ref: '1.1.3', etag: a.etag, updatedAt: '' }, { rag: 'Blue', completionEvidence: 'Report' });
    const reported = (await h.store.getAction('1.1.3'))!;
    const forged = await h.teams.tap(JEN, VERBS.signOff, {
      ref: '1.1.3',
      etag: reported.etag,
      updatedAt: reported.value.lastUpdatedAt,
      origin: 'digest',
      groupKey: 'improving-outcomes',
    });
    expect(cardText(forged.body.value)).to.match(/Not allowed/);
    expect(cardText(forged.body.value)).not.to.contain('plan digest');
    expect((await h.store.getAction('1.1.3'))!.value.rag).to.equal('Grey');
  });

  it('a stale card gets the current state and what changed, never a silent overwrite', async () => {
    const seen = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(SECRETARIAT, VERBS.saveUpdate, { ref: '1.1.3', etag: seen.etag }, { rag: 'Green', commentary: 'Checked at board' });
    const res = await h.teams.tap(JEN, VERBS.noChange, { ref: '1.1.3', etag: seen.etag });
    const text = cardText(res.body.value);
    expect(text).to.match(/since/);
    expect(text).to.contain('Board Secretariat');
    expect(cardProblems(res.body.value)).to.deep.equal([]);
    expect((await h.store.actionHistory('1.1.3')).map((u) => u.byName)).to.deep.equal(['Board Secretariat']);
  });

  it('a stale card lists every change since the version it showed, not only the latest', async () => {
    await h.teams.install(JEN);
    await h.teams.say(JEN, 'my actions');
    const mine = h.connector.cards(h.teams.conversationOf(JEN)).pop();
    const shown = noChangeData(mine, '1.1.3');
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(SECRETARIAT, VERBS.saveUpdate, { ref: '1.1.3', etag: a.etag, updatedAt: '' }, { rag: 'Amber', commentary: 'Data team moving' });
    h.clock.now = new Date('2023-03-06T10:00:00Z');
    const b = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(
      SALLY,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: b.etag, updatedAt: b.value.lastUpdatedAt },
      { newDueDate: '2023-05-31', commentary: 'Moved to May' },
    );
    const before = await h.store.getAction('1.1.3');

    const res = await h.teams.tap(JEN, VERBS.noChange, shown);
    const text = cardText(res.body.value);
    expect(cardProblems(res.body.value)).to.deep.equal([]);
    expect(text).to.contain('Changed by Board Secretariat and Sally Richardson');
    for (const field of ['RAG status', 'Due date']) expect(text).to.contain(`"title":"${field}"`);
    expect(text).to.contain('{"type":"TextBlock","text":"Commentary"');
    expect(text).to.contain('was Grey – not started; now Amber');
    expect(text).to.contain('was 31 Mar 2023; now 31 May 2023');
    expect(await h.store.getAction('1.1.3')).to.deep.equal(before);
    expect(await h.store.actionHistory('1.1.3')).to.have.length(2);
  });

  it('someone with no part in an action is refused before a stale card can show them what changed', async () => {
    const seen = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(
      SECRETARIAT,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: seen.etag, updatedAt: '' },
      { rag: 'Amber', commentary: 'Private note for the group' },
    );
    const after = (await h.store.getAction('1.1.3'))!;
    for (const verb of [VERBS.noChange, VERBS.saveUpdate, VERBS.openUpdate]) {
      const res = await h.teams.tap(DAVE, verb, { ref: '1.1.3', etag: seen.etag, updatedAt: '' }, verb === VERBS.saveUpdate ? { rag: 'Green' } : {});
      const text = cardText(res.body.value);
      expect(text).to.contain('Not allowed');
      expect(text).not.to.contain('Private note');
      expect(text).not.to.contain('Amber');
    }
    expect(await h.store.getAction('1.1.3')).to.deep.equal(after);
    expect(await h.store.actionHistory('1.1.3')).to.have.length(1);
  });

  it('a stale card drawn after a re-import lists what people changed since, not the import it already showed', async () => {
    await h.teams.install(JEN);
    const changes = emptyChanges();
    changes.actions.updated.push({ key: '1.1.3', patch: { text: 'Survey leads on what feedback they collect, and how often' } });
    h.clock.now = new Date('2023-03-06T09:30:00Z');
    await h.store.applyChanges(changes);
    await h.teams.say(JEN, 'my actions'); // drawn in the same minute as the change that follows
    const shown = noChangeData(h.connector.cards(h.teams.conversationOf(JEN)).pop(), '1.1.3');
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(
      SECRETARIAT,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: a.etag, updatedAt: a.value.lastUpdatedAt ?? '' },
      { rag: 'Amber', commentary: 'Data team moving' },
    );

    const text = cardText((await h.teams.tap(JEN, VERBS.noChange, shown)).body.value);
    expect(text).to.contain('Changed by Board Secretariat');
    expect(text).not.to.contain('Plan import');
    expect(text).not.to.contain('"title":"Text"');
    expect(text).to.contain('was Grey – not started; now Amber');
  });

  it('a huge or nonsense form gets its reasons in a card Teams accepts, and changes nothing', async () => {
    const before = (await h.store.getAction('1.1.3'))!;
    const data = { ref: '1.1.3', etag: before.etag, updatedAt: '' };
    const huge = await h.teams.tap(JEN, VERBS.saveUpdate, data, { rag: 'Amber', commentary: 'word '.repeat(20_000) });
    expect(cardProblems(huge.body.value)).to.deep.equal([]);
    expect(cardText(huge.body.value)).to.contain('Keep the commentary to 2,000 characters (it has 99,999)');
    const nonsense = await h.teams.tap(JEN, VERBS.saveUpdate, data, { rag: 'P'.repeat(100_000), newDueDate: '9'.repeat(50_000) });
    expect(cardProblems(nonsense.body.value)).to.deep.equal([]);
    expect(cardText(nonsense.body.value)).to.contain('"PPPPPPPPPPPPPPPPPPPP…\\" is not a RAG status');
    expect(await h.store.getAction('1.1.3')).to.deep.equal(before);
    expect(await h.store.actionHistory('1.1.3')).to.deep.equal([]);
  });

  it('a card button without an eTag gets the current state and changes nothing', async () => {
    const before = (await h.store.getAction('1.1.3'))!;
    for (const verb of [VERBS.noChange, VERBS.saveUpdate, VERBS.openUpdate]) {
      const res = await h.teams.tap(JEN, verb, { ref: '1.1.3' }, verb === VERBS.saveUpdate ? { rag: 'Green' } : {});
      const text = cardText(res.body.value);
      expect(text).to.contain('1.1.3 as it stands now');
      expect(text).to.contain('does not say which version');
      expect(text).not.to.contain(VERBS.saveUpdate);
      expect(cardProblems(res.body.value)).to.deep.equal([]);
    }
    expect(await h.store.getAction('1.1.3')).to.deep.equal(before);
    expect(await h.store.actionHistory('1.1.3')).to.deep.equal([]);
  });

  it('"No change" is one tap, recorded, and counts as a reply to the nudge', async () => {
    await h.teams.install(JEN);
    await runNudgeCycle(h.app.nudgeDeps);
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(JEN, VERBS.noChange, { ref: '1.1.3', etag: a.etag });
    expect((await h.store.actionHistory('1.1.3'))[0].kind).to.equal('no-change');
    expect((await h.app.services.reach.getDelivery('2023-03-06', 'jennifer-ashton'))?.repliedAt).to.be.a('string');
  });

  it('chat commands: my actions, update 1.1.3, away until, back, delegate, help', async () => {
    const conv = h.teams.conversationOf(JEN);
    await h.teams.say(JEN, 'my actions');
    expect(refsOnCard(h.connector.cards(conv).pop())).to.include('1.1.3');
    await h.teams.say(JEN, 'update 1.1.3');
    expect(cardText(h.connector.cards(conv).pop())).to.contain(VERBS.saveUpdate);
    await h.teams.say(JEN, 'away until 2 Apr');
    expect((await h.store.findLeadByAadObjectId(JEN.aadObjectId))?.awayUntil).to.equal('2023-04-02');
    expect(h.connector.sent.pop()!.activity.text).to.contain('2 Apr 2023');
    await h.teams.say(JEN, 'back');
    expect((await h.store.findLeadByAadObjectId(JEN.aadObjectId))?.awayUntil).to.equal(undefined);
    await h.teams.say(JEN, 'delegate 1.1.3 to Sapphire Murray');
    expect((await h.store.getAction('1.1.3'))!.value.delegateKey).to.equal('sapphire-murray');
    // The delegate may now update it.
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(SAPPHIRE, VERBS.saveUpdate, { ref: '1.1.3', etag: a.etag }, { rag: 'Green' });
    expect((await h.store.getAction('1.1.3'))!.value.rag).to.equal('Green');
    await h.teams.say(JEN, 'help');
    expect(cardText(h.connector.cards(conv).pop())).to.contain('away until');
    await h.teams.say(JEN, 'away until Smarch');
    expect(h.connector.sent.at(-2)!.activity.text).to.contain('could not read');
  });

  it('leads who are away are not nudged; a blocked bot (403) marks the lead unreachable', async () => {
    for (const p of [JEN, DAVE]) await h.teams.install(p);
    await h.teams.say(JEN, 'away until 20 Mar');
    h.connector.blocked.add(h.teams.conversationOf(DAVE));
    const report = await runNudgeCycle(h.app.nudgeDeps);
    expect(report.sent).to.deep.equal([]);
    expect(report.plan.skipped.find((s) => s.lead.key === 'jennifer-ashton')?.reason).to.match(/away until 20 Mar 2023/);
    expect(report.failed.map((f) => f.leadKey)).to.deep.equal(['dave-carr']);
    const dave = await h.app.services.reach.getReachability(DAVE.aadObjectId);
    expect(dave?.reachable).to.equal(false);
    expect(dave?.unreachableReason).to.match(/403/);
  });

  it('uninstalling marks the person unreachable', async () => {
    await h.teams.install(JEN);
    await h.teams.uninstall(JEN);
    const reach = await h.app.services.reach.getReachability(JEN.aadObjectId);
    expect(reach?.reachable).to.equal(false);
    expect(reach?.unreachableReason).to.equal('uninstalled the app');
  });

  it('removing the app from a team leaves the person reachable in their own chat', async () => {
    await h.teams.install(JEN);
    expect((await inTeam(h, JEN, 'remove')).status).to.equal(200);
    const reach = await h.app.services.reach.getReachability(JEN.aadObjectId);
    expect(reach?.reachable).to.equal(true);
    expect((reach?.reference as any).conversation.id).to.equal(h.teams.conversationOf(JEN));
  });

  it('installing in a team posts a short note to the channel, not the personal welcome, and keeps the 1:1 chat for nudges', async () => {
    await h.teams.install(JEN);
    h.connector.sent.length = 0;
    expect((await inTeam(h, JEN, 'add')).status).to.equal(200);
    const inChannel = h.connector.sent.filter((a) => a.conversationId === TEAM_CHANNEL);
    expect(inChannel).to.have.length(1);
    expect(inChannel[0].activity.attachments ?? []).to.deep.equal([]);
    expect(inChannel[0].activity.text).to.match(/each action lead, in their own chat/);
    expect(h.connector.cards(TEAM_CHANNEL)).to.deep.equal([]);
    const reach = await h.app.services.reach.getReachability(JEN.aadObjectId);
    expect(reach?.reachable).to.equal(true);
    expect((reach?.reference as any).conversation.id).to.equal(h.teams.conversationOf(JEN));
    const report = await runNudgeCycle(h.app.nudgeDeps);
    expect(report.sent.map((r) => r.leadKey)).to.deep.equal(['jennifer-ashton']);
    expect(h.connector.cards(TEAM_CHANNEL)).to.deep.equal([]);
  });

  it('asked about actions in a team channel, points to the 1:1 chat and shows nobody’s actions there', async () => {
    await h.teams.install(JEN);
    h.connector.sent.length = 0;
    const res = await h.teams.post({
      type: 'message',
      id: 'team-message',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      text: '<at>PlanPulse</at> my actions',
      from: { id: JEN.teamsId, name: JEN.name, aadObjectId: JEN.aadObjectId },
      recipient: { id: '28:planpulse-bot', name: 'PlanPulse' },
      conversation: { id: TEAM_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: TEAM_CHANNEL }, channel: { id: TEAM_CHANNEL } },
    });
    expect(res.status).to.equal(200);
    const inChannel = h.connector.sent.filter((a) => a.conversationId === TEAM_CHANNEL);
    expect(inChannel.map((a) => a.activity.text)).to.deep.equal([
      'PlanPulse answers about actions only in your own chat with it: open PlanPulse from the Apps menu and type "my actions" there.',
    ]);
    expect(h.connector.cards()).to.deep.equal([]);
    expect((await h.app.services.reach.getReachability(JEN.aadObjectId))?.reachable).to.equal(true);
  });

  it('someone who has PlanPulse only in a team is noted as unreachable, without the team kept as their chat', async () => {
    await inTeam(h, DAVE, 'add');
    const reach = await h.app.services.reach.getReachability(DAVE.aadObjectId);
    expect(reach?.reachable).to.equal(false);
    expect(reach?.unreachableReason).to.match(/only in a team/);
    expect(JSON.stringify(reach?.reference)).not.to.contain(TEAM_CHANNEL);
    // Installing it for themselves later makes them reachable in their own chat.
    await h.teams.install(DAVE);
    expect((await h.app.services.reach.getReachability(DAVE.aadObjectId))?.reachable).to.equal(true);
  });
});
