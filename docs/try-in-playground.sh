#!/usr/bin/env bash
# Tries PlanPulse by hand in the Microsoft 365 Agents Playground, fully offline.
#   npm install --no-save @microsoft/m365agentsplayground@0.2.28   (once, online)
#   bash docs/try-in-playground.sh              # on your own machine
#   sudo unshare -n bash docs/try-in-playground.sh   # loopback only: nothing leaves the machine
# The playground tries to reach Azure hosts even with telemetry off, so our
# build machines run it in a network namespace with only loopback. A browser
# outside that namespace cannot see its 127.0.0.1, so the script prints the
# nsenter line that opens one inside it. SMOKE=1 posts one message and one card
# action through the playground's (undocumented) internal API instead, then exits.
set -euo pipefail
ip link set lo up 2>/dev/null || true
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/agentsplayground ]; then
  # `npm install` and `npm ci` remove packages installed with --no-save, so this can vanish.
  echo "The Agents Playground is not installed: run (online)" >&2
  echo "  npm install --no-save @microsoft/m365agentsplayground@0.2.28" >&2
  exit 1
fi
WORK=${WORK:-$(mktemp -d)}
export PLANPULSE_DB="$WORK/plan.db"
# The bot and the playground must agree on the port; PORT moves both.
export PORT=${PORT:-3978}
npx tsx cli/planpulse.ts import sample/lancashire | tail -1
npx tsx cli/planpulse.ts leads --import docs/playground-people.csv | tail -1
# A PlanPulse already on this port (say `npm start`) would have the playground talk to the wrong plan.
if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
  echo "Port $PORT is in use (is npm start running?): stop it, or set PORT" >&2
  exit 1
fi
npx tsx cli/planpulse.ts serve > "$WORK/bot.log" 2>&1 &
BOT=$!
# Wait for the bot, or say why it did not start.
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; kill -0 $BOT 2>/dev/null || break; sleep 1; done
kill -0 $BOT 2>/dev/null || { echo "PlanPulse did not start: $(tail -1 "$WORK/bot.log") (stop the other one, or set PORT)" >&2; exit 1; }
M365_AGENTS_PLAYGROUND_RECORDING_FILE="$WORK/events.json" TEAMSAPPTESTER_BROWSER=none \
  npx --no-install agentsplayground -e "http://127.0.0.1:$PORT/api/messages" -c msteams \
  --disable-telemetry --enable-events-recording > "$WORK/playground.log" 2>&1 &
PG=$!
trap 'kill $BOT $PG 2>/dev/null' EXIT
for _ in $(seq 120); do curl -sf http://127.0.0.1:56150/_internal/v1/config >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:56150/_internal/v1/config >/dev/null || { echo "The playground did not start; see $WORK/playground.log" >&2; exit 1; }
if [ "${SMOKE:-0}" != 1 ]; then
  echo "Playground: http://127.0.0.1:56150 (you are Jennifer Ashton; try: my actions, update 1.1.3, away until 2 Jan)"
  if [ "$(readlink /proc/$$/ns/net)" != "$(readlink /proc/1/ns/net 2>/dev/null)" ]; then
    echo "This runs in its own network namespace; open the page from inside it, e.g."
    echo "  sudo nsenter --net=/proc/$$/ns/net chromium --no-sandbox --user-data-dir=\$(mktemp -d) http://127.0.0.1:56150"
  fi
  wait $PG
fi
P=http://127.0.0.1:56150/_conversation/v1
curl -s -X POST "$P/conversations/personal-chat-id/messages" -H 'content-type: application/json' \
  -d '{"from":{"id":"user-id-0"},"text":"my actions","textFormat":"plain"}' >/dev/null
sleep 3
CARD=$(grep -A2 '"direction": "User Application' "$WORK/events.json" | grep messageId | head -1 | sed -E 's/.*"([0-9]+)".*/\1/')
ETAG=$(node -e "const D=require('better-sqlite3');const r=new D(process.argv[1]).prepare('select version,item_id from actions where ref=?').get('1.1.3');console.log(JSON.stringify('\"{'+r.item_id+'},'+r.version+'\"'))" "$PLANPULSE_DB")
curl -s -X POST "$P/invoke" -H 'content-type: application/json' -d "{\"name\":\"adaptiveCard/action\",\"from\":{\"id\":\"user-id-0\"},\"conversation\":{\"id\":\"personal-chat-id\"},\"replyToId\":\"$CARD\",\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"planpulse.saveUpdate\",\"data\":{\"ref\":\"1.1.3\",\"etag\":$ETAG,\"rag\":\"Amber\",\"commentary\":\"Waiting on schools\"}},\"trigger\":\"manual\"}}" | head -c 200; echo
npx tsx -e "const D=require('better-sqlite3');const d=new D(process.argv[1]);console.log('1.1.3 is now', JSON.parse(d.prepare('select data from actions where ref=?').get('1.1.3').data).rag, '· history records:', d.prepare('select count(*) n from action_updates').get().n)" "$PLANPULSE_DB"
# A weekly prompt sent now, proactively, into the playground's chat.
npx tsx cli/planpulse.ts nudge | tail -1
