#!/usr/bin/env bash
# Lints proto/ with buf from npm (pinned in tools/buf), on local files only:
# the imported third-party .proto files are copied from the Go module cache.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix tools/buf --no-audit --no-fund --silent
BUF=tools/buf/node_modules/.bin/buf
"$BUF" --version >/dev/null

go mod download github.com/cosmos/cosmos-sdk github.com/cosmos/gogoproto github.com/cosmos/cosmos-proto github.com/grpc-ecosystem/grpc-gateway
moddir() { go list -m -f '{{.Dir}}' "$1"; }
SDK=$(moddir github.com/cosmos/cosmos-sdk)/proto
GOGO=$(moddir github.com/cosmos/gogoproto)
COSMOSPROTO=$(moddir github.com/cosmos/cosmos-proto)/proto
GOOGLEAPIS=$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis

rm -rf third_party/proto
copy() { install -D -m 0644 "$1/$2" "third_party/proto/$2"; }
# Every file our protos import (buf has google/protobuf/* built in).
for f in $(grep -rhoE '^import "[^"]+"' proto | sed 's/import "//; s/"$//' | grep -v '^agij/\|^google/protobuf/' | sort -u); do
  for dir in "$SDK" "$GOGO" "$COSMOSPROTO" "$GOOGLEAPIS"; do
    if [ -f "$dir/$f" ]; then copy "$dir" "$f"; continue 2; fi
  done
  echo "imported file $f not found in the module cache" >&2
  exit 1
done
# Imports of those files, one level down.
copy "$GOOGLEAPIS" google/api/http.proto
copy "$SDK" cosmos/msg/v1/msg.proto

"$BUF" lint proto
echo "buf lint: ok"
