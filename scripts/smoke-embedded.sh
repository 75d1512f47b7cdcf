#!/usr/bin/env bash
# Smoke test of the README's quick start on the embedded database: start with no DATABASE_URL,
# wait for readiness, sign in over HTTP as the demo admin, Ctrl-C, check nothing is left running,
# then start again on the same data folder and check the data survived.
# Env: SMOKE_PASSWORD (demo admin password), SMOKE_PORT (3200), SMOKE_PGLITE_PORT (5499).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-3200}
PG_PORT=${SMOKE_PGLITE_PORT:-5499}
EMAIL=admin@sitrep.local
PASSWORD=${SMOKE_PASSWORD:-sitrep-admin-demo}
BASE=http://127.0.0.1:$PORT
TMP=$(mktemp -d)
DATA=$TMP/data
JAR=$TMP/cookies
LOG=""
PID=""

say() { printf '\n[smoke] %s\n' "$*"; }
fail() {
  printf '\n[smoke] FAILED: %s\n' "$*" >&2
  if [[ -n $LOG && -f $LOG ]]; then echo "[smoke] last lines of $LOG:" >&2; tail -n 60 "$LOG" >&2; fi
  exit 1
}

# Every process npm start spawns inherits SITREP_DATA_DIR=$DATA, which is unique to this run:
# that finds leftovers even after they were re-parented, without touching anything else.
leftover_pids() {
  local f pid
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}; pid=${pid%/environ}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    # Processes vanish and some are unreadable mid-scan: both mean "not ours".
    if { tr '\0' '\n' <"$f"; } 2>/dev/null | grep -qxF "SITREP_DATA_DIR=$DATA"; then echo "$pid"; fi
  done
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cleanup() {
  local code=$?
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    kill -INT "$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  fi
  for p in $(leftover_pids); do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() { # $1: log file
  LOG=$1
  listening "$PORT" && fail "port $PORT is already in use (set SMOKE_PORT)"
  listening "$PG_PORT" && fail "port $PG_PORT is already in use (set SMOKE_PGLITE_PORT)"
  say "starting: SITREP_DATA_DIR=$DATA PORT=$PORT SITREP_PGLITE_PORT=$PG_PORT node scripts/start.mjs (log: $LOG)"
  # Job control gives the background job its own process group, as a terminal would, and $! is
  # start.mjs itself (env execs node), so the SIGINT below is exactly a user's Ctrl-C.
  set -m
  env -u DATABASE_URL -u HOSTNAME -u AUTH_SECRET SITREP_DATA_DIR="$DATA" PORT="$PORT" SITREP_PGLITE_PORT="$PG_PORT" \
    node scripts/start.mjs >"$LOG" 2>&1 </dev/null &
  PID=$!
  set +m
  local deadline=$((SECONDS + 180)) code
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/api/health/ready" || true) == 200 ]]; do
    kill -0 "$PID" 2>/dev/null || fail "npm start exited before the app was ready"
    ((SECONDS < deadline)) || fail "not ready within 180 s ($BASE/api/health/ready)"
    sleep 2
  done
  say "ready after $((SECONDS + 180 - deadline)) s"
  grep -A3 "Sitrep is running" "$LOG" || true
}

sign_in() {
  rm -f "$JAR"
  local csrf code session
  csrf=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/api/auth/csrf" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')
  [[ -n $csrf ]] || fail "no csrfToken from /api/auth/csrf"
  # Auth.js credentials callback: a form POST answers 302 and sets the session cookie on success.
  code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
    --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "callbackUrl=$BASE/" "$BASE/api/auth/callback/credentials")
  grep -q 'authjs.session-token' "$JAR" || fail "sign-in as $EMAIL set no session cookie (HTTP $code)"
  session=$(curl -fsS -b "$JAR" "$BASE/api/auth/session")
  [[ $session == *"$EMAIL"* ]] || fail "/api/auth/session does not show $EMAIL: $session"
  say "signed in as $EMAIL (HTTP $code, session ok)"
}

sql() { # runs one statement on the embedded database, prints rows as JSON
  node -e 'const pg=require("pg");const c=new pg.Client(process.argv[1]);
    c.connect().then(()=>c.query(process.argv[2])).then(r=>{console.log(JSON.stringify(r.rows));return c.end()})
    .catch(e=>{console.error(e.message);process.exit(1)})' "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" "$1"
}

stop() {
  say "sending SIGINT (Ctrl-C) to npm start (pid $PID)"
  kill -INT "$PID"
  local deadline=$((SECONDS + 30))
  while kill -0 "$PID" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "npm start still running 30 s after Ctrl-C"
    sleep 0.5
  done
  local rc=0
  wait "$PID" || rc=$?
  PID=""
  [[ $rc == 0 ]] || fail "npm start exited with code $rc after Ctrl-C (expected 0)"
  sleep 1
  local left
  left=$(leftover_pids)
  [[ -z $left ]] || fail "processes left running after Ctrl-C: $(for p in $left; do tr '\0' ' ' </proc/$p/cmdline; echo; done)"
  listening "$PORT" && fail "port $PORT still listening after Ctrl-C"
  listening "$PG_PORT" && fail "port $PG_PORT still listening after Ctrl-C"
  say "stopped cleanly: exit 0, no process left, ports $PORT and $PG_PORT free"
}

say "1/2: first start on an empty data folder"
start "$TMP/start-1.log"
sign_in
sql "CREATE TABLE smoke_marker (note text); INSERT INTO smoke_marker VALUES ('survives restarts')" >/dev/null
stop

say "2/2: second start on the same data folder"
start "$TMP/start-2.log"
[[ $(sql "SELECT note FROM smoke_marker") == *"survives restarts"* ]] || fail "data written before the restart is gone"
grep -q "Created the demo workspace" "$TMP/start-2.log" && fail "the second start re-created the demo workspace: data did not persist"
sign_in
stop
say "OK: the embedded quick start starts, signs in, stops cleanly and keeps its data"
