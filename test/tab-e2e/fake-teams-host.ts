// A fake Teams host page for browser tests: it frames the tab and answers
// teams-js 2.58's postMessage protocol (../shared/docs/teams-tab-facts.md §2):
// initialize for the frame context asked for, getContext, getAuthToken (the
// token comes from the test through window.fakeTeamsToken), settings.setSettings,
// the meeting stage calls, and it can push themeChange and settings.save events.
// It is served on the tab's own origin, which teams-js trusts with no set-up.
//
// Query: ?fc=content|settings|sidePanel|meetingStage&theme=default|dark|contrast&src=/tab/...&w=&h=
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
const frame = document.createElement('iframe');
frame.title = 'PlanPulse';
frame.style.width = (q.get('w') || '1280') + 'px';
frame.style.height = (q.get('h') || '860') + 'px';
frame.src = q.get('src') || '/tab/';
document.querySelector('main').append(frame);
const runtime = JSON.stringify({ apiVersion: 4, supports: {
  app: { notifySuccessResponse: {} }, appInstallDialog: {}, authentication: {},
  pages: { config: {}, appButton: {}, tabs: {}, currentApp: {}, backStack: {} },
  meeting: {}, teamsCore: {}, dialog: { url: {}, update: {} },
} });
const meetingish = fc === 'sidePanel' || fc === 'meetingStage';
function context() {
  return { locale: 'en-gb', theme, hostName: 'Teams', hostClientType: 'web', frameContext: fc,
    entityId: 'planpulse-group', userObjectId: q.get('oid') || undefined, userPrincipalName: 'someone@lancashire.example',
    tid: q.get('tid') || undefined, chatId: meetingish ? '19:meeting_1@thread.v2' : undefined,
    meetingId: meetingish ? 'MCMxOTptZWV0aW5nXzFAdGhyZWFkLnYyIzA=' : undefined };
}
function send(msg) { frame.contentWindow.postMessage(msg, location.origin); }
window.addEventListener('message', async (e) => {
  if (e.source !== frame.contentWindow) return;
  const m = e.data;
  if (!m || typeof m.func !== 'string' || typeof m.id !== 'number') return;
  window.__teamsLog.push({ func: m.func, args: m.args });
  const reply = (args) => send({ id: m.id, uuidAsString: m.uuidAsString, args });
  switch (m.func) {
    case 'initialize': return reply([fc, 'web', runtime, '2.58.0']);
    case 'getContext': return reply([context()]);
    case 'authentication.getAuthToken':
      try { reply([true, await window.fakeTeamsToken()]); } catch (err) { reply([false, String(err && err.message || err)]); }
      return;
    case 'settings.setSettings': return reply([true]);
    case 'appInitialization.success': return reply([]);
    case 'meeting.getAppContentStageSharingCapabilities': return reply([null, { doesAppHaveSharePermission: q.get('share') !== 'no' }]);
    case 'meeting.shareAppContentToStage': return reply([null, true]);
    default: return; // registerHandler, setValidityState, save.success …: no answer expected
  }
});
window.fakeTeams = {
  theme(t) { theme = t; send({ func: 'themeChange', args: [t] }); },
  save() { send({ func: 'settings.save', args: [{}] }); },
  calls(func) { return window.__teamsLog.filter((x) => x.func === func).map((x) => x.args); },
};
</script></body></html>`;
