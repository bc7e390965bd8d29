package keeper_test

import (
	"fmt"
	"sort"
	"strings"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/keeper"
	"github.com/agijobmanager/agij/x/reputation/types"
)

const day = 24 * 60 * 60

// agi is n AGI in uagi.
func agi(n int64) math.Int { return math.NewInt(n).MulRaw(1_000_000) }

// accAddr is a 20-byte address made from a short name.
func accAddr(name string) sdk.AccAddress {
	return sdk.AccAddress([]byte(name + strings.Repeat("_", 20-len(name))))
}

// addr is the bech32 form of accAddr(name).
func (f *fixture) addr(name string) string {
	s, err := f.addrCodec.BytesToString(accAddr(name))
	if err != nil {
		panic(err)
	}
	return s
}

// recordJSON renders a record for comparison (math.Int values that are equal
// need not be reflect.DeepEqual).
func (f *fixture) recordJSON(r types.Record) string {
	return string(f.cdc.MustMarshalJSON(&r))
}

func (f *fixture) recordsJSON(rs []types.Record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = f.recordJSON(r)
	}
	return out
}

// agentRec builds an expected agent record.
func (f *fixture) agentRec(name string, score, completed, refunded, expired uint64, earned math.Int) types.Record {
	return types.Record{
		Address: f.addr(name), Role: allowlisttypes.ROLE_AGENT, Score: score,
		Agent: &types.AgentTrackRecord{JobsCompleted: completed, JobsRefunded: refunded, JobsExpired: expired, TotalEarned: earned},
	}
}

// validatorRec builds an expected validator record.
func (f *fixture) validatorRec(name string, score, correct, wrong uint64, rewarded, slashed math.Int) types.Record {
	return types.Record{
		Address: f.addr(name), Role: allowlisttypes.ROLE_VALIDATOR, Score: score,
		Validator: &types.ValidatorTrackRecord{
			Votes: correct + wrong, Correct: correct, Wrong: wrong, TotalRewarded: rewarded, TotalSlashed: slashed,
		},
	}
}

// record reads a stored or zero record.
func (f *fixture) record(name string, role allowlisttypes.Role) types.Record {
	r, err := f.keeper.GetRecord(f.ctx, accAddr(name), role)
	if err != nil {
		panic(err)
	}
	return r
}

// reputationEvents returns the EventReputationUpdated of an event manager, in order.
func reputationEvents(em sdk.EventManagerI) ([]types.EventReputationUpdated, error) {
	var out []types.EventReputationUpdated
	for _, e := range em.ABCIEvents() {
		if e.Type != "agij.reputation.v1.EventReputationUpdated" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(e)
		if err != nil {
			return nil, err
		}
		out = append(out, *msg.(*types.EventReputationUpdated))
	}
	return out, nil
}

// checkIndex compares the Leaderboard index with the records: exactly one key
// per record, at the record's score, and nothing else. It returns every
// record sorted the way the leaderboard must order them, per role.
func (f *fixture) checkIndex() (map[allowlisttypes.Role][]types.Record, error) {
	var records []collections.KeyValue[keeper.RecordKey, types.Record]
	it, err := f.keeper.Records.Iterate(f.ctx, nil)
	if err != nil {
		return nil, err
	}
	if records, err = it.KeyValues(); err != nil {
		return nil, err
	}
	want := make([]keeper.LeaderboardKey, 0, len(records))
	for _, kv := range records {
		want = append(want, keeper.NewLeaderboardKey(kv.Key, kv.Value.Score))
	}
	kit, err := f.keeper.Records.Indexes.Leaderboard.Keys.Iterate(f.ctx, nil)
	if err != nil {
		return nil, err
	}
	got, err := kit.Keys()
	if err != nil {
		return nil, err
	}
	sort.Slice(want, func(i, j int) bool { return leaderboardLess(want[i], want[j]) })
	if len(want) != len(got) {
		return nil, fmt.Errorf("index has %d keys for %d records", len(got), len(records))
	}
	for i := range want {
		if want[i].K1() != got[i].K1() || want[i].K2() != got[i].K2() || !want[i].K3().Equals(got[i].K3()) {
			return nil, fmt.Errorf("index key %d is %v, want %v", i, got[i], want[i])
		}
	}
	byRole := map[allowlisttypes.Role][]types.Record{}
	for _, kv := range records {
		byRole[kv.Value.Role] = append(byRole[kv.Value.Role], kv.Value)
	}
	for _, rs := range byRole {
		sort.SliceStable(rs, func(i, j int) bool {
			if rs[i].Score != rs[j].Score {
				return rs[i].Score > rs[j].Score
			}
			a, _ := f.addrCodec.StringToBytes(rs[i].Address)
			b, _ := f.addrCodec.StringToBytes(rs[j].Address)
			return string(a) < string(b)
		})
	}
	return byRole, nil
}

func leaderboardLess(a, b keeper.LeaderboardKey) bool {
	if a.K1() != b.K1() {
		return a.K1() < b.K1()
	}
	if a.K2() != b.K2() {
		return a.K2() < b.K2()
	}
	return string(a.K3()) < string(b.K3())
}

// recordKey is the Records key of name in role.
func recordKey(role allowlisttypes.Role, name string) keeper.RecordKey {
	return collections.Join(int32(role), accAddr(name))
}
