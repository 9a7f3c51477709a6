#!/usr/bin/env bash
# Lantern's local ingest: RTMP in, HLS out (1 s fragments) over HTTP, plus the built web viewer,
# on 127.0.0.1 only. Writes an nginx config from scripts/ingest/nginx.conf.in into a private
# directory and runs Debian's nginx (+ libnginx-mod-rtmp) in the foreground; Ctrl-C stops it.
#
#   bash scripts/ingest.sh                       # rtmp://127.0.0.1:1935/live, http://127.0.0.1:8080
#   bash scripts/ingest.sh --rtmp-port 19350 --http-port 18080 --dir /tmp/ingest --record
#
# Then push:  lantern push --effect examples/red-packet-rain --input clip.mp4 \
#               --url rtmp://127.0.0.1:1935/live --key demo
# and open:   http://127.0.0.1:8080/viewer.html?src=/hls/demo.m3u8
#
# Options:
#   --rtmp-port N     RTMP port (default 1935)
#   --http-port N     HTTP port for HLS and the viewer (default 8080)
#   --dir DIR         where the config, HLS fragments, logs (and recordings) go (default: a new
#                     temp dir, removed on exit)
#   --www DIR         static files served at / (default: ui/dist, the built viewer)
#   --fragment SECS   HLS fragment length (default 1)
#   --playlist SECS   HLS playlist length (default 4)
#   --record          also record every stream to DIR/record/<key>.flv (for `lantern probe`)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { printf 'ingest: %s\n' "$*" >&2; exit 1; }

rtmp_port=1935 http_port=8080 dir="" www="$root/ui/dist" fragment=1 playlist=4 record=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rtmp-port) rtmp_port="${2:?--rtmp-port needs a port}"; shift 2 ;;
    --http-port) http_port="${2:?--http-port needs a port}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a directory}"; shift 2 ;;
    --www) www="${2:?--www needs a directory}"; shift 2 ;;
    --fragment) fragment="${2:?--fragment needs seconds}"; shift 2 ;;
    --playlist) playlist="${2:?--playlist needs seconds}"; shift 2 ;;
    --record) record=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
for n in "$rtmp_port" "$http_port" "$fragment" "$playlist"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "expected a whole number, got \"$n\""
done
[ "$rtmp_port" != "$http_port" ] || die "--rtmp-port and --http-port must differ"
command -v nginx >/dev/null || die "nginx not found: run scripts/setup.sh (Debian: apt-get install nginx libnginx-mod-rtmp)"
[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ] \
  || die "the RTMP module is missing: apt-get install libnginx-mod-rtmp (or run scripts/setup.sh)"
[ -d "$www" ] || printf 'ingest: note: %s does not exist, / will 404 (build the viewer: npm --prefix ui run build)\n' "$www" >&2

owned=0
if [ -z "$dir" ]; then
  dir="$(mktemp -d -t lantern-ingest-XXXXXX)"
  owned=1
fi
mkdir -p "$dir"/{hls,tmp,record}
dir="$(cd "$dir" && pwd)"
www="$(cd "$www" 2>/dev/null && pwd || printf '%s' "$www")"
for p in "$dir" "$www"; do
  [[ "$p" != *[[:space:]\;\'\"\&\|\\]* ]] || die "path \"$p\" has characters nginx's config cannot take"
done
record_conf=""
[ "$record" = 1 ] && record_conf="record all; record_path $dir/record; record_unique off;"
sed -e "s|@PREFIX@|$dir|g" -e "s|@RTMP_PORT@|$rtmp_port|g" -e "s|@HTTP_PORT@|$http_port|g" \
    -e "s|@WWW@|$www|g" -e "s|@FRAGMENT@|${fragment}s|g" -e "s|@PLAYLIST@|${playlist}s|g" \
    -e "s|@RECORD@|$record_conf|g" \
    "$root/scripts/ingest/nginx.conf.in" > "$dir/nginx.conf"
nginx -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" 2>&1 \
  || die "nginx rejected $dir/nginx.conf (see above)"

pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ "$owned" = 1 ]; then rm -rf "$dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Foreground, single process (master_process off): stopping this script stops nginx.
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
pid=$!
for _ in $(seq 100); do
  kill -0 "$pid" 2>/dev/null || die "nginx exited at start: $(tail -n 5 "$dir/error.log")"
  if (exec 3<>"/dev/tcp/127.0.0.1/$rtmp_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null; then
    break
  fi
  sleep 0.1
done
cat <<EOF
ingest: RTMP in   rtmp://127.0.0.1:$rtmp_port/live   (any stream key)
ingest: HLS out   http://127.0.0.1:$http_port/hls/<key>.m3u8
ingest: viewer    http://127.0.0.1:$http_port/viewer.html?src=/hls/<key>.m3u8
ingest: files     $dir   (log: $dir/error.log)
ingest: ready (Ctrl-C stops)
EOF
wait "$pid"
