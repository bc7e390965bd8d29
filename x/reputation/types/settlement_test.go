package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/reputation/types"
)

func validFacts(t *testing.T) types.SettlementFacts {
	return types.SettlementFacts{
		JobID: 7, Agent: addr(t, "agent"), Payout: agi(100), AgentPaid: agi(90),
		DurationSeconds: 3600, CompletionSeconds: 60, Kind: types.SettlementKindAgentWon,
		EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{
			{Address: addr(t, "val1"), Approved: true, Reward: agi(4), Slashed: math.ZeroInt()},
			{Address: addr(t, "val2"), Approved: false, Reward: math.ZeroInt(), Slashed: agi(12)},
		},
	}
}

func TestSettlementFactsValidate(t *testing.T) {
	require.NoError(t, validFacts(t).Validate(addrCodec))

	// nil amounts count as zero.
	f := validFacts(t)
	f.Payout, f.AgentPaid = math.Int{}, math.Int{}
	f.Validators[0].Reward, f.Validators[0].Slashed = math.Int{}, math.Int{}
	require.NoError(t, f.Validate(addrCodec))

	for _, kind := range []types.SettlementKind{types.SettlementKindEmployerWon, types.SettlementKindAgentWon} {
		f := validFacts(t)
		f.Kind = kind
		require.NoError(t, f.Validate(addrCodec), kind.String())
	}
	f = validFacts(t)
	f.Kind, f.Validators = types.SettlementKindExpired, nil
	require.NoError(t, f.Validate(addrCodec))

	cosmosAgent, err := addresscodec.NewBech32Codec("cosmos").BytesToString(sdk.AccAddress([]byte("agent_______________")))
	require.NoError(t, err)
	cases := []struct {
		name    string
		mutate  func(f *types.SettlementFacts)
		wantErr string
	}{
		{"job id 0", func(f *types.SettlementFacts) { f.JobID = 0 }, "job id must be positive"},
		{"unspecified kind", func(f *types.SettlementFacts) { f.Kind = types.SettlementKindUnspecified }, "kind SETTLEMENT_KIND_UNSPECIFIED cannot be recorded"},
		{"cancelled (4)", func(f *types.SettlementFacts) { f.Kind = 4 }, "kind SettlementKind(4) cannot be recorded"},
		{"empty agent", func(f *types.SettlementFacts) { f.Agent = "" }, `agent "" is not a valid address`},
		{"agent not bech32", func(f *types.SettlementFacts) { f.Agent = "agent" }, `agent "agent" is not a valid address`},
		{"agent under the cosmos prefix", func(f *types.SettlementFacts) { f.Agent = cosmosAgent }, "is not a valid address"},
		{"negative payout", func(f *types.SettlementFacts) { f.Payout = math.NewInt(-1) }, "payout -1 is negative"},
		{"negative agent paid", func(f *types.SettlementFacts) { f.AgentPaid = math.NewInt(-2) }, "amount paid to the agent -2 is negative"},
		{"validator reward pct 101", func(f *types.SettlementFacts) { f.ValidatorRewardPct = 101 }, "validator reward pct 101 is above 100"},
		{"expired with votes", func(f *types.SettlementFacts) { f.Kind = types.SettlementKindExpired }, "job 7 expired, so it cannot have votes; got 2"},
		{"validator not bech32", func(f *types.SettlementFacts) { f.Validators[1].Address = "val2" }, `validator 1: "val2" is not a valid address`},
		{"validator empty", func(f *types.SettlementFacts) { f.Validators[0].Address = "" }, `validator 0: "" is not a valid address`},
		{"validator twice", func(f *types.SettlementFacts) { f.Validators[1].Address = f.Validators[0].Address }, "is listed twice"},
		{"validator is the agent", func(f *types.SettlementFacts) { f.Validators[1].Address = f.Agent }, "is the agent"},
		{"negative reward", func(f *types.SettlementFacts) { f.Validators[0].Reward = math.NewInt(-3) }, "reward -3 is negative"},
		{"negative slashed", func(f *types.SettlementFacts) { f.Validators[1].Slashed = math.NewInt(-4) }, "slashed amount -4 is negative"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := validFacts(t)
			tc.mutate(&f)
			err := f.Validate(addrCodec)
			require.ErrorIs(t, err, types.ErrInvalidSettlement)
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestValidatorFactsCorrect(t *testing.T) {
	approve, disapprove := types.ValidatorFacts{Approved: true}, types.ValidatorFacts{Approved: false}
	require.True(t, approve.Correct(types.SettlementKindAgentWon))
	require.False(t, disapprove.Correct(types.SettlementKindAgentWon))
	require.False(t, approve.Correct(types.SettlementKindEmployerWon))
	require.True(t, disapprove.Correct(types.SettlementKindEmployerWon))
}

func TestSettlementKindString(t *testing.T) {
	require.Equal(t, "SETTLEMENT_KIND_UNSPECIFIED", types.SettlementKindUnspecified.String())
	require.Equal(t, "SETTLEMENT_KIND_AGENT_WON", types.SettlementKindAgentWon.String())
	require.Equal(t, "SETTLEMENT_KIND_EMPLOYER_WON", types.SettlementKindEmployerWon.String())
	require.Equal(t, "SETTLEMENT_KIND_EXPIRED", types.SettlementKindExpired.String())
}
