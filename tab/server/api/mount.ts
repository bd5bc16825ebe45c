// The tab's JSON API under /api/tab/ (tab/api/contract.ts). Every route first
// settles who is asking (401) and whether they may see what they asked for
// (403), from the in-memory read model, before it reads or answers anything.
// Writes go through the same core use cases as the bot's cards.
import type restify from 'restify';
import { packFileName } from '../../../core/board-pack/file-name';
import { loadBoardPack } from '../../../core/board-pack/load';
import { lastMonth } from '../../../core/board-pack/period';
import { isIsoDate, londonDate } from '../../../core/dates';
import { ForbiddenError, InvalidError, NotFoundError } from '../../../core/errors';
import { recordMeasurement } from '../../../core/kpi';
import { conversationsByLead } from '../../../core/lead-reach';
import type { Action, PlanSnapshot, Versioned } from '../../../core/model';
import { rolesFor } from '../../../core/permissions';
import type { PlanStore } from '../../../core/ports';
import { ragInWords } from '../../../core/rag';
import type { Reachability, ReachStore } from '../../../core/reach';
import { monthEnd, type MonthSnapshot } from '../../../core/snapshots';
import { unreachableInWords, whyUnreachable } from '../../../core/unreachable';
import { signOffAction, StaleCardError, updateActionStatus, type UpdateResult } from '../../../core/update-action';
import { actionDetail } from '../../../core/views/action-detail';
import { boardBase, redsFor } from '../../../core/views/board-view';
import { groupView } from '../../../core/views/group-view';
import { kpiRows, planStartOf } from '../../../core/views/kpi-view';
import { myActions } from '../../../core/views/my-actions';
import { peopleWithARole } from '../../../core/views/people';
import { actorContext, chairOf, indexPlan, mayExportPack, mayOpenBoard, nameOf, personRoles, type PlanIndex } from '../../../core/views/plan-index';
import { fieldInWords, valueInWords } from '../../../core/views/words';
import { boardPackToDocx, boardPackToXlsx } from '../../../store/exports/on-demand';
import type { PlanReadModel } from '../../../store/read-model';
import type * as C from '../../api/contract';
import type { SsoSettings } from '../auth/sso';
import { actingStore } from './acting-store';
import { answerError, HttpError, JsonText, route, sendJson } from './http-errors';
import { Identifier, type Caller } from './identify';
import { brief, standingIn } from './group-standing';
import { mountStageApi } from './stage';
import { ViewCache, withAsAt } from './view-cache';

export interface TabApiDeps {
  /** The plan in memory; its `store` is the decorated store whose writes refresh it. */
  readModel: PlanReadModel;
  reach: ReachStore;
  now: () => Date;
  log: (line: string) => void;
  /** Teams SSO; absent on the embedded default. */
  sso?: SsoSettings;
  /** The address the server listens on: local sign-in needs loopback. */
  host: string;
  /** Bot or Graph credentials are set: not the embedded default, so no local sign-in. */
  entraConfigured: boolean;
}

/** One query parameter, read from the URL itself (the server mounts no query parser). */
function queryParam(req: restify.Request, name: string): string | undefined {
  const value = new URL(req.url ?? '/', 'http://localhost').searchParams.get(name);
  return value === null || value === '' ? undefined : value;
}

/**
 * Four million characters (at most 8 MB: a view with a dash in it is held two
 * bytes a character): half a dozen views of a 500-action group, or dozens of
 * a usual one of 30 to 60 actions.
 */
