// Package e2e_test holds the end-to-end tests: each starts the real agijd
// binary as `make localnet` does, on free ports, and drives it through the
// CLI, REST and gRPC.
package e2e_test

import (
	"testing"

	"github.com/agijobmanager/agij/testutil/e2e"
)

func TestMain(m *testing.M) { e2e.Main(m) }
