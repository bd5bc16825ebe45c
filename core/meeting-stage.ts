// The meeting stage's shared position (tab-design.md §2.8). With Teams'
// Collaborative sharing every participant runs their own copy of the stage,
// so one session per meeting says which exception everyone sees: the list
// frozen when it was shared (so "3 of 7" cannot shift mid-meeting), the
// position, and who presents. Only the presenter moves it; a move made
// against an old version is refused with how it stands now. Plain rules, no
// I/O: the server keeps the sessions (tab/server/api/stage-sessions.ts).
import { ConflictError, ForbiddenError, InvalidError } from './errors';

export interface StageSession {
  meeting: string;
  group: string;
  /** The group's exceptions when it was shared, by ref, in their order. */
  refs: string[];
  /** 0 … refs.length - 1 an exception; refs.length the end card. */
  position: number;
  presenter: { key: string; name: string };
  /** Raised by every change, so a follower knows it has moved and a stale move is refused. */
  version: number;
  /** The presenter closed their stage; the item stays where it was. */
  stopped: boolean;
  startedAt: string;
  /** Instants in ms: the last change, for expiry. */
  changedAtMs: number;
  startedAtMs: number;
}

/** Sharing again: the same group keeps its frozen list and position (a new presenter takes over); another group starts afresh. */
export function startStage(
  current: StageSession | undefined,
  ask: { meeting: string; group: string; refs: string[]; presenter: { key: string; name: string }; now: Date },
): StageSession {
  const nowMs = ask.now.getTime();
  if (current && current.group === ask.group) {
    return { ...current, presenter: ask.presenter, stopped: false, version: current.version + 1, changedAtMs: nowMs };
  }
  return {
    meeting: ask.meeting,
    group: ask.group,
    refs: [...ask.refs],
    position: 0,
    presenter: ask.presenter,
    version: (current?.version ?? 0) + 1,
    stopped: false,
    startedAt: ask.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    changedAtMs: nowMs,
    startedAtMs: nowMs,
  };
}

export class StaleStageError extends ConflictError<StageSession> {}

/** The presenter moves the stage to `position`, having seen `version`. */
export function moveStage(session: StageSession, by: string, seenVersion: number, position: number, now: Date): StageSession {
  if (session.presenter.key !== by) throw new ForbiddenError(`Only ${session.presenter.name}, who shared the stage, can move it.`);
  if (seenVersion !== session.version) throw new StaleStageError('The stage moved since you last saw it.', session);
  if (!Number.isInteger(position) || position < 0 || position > session.refs.length)
    throw new InvalidError([`"position" must be a whole number from 0 to ${session.refs.length}.`]);
  return { ...session, position, stopped: false, version: session.version + 1, changedAtMs: now.getTime() };
}

/** The presenter closed their stage: followers keep the item and are told. */
export function stopStage(session: StageSession, by: string, now: Date): StageSession {
  if (session.presenter.key !== by) throw new ForbiddenError(`Only ${session.presenter.name}, who shared the stage, can stop presenting it.`);
  if (session.stopped) return session;
  return { ...session, stopped: true, version: session.version + 1, changedAtMs: now.getTime() };
}

/** A meeting key as Teams gives it (a meeting id or a chat id): printable text, at most 512 characters. */
export function checkMeetingKey(v: unknown): string {
  if (typeof v !== 'string' || !v || v.length > 512 || /[\u0000-\u001f\u007f]/.test(v))
    throw new InvalidError(['"meeting" must be the meeting\'s id as Teams gives it (text, at most 512 characters).']);
  return v;
}
