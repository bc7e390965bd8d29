# agij: build, local networks, tests and protobuf generation.
# `make localnet` runs a local chain; `make test` runs every test.

BINDIR      ?= $(CURDIR)/build
BINARY      := $(BINDIR)/agijd
GOBIN       := $(shell go env GOPATH)/bin
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT      ?= $(shell git log -1 --format=%H 2>/dev/null)
BUF_VERSION := 1.75.0

ldflags := -X github.com/cosmos/cosmos-sdk/version.Name=agij \
	-X github.com/cosmos/cosmos-sdk/version.AppName=agijd \
	-X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION) \
	-X github.com/cosmos/cosmos-sdk/version.Commit=$(COMMIT)
BUILD_FLAGS := -trimpath -ldflags '$(ldflags)'

.PHONY: all build install localnet localnet-4 localnet-4-stop test test-unit test-e2e test-long \
	vet fuzz bench proto-gen proto-check proto-lint openapi web clean

all: build

build:
	go build $(BUILD_FLAGS) -o $(BINARY) ./cmd/agijd

install:
	go install $(BUILD_FLAGS) ./cmd/agijd

# Rebuilds the dashboard (web/src -> web/dist, TypeScript pinned in
# web/package-lock.json). Needs Node.js; the built files are committed and
# embedded in agijd, so `make build` does not.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

## Local networks ############################################################

# One validator in ~/.agijd (LOCALNET_HOME), in the foreground; Ctrl-C stops it.
# Starts fresh each time; KEEP=1 keeps the chain's state.
localnet: build
	DEMO=$${DEMO:-1} BIN=$(BINARY) ./scripts/localnet.sh

# Four validators as separate processes under build/localnet-4.
localnet-4: build
	BIN=$(BINARY) ./scripts/localnet-4.sh start

localnet-4-stop:
	BIN=$(BINARY) ./scripts/localnet-4.sh stop

## Tests #####################################################################

# Unit and in-process network tests, then the end-to-end tests that build and
# run the real binary (those run one package at a time).
test: test-unit test-e2e

# The long versions: the randomised simulation over 5 seeds x 500 blocks, with
# a determinism rerun and an export/import round trip per seed (SIM_BLOCKS,
# SIM_SEEDS override), then 30 crash cycles of kill -9 on a real 4-validator
# network (AGIJ_CRASH_CYCLES, AGIJ_CRASH_SEED override).
test-long:
	AGIJ_SIM_LONG=1 go test -count=1 -run TestSimulationLong -v -timeout 60m ./sim/
	AGIJ_CRASH_CYCLES=$${AGIJ_CRASH_CYCLES:-30} go test -count=1 -run TestCrashRecovery -v -timeout 90m ./tests/e2e/

test-unit:
	go test -count=1 -timeout 15m $$(go list ./... | grep -v -e /tests/e2e -e /tests/browser -e /tests/guides -e /tests/operator)

# tests/browser opens the dashboard in headless Chromium; it skips itself when
# no chromium is installed (apt-get install chromium). tests/guides runs the
# role guides of docs/guides on a local chain; it skips itself without jq.
test-e2e:
	go test -count=1 -p 1 -timeout 30m ./tests/e2e/... ./tests/browser/... ./tests/guides/... ./tests/operator/...

vet:
	go vet -unreachable=false ./...

# The benchmark suite of docs/PERFORMANCE.md: keeper benchmarks on the real
# app, then a real node (throughput, query latency); results in build/bench.
bench:
	./scripts/bench/run.sh

# Every Go fuzz target for FUZZTIME each (default 20s): make fuzz FUZZTIME=1m
fuzz:
	FUZZTIME=$(or $(FUZZTIME),20s) ./scripts/fuzz.sh

## Protobuf ##################################################################

# Regenerates all Go code from proto/, and the OpenAPI document
# docs/openapi/agij.swagger.json, with Debian's protoc and the plugins
# pinned in tools/go.mod: apt-get install -y protobuf-compiler libprotobuf-dev
proto-gen:
	./scripts/protocgen.sh

# Only the OpenAPI document of the custom modules' REST routes
# (docs/openapi/agij.swagger.json, served at /agij/openapi.json).
openapi:
	./scripts/openapi.sh

# What proto-gen writes: Go code and the OpenAPI document.
GENERATED := '*.pb.go' '*.pb.gw.go' '*.pulsar.go' docs/openapi/agij.swagger.json

# Fails when the committed generated code differs from what proto-gen makes.
proto-check: proto-gen
	@git diff --exit-code -- $(GENERATED) || \
		{ echo "generated code is stale: run 'make proto-gen' and commit" >&2; exit 1; }
	@test -z "$$(git ls-files --others --exclude-standard -- $(GENERATED))" || \
		{ echo "generated files are not committed:" >&2; git ls-files --others --exclude-standard -- $(GENERATED) >&2; exit 1; }

# Lints proto/ with buf (from npm, local files only: no registry).
proto-lint:
	./scripts/protolint.sh $(BUF_VERSION)

clean:
	rm -rf $(BINDIR) third_party/proto
