package sim_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/sim"
)

// Every test names its seeds; a failure prints the seed and the height, and
// the same test replays it exactly.

// start starts a simulation of seed, failing the test on an error.
func start(t *testing.T, seed uint64) *sim.Sim {
	t.Helper()
	s, err := sim.New(sim.Config{Seed: seed})
	require.NoError(t, err, "seed %d", seed)
	return s
}

// advance runs s for blocks more blocks.
func advance(t *testing.T, s *sim.Sim, blocks int) {
	t.Helper()
	if err := s.Run(blocks); err != nil {
		t.Fatalf("%v\nreplay: go test ./sim/ -run '^%s$' -count=1 (seed %d)", err, strings.Split(t.Name(), "/")[0], s.Seed())
	}
}

// exportImport moves s onto a fresh app started from its exported genesis.
func exportImport(t *testing.T, s *sim.Sim) {
	t.Helper()
	diff, err := s.ExportImport()
	if diff != nil {
		t.Logf("seed %d: genesis exported for height %d: %d stores, %d keys equal (%d handled membership expiries not re-queued): %v",
			s.Seed(), diff.Height, diff.Stores, diff.Keys, diff.ProcessedExpiries, diff.PerStore)
	}
	if err != nil {
		t.Fatalf("%v\nreplay: go test ./sim/ -run '^%s$' -count=1 (seed %d)", err, strings.Split(t.Name(), "/")[0], s.Seed())
	}
}

// deadlinePaths are the paths every full run must take: each way a job
// settles, each cause of a dispute, every deadline the EndBlocker acts on,
// the settlement cap carrying work over, and governance passing, failing
// and rejecting proposals (pauses, params, roles) and burning deposits.
var deadlinePaths = []string{
	"settled:VOTES", "settled:NO_VOTES", "settled:MODERATOR", "settled:GOVERNANCE", "settled:EXPIRY",
	"settled:APPLY_BY", "settled:EMPLOYER", "settled:DELIST",
	"block:VOTES", "block:NO_VOTES", "block:EXPIRY", "block:APPLY_BY",
	"kind:AGENT_WON", "kind:EMPLOYER_WON", "kind:EXPIRED", "kind:CANCELLED",
	"dispute:disputant", "dispute:disapprovals", "dispute:review_end",
	"event:EventDisputeStale", "event:EventJobApproved", "event:EventCertificateIssued",
	"carry_over_blocks",
	"pause:intake=false,settlement=false", "event:EventParamsUpdated",
	"event:EventRoleGranted", "event:EventRoleRevoked", "event:EventBlacklistSet",
	"proposal:proposal_passed", "proposal:proposal_failed", "proposal:proposal_rejected", "burn:gov",
}

// corePaths are the deadline paths even a short run must take: the
// EndBlocker settling by votes, without votes, by expiry and by apply_by,
// forcing a dispute at review end, reporting a stale dispute and carrying
// work over past its cap; moderators and employers settling; a proposal
// passing.
var corePaths = []string{
	"block:VOTES", "block:NO_VOTES", "block:EXPIRY", "block:APPLY_BY", "dispute:review_end",
	"event:EventDisputeStale", "carry_over_blocks", "settled:MODERATOR", "settled:EMPLOYER", "proposal:proposal_passed",
}

// merged sums the path counts of several runs.
func merged(runs ...*sim.Sim) *sim.Stats {
	out := &sim.Stats{Ops: map[string]map[string]int{}, Paths: map[string]int{}}
	for _, s := range runs {
		for p, n := range s.Stats.Paths {
			out.Paths[p] += n
		}
		for op, m := range s.Stats.Ops {
			if out.Ops[op] == nil {
				out.Ops[op] = map[string]int{}
			}
			for o, n := range m {
				out.Ops[op][o] += n
			}
		}
	}
	return out
}

// requireCoverage checks that the runs took every path of paths and that
// every message type succeeded at least once.
func requireCoverage(t *testing.T, paths []string, runs ...*sim.Sim) {
	t.Helper()
	st := merged(runs...)
	require.Empty(t, st.MissingPaths(paths), "paths never taken")
	for op, m := range st.Ops {
		require.Positive(t, m["ok"], "%s never succeeded: %v", op, m)
	}
}

