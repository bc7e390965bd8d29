#!/usr/bin/env bash
# Generates one OpenAPI (Swagger 2.0) document for the REST routes of the
# custom modules, from proto/agij/*/v1/query.proto, with protoc and
# protoc-gen-openapiv2 (grpc-gateway v2, pinned in tools/go.mod). Options
# (document info, unique operation ids) are in docs/openapi/config.yaml.
# Output: docs/openapi/agij.swagger.json, which agijd embeds and serves at
# /agij/openapi.json. Called by scripts/protocgen.sh (make proto-gen); runs
# alone too. Needs protoc and libprotobuf-dev, like protocgen.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

GOBIN="$(go env GOPATH)/bin"
export PATH="$GOBIN:$PATH"
command -v protoc-gen-openapiv2 >/dev/null || (cd tools && go install tool)

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

# proto field names (snake_case), as the API server's JSON uses them.
protoc "${INC[@]}" \
  --openapiv2_out="$OUT" \
  --openapiv2_opt=allow_merge=true,merge_file_name=agij,output_format=json \
  --openapiv2_opt=json_names_for_fields=false,include_package_in_tags=true \
  --openapiv2_opt=openapi_configuration=docs/openapi/config.yaml \
  $(find proto/agij -name query.proto | sort)

mkdir -p docs/openapi
cp "$OUT/agij.swagger.json" docs/openapi/agij.swagger.json
echo "generated: docs/openapi/agij.swagger.json ($(grep -c '"operationId"' docs/openapi/agij.swagger.json) operations)"
