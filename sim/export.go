package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"

	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/app"
	"github.com/agijobmanager/agij/testutil/jobsenv"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// storeSkip is a part of a store that legitimately differs between a chain
// and a chain started from its exported genesis.
type storeSkip struct {
	store  string
	prefix []byte
	why    string
}

// storeSkips are the only differences the export/import comparison allows.
var storeSkips = []storeSkip{
	{stakingtypes.StoreKey, stakingtypes.HistoricalInfoKey,
		"staking keeps the header of each recent block (for IBC); genesis does not carry them, the new chain records its own from its first block"},
	{stakingtypes.StoreKey, stakingtypes.ValidatorUpdatesKey,
		"staking stores the validator-set update of the last EndBlock; it belongs to that block, not to the state genesis carries, and the new chain writes its own in its first block"},
}

func skipped(store string, key []byte) bool {
	for _, s := range storeSkips {
		if s.store == store && bytes.HasPrefix(key, s.prefix) {
			return true
		}
	}
	return false
}

// StoreDiff describes the first differences between two apps' stores.
type StoreDiff struct {
	// Height is the height the exported genesis starts at.
	Height int64
	Stores int
	Keys   int
	// PerStore counts the keys compared in each store.
	PerStore map[string]int
	// ProcessedExpiries counts the x/allowlist memberships whose expiry the
	// exported chain had handled; the imported chain must not queue them.
	ProcessedExpiries int
	Problems          []string
}

// ExportImport exports the state at the last committed height, starts a
// fresh app from it at the next height, compares every store key by key, and
// moves the simulation onto the new app, which then commits its first block
// (see firstBlock).
func (s *Sim) ExportImport() (*StoreDiff, error) {
	// The periodic invariants too, on the state about to be exported.
	if s.lastRes != nil {
		ev, err := ParseBlockEvents(s.lastRes)
		if err != nil {
			return nil, err
		}
		for _, inv := range Invariants {
			if inv.Every > 1 && s.Height%int64(inv.Every) != 0 {
				if err := inv.Check(s, s.lastPre, ev); err != nil {
					return nil, s.failf("invariant %s broken: %v", inv.Name, err)
				}
				s.Stats.InvariantChecks++
			}
		}
	}
	exported, err := s.App.ExportAppStateAndValidators(false, nil, nil)
	if err != nil {
		return nil, s.failf("export: %v", err)
	}
	if exported.Height != s.Height+1 {
		return nil, s.failf("exported for height %d after height %d", exported.Height, s.Height)
	}
	updates := make([]abci.ValidatorUpdate, 0, len(exported.Validators))
	for _, v := range exported.Validators {
		updates = append(updates, cmttypes.TM2PB.NewValidatorUpdate(v.PubKey, v.Power))
	}
	dst := newApp()
	if _, err := dst.InitChain(&abci.RequestInitChain{
		ChainId: ChainID, Time: s.Time, Validators: updates, ConsensusParams: &exported.ConsensusParams,
		AppStateBytes: exported.AppState, InitialHeight: exported.Height,
	}); err != nil {
		return nil, s.failf("InitChain from the export: %v", err)
	}

	// The new app's genesis state lives in its finalize-block state until
	// its first commit.
	dstCtx := dst.NewContextLegacy(false, cmtproto.Header{ChainID: ChainID, Height: exported.Height, Time: s.Time})
	diff := compareStores(s.App, s.committedCtx(), dst, dstCtx)
	diff.Height = exported.Height
	var genesis map[string]json.RawMessage
	var allowlistGenesis allowlisttypes.GenesisState
	if err := json.Unmarshal(exported.AppState, &genesis); err != nil {
		return diff, s.failf("exported app state: %v", err)
	}
	if err := s.App.AppCodec().UnmarshalJSON(genesis[allowlisttypes.ModuleName], &allowlistGenesis); err != nil {
		return diff, s.failf("exported x/allowlist genesis: %v", err)
	}
	diff.ProcessedExpiries = len(allowlistGenesis.ProcessedExpiries)
	if len(diff.Problems) > 0 {
		return diff, s.failf("stores differ after export/import:\n  %s", strings.Join(diff.Problems, "\n  "))
	}

	s.App = dst
	s.InitialHeight = exported.Height
	return diff, s.firstBlock(exported.Height, s.Time.Add(5*time.Second))
}

// compareStores compares every KV store of a (at ctxA) with b's (at ctxB),
// key by key, except storeSkips.
func compareStores(a *app.App, ctxA sdk.Context, b *app.App, ctxB sdk.Context) *StoreDiff {
	diff := &StoreDiff{PerStore: map[string]int{}}
	var names []string
	for _, k := range a.GetStoreKeys() {
		if _, ok := k.(*storetypes.KVStoreKey); ok {
			names = append(names, k.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		ka, kb := a.GetKey(name), b.GetKey(name)
		if kb == nil {
			diff.Problems = append(diff.Problems, fmt.Sprintf("store %s missing in the imported app", name))
			continue
		}
		diff.Stores++
		da, db := jobsenv.StoreDump(ctxA, ka), jobsenv.StoreDump(ctxB, kb)
		i, j, shown := 0, 0, 0
		report := func(format string, args ...any) {
			if shown < 5 {
				diff.Problems = append(diff.Problems, fmt.Sprintf("%s: %s", name, fmt.Sprintf(format, args...)))
			}
			shown++
		}
		for i < len(da) || j < len(db) {
			switch {
			case i < len(da) && skipped(name, da[i][0]):
				i++
			case j < len(db) && skipped(name, db[j][0]):
				j++
			case j >= len(db) || (i < len(da) && bytes.Compare(da[i][0], db[j][0]) < 0):
				report("key %x (value %x) only in the exported chain", da[i][0], trim(da[i][1]))
				i++
			case i >= len(da) || bytes.Compare(da[i][0], db[j][0]) > 0:
				report("key %x (value %x) only in the imported chain", db[j][0], trim(db[j][1]))
				j++
			default:
				if !bytes.Equal(da[i][1], db[j][1]) {
					report("key %x: value %x, imported %x", da[i][0], trim(da[i][1]), trim(db[j][1]))
				}
				diff.Keys++
				diff.PerStore[name]++
				i++
				j++
			}
		}
		if shown > 5 {
			diff.Problems = append(diff.Problems, fmt.Sprintf("%s: … %d differences in all", name, shown))
		}
	}
	return diff
}

func trim(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}
