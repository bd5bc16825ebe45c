// Words for what a Teams host answers when the side panel shares to the
// meeting stage, and a host's error as text, whichever form it came in.

/** A host's error, as it may come: an Error, a string, or teams-js's {errorCode, message}. */
export function hostErrorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; errorCode?: unknown };
    if (typeof o.message === 'string' && o.message && o.message !== '[object Object]') return o.message;
    if (o.errorCode !== undefined) return String(o.errorCode);
  }
  return '';
}

/** Words for meeting.shareAppContentToStage's error codes (teams-js ErrorCode; Teams' stage docs: 500, 501, 1000). */
export function shareProblem(err: unknown): string {
  const code = err && typeof err === 'object' ? Number((err as { errorCode?: unknown }).errorCode) : NaN;
  const said = hostErrorText(err);
  const teamsSaid = said && said !== String(code) ? ` (Teams said: ${said.slice(0, 200)})` : '';
  if (code === 1000)
    return `Teams didn't let you share to the stage: only the meeting's organisers and presenters can share${teamsSaid}. Ask one of them to share it, or to make you a presenter.`;
  if (code === 501 || code === 100)
    return `Teams can't share PlanPulse to the stage in this meeting${teamsSaid}. Sharing needs Teams on a computer or the web, and PlanPulse's address in the app's valid domains; ask your Teams admin if it keeps happening.`;
  if (code === 500) return `Teams couldn't share to the stage just now${teamsSaid}. Try again.`;
  return `Teams couldn't share to the stage${said ? ` (Teams said: ${said.slice(0, 200)})` : ''}. Try again.`;
}
