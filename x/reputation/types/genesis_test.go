package types_test

import (
	"strings"
	"testing"

	protov1 "github.com/golang/protobuf/proto" //nolint:staticcheck // the registry grpc-gateway v1 reads
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

var addrCodec = addresscodec.NewBech32Codec("agij")

// addr is a bech32 address made from a short name.
func addr(t *testing.T, name string) string {
	t.Helper()
	s, err := addrCodec.BytesToString(sdk.AccAddress([]byte(name + strings.Repeat("_", 20-len(name)))))
	require.NoError(t, err)
	return s
}

func agentRecord(address string, score uint64) types.Record {
	return types.Record{
		Address: address, Role: allowlisttypes.ROLE_AGENT, Score: score,
		Agent: &types.AgentTrackRecord{JobsCompleted: 2, JobsRefunded: 1, TotalEarned: math.NewInt(5_000_000)},
	}
}

func validatorRecord(address string, score uint64) types.Record {
	return types.Record{
		Address: address, Role: allowlisttypes.ROLE_VALIDATOR, Score: score,
		Validator: &types.ValidatorTrackRecord{
			Votes: 3, Correct: 2, Wrong: 1,
			TotalRewarded: math.NewInt(400_000), TotalSlashed: math.NewInt(12_000_000),
		},
	}
}

func TestGenesisValidate(t *testing.T) {
	alice, bob := addr(t, "alice"), addr(t, "bob")
	cosmosAlice, err := addresscodec.NewBech32Codec("cosmos").BytesToString(sdk.AccAddress([]byte("alice_______________")))
	require.NoError(t, err)

	valid := []types.Record{agentRecord(alice, 40), validatorRecord(alice, 3), agentRecord(bob, 88_888)}
	require.NoError(t, types.GenesisState{Params: types.DefaultParams(), Records: valid}.Validate(addrCodec))

	// A record may leave out its track record and amounts (they count as zero).
	require.NoError(t, types.GenesisState{Params: types.DefaultParams(), Records: []types.Record{
		{Address: alice, Role: allowlisttypes.ROLE_AGENT, Score: 7},
		{Address: alice, Role: allowlisttypes.ROLE_VALIDATOR, Validator: &types.ValidatorTrackRecord{Votes: 1, Correct: 1}},
	}}.Validate(addrCodec))

	cases := []struct {
		name    string
		mutate  func(r *types.Record)
		wantErr string
	}{
		{"empty address", func(r *types.Record) { r.Address = "" }, `address "" is not a valid address`},
		{"not bech32", func(r *types.Record) { r.Address = "alice" }, `address "alice" is not a valid address`},
		{"cosmos prefix", func(r *types.Record) { r.Address = cosmosAlice }, "is not a valid address"},
		{"unspecified role", func(r *types.Record) { r.Role = allowlisttypes.ROLE_UNSPECIFIED }, "ROLE_UNSPECIFIED has no score"},
		{"moderator role", func(r *types.Record) { r.Role = allowlisttypes.ROLE_MODERATOR }, "ROLE_MODERATOR has no score"},
		{"consensus validator role", func(r *types.Record) { r.Role = allowlisttypes.ROLE_CONSENSUS_VALIDATOR }, "ROLE_CONSENSUS_VALIDATOR has no score"},
		{"unknown role", func(r *types.Record) { r.Role = 99 }, "99 has no score"},
		{"score above max_score", func(r *types.Record) { r.Score = 88_889 }, "score 88889 is above max_score 88888"},
		{"agent record with a validator track record", func(r *types.Record) {
			r.Validator = &types.ValidatorTrackRecord{}
		}, "an agent record has no validator track record"},
		{"negative total earned", func(r *types.Record) { r.Agent.TotalEarned = math.NewInt(-1) }, "total_earned -1 is negative"},
		{"validator record with an agent track record", func(r *types.Record) {
			*r = validatorRecord(r.Address, 1)
			r.Agent = &types.AgentTrackRecord{}
		}, "a validator record has no agent track record"},
		{"votes are not correct + wrong", func(r *types.Record) {
			*r = validatorRecord(r.Address, 1)
			r.Validator.Wrong = 2
		}, "votes 3 is not correct 2 + wrong 2"},
		{"more correct than votes", func(r *types.Record) {
			*r = validatorRecord(r.Address, 1)
			r.Validator.Correct = 4
		}, "votes 3 is not correct 4 + wrong 1"},
		{"negative total rewarded", func(r *types.Record) {
			*r = validatorRecord(r.Address, 1)
			r.Validator.TotalRewarded = math.NewInt(-5)
		}, "total_rewarded -5 is negative"},
		{"negative total slashed", func(r *types.Record) {
			*r = validatorRecord(r.Address, 1)
			r.Validator.TotalSlashed = math.NewInt(-5)
		}, "total_slashed -5 is negative"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records := append([]types.Record(nil), valid...)
			bad := agentRecord(addr(t, "carol"), 1)
			tc.mutate(&bad)
			records = append(records, bad)
			err := types.GenesisState{Params: types.DefaultParams(), Records: records}.Validate(addrCodec)
			require.ErrorIs(t, err, types.ErrInvalidRecord)
			require.ErrorContains(t, err, "record 3")
			require.ErrorContains(t, err, tc.wantErr)
		})
	}

	t.Run("duplicate", func(t *testing.T) {
		err := types.GenesisState{Params: types.DefaultParams(), Records: append(valid, agentRecord(bob, 1))}.Validate(addrCodec)
		require.ErrorIs(t, err, types.ErrInvalidRecord)
		require.ErrorContains(t, err, "record 3: a second ROLE_AGENT record for "+bob)
	})
	t.Run("duplicate written in upper case", func(t *testing.T) {
		err := types.GenesisState{Params: types.DefaultParams(), Records: append(valid, agentRecord(strings.ToUpper(bob), 1))}.Validate(addrCodec)
		require.ErrorIs(t, err, types.ErrInvalidRecord)
		require.ErrorContains(t, err, "a second ROLE_AGENT record")
	})
	t.Run("score above a lower max_score", func(t *testing.T) {
		p := types.DefaultParams()
		p.MaxScore = 39
		err := types.GenesisState{Params: p, Records: valid[:1]}.Validate(addrCodec)
		require.ErrorIs(t, err, types.ErrInvalidRecord)
		require.ErrorContains(t, err, "score 40 is above max_score 39")
	})
	t.Run("invalid params come first", func(t *testing.T) {
		err := types.GenesisState{Params: types.Params{}, Records: valid}.Validate(addrCodec)
		require.ErrorIs(t, err, types.ErrInvalidParams)
	})
}

