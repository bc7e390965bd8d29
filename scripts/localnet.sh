#!/usr/bin/env bash
# One-validator local chain in the foreground (make localnet). Ctrl-C stops it.
#   LOCALNET_HOME  node home (default ~/.agijd, so the CLI needs no --home)
#   KEEP=1         keep the existing chain instead of starting fresh
#   INIT_ONLY=1    create the chain (keys, genesis) and exit without starting
#                  it; edit config/genesis.json, then start it with KEEP=1
#   DEMO=1         on a fresh chain, post demo jobs in the background once it
#                  runs (scripts/localnet-demo.sh; make localnet sets it; log in
#                  $LOCALNET_HOME/demo.log)
#   P2P_PORT RPC_PORT PROXY_PORT API_PORT GRPC_PORT   override the ports
set -euo pipefail

BIN=${BIN:-agijd}
HOME_DIR=${LOCALNET_HOME:-$HOME/.agijd}
MARKER="$HOME_DIR/.agij-localnet"

if [ "${KEEP:-0}" = 1 ] && [ -f "$MARKER" ]; then
  echo "keeping the chain in $HOME_DIR"
else
  if [ -d "$HOME_DIR" ] && [ ! -f "$MARKER" ]; then
    # Any agijd command writes default config files into its home; only keys,
    # node keys, a genesis or chain data make a home worth protecting.
    for f in "$HOME_DIR"/keyring-* "$HOME_DIR"/config/genesis.json "$HOME_DIR"/config/priv_validator_key.json \
      "$HOME_DIR"/config/node_key.json; do
      if [ -e "$f" ]; then
        echo "$HOME_DIR holds a node or keys that make localnet did not create ($f);" >&2
        echo "move it away, or run with LOCALNET_HOME=<another dir>" >&2
        exit 1
      fi
    done
    if [ -n "$(ls -A "$HOME_DIR/data" 2>/dev/null)" ]; then
      echo "$HOME_DIR/data holds chain data that make localnet did not create; move it away or set LOCALNET_HOME" >&2
      exit 1
    fi
  fi
  rm -rf "$HOME_DIR"
  "$BIN" testnet init-files --homes "$HOME_DIR" \
    --p2p-port "${P2P_PORT:-26656}" --rpc-port "${RPC_PORT:-26657}" --proxy-port "${PROXY_PORT:-26658}" \
    --api-port "${API_PORT:-1317}" --grpc-port "${GRPC_PORT:-9090}"
  touch "$MARKER"
fi

if [ "${INIT_ONLY:-0}" = 1 ]; then
  echo "created the chain in $HOME_DIR; start it with KEEP=1"
  exit 0
fi

if [ "${DEMO:-0}" = 1 ] && [ ! -f "$HOME_DIR/demo.log" ]; then
  BIN="$BIN" HOME_DIR="$HOME_DIR" "$(dirname "$0")/localnet-demo.sh" >"$HOME_DIR/demo.log" 2>&1 &
  echo "posting demo jobs in the background (log: $HOME_DIR/demo.log)"
fi

exec "$BIN" start --home "$HOME_DIR"
