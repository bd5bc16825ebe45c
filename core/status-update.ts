// What a progress report does to an action, decided without I/O.
// Validation happens in full before anything changes: a bad report yields the
// list of problems in plain words and no new state.
import { formatDate, isIsoDate } from './dates';
import { ForbiddenError, InvalidError } from './errors';
import type { Action, ActionUpdate, FieldChange, IsoDate, IsoInstant, RagStatus, UpdateSource } from './model';
import { isRagStatus } from './model';
import { canReopen, canSignOff, canSignOffOwnReport, canUpdate, reportedBy, rolesFor, type ActorContext } from './permissions';
import { MAX_TEXT } from './rag';

/** What the person said. Absent fields mean "leave as it is". */
export interface StatusReport {
  rag?: RagStatus | string;
  /** A new completion date, YYYY-MM-DD. */
  newDueDate?: string;
  commentary?: string;
  /** Evidence that the action is complete; with rag Blue this reports completion. */
  completionEvidence?: string;
}

export interface Actor {
  /** Lead key when known, else the Entra object id. */
  id: string;
  name: string;
  ctx: ActorContext;
}

export interface UpdateCommand {
  actor: Actor;
  report: StatusReport;
  source: UpdateSource;
  now: IsoInstant;
  today: IsoDate;
  updateId: string;
}

export interface Decision {
  next: Action;
  update: ActionUpdate;
}

const quoteBriefly = (s: string) => (Array.from(s).length > 20 ? `${Array.from(s).slice(0, 20).join('')}…` : s);

const clean = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\r\n?/g, '\n').trim());

/** Anyone with no part in the action is refused before anything about it (even that it changed) is told. */
export function assertMayUpdate(current: Action, ctx: ActorContext): void {
  if (!canUpdate(current, ctx)) {
    throw new ForbiddenError(`Only the lead, their delegate, the delivery group's chair or the secretariat can update ${current.ref}.`);
  }
}

export function decideStatusUpdate(current: Action, cmd: UpdateCommand): Decision {
  const { actor, report, today } = cmd;
  assertMayUpdate(current, actor.ctx);
  const reopener = canReopen(current, actor.ctx);
  const problems: string[] = [];
  const commentary = clean(report.commentary) || undefined;
  const evidence = clean(report.completionEvidence) || undefined;
  const rag = report.rag === undefined || report.rag === '' ? current.rag : report.rag;
  const newDue = clean(report.newDueDate) || undefined;

  // What was sent is quoted back only briefly: the answer must still fit in a card.
  if (!isRagStatus(rag)) problems.push(`"${quoteBriefly(String(report.rag))}" is not a RAG status: use Grey, Green, Amber, Red or Blue.`);
  if (commentary && commentary.length > MAX_TEXT)
    problems.push(`Keep the commentary to ${MAX_TEXT.toLocaleString('en-GB')} characters (it has ${commentary.length.toLocaleString('en-GB')}).`);
  if (evidence && evidence.length > MAX_TEXT)
    problems.push(
      `Keep the completion evidence to ${MAX_TEXT.toLocaleString('en-GB')} characters (it has ${evidence.length.toLocaleString('en-GB')}).`,
    );
  if (newDue !== undefined && !isIsoDate(newDue)) problems.push('The new completion date is not a real date.');
  if (current.rag === 'Blue' && !reopener) {
    problems.push(`${current.ref} is completed and signed off. Ask the chair if it needs reopening.`);
  }
  if (problems.length) throw new InvalidError(problems);

  const dueChanges = newDue !== undefined && newDue !== current.dueDate;
  const dueDate = dueChanges ? newDue : current.dueDate;
  const status = rag as RagStatus;

  if (status === 'Red') {
    // Turning Red, or staying Red past the last new date, needs a new date; staying
    // Red with a new date still ahead is a plain confirmation.
    const needsNewDate = current.rag !== 'Red' || !current.dueDate || current.dueDate <= today;
    if (needsNewDate && !dueChanges) problems.push('Red means the deadline was missed: give a new completion date.');
    else if (dueChanges && newDue! <= today) problems.push(`The new completion date must be after today (${formatDate(today)}).`);
  }
  if (dueChanges && status !== 'Red' && newDue! < today) problems.push('The new completion date cannot be in the past.');
  // Turning Amber needs the reason; confirming an Amber that already has one does not.
  if (status === 'Amber' && !commentary && (current.rag !== 'Amber' || !current.commentary)) {
    problems.push('Amber needs a comment: say what is causing the delay.');
  }
  if (dueChanges && !commentary) problems.push('Say why the completion date is changing.');

  const completing = status === 'Blue' && current.rag !== 'Blue';
  const awaitingSignOff = Boolean(current.completionReportedAt) && current.rag !== 'Blue';
  if (completing && !evidence && !current.completionEvidence) {
    problems.push('To report completion, describe the evidence that it is done.');
  }
  if (problems.length) throw new InvalidError(problems);

  const next: Action = { ...current, dueDate, lastUpdatedAt: cmd.now, lastUpdatedBy: actor.id };
  if (commentary) next.commentary = commentary;
  let kind: ActionUpdate['kind'] = 'status';

  if (completing) {
    next.completionEvidence = evidence ?? current.completionEvidence;
    next.completionReportedAt = current.completionReportedAt ?? cmd.now;
    next.completionReportedBy = current.completionReportedBy ?? actor.id;
    if (canSignOffOwnReport(current, actor.ctx) && !awaitingSignOff) {
      // The secretariat reporting completion signs it off in the same step. A
      // chair's report waits like anyone's: someone other than the person who
      // reported it signs it off. (Once reported, signing off is the Sign off
      // button's job, so a comment on a reported action never signs it off by the way.)
      next.rag = 'Blue';
      next.signedOffAt = cmd.now;
      next.signedOffBy = actor.id;
      kind = 'sign-off';
    } else {
      // Stays at its current RAG until signed off; saying it again (with a
      // comment, say) is not news for the chair.
      kind = awaitingSignOff ? 'status' : 'completion-reported';
    }
  } else {
    next.rag = status;
    if (evidence) next.completionEvidence = evidence;
    if (awaitingSignOff && report.rag !== undefined && report.rag !== '') {
      // Choosing another status withdraws the report: the chair must not sign
      // off what the lead has since said is not done. ("No change" keeps it.)
      next.completionReportedAt = undefined;
      next.completionReportedBy = undefined;
    }
    if (current.rag === 'Blue' && status !== 'Blue') {
      // Reopened by a chair: the old sign-off no longer stands.
      next.signedOffAt = undefined;
      next.signedOffBy = undefined;
      next.completionReportedAt = undefined;
      next.completionReportedBy = undefined;
    }
  }

  const changes = diffAction(current, next);
  if (!changes.some((c) => c.field !== 'commentary') && kind === 'status' && !commentary) kind = 'no-change';
  return { next, update: makeUpdate(current.ref, cmd, kind, changes, commentary) };
}

