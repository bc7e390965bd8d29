#!/usr/bin/env bash
# Four validators on loopback, each its own process, home and ports.
#   localnet-4.sh start   fresh network under $ROOT (default build/localnet-4)
#   localnet-4.sh stop    stop it (state stays until the next start)
# Node i: RPC 26657+10i, P2P 26656+10i, REST 1317+i, gRPC 9090+i;
# logs in $ROOT/node<i>.log.
set -euo pipefail

BIN=${BIN:-agijd}
ROOT=${ROOT:-build/localnet-4}
N=4

stop() {
  local pids=()
  for i in $(seq 0 $((N - 1))); do
    f="$ROOT/node$i.pid"
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill -0 "$pid" 2>/dev/null && kill "$pid" && pids+=("$pid")
    rm -f "$f"
  done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  echo "localnet-4 stopped"
}

start() {
  stop >/dev/null
  rm -rf "$ROOT"
  mkdir -p "$ROOT"
  homes=$(for i in $(seq 0 $((N - 1))); do printf '%s/node%d,' "$ROOT" "$i"; done)
  "$BIN" testnet init-files --homes "${homes%,}"
  for i in $(seq 0 $((N - 1))); do
    setsid "$BIN" start --home "$ROOT/node$i" >"$ROOT/node$i.log" 2>&1 &
    echo $! >"$ROOT/node$i.pid"
  done
  for i in $(seq 0 $((N - 1))); do
    port=$((26657 + 10 * i))
    for _ in $(seq 1 60); do
      h=$( (curl -s "http://127.0.0.1:$port/status" || true) | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p')
      [ -n "$h" ] && [ "$h" -ge 1 ] && break
      sleep 1
    done
    [ -n "$h" ] && [ "$h" -ge 1 ] || { echo "node$i did not produce blocks; see $ROOT/node$i.log" >&2; exit 1; }
    echo "node$i: height $h, RPC 127.0.0.1:$port, REST 127.0.0.1:$((1317 + i)), gRPC 127.0.0.1:$((9090 + i))"
  done
  echo "CLI: $BIN --home $ROOT/node0 ...; stop with: make localnet-4-stop"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
