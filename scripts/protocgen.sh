#!/usr/bin/env bash
# Regenerates every *.pb.go, *.pb.gw.go and *.pulsar.go from proto/ (and, through
# scripts/openapi.sh, docs/openapi/agij.swagger.json) with Debian's
# protoc and the plugins pinned in tools/go.mod. Needs no network beyond the Go
# module proxy (for the plugins and the imported .proto files on first use).
#   apt-get install -y protobuf-compiler libprotobuf-dev
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || {
  echo "protoc not found: apt-get install -y protobuf-compiler libprotobuf-dev" >&2
  exit 1
}
[ -f /usr/include/google/protobuf/duration.proto ] || {
  echo "google/protobuf/*.proto not found: apt-get install -y libprotobuf-dev" >&2
  exit 1
}

GOBIN="$(go env GOPATH)/bin"
export PATH="$GOBIN:$PATH"
(cd tools && go install tool)

modules=(github.com/cosmos/cosmos-sdk github.com/cosmos/gogoproto github.com/cosmos/cosmos-proto github.com/grpc-ecosystem/grpc-gateway)
go mod download "${modules[@]}"
moddir() { go list -m -f '{{.Dir}}' "$1"; }
INC=(-I proto
  -I "$(moddir github.com/cosmos/cosmos-sdk)/proto"
  -I "$(moddir github.com/cosmos/gogoproto)"
  -I "$(moddir github.com/cosmos/cosmos-proto)/proto"
  -I "$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis"
  -I /usr/include)

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# Messages, gRPC services (gogoproto) and REST handlers (grpc-gateway v1), one
# protoc call per package directory.
for dir in $(find proto/agij -path '*/module/*' -prune -o -name '*.proto' -print | xargs -n1 dirname | sort -u); do
  protoc "${INC[@]}" \
    --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:"$OUT" \
    --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$OUT" \
    "$dir"/*.proto
done

# depinject app-config messages (pulsar).
for dir in $(find proto/agij -path '*/module/v1/*.proto' | xargs -n1 dirname | sort -u); do
  protoc "${INC[@]}" --go-pulsar_out="$OUT" "$dir"/*.proto
done

# Drop what a previous run generated, so removed protos leave no stale code.
for d in x api; do
  [ -d "$d" ] && find "$d" \( -name '*.pb.go' -o -name '*.pb.gw.go' -o -name '*.pulsar.go' \) -delete
done
cp -r "$OUT"/github.com/agijobmanager/agij/. ./
echo "generated: $(cd "$OUT" && find . -name '*.go' | wc -l) files"

# The OpenAPI document of the custom modules' REST routes (docs/openapi/).
./scripts/openapi.sh