/** A chair or the secretariat accepts a reported completion: the action turns Blue. */
export function decideSignOff(current: Action, cmd: Omit<UpdateCommand, 'report'> & { comment?: string }): Decision {
  if (reportedBy(current, cmd.actor.ctx) && !canSignOff(current, cmd.actor.ctx)) {
    // A chair who did the work is signed off by the secretariat; anyone else's report by the chair or the secretariat.
    const who = rolesFor(current, cmd.actor.ctx).includes('chair') ? 'the board secretariat' : "the delivery group's chair or the board secretariat";
    throw new ForbiddenError(`You reported ${current.ref} complete, so someone else signs it off: ${who}.`);
  }
  if (!canSignOff(current, cmd.actor.ctx)) {
    throw new ForbiddenError(`Only the delivery group's chair or the secretariat can sign off ${current.ref}.`);
  }
  if (current.rag === 'Blue') throw new InvalidError([`${current.ref} is already signed off.`]);
  if (!current.completionReportedAt) {
    throw new InvalidError([`${current.ref} has not been reported complete, so there is nothing to sign off.`]);
  }
  const next: Action = {
    ...current,
    rag: 'Blue',
    signedOffAt: cmd.now,
    signedOffBy: cmd.actor.id,
    lastUpdatedAt: cmd.now,
    lastUpdatedBy: cmd.actor.id,
  };
  const comment = clean(cmd.comment) || undefined;
  // The same bound as commentary: the comment lives in the history, and a SharePoint text column.
  if (comment && comment.length > MAX_TEXT)
    throw new InvalidError([
      `Keep the comment to ${MAX_TEXT.toLocaleString('en-GB')} characters (it has ${comment.length.toLocaleString('en-GB')}).`,
    ]);
  return { next, update: makeUpdate(current.ref, cmd, 'sign-off', diffAction(current, next), comment) };
}

/** A lead (or chair) hands the action to someone else to update; undefined takes it back. */
export function decideDelegation(
  current: Action,
  cmd: Omit<UpdateCommand, 'report'> & { delegateKey: string | undefined; allowed: boolean },
): Decision {
  if (!cmd.allowed) throw new ForbiddenError(`Only a lead of ${current.ref}, its chair or the secretariat can hand it on.`);
  if (cmd.delegateKey && current.leadKeys.includes(cmd.delegateKey)) {
    throw new InvalidError(['That person already leads this action.']);
  }
  const next: Action = { ...current, delegateKey: cmd.delegateKey, lastUpdatedAt: cmd.now, lastUpdatedBy: cmd.actor.id };
  return { next, update: makeUpdate(current.ref, cmd, 'delegate', diffAction(current, next), undefined) };
}

const TRACKED: Array<keyof Action & FieldChange['field']> = [
  'rag',
  'dueDate',
  'commentary',
  'completionEvidence',
  'completionReportedAt',
  'completionReportedBy',
  'signedOffAt',
  'signedOffBy',
  'delegateKey',
  'text',
  'originalDueDate',
  'dueNote',
  'leadKeys',
];

export function diffAction(before: Action, after: Action): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of TRACKED) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push({ field, from: a ?? null, to: b ?? null });
  }
  return out;
}

function makeUpdate(
  ref: string,
  cmd: Pick<UpdateCommand, 'actor' | 'source' | 'now' | 'updateId'>,
  kind: ActionUpdate['kind'],
  changes: FieldChange[],
  comment: string | undefined,
): ActionUpdate {
  return {
    id: cmd.updateId,
    actionRef: ref,
    at: cmd.now,
    by: cmd.actor.id,
    byName: cmd.actor.name,
    source: cmd.source,
    kind,
    changes,
    comment,
  };
}
