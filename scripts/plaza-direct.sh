#!/usr/bin/env bash
# A plaza under the shared benchmark's bots with the room's workerd alone on core 0 and the bots talking to it
# directly, without wrangler dev's proxy in the path: the nearest this 2-core machine comes to a room with a core of
# its own, as on Cloudflare's edge (compare.sh pins the room, the dev proxy's workerd and wrangler to one core).
#
#   flock /tmp/edgehold-cpu.lock bash scripts/plaza-direct.sh --bench /tmp/bench [--ramp 256,512] [--seconds 15]
#     [--port 8795]
#
# --bench: a copy of the shared benchmark with `npm ci` run in it (its bots.mjs drives the crowd). Needs sim.wasm and
# web/dist built (`npm run build`). Starts its own `wrangler dev` (dev mode, the dev admin token), finds the port of the
# workerd that runs the worker (the one wrangler's proxy forwards to), pins that workerd to core 0 and the proxy,
# wrangler and the bots to core 1, makes a plaza with `POST /api/rooms`, then runs `bots.mjs --target ours --ack-tick`
# into it. Every 5 s it prints the room's tick work (p50/p99/max of its last 300 ticks), players and dropped steps
# from `GET /api/admin/rooms/:code`; the bots print their own table (snapshots/s, bytes, acks, the room's CPU).
set -euo pipefail

bench="" ramp="256,512" seconds=15 port=8795
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) bench=$2; shift 2 ;;
    --ramp) ramp=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$bench/bots.mjs" ] || { echo "--bench must name a copy of the shared benchmark (with bots.mjs)" >&2; exit 2; }
cd "$(dirname "$0")/.."
token=${EDGEHOLD_ADMIN_TOKEN:-dev-admin-token}
state=$(mktemp -d /tmp/edgehold-plaza-direct-XXXXXX)

node_modules/.bin/wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" --var AUTH_MODE:dev --var "ADMIN_TOKEN:$token" >"$state/server.log" 2>&1 &
server=$!
poller=""
cleanup() {
  [ -n "$poller" ] && kill "$poller" 2>/dev/null || true
  kill -INT "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT

for _ in $(seq 90); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 1; done
# Two workerd processes: the proxy's listens on --port; the worker's on a port of its own, chosen at start.
proxy=$(pgrep -f "workerd serve.*entry=127.0.0.1:$port" | head -1)
worker=$(pgrep -f "workerd serve.*entry=127.0.0.1:0" | head -1)
direct=""
for candidate in $(ss -ltnp | grep "pid=$worker," | grep -o '127.0.0.1:[0-9]*' | cut -d: -f2); do
  curl -sf -m 2 "http://127.0.0.1:$candidate/api/health" >/dev/null && direct=$candidate
done
[ -n "$direct" ] || { echo "could not find the worker's own port (workerd $worker)" >&2; exit 1; }
taskset -a -p -c 0 "$worker" >/dev/null
taskset -a -p -c 1 "$proxy" >/dev/null
for pid in $(pgrep -f "wrangler"); do taskset -a -p -c 1 "$pid" >/dev/null; done
base="http://127.0.0.1:$direct"
code=$(curl -sf -X POST -H 'Content-Type: application/json' -H 'X-Player-Id: bench-owner' -d '{"kind":"plaza"}' "$base/api/rooms" |
  node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s).code))')
echo "plaza $code: the worker's workerd (pid $worker) alone on core 0 at $base; proxy, wrangler and bots on core 1"

(
  while sleep 5; do
    curl -s -m 8 -H "Authorization: Bearer $token" "$base/api/admin/rooms/$code" |
      node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const r=JSON.parse(s);const t=r.tickWorkMs;const players=Array.isArray(r.players)?r.players.length:r.players;console.log(`${new Date().toISOString().slice(11,19)} room: ${players} players, tick work p50/p99/max ${t.p50}/${t.p99}/${t.max} ms, ${r.droppedSteps} steps dropped so far`)})' || true
  done
) &
poller=$!

taskset -c 1 node "$bench/bots.mjs" --target ours --url "$base" --room "$code" --ack-tick --world 512 --spawn scatter \
  --ramp "$ramp" --seconds "$seconds" --server-pid "$worker" | grep -v '^BENCH_JSON'