const GROUP_VIEW_BUDGET_CHARS = 4_000_000;

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function mountTabApi(server: restify.Server, deps: TabApiDeps): void {
  const { readModel, log } = deps;
  const store: PlanStore = readModel.store;
  const identifier = new Identifier(deps.sso, deps.host, deps.entraConfigured);
  const today = () => londonDate(deps.now());

  /** Identify the caller and index the plan they will be judged against. */
  // The read model hands back the same plan object until something changes, so
  // its index is built once per version of the plan, not on every request.
  const indexes = new WeakMap<PlanSnapshot, PlanIndex>();
  function indexOf(plan: PlanSnapshot): PlanIndex {
    let ix = indexes.get(plan);
    if (!ix) indexes.set(plan, (ix = indexPlan(plan)));
    return ix;
  }

  async function who(req: restify.Request): Promise<{ caller: Caller; ix: PlanIndex }> {
    const caller = await identifier.identify(req, () => readModel.plan());
    return { caller, ix: indexOf(await readModel.plan()) };
  }

  /** The action and the right to see it, decided before its history is read. */
  function mayOpen(ix: PlanIndex, caller: Caller, ref: string): Versioned<Action> {
    const found = ix.actions.get(ref);
    // Only the secretariat, who may open any action, learns that a ref is not
    // in the plan; anyone else gets the same refusal for a ref that does not
    // exist as for one that is not theirs, so refusals do not map the plan.
    const refused = new ForbiddenError(`Only the lead, their delegate, the delivery group's chair or the secretariat can open ${brief(ref)}.`);
    if (!found) throw caller.lead.isSecretariat ? new NotFoundError(`Action ${brief(ref)} isn't in the plan.`) : refused;
    if (rolesFor(found.value, actorContext(ix, caller.lead, found.value)).length === 0) throw refused;
    return found;
  }

  async function detailOf(ix: PlanIndex, caller: Caller, versioned: Versioned<Action>): Promise<C.ActionDetail> {
    const history = await store.actionHistory(versioned.value.ref);
    return actionDetail(ix, caller.lead, today(), versioned, history);
  }

  // A path no tab route matches (a ref longer than the router takes, a verb the
  // route does not have) gets restify's own answer, which quotes the whole path
  // back: answer it as every tab route answers, briefly and as JSON.
  const unmatched = (status: number, error: string) => (req: restify.Request, res: restify.Response, _err: unknown, done: () => void) => {
    if (req.path().startsWith('/api/tab/')) sendJson(res, status, { error });
    return done();
  };
  server.on('NotFound', unmatched(404, 'Not found.'));
  server.on('MethodNotAllowed', unmatched(405, 'That is not something this address does.'));

  const get = (path: string, h: (req: restify.Request) => Promise<unknown>) => server.get(path, route(log, h));
  const post = (path: string, h: (req: restify.Request) => Promise<unknown>) => server.post(path, route(log, h));

  get('/api/tab/session', async (req) => {
    const { caller, ix } = await who(req);
    const roles = personRoles(ix, caller.lead);
    if (!roles.length) throw new ForbiddenError('You are in the leads list but have no part in the plan yet: no actions, no group to chair.');
    const view: C.SessionView = {
      mode: caller.mode,
      person: { key: caller.lead.key, name: caller.lead.displayName, roles },
      chairOf: chairOf(ix, caller.lead).map((g) => g.key),
      groups: ix.plan.deliveryGroups.map((g) => {
        const p = ix.prioritiesOfGroup.get(g.key)?.[0];
        return { key: g.key, name: g.name, priorityRef: p?.ref ?? '', priorityTitle: p?.title ?? '' };
      }),
      today: today(),
    };
    return view;
  });

  get('/api/tab/local/people', async (req) => {
    if (!identifier.localAllowed(req)) throw new HttpError(404, { error: 'Not found.' });
    const people: C.LocalPerson[] = peopleWithARole(indexPlan(await readModel.plan()));
    return people;
  });

  // Each viewer's group view, kept as JSON per version of the plan, the
  // snapshots, who can be reached and the day (tab/server/api/view-cache.ts):
  // what each person may do with each row differs, so the key is the viewer
  // and their standing in the group, decided (and refused) before the cache is
  // looked at.
  const groupViews = new ViewCache(GROUP_VIEW_BUDGET_CHARS);
  get('/api/tab/groups/:key', async (req) => {
    const { caller, ix } = await who(req);
    const key = String(req.params.key);
    const access = standingIn(ix, caller.lead, key, "Only the group's chair, the secretariat and leads of its actions can open this delivery group.");
    const changedSince = queryParam(req, 'changedSince');
    // A real calendar date: "2024-02-30" would otherwise pass as text and compare as if it were one.
    if (changedSince !== undefined && !isIsoDate(changedSince)) throw new InvalidError(['"Changed since" must be a date, YYYY-MM-DD.']);
    const snapshots = await readModel.snapshots();
    const unreachable = await unreachableLeads(ix);
    const day = today();
    const viewer = caller.lead;
    // The whole lead as identified, not only their key: a view built for who they were a moment
    // ago (identified against one version of the plan, the group read from the next) is never
    // handed to who they are now.
    const whose = JSON.stringify([viewer, access, key, changedSince ?? null]);
    const json = groupViews.get([ix.plan, snapshots, unreachable, day], whose, () => {
      const view: C.GroupView | undefined = groupView({
        ix,
        viewer,
        groupKey: key,
        today: day,
        asAt: '',
        changedSince,
        lastSnapshotMonthEnd: snapshots.length ? monthEnd(snapshots.at(-1)!.month) : undefined,
        unreachable,
      });
      if (!view) throw new ForbiddenError('You cannot open this delivery group.');
      const { asAt: _asAt, ...kept } = view;
      return JSON.stringify(kept);
    });
    return new JsonText(withAsAt(json, stamp(deps.now())));
  });

  // Who can be reached changes rarely, and a chair can wait half a minute to
  // hear of it: a page load must not read the conversations list every time.
  let reachCache: { at: number; records: Promise<Reachability[]> } | undefined;
  const REACH_TTL_MS = 30_000;
  function reachability(): Promise<Reachability[]> {
    if (!reachCache || Date.now() - reachCache.at > REACH_TTL_MS) {
      const records = deps.reach.listReachability();
      reachCache = { at: Date.now(), records };
      records.catch(() => (reachCache = undefined));
    }
    return reachCache.records;
  }

  // Worked out once per version of the plan and of the reachability records
  // (every lead in the plan, thousands in a large county), not per page load.
  let unreachable: { leads: PlanIndex['plan']['leads']; records: Reachability[]; out: Map<string, string> } | undefined;
  async function unreachableLeads(ix: PlanIndex): Promise<Map<string, string>> {
    const reach = await reachability();
    if (unreachable?.leads === ix.plan.leads && unreachable.records === reach) return unreachable.out;
    const records = conversationsByLead(ix.plan.leads, reach);
    const out = new Map<string, string>();
    for (const l of ix.plan.leads) {
      const why = whyUnreachable(records.get(l.key));
      if (why) out.set(l.key, unreachableInWords(why));
    }
    unreachable = { leads: ix.plan.leads, records: reach, out };
    return out;
  }

  get('/api/tab/actions/:ref', async (req) => {
    const { caller, ix } = await who(req);
    const ref = String(req.params.ref);
    mayOpen(ix, caller, ref);
    const fresh = await store.getAction(ref);
    if (!fresh) throw new NotFoundError(`Action ${ref} isn't in the plan any more.`);
    return detailOf(ix, caller, fresh);
  });

  /** Runs one of the card's use cases for the tab, and answers as the contract says. */
  async function write(
    req: restify.Request,
    run: (caller: Caller, ref: string, body: Record<string, unknown>, etag: string) => Promise<UpdateResult>,
    message: (r: UpdateResult) => string,
  ): Promise<C.SaveResult> {
    const { caller, ix } = await who(req);
    const ref = String(req.params.ref);
    mayOpen(ix, caller, ref);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    if (typeof body.etag !== 'string' || !body.etag)
      throw new InvalidError(['This form does not say which version of the action it showed: reload and try again.']);
    for (const f of ['rag', 'dueDate', 'commentary', 'evidence', 'comment']) {
      if (body[f] !== undefined && body[f] !== null && typeof body[f] !== 'string') throw new InvalidError([`"${f}" must be text.`]);
    }
    try {
      const result = await run(caller, ref, body, body.etag);
      // Names and groups from the index already in hand: the saved action comes
      // from the store itself, and the plan is read again only at the next page load.
      return { saved: await detailOf(ix, caller, result.saved), message: message(result) };
    } catch (e) {
      if (e instanceof StaleCardError) {
        const state = e.current!;
        const nameOfKey = (k: string) => nameOf(ix, k);
        throw new HttpError(409, {
          error: e.message,
          current: await detailOf(ix, caller, state.current),
          missed: state.missed.changes.map((c) => ({
            field: fieldInWords(c.field),
            from: valueInWords(c.field, c.from, nameOfKey),
            to: valueInWords(c.field, c.to, nameOfKey),
          })),
          missedBy: state.missed.by,
        });
      }
      throw e;
    }
  }

  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const deps4 = (caller: Caller) => ({ store: actingStore(store, caller), now: deps.now });

  post('/api/tab/actions/:ref/update', (req) =>
    write(
      req,
      (caller, ref, body, etag) =>
        updateActionStatus(deps4(caller), {
          identity: caller.identity,
          ref,
          seen: { etag },
          report: { rag: str(body.rag) ?? '', newDueDate: str(body.dueDate), commentary: str(body.commentary) },
          source: 'tab',
        }),
      (r) =>
        r.update.kind === 'no-change'
          ? `Saved. ${r.saved.value.ref} stays ${ragInWords(r.saved.value.rag)}; no change this time.`
          : `Saved. ${r.saved.value.ref} is now ${ragInWords(r.saved.value.rag)}.`,
    ),
  );

  post('/api/tab/actions/:ref/complete', (req) =>
    write(
      req,
      (caller, ref, body, etag) =>
        updateActionStatus(deps4(caller), {
          identity: caller.identity,
          ref,
          seen: { etag },
          report: { rag: 'Blue', completionEvidence: str(body.evidence) },
          source: 'tab',
        }),
      (r) =>
        r.saved.value.rag === 'Blue'
          ? `${r.saved.value.ref} signed off. Now ${ragInWords('Blue')}.`
          : `Saved. ${r.saved.value.ref} is reported complete and waits for the chair's sign-off.`,
    ),
  );

  post('/api/tab/actions/:ref/sign-off', (req) =>
    write(
      req,
      (caller, ref, body, etag) =>
        signOffAction(deps4(caller), { identity: caller.identity, ref, seen: { etag }, comment: str(body.comment), source: 'tab' }),
      (r) => `${r.saved.value.ref} signed off. Now ${ragInWords(r.saved.value.rag)}.`,
    ),
  );

  get('/api/tab/kpis', async (req) => {
    const { caller, ix } = await who(req);
    const group = queryParam(req, 'group');
    if (group) {
      standingIn(ix, caller.lead, group, "Only the group's chair, the secretariat and leads of its actions can see its KPIs.");
    } else if (!mayOpenBoard(ix, caller.lead)) {
      throw new ForbiddenError("The whole plan's KPIs are for chairs, the secretariat and board members.");
    }
    const refs = new Set((group ? (ix.prioritiesOfGroup.get(group) ?? []) : [...ix.priorities.values()]).map((p) => p.ref));
    const kpis = ix.plan.kpis.filter((k) => refs.has(k.priorityRef));
    const view: C.KpiView = {
      kpis: kpiRows({
        kpis,
        measurements: await store.kpiMeasurements(),
        planStart: planStartOf(ix.plan.actions.map((a) => a.value)) ?? today(),
        today: today(),
        nameOf: (k) => nameOf(ix, k),
        canRecord: (k) => mayRecord(ix, caller, k.priorityRef),
      }),
      asAt: stamp(deps.now()),
    };
    return view;
  });

  function mayRecord(ix: PlanIndex, caller: Caller, priorityRef: string): boolean {
    const p = ix.priorities.get(priorityRef);
    return Boolean(caller.lead.isSecretariat) || (p !== undefined && ix.groups.get(p.deliveryGroupKey)?.chairLeadKey === caller.lead.key);
  }

  post('/api/tab/kpis/:ref/measurements', async (req) => {
    const { caller, ix } = await who(req);
    const wanted = String(req.params.ref).trim().toUpperCase();
    const kpi = ix.plan.kpis.find((k) => k.ref.toUpperCase() === wanted);
    // Someone who may record no KPI at all learns nothing from the ref: the same refusal either way.
    const recordsAny = Boolean(caller.lead.isSecretariat) || chairOf(ix, caller.lead).length > 0;
    if (!kpi && !recordsAny)
      throw new ForbiddenError(`Only the delivery group's chair or the secretariat can record a measurement of ${brief(String(req.params.ref))}.`);
    if (!kpi) throw new NotFoundError(`There is no KPI ${brief(String(req.params.ref))}.`);
    if (!mayRecord(ix, caller, kpi.priorityRef))
      throw new ForbiddenError(`Only the delivery group's chair or the secretariat can record a measurement of ${kpi.ref}.`);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    for (const f of ['measuredOn', 'value', 'note']) {
      if (body[f] !== undefined && body[f] !== null && typeof body[f] !== 'string') throw new InvalidError([`"${f}" must be text.`]);
    }
    // recordMeasurement finds the KPI with loadPlan: answer that from memory, not every list.
    const fromMemory = new Proxy(store, {
      get: (target, prop, receiver) => (prop === 'loadPlan' ? () => readModel.plan() : Reflect.get(target, prop, receiver)),
    });
    await recordMeasurement(
      fromMemory,
      { kpiRef: kpi.ref, value: str(body.value) ?? '', measuredOn: str(body.measuredOn) ?? '', note: str(body.note), recordedBy: caller.lead.key },
      deps.now(),
      today(),
    );
    const row = kpiRows({
      kpis: [kpi],
      measurements: await store.kpiMeasurements(kpi.ref),
      planStart: planStartOf(ix.plan.actions.map((a) => a.value)) ?? today(),
      today: today(),
      nameOf: (k) => nameOf(ix, k),
      canRecord: () => true,
    })[0];
    return row;
  });

  let board: { plan: PlanSnapshot; snapshots: MonthSnapshot[]; today: string; view: ReturnType<typeof boardBase> } | undefined;
  get('/api/tab/board', async (req) => {
    const { caller, ix } = await who(req);
    if (!mayOpenBoard(ix, caller.lead)) throw new ForbiddenError('The board view is for chairs, the secretariat and board members.');
    // The board is the same for everyone who may open it but for its Reds (only
    // what the viewer may see): the rest is built once per version of the plan and day.
    const snapshots = await readModel.snapshots();
    if (!board || board.plan !== ix.plan || board.snapshots !== snapshots || board.today !== today()) {
      board = { plan: ix.plan, snapshots, today: today(), view: boardBase(ix, snapshots, today()) };
    }
    const view: C.BoardView = { ...board.view, ...redsFor(ix, caller.lead, today()), asAt: stamp(deps.now()) };
    return view;
  });

  // The board pack as a file, built by the same core functions and writers as
  // `planpulse export`. Who may have it is settled from the read model before
  // the store is read; a refusal is the JSON error answer, never a file.
  const CONTENT_TYPE: Record<C.ExportFormat, string> = {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
  server.get('/api/tab/export', async (req: restify.Request, res: restify.Response) => {
    try {
      const { caller, ix } = await who(req);
      const group = queryParam(req, 'group');
      if (!mayExportPack(ix, caller.lead, group)) {
        throw new ForbiddenError(
          group === undefined
            ? "Only the secretariat can export the whole plan's board pack."
            : "Only the group's chair and the secretariat can export its board pack.",
        );
      }
      if (group !== undefined && !ix.groups.has(group)) throw new NotFoundError(`There is no delivery group ${group.slice(0, 40)}.`);
      const format = queryParam(req, 'format');
      if (format !== 'xlsx' && format !== 'docx') throw new InvalidError(['"format" must be xlsx (Excel) or docx (Word).']);
      const day = today();
      const pack = await loadBoardPack(store, { today: day, period: lastMonth(day), groupKey: group });
      const bytes = format === 'xlsx' ? await boardPackToXlsx(pack) : await boardPackToDocx(pack);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPE[format],
        'Content-Disposition': `attachment; filename="${packFileName(day, format, group)}"`,
        'Content-Length': String(bytes.length),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(bytes);
    } catch (e) {
      answerError(log, 'GET /api/tab/export', res, e);
    }
  });

  // The meeting stage's shared position, one per meeting (tab/server/api/stage.ts).
  mountStageApi({ get, post, who, now: deps.now, today });

  get('/api/tab/my-actions', async (req) => {
    const { caller, ix } = await who(req);
    const view: C.MyActionsView = { actions: myActions(ix, caller.lead, today()), asAt: stamp(deps.now()) };
    return view;
  });
}
