// A fake Teams host page for browser tests: it frames the tab and answers
// teams-js 2.58's postMessage protocol (../shared/docs/teams-tab-facts.md §2):
// initialize for the frame context asked for, getContext, getAuthToken (the
// token comes from the test through window.fakeTeamsToken), settings.setSettings
// and getSettings, the meeting stage calls, and it pushes themeChange,
// settings.save and settings.remove events. It is served on the tab's own
// origin, which teams-js trusts with no set-up, or on another origin the
// server was told to trust (TAB_HOST_ORIGINS), with an absolute src.
//
// It is as strict as Teams where Teams is strict, and records in
// window.__teamsViolations whatever real Teams would refuse or ignore: a call
// before initialize, a malformed initialize, a call from a frame context that
// may not make it, an event the page never registered for (Teams sends none:
// the event is dropped), more than one load outcome, a save answered twice or
// not at all, a stage URL outside the app's valid domains.
//
// Query: ?fc=content|settings|remove|sidePanel|meetingStage|task&theme=default|dark|contrast&src=/tab/...&w=&h=
//   &context=legacy|new        getContext's answer: teams-js's legacy shape (what Teams sends) or app.Context's shape
//   &uuid=no                   answer by numeric id alone (older hosts), not uuidAsString
//   &entityId=…&saved=<json>   the tab instance being reconfigured, and getSettings' answer
//   &share=no|error|hang       getAppContentStageSharingCapabilities: not allowed, an error answer, no answer
//   &shareResult=1000|501|500|hang   shareAppContentToStage: an error answer with that code, or no answer
//   &pagesConfig=no            a runtime without pages.config
//   &meeting=ID                the meeting's id in getContext (participants of one meeting share it)
//   &runtime=legacy|invalid    initialize answered as old Teams does ([frameContext, 'web'] only), or with a runtime lacking apiVersion
// Everything the tab asked is in window.__teamsLog.
export const FAKE_HOST_HTML = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Fake Teams host</title>
<style>body{margin:0;font-family:sans-serif} iframe{border:0;display:block}</style></head>
<body><main><h1 style="position:absolute;left:-9999px">Fake Teams host</h1></main>
<script>
const q = new URLSearchParams(location.search);
const fc = q.get('fc') || 'content';
let theme = q.get('theme') || 'default';
window.__teamsLog = [];
window.__teamsViolations = [];
const violation = (text) => window.__teamsViolations.push(text);
const registered = new Set();
const outcomes = [];
let initialized = false;
let pendingSave = null;
const frame = document.createElement('iframe');
frame.title = 'PlanPulse';
frame.style.width = (q.get('w') || '1280') + 'px';
frame.style.height = (q.get('h') || '860') + 'px';
frame.src = q.get('src') || '/tab/';
document.querySelector('main').append(frame);
// Where the tab lives: every message goes to that origin only, and the tab's URLs must be on it (validDomains).
const tabOrigin = new URL(frame.src, location.href).origin;
const pages = { appButton: {}, tabs: {}, currentApp: {}, backStack: {} };
if (q.get('pagesConfig') !== 'no') pages.config = {};
const runtime = JSON.stringify({ apiVersion: 4, supports: {
  app: { notifySuccessResponse: {} }, appInstallDialog: {}, authentication: {},
  pages, meeting: {}, teamsCore: {}, dialog: { url: {}, update: {} },
} });
const meetingish = fc === 'sidePanel' || fc === 'meetingStage';
const meetingId = q.get('meeting') || 'MCMxOTptZWV0aW5nXzFAdGhyZWFkLnYyIzA=';
const entityId = q.get('entityId') || undefined;
let saved = q.get('saved') ? JSON.parse(q.get('saved')) : {};
function legacyContext() {
  return { locale: 'en-gb', theme, hostName: 'Teams', hostClientType: 'web', frameContext: fc,
    entityId, userObjectId: q.get('oid') || undefined, userPrincipalName: 'someone@lancashire.example',
    tid: q.get('tid') || undefined, chatId: meetingish ? '19:meeting_1@thread.v2' : undefined,
    meetingId: meetingish ? meetingId : undefined };
}
// The shape of app.Context, as a newer host might answer: teams-js reads none of
// its fields, so the page must carry on from the handshake (frame context) and defaults.
function newContext() {
  return { app: { locale: 'en-gb', theme, host: { name: 'Teams', clientType: 'web' } },
    page: { id: entityId, frameContext: fc }, user: { id: q.get('oid') || '', userPrincipalName: 'someone@lancashire.example',
    tenant: { id: q.get('tid') || '' } }, meeting: meetingish ? { id: meetingId } : undefined };
}
// Which frame contexts may make each call (teams-js checks most of these itself; Teams refuses the rest).
const ALLOWED = {
  'settings.setValidityState': ['settings', 'remove'],
  'settings.setSettings': ['content', 'settings', 'sidePanel'],
  'settings.getSettings': ['content', 'settings', 'remove', 'sidePanel'],
  'settings.save.success': ['settings'], 'settings.save.failure': ['settings'],
  'settings.remove.success': ['remove'], 'settings.remove.failure': ['remove'],
  'meeting.shareAppContentToStage': ['sidePanel', 'meetingStage'],
  'meeting.getAppContentStageSharingCapabilities': ['sidePanel', 'meetingStage'],
};
const FINAL = ['appInitialization.success', 'appInitialization.failure', 'appInitialization.expectedFailure'];
function send(msg) { frame.contentWindow.postMessage(msg, tabOrigin); }
window.addEventListener('message', async (e) => {
  if (e.source !== frame.contentWindow) return;
  const m = e.data;
  if (!m || typeof m.func !== 'string' || typeof m.id !== 'number') return violation('a message that is not a request: ' + JSON.stringify(m));
  window.__teamsLog.push({ func: m.func, args: m.args });
  const reply = (args) => send(q.get('uuid') === 'no' ? { id: m.id, args } : { id: m.id, uuidAsString: m.uuidAsString, args });
  if (m.func === 'initialize') {
    const [ver, api] = m.args || [];
    if (typeof ver !== 'string' || typeof api !== 'number') violation('initialize without [sdkVersion, runtimeApiVersion]: ' + JSON.stringify(m.args));
    if (initialized) violation('initialize sent twice');
    initialized = true;
    if (q.get('runtime') === 'legacy') return reply([fc, 'web']);
    if (q.get('runtime') === 'invalid') return reply([fc, 'web', JSON.stringify({ supports: {} }), '2.58.0']);
    return reply([fc, 'web', runtime, '2.58.0']);
  }
  if (!initialized) violation(m.func + ' before initialize');
  if (ALLOWED[m.func] && !ALLOWED[m.func].includes(fc)) violation(m.func + ' from frame context ' + fc);
  if (FINAL.includes(m.func)) { outcomes.push(m.func); if (outcomes.length > 1) violation('a second load outcome: ' + outcomes.join(', ')); }
  switch (m.func) {
    case 'getContext': return reply([q.get('context') === 'new' ? newContext() : legacyContext()]);
    case 'registerHandler': registered.add(m.args[0]); return;
    case 'authentication.getAuthToken':
      try { reply([true, await window.fakeTeamsToken()]); } catch (err) { reply([false, String(err && err.message || err)]); }
      return;
    case 'settings.setSettings':
      if (!m.args[0] || typeof m.args[0].contentUrl !== 'string') return reply([false, 'contentUrl is required']);
      if (new URL(m.args[0].contentUrl).origin !== tabOrigin) return reply([false, 'contentUrl is not in validDomains']);
      saved = m.args[0];
      return reply([true]);
    case 'settings.getSettings': return reply([saved]);
    case 'settings.save.success': case 'settings.save.failure':
      if (!pendingSave) violation(m.func + ' with no save pending');
      pendingSave = null; return;
    case 'appInitialization.success': return reply([]);
    case 'meeting.getAppContentStageSharingCapabilities': {
      const share = q.get('share');
      if (share === 'hang') return;
      if (share === 'error') return reply([{ errorCode: 1000, message: 'App does not have the permission to share' }, null]);
      return reply([null, { doesAppHaveSharePermission: share !== 'no' }]);
    }
    case 'meeting.shareAppContentToStage': {
      const how = q.get('shareResult');
      if (how === 'hang') return;
      if (new URL(m.args[0]).origin !== tabOrigin) return reply([{ errorCode: 501, message: 'URL is not in validDomains' }, null]);
      if (how) return reply([{ errorCode: Number(how), message: 'Refused by the fake host (' + how + ')' }, null]);
      return reply([null, true]);
    }
    default: return; // setValidityState, notifyAppLoaded, save.success …: no answer expected
  }
});
window.fakeTeams = {
  /** Teams sends themeChange only to a page that registered for it. */
  theme(t) { theme = t; if (registered.has('themeChange')) send({ func: 'themeChange', args: [t] }); else violation('themeChange to a page that did not register for it'); },
  /** Teams' Save button: with no save handler Teams saves what setSettings last said. */
  save() {
    if (!registered.has('save')) return violation('Save pressed with no save handler registered');
    pendingSave = Date.now();
    send({ func: 'settings.save', args: [{}] });
  },
  /** Teams' Remove button. */
  remove() { if (registered.has('remove')) send({ func: 'settings.remove', args: [] }); },
  calls(func) { return window.__teamsLog.filter((x) => x.func === func).map((x) => x.args); },
  violations() { return window.__teamsViolations.slice(); },
  registered() { return [...registered]; },
};
</script></body></html>`;
