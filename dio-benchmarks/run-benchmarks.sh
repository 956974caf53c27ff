#!/usr/bin/env bash
# The whole benchmark in one command (see README.md): starts Debian's nginx on a free loopback
# port with the payloads, measures wrk against it (the ceiling), builds and runs the JMH
# benchmarks with -prof gc and the CPU-per-op profiler, runs the scaling curves (one JVM per
# client), the -Xmx64m download heap check and the decode-once check, stops nginx, and writes
# target/bench-results/report.md and its charts (copied to benchmarks/*.png). About 28 minutes on
# a 2-core machine; BENCH_SMOKE=1 runs everything briefly (about 5 minutes) to check the setup.
#
# Environment (all optional):
#   BENCH_OUT             results directory          (default: dio-benchmarks/target/bench-results)
#   BENCH_INCLUDE         JMH benchmark regexp        (default: all benchmarks)
#   BENCH_JMH_ARGS        extra JMH arguments, e.g. "-p client=dio-rn,webclient" or "-wi 1 -i 1"
#   BENCH_WRK_SECONDS     seconds per wrk run         (default: 5)
#   BENCH_SKIP_BUILD      1 to reuse target/benchmarks.jar
#   BENCH_SKIP_JMH        1 to run no JMH benchmark (scaling curves and checks only)
#   BENCH_SCALING_CLIENTS the clients of the scaling curves, comma-separated (default: all; "none" skips them)
#   BENCH_SCALING_WARMUP  seconds of warm-up per point  (default: 1)
#   BENCH_SCALING_SECONDS seconds measured per point   (default: 3)
#   BENCH_SCALING_INFLIGHT requests in flight          (default: 1,16,64,256,1024)
#   BENCH_CHARTS          where the charts are copied  (default: benchmarks/ of the repository; "none" for nowhere)
#   BENCH_SMOKE           1: a short run of everything, JMH "-f 1 -wi 1 -w 1s -i 1 -r 1s", 1 s wrk and
#                         scaling points, charts not copied unless BENCH_CHARTS is set
#
# `run-benchmarks.sh serve` only starts the upstream and keeps it running (Ctrl-C stops it), for
# running single benchmarks by hand with BENCH_BASE_URL set.
set -euo pipefail
MODE="${1:-run}"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="${BENCH_OUT:-$HERE/target/bench-results}"
SMOKE="${BENCH_SMOKE:-0}"
if [ "$SMOKE" = 1 ]; then
  WRK_SECONDS="${BENCH_WRK_SECONDS:-1}"
  JMH_ARGS="${BENCH_JMH_ARGS:--f 1 -wi 1 -w 1s -i 1 -r 1s}"
  export BENCH_SCALING_WARMUP="${BENCH_SCALING_WARMUP:-0.5}" BENCH_SCALING_SECONDS="${BENCH_SCALING_SECONDS:-1}"
  export BENCH_QUIET_WAIT="${BENCH_QUIET_WAIT:-1}"
  CHARTS="${BENCH_CHARTS:-none}"
else
  WRK_SECONDS="${BENCH_WRK_SECONDS:-5}"
  JMH_ARGS="${BENCH_JMH_ARGS:-}"
  CHARTS="${BENCH_CHARTS:-$ROOT/benchmarks}"
fi
SCALING_CLIENTS="${BENCH_SCALING_CLIENTS:-dio-rn,dio-rn+interceptors,dio-wc,dio-wc+interceptors,dio-create,dio-boot,webclient,okhttp}"
JVM_ARGS=(-Xms2g -Xmx2g -XX:+UseG1GC -Djava.util.concurrent.ForkJoinPool.common.parallelism=2)
JAR="$HERE/target/benchmarks.jar"
START_EPOCH=$(date +%s)