// TestSimulationShort is the simulation `make test` runs: two fixed seeds,
// 150 blocks each, every invariant after every block.
func TestSimulationShort(t *testing.T) {
	began := time.Now()
	var runs []*sim.Sim
	for _, seed := range []uint64{1, 2} {
		s := start(t, seed)
		advance(t, s, 150)
		t.Log(s.Summary())
		runs = append(runs, s)
	}
	requireCoverage(t, corePaths, runs...)
	t.Logf("short simulation: %s", time.Since(began).Round(time.Millisecond))
}

// TestSimulationDeterminism runs one seed twice on two fresh apps: the app
// hash agrees at every block, and so does everything the runs did.
func TestSimulationDeterminism(t *testing.T) {
	const seed, blocks = 5, 80
	a, b := start(t, seed), start(t, seed)
	advance(t, a, blocks)
	advance(t, b, blocks)
	require.Len(t, a.AppHashes, blocks+1)
	require.Equal(t, len(a.AppHashes), len(b.AppHashes))
	for i := range a.AppHashes {
		require.True(t, bytes.Equal(a.AppHashes[i], b.AppHashes[i]),
			"seed %d: app hash differs at height %d: %X vs %X", seed, i+1, a.AppHashes[i], b.AppHashes[i])
	}
	require.Equal(t, a.Summary(), b.Summary())
	t.Log(a.Summary())

	// The hashes do depend on the seed.
	c := start(t, seed+1)
	advance(t, c, 1)
	require.NotEqual(t, a.AppHashes[1], c.AppHashes[1], "seeds %d and %d give the same app hash", seed, seed+1)
}

// TestSimulationExportImport exports the genesis after a run, starts a fresh
// app from it (every store must match) and simulates on from there.
func TestSimulationExportImport(t *testing.T) {
	s := start(t, 3)
	advance(t, s, 150)
	exportImport(t, s)
	advance(t, s, 60)
	t.Log(s.Summary())
}

// TestSimulationLong is the full simulation (make test-long): skipped unless
// AGIJ_SIM_LONG=1. SIM_BLOCKS (default 500) blocks for each seed of
// SIM_SEEDS (default 1,2,3,4,5), then an export/import and 50 more blocks on
// the imported app; the first seed runs twice, with the app hashes compared
// at every block.
func TestSimulationLong(t *testing.T) {
	if os.Getenv("AGIJ_SIM_LONG") != "1" {
		t.Skip("set AGIJ_SIM_LONG=1 (make test-long) to run the full simulation")
	}
	blocks := 500
	if v := os.Getenv("SIM_BLOCKS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "SIM_BLOCKS")
		blocks = n
	}
	seeds := []uint64{1, 2, 3, 4, 5}
	if v := os.Getenv("SIM_SEEDS"); v != "" {
		seeds = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
			require.NoError(t, err, "SIM_SEEDS")
			seeds = append(seeds, n)
		}
	}
	began := time.Now()
	var runs []*sim.Sim
	var total struct{ blocks, ops, checks int }
	for i, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			s := start(t, seed)
			advance(t, s, blocks)
			if i == 0 {
				twin := start(t, seed)
				advance(t, twin, blocks)
				for h := range s.AppHashes {
					require.True(t, bytes.Equal(s.AppHashes[h], twin.AppHashes[h]), "seed %d: app hash differs at height %d", seed, h+1)
				}
				t.Logf("seed %d: the same app hash at all %d heights in two runs", seed, len(s.AppHashes))
			}
			exportImport(t, s)
			advance(t, s, 50)
			t.Log(s.Summary())
			runs = append(runs, s)
			total.blocks += s.Stats.Blocks
			total.ops += s.Stats.TotalOps()
			total.checks += s.Stats.InvariantChecks
		})
	}
	if !t.Failed() {
		requireCoverage(t, deadlinePaths, runs...)
	}
	t.Logf("long simulation: %d seeds, %d blocks, %d operations, %d invariant checks passed, %s",
		len(runs), total.blocks, total.ops, total.checks, time.Since(began).Round(time.Millisecond))
}
