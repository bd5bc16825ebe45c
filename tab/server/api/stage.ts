// /api/tab/stage: the meeting stage's shared position (tab/api/contract.ts
// StageState, core/meeting-stage.ts). Who may see the group is settled first,
// from the read model, before any session is looked at: someone who may not
// open the group's stage learns nothing, not even whether the meeting has one.
import type restify from 'restify';
import { ForbiddenError, InvalidError, NotFoundError } from '../../../core/errors';
import { checkMeetingKey, moveStage, StaleStageError, startStage, stopStage, type StageSession } from '../../../core/meeting-stage';
import { selectExceptions } from '../../../core/exceptions';
import { rolesFor } from '../../../core/permissions';
import { actionsOfGroup, actorContext, groupAccess, type PlanIndex } from '../../../core/views/plan-index';
import type * as C from '../../api/contract';
import { standingIn } from './group-standing';
import { HttpError, type Handler } from './http-errors';
import type { Caller } from './identify';
import { StageSessions } from './stage-sessions';

export interface StageApiDeps {
  get(path: string, h: Handler): void;
  post(path: string, h: Handler): void;
  who(req: restify.Request): Promise<{ caller: Caller; ix: PlanIndex }>;
  now: () => Date;
  today: () => string;
  sessions?: StageSessions;
}

export function mountStageApi(deps: StageApiDeps): StageSessions {
  const sessions = deps.sessions ?? new StageSessions(deps.now);

  /** The group named, and the caller's standing in it; refused before anything else is read. */
  function access(ix: PlanIndex, caller: Caller, group: unknown, need: 'see' | 'present'): string {
    if (typeof group !== 'string' || !group) throw new InvalidError(['"group" must be a delivery group\'s key.']);
    const refusal =
      need === 'present'
        ? "Only the group's chair and the secretariat can share its exceptions to the meeting stage."
        : "Only the group's chair, the secretariat and leads of its actions can open this delivery group.";
    if (standingIn(ix, caller.lead, group, refusal) !== 'all' && need === 'present') throw new ForbiddenError(refusal);
    return group;
  }

  /** The session as this caller may see it: refs of actions they may not open are left out. */
  function stateFor(ix: PlanIndex, caller: Caller, s: StageSession | undefined, group: string): C.StageState {
    if (!s || s.group !== group) return { state: 'none' };
    const all = groupAccess(ix, caller.lead, group) === 'all';
    const items = s.refs.map((ref) => {
      if (all) return ref;
      const a = ix.actions.get(ref)?.value;
      return a && rolesFor(a, actorContext(ix, caller.lead, a)).length > 0 ? ref : null;
    });
    return {
      state: s.stopped ? 'stopped' : 'presenting',
      group: s.group,
      version: s.version,
      items,
      position: s.position,
      presenter: { name: s.presenter.name, you: s.presenter.key === caller.lead.key },
      startedAt: s.startedAt,
    };
  }

  const bodyOf = (req: restify.Request) => (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const param = (req: restify.Request, name: string) => new URL(req.url ?? '/', 'http://localhost').searchParams.get(name) ?? undefined;

  deps.get('/api/tab/stage', async (req) => {
    const { caller, ix } = await deps.who(req);
    const group = access(ix, caller, param(req, 'group'), 'see');
    const meeting = checkMeetingKey(param(req, 'meeting'));
    return stateFor(ix, caller, sessions.get(meeting), group);
  });

  deps.post('/api/tab/stage/start', async (req) => {
    const { caller, ix } = await deps.who(req);
    const body = bodyOf(req);
    const group = access(ix, caller, body.group, 'present');
    const meeting = checkMeetingKey(body.meeting);
    // Frozen now, by the one rule the group view and the board pack use.
    const refs = selectExceptions(
      actionsOfGroup(ix, group).map((a) => a.value),
      ix.plan,
      deps.today(),
    ).map((e) => e.action.ref);
    const s = startStage(sessions.get(meeting), {
      meeting,
      group,
      refs,
      presenter: { key: caller.lead.key, name: caller.lead.displayName },
      now: deps.now(),
    });
    sessions.put(s);
    return stateFor(ix, caller, s, group);
  });

  /** The meeting's session for this group, for a change by its presenter. */
  function current(ix: PlanIndex, caller: Caller, body: Record<string, unknown>) {
    const group = access(ix, caller, body.group, 'see');
    const meeting = checkMeetingKey(body.meeting);
    const s = sessions.get(meeting);
    if (!s || s.group !== group) throw new NotFoundError("This group isn't shared on the meeting stage any more.");
    return { s, group };
  }

  deps.post('/api/tab/stage/move', async (req) => {
    const { caller, ix } = await deps.who(req);
    const body = bodyOf(req);
    const { s, group } = current(ix, caller, body);
    if (typeof body.version !== 'number' || typeof body.position !== 'number') throw new InvalidError(['"version" and "position" must be numbers.']);
    try {
      const moved = moveStage(s, caller.lead.key, body.version, body.position, deps.now());
      sessions.put(moved);
      return stateFor(ix, caller, moved, group);
    } catch (e) {
      if (e instanceof StaleStageError) throw new HttpError(409, { error: e.message, stage: stateFor(ix, caller, s, group) });
      throw e;
    }
  });

  deps.post('/api/tab/stage/stop', async (req) => {
    const { caller, ix } = await deps.who(req);
    const { s, group } = current(ix, caller, bodyOf(req));
    const stopped = stopStage(s, caller.lead.key, deps.now());
    sessions.put(stopped);
    return stateFor(ix, caller, stopped, group);
  });

  return sessions;
}
