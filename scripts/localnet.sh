#!/usr/bin/env bash
# One-validator local chain in the foreground (make localnet). Ctrl-C stops it.
#   LOCALNET_HOME  node home (default ~/.agijd, so the CLI needs no --home)
#   KEEP=1         keep the existing chain instead of starting fresh
#   P2P_PORT RPC_PORT PROXY_PORT API_PORT GRPC_PORT   override the ports
set -euo pipefail

BIN=${BIN:-agijd}
HOME_DIR=${LOCALNET_HOME:-$HOME/.agijd}
MARKER="$HOME_DIR/.agij-localnet"

if [ "${KEEP:-0}" = 1 ] && [ -f "$MARKER" ]; then
  echo "keeping the chain in $HOME_DIR"
else
  if [ -d "$HOME_DIR" ] && [ -n "$(ls -A "$HOME_DIR")" ]; then
    if [ ! -f "$MARKER" ]; then
      echo "$HOME_DIR holds something make localnet did not create; move it away or set LOCALNET_HOME" >&2
      exit 1
    fi
    rm -rf "$HOME_DIR"
  fi
  "$BIN" testnet init-files --homes "$HOME_DIR" \
    --p2p-port "${P2P_PORT:-26656}" --rpc-port "${RPC_PORT:-26657}" --proxy-port "${PROXY_PORT:-26658}" \
    --api-port "${API_PORT:-1317}" --grpc-port "${GRPC_PORT:-9090}"
  touch "$MARKER"
fi

exec "$BIN" start --home "$HOME_DIR"