log() { printf '\n=== %s [%ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - START_EPOCH ))" "$*"; }

# ---------------------------------------------------------------- tools
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
NGINX="$(command -v nginx || true)"; [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ] || ! command -v wrk >/dev/null; then
  log "installing nginx-light and wrk (Debian packages)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
fi
# A package install may start the distribution's nginx service; ours runs on its own port either way.
# report.py draws the charts with Debian's matplotlib, run by the system python3 (not a pyenv one).
PYTHON=/usr/bin/python3
if [ "$MODE" != serve ] && ! "$PYTHON" -c 'import matplotlib' 2>/dev/null; then
  log "installing python3-matplotlib (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib
fi

[ "$MODE" = serve ] || mkdir -p "$OUT"
[ "$MODE" = serve ] || rm -rf "$OUT"/jmh.json "$OUT"/jmh.log "$OUT"/wrk-*.txt "$OUT"/checks.json "$OUT"/report.md \
  "$OUT"/scaling "$OUT"/scaling.log "$OUT"/*.png

# ---------------------------------------------------------------- upstream
WORK="$(mktemp -d /tmp/dio-bench.XXXXXX)"
cleanup() {
  if [ -f "$WORK/nginx.pid" ]; then
    kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$WORK/nginx.pid" ] || break; sleep 0.1; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/www" "$WORK/dl" "$WORK/tmp"
log "generating payloads in $WORK/www"
python3 - "$WORK/www" <<'PY'
import json, sys, os
www = sys.argv[1]
def user(i):
    return {"id": 1000 + i, "name": "Ada Lovelace" if i == 1 else f"User Number {i:05d}",
            "email": "ada.lovelace@example.com" if i == 1 else f"user{i:05d}@example.com",
            "active": i % 3 != 0, "score": round(50 + (i * 7.31) % 50, 2),
            "tags": ["admin", "beta", "eu"] if i == 1 else ["beta", f"group-{i % 17}", "eu"],
            "createdAt": f"2024-05-{1 + i % 28:02d}T12:34:56Z",
            "address": {"city": "London" if i == 1 else f"City {i % 97}", "zip": f"NW{i % 9} 6XE"}}
sep = (",", ":")
with open(os.path.join(www, "small.json"), "w") as f:
    f.write(json.dumps(user(1), separators=sep))
def user_list(size):
    records, n, length = [], 1, 1  # "[" + "]" + the commas between records
    while length < size:
        records.append(user(n)); length += len(json.dumps(user(n), separators=sep)) + 1; n += 1
    return records
for name, size in (("list-10k.json", 10 * 1024), ("large.json", 100 * 1024), ("list-1m.json", 1024 * 1024)):
    with open(os.path.join(www, name), "w") as f:
        f.write(json.dumps(user_list(size), separators=sep))
# the 100 KB list in a umi envelope, for the envelope interceptor's typed unwrap
with open(os.path.join(www, "large-envelope.json"), "w") as f:
    f.write(json.dumps({"success": True, "data": user_list(100 * 1024)}, separators=sep))
PY
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/www/file.bin"
chmod 755 "$WORK" "$WORK/www"; chmod 644 "$WORK"/www/*
POST_REPLY='{"id":1001,"status":"created","name":"Ada Lovelace","email":"ada.lovelace@example.com","active":true}'
POST_BODY='{"name":"Ada Lovelace","email":"ada.lovelace@example.com","active":true,"score":98.25,"tags":["admin","beta"]}'

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
worker_rlimit_nofile 8192;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 300s;
  keepalive_requests 100000000;
  open_file_cache max=16 inactive=300s;
  client_body_temp_path $WORK/tmp/body;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  types { application/json json; application/octet-stream bin; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$PORT backlog=4096;
    root $WORK/www;
    location = /post {
      # The body is read into memory and discarded; the answer is a fixed JSON document.
      client_max_body_size 1m;
      client_body_buffer_size 1m;
      default_type application/json;
      return 200 '$POST_REPLY';
    }
  }
}
NGINX
log "starting nginx ($("$NGINX" -v 2>&1)) on 127.0.0.1:$PORT, worker_processes 1"
"$NGINX" -p "$WORK" -e "$WORK/error.log" -c "$WORK/nginx.conf"
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -fs -o /dev/null "$BASE/small.json" && break; sleep 0.1; done

# Verify the upstream: sizes, content types, POST, and keep-alive across POSTs.
curl -fsS -o /dev/null -w 'GET small.json  %{http_code} %{content_type} %{size_download} B\n' "$BASE/small.json"
curl -fsS -o /dev/null -w 'GET large.json  %{http_code} %{content_type} %{size_download} B\n' "$BASE/large.json"
for f in list-10k.json list-1m.json large-envelope.json; do
  curl -fsS -o /dev/null -w "GET $f %{http_code} %{content_type} %{size_download} B\n" "$BASE/$f" 2>/dev/null || { echo "GET $f failed" >&2; exit 1; }
done
curl -fsS -o /dev/null -w 'GET file.bin    %{http_code} %{content_type} %{size_download} B\n' "$BASE/file.bin"
REPLY="$(curl -fsS -H 'Content-Type: application/json' --data "$POST_BODY" "$BASE/post")"
[ "$REPLY" = "$POST_REPLY" ] || { echo "POST /post answered: $REPLY" >&2; exit 1; }
echo "POST /post      -> $REPLY"
REUSED="$(curl -sv -H 'Content-Type: application/json' --data "$POST_BODY" "$BASE/post" "$BASE/post" -o /dev/null -o /dev/null 2>&1 | grep -c -i 're-using existing connection' || true)"
[ "$REUSED" -ge 1 ] || { echo "nginx closed the connection after a POST (no keep-alive)" >&2; exit 1; }
echo "POST keep-alive: connection re-used"
NGINX_PIDS="$(cat "$WORK/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')"
export BENCH_BASE_URL="$BASE" BENCH_DOWNLOAD_DIR="$WORK/dl" BENCH_NGINX_PIDS="$NGINX_PIDS"
if [ "$MODE" = serve ]; then
  echo "export BENCH_BASE_URL=$BASE BENCH_DOWNLOAD_DIR=$WORK/dl BENCH_NGINX_PIDS='$NGINX_PIDS'   # Ctrl-C stops nginx"
  while kill -0 "$(cat "$WORK/nginx.pid")" 2>/dev/null; do sleep 1; done
  exit 0
fi

# ---------------------------------------------------------------- build
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  log "building (mvn -Pbench -pl dio-benchmarks -am package)"
  (cd "$ROOT" && mvn -B -q -Pbench -pl dio-benchmarks -am package -DskipTests)
fi

# ---------------------------------------------------------------- machine
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
  echo "wrk: $(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  echo "mvn: $(mvn -B -v 2>/dev/null | head -1)"
  echo "small.json: $(stat -c %s "$WORK/www/small.json") B"
  echo "large.json: $(stat -c %s "$WORK/www/large.json") B ($(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$WORK/www/large.json") records)"
  for f in list-10k.json list-1m.json large-envelope.json file.bin; do echo "$f: $(stat -c %s "$WORK/www/$f") B"; done
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

# ---------------------------------------------------------------- wrk ceiling
# Other processes' CPU (not nginx's) over one second, from /proc/stat; waits up to 10 s for < 0.25 cores.
await_quiet() {
  python3 - "$NGINX_PIDS" <<'PY'
import sys, time
def busy():
    f = open("/proc/stat").readline().split()
    return sum(int(f[i]) for i in (1, 2, 3, 6, 7, 8))
def proc(pid):
    try:
        s = open(f"/proc/{pid}/stat").read(); f = s[s.rindex(")") + 2:].split()
        return int(f[11]) + int(f[12])
    except OSError:
        return 0
pids = sys.argv[1].split()
for _ in range(10):
    b0, n0 = busy(), sum(proc(p) for p in pids); time.sleep(1)
    other = (busy() - b0 - (sum(proc(p) for p in pids) - n0)) / 100.0
    if other < 0.25:
        break
print(f"other processes: {other:.2f} cores")
PY
}
log "wrk against nginx (${WRK_SECONDS}s per run)"
await_quiet
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$POST_BODY'
wrk.headers["Content-Type"] = "application/json"
LUA
run_wrk() {  # name threads connections path [script]
  local args=(-t"$2" -c"$3" -d"${WRK_SECONDS}s")
  [ -n "${5:-}" ] && args+=(-s "$5")
  wrk "${args[@]}" "$BASE$4" > "$OUT/wrk-$1.txt" 2>&1
  echo "$1: $(grep -E 'Requests/sec|Transfer/sec' "$OUT/wrk-$1.txt" | tr -s ' ' | tr '\n' ' ')"
}
run_wrk getSmall-1 1 1 /small.json
run_wrk getSmall-64 2 64 /small.json
run_wrk getSmall-1024 2 1024 /small.json
run_wrk getLarge-1 1 1 /large.json
run_wrk getLarge-64 2 64 /large.json
run_wrk postSmall-1 1 1 /post "$WORK/post.lua"
run_wrk postSmall-64 2 64 /post "$WORK/post.lua"
run_wrk download-1 1 1 /file.bin

# ---------------------------------------------------------------- JMH
if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  log "JMH"
  # shellcheck disable=SC2086
  java -jar "$JAR" ${BENCH_INCLUDE:-} -rf json -rff "$OUT/jmh.json" \
    -prof gc -prof io.github.diospring.bench.CpuPerOpProfiler $JMH_ARGS 2>&1 | tee "$OUT/jmh.log"
  [ -s "$OUT/jmh.json" ] || { echo "JMH wrote no results" >&2; exit 1; }
fi

# ---------------------------------------------------------------- scaling curves
if [ "$SCALING_CLIENTS" != none ]; then
  log "scaling curves (one JVM per client): $SCALING_CLIENTS"
  mkdir -p "$OUT/scaling"
  for client in ${SCALING_CLIENTS//,/ }; do
    java "${JVM_ARGS[@]}" -cp "$JAR" io.github.diospring.bench.Scaling "$client" "$OUT/scaling/$client.json" 2>&1 \
      | tee -a "$OUT/scaling.log" | grep -v -e '^\s*at ' -e '^$' || echo "scaling: $client failed" >&2
  done
fi

# ---------------------------------------------------------------- checks
log "download heap check (-Xmx64m) and decode-once check"
java -Xmx64m -cp "$JAR" io.github.diospring.bench.Checks "$OUT/checks.json" > "$OUT/checks.log" 2>&1 \
  || { cat "$OUT/checks.log"; echo "checks failed" >&2; }

if grep -q -v -e '^$' "$WORK/error.log" 2>/dev/null; then
  echo "nginx error log:"; head -20 "$WORK/error.log"; cp "$WORK/error.log" "$OUT/nginx-error.log"
fi

# ---------------------------------------------------------------- report
echo "total: $(( $(date +%s) - START_EPOCH )) s" >> "$OUT/machine.txt"
"$PYTHON" "$HERE/report.py" "$OUT" > "$OUT/report.md"
if [ "$CHARTS" != none ]; then
  mkdir -p "$CHARTS"
  cp "$OUT"/scaling-*.png "$CHARTS"/ 2>/dev/null && echo "charts copied to $CHARTS: $(cd "$OUT" && ls scaling-*.png | tr '\n' ' ')"
fi
log "done: $OUT/report.md"