func TestNewRecord(t *testing.T) {
	alice := addr(t, "alice")
	a := types.NewRecord(alice, allowlisttypes.ROLE_AGENT)
	require.Equal(t, alice, a.Address)
	require.Zero(t, a.Score)
	require.NotNil(t, a.Agent)
	require.Nil(t, a.Validator)
	require.True(t, a.Agent.TotalEarned.IsZero())

	v := types.NewRecord(alice, allowlisttypes.ROLE_VALIDATOR)
	require.Nil(t, v.Agent)
	require.NotNil(t, v.Validator)
	require.True(t, v.Validator.TotalRewarded.IsZero())
	require.True(t, v.Validator.TotalSlashed.IsZero())
}

func TestValidateScoredRole(t *testing.T) {
	require.NoError(t, types.ValidateScoredRole(allowlisttypes.ROLE_AGENT))
	require.NoError(t, types.ValidateScoredRole(allowlisttypes.ROLE_VALIDATOR))
	for _, r := range []allowlisttypes.Role{
		allowlisttypes.ROLE_UNSPECIFIED, allowlisttypes.ROLE_MODERATOR, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, 42,
	} {
		require.ErrorIs(t, types.ValidateScoredRole(r), types.ErrInvalidRole, "%s", r)
	}
}

// grpc-gateway reads enum query parameters (?role=ROLE_AGENT) from
// golang/protobuf's registry.
func TestRoleEnumRegisteredForTheGateway(t *testing.T) {
	m := protov1.EnumValueMap("agij.allowlist.v1.Role")
	require.Equal(t, int32(allowlisttypes.ROLE_AGENT), m["ROLE_AGENT"])
	require.Equal(t, int32(allowlisttypes.ROLE_VALIDATOR), m["ROLE_VALIDATOR"])
}
