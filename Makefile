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

.PHONY: all build install localnet localnet-4 localnet-4-stop test test-unit test-e2e \
	vet proto-gen proto-check proto-lint clean

all: build

build:
	go build $(BUILD_FLAGS) -o $(BINARY) ./cmd/agijd

install:
	go install $(BUILD_FLAGS) ./cmd/agijd

## Local networks ############################################################

# One validator in ~/.agijd (LOCALNET_HOME), in the foreground; Ctrl-C stops it.
# Starts fresh each time; KEEP=1 keeps the chain's state.
localnet: build
	BIN=$(BINARY) ./scripts/localnet.sh

# Four validators as separate processes under build/localnet-4.
localnet-4: build
	BIN=$(BINARY) ./scripts/localnet-4.sh start

localnet-4-stop:
	BIN=$(BINARY) ./scripts/localnet-4.sh stop

## Tests #####################################################################

# Unit and in-process network tests, then the end-to-end tests that build and
# run the real binary (those run one package at a time).
test: test-unit test-e2e

test-unit:
	go test -count=1 -timeout 15m $$(go list ./... | grep -v /tests/e2e)

test-e2e:
	go test -count=1 -p 1 -timeout 15m ./tests/e2e/...

vet:
	go vet -unreachable=false ./...

## Protobuf ##################################################################

# Regenerates all Go code from proto/ with Debian's protoc and the plugins
# pinned in tools/go.mod: apt-get install -y protobuf-compiler libprotobuf-dev
proto-gen:
	./scripts/protocgen.sh

# Fails when the committed generated code differs from what proto-gen makes.
proto-check: proto-gen
	@git diff --exit-code -- '*.pb.go' '*.pb.gw.go' '*.pulsar.go' || \
		{ echo "generated code is stale: run 'make proto-gen' and commit" >&2; exit 1; }
	@test -z "$$(git ls-files --others --exclude-standard -- '*.pb.go' '*.pb.gw.go' '*.pulsar.go')" || \
		{ echo "generated files are not committed:" >&2; git ls-files --others --exclude-standard -- '*.pb.go' '*.pb.gw.go' '*.pulsar.go' >&2; exit 1; }

# Lints proto/ with buf (from npm, local files only: no registry).
proto-lint:
	./scripts/protolint.sh $(BUF_VERSION)

clean:
	rm -rf $(BINDIR) third_party/proto
