package types_test

import (
	"fmt"
	stdmath "math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	"github.com/agijobmanager/agij/x/jobs/types"
)

const day = 24 * time.Hour

// TestDefaultParams pins every default to the table "Parameters of x/jobs" in
// DESIGN.md, written out here rather than read back from params.go.
func TestDefaultParams(t *testing.T) {
	p := types.DefaultParams()

	require.Equal(t, "uagi", p.PaymentDenom)
	require.Equal(t, uint32(3), p.RequiredApprovals)
	require.Equal(t, uint32(3), p.RequiredDisapprovals)
	require.Equal(t, uint32(3), p.VoteQuorum)
	require.Equal(t, 604800*time.Second, p.CompletionReviewPeriod)
	require.Equal(t, 86400*time.Second, p.ChallengePeriod)
	require.Equal(t, 1209600*time.Second, p.DisputeReviewPeriod)
	require.Equal(t, uint32(8), p.ValidatorRewardPct)
	require.Equal(t, uint32(90), p.DefaultAgentPayoutPct)
	require.Empty(t, p.AgentTiers)
	require.Equal(t, uint32(500), p.AgentBondBps)
	require.Equal(t, "1000000", p.AgentBondMin.String())
	require.Equal(t, "88888888000000", p.AgentBondMax.String())
	require.Equal(t, uint32(1500), p.ValidatorBondBps)
	require.Equal(t, "10000000", p.ValidatorBondMin.String())
	require.Equal(t, "88888888000000", p.ValidatorBondMax.String())
	require.Equal(t, uint32(8000), p.ValidatorSlashBps)
	require.Equal(t, uint32(50), p.DisputeBondBps)
	require.Equal(t, "1000000", p.DisputeBondMin.String())
	require.Equal(t, "200000000", p.DisputeBondMax.String())
	require.Equal(t, "88888888000000", p.MaxJobPayout.String())
	require.Equal(t, 10000000*time.Second, p.MaxJobDuration)
	require.Equal(t, uint32(3), p.MaxActiveJobsPerAgent)
	require.Equal(t, uint32(50), p.MaxValidatorsPerJob)
	require.Equal(t, uint32(100), p.MaxSettlementsPerBlock)
	require.Equal(t, "", p.CertificateBaseUri)

	require.NoError(t, p.Validate())
	require.NoError(t, types.DefaultGenesis().Validate())
}

// TestDefaultParamsAreFresh: a caller that edits its copy of the defaults must
// not change the next caller's defaults.
func TestDefaultParamsAreFresh(t *testing.T) {
	a := types.DefaultParams()
	a.AgentTiers = append(a.AgentTiers, types.AgentTier{NftClassId: "gold", PayoutPct: 92})
	a.AgentBondMin = a.AgentBondMin.AddRaw(1)

	b := types.DefaultParams()
	require.Empty(t, b.AgentTiers)
	require.Equal(t, "1000000", b.AgentBondMin.String())
}

// TestDefaultParamsJSON checks the JSON shape DESIGN promises: periods as
// Duration strings, amounts as integer strings, proto field names.
func TestDefaultParamsJSON(t *testing.T) {
	gs := types.DefaultGenesis()
	bz, err := codec.ProtoMarshalJSON(gs, nil)
	require.NoError(t, err)

	for _, want := range []string{
		`"payment_denom":"uagi"`,
		`"completion_review_period":"604800s"`,
		`"challenge_period":"86400s"`,
		`"dispute_review_period":"1209600s"`,
		`"max_job_duration":"10000000s"`,
		`"agent_bond_min":"1000000"`,
		`"max_job_payout":"88888888000000"`,
		`"agent_tiers":[]`,
	} {
		require.Contains(t, string(bz), want)
	}

	var back types.GenesisState
	require.NoError(t, codec.NewProtoCodec(codectypes.NewInterfaceRegistry()).UnmarshalJSON(bz, &back))
	require.NoError(t, back.Validate())
	again, err := codec.ProtoMarshalJSON(&back, nil)
	require.NoError(t, err)
	require.JSONEq(t, string(bz), string(again))
}

// TestZeroParamsRefused: an unset Params (nil math.Int everywhere) is refused
// without a panic.
func TestZeroParamsRefused(t *testing.T) {
	require.NotPanics(t, func() {
		require.Error(t, types.Params{}.Validate())
	})
}

type paramsCase struct {
	name   string
	mutate func(p *types.Params)
	// wantErr is a fragment of the error naming the rule; empty means valid.
	wantErr string
}

func runParamsCases(t *testing.T, cases []paramsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			tc.mutate(&p)

			var err error
			require.NotPanics(t, func() { err = p.Validate() })
			gsErr := types.GenesisState{Params: p}.Validate()
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.NoError(t, gsErr)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
			require.ErrorIs(t, gsErr, types.ErrInvalidParams)
			require.ErrorContains(t, gsErr, tc.wantErr)
		})
	}
}

func TestParamsValidatePaymentDenom(t *testing.T) {
	runParamsCases(t, []paramsCase{
		{"uagi", func(p *types.Params) { p.PaymentDenom = "uagi" }, ""},
		{"three characters", func(p *types.Params) { p.PaymentDenom = "abc" }, ""},
		{"ibc denom", func(p *types.Params) {
			p.PaymentDenom = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"
		}, ""},
		{"empty", func(p *types.Params) { p.PaymentDenom = "" }, "payment_denom"},
		{"two characters", func(p *types.Params) { p.PaymentDenom = "ab" }, "payment_denom"},
		{"digit first", func(p *types.Params) { p.PaymentDenom = "1agi" }, "payment_denom"},
		{"space inside", func(p *types.Params) { p.PaymentDenom = "u agi" }, "payment_denom"},
	})
}

func TestParamsValidateVotes(t *testing.T) {
	runParamsCases(t, []paramsCase{
		{"thresholds sum 50", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 25, 25
		}, ""},
		{"thresholds sum 51", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 26, 25
		}, "required_approvals (26) + required_disapprovals (25) must be at most 50"},
		{"approvals 50 alone", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 50, 0
		}, ""},
		{"approvals 51 alone", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 51, 0
		}, "must be at most 50"},
		{"disapprovals 50 alone", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 0, 50
		}, ""},
		{"disapprovals 51 alone", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 0, 51
		}, "must be at most 50"},
		{"both thresholds disabled", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = 0, 0
		}, ""},
		{"thresholds sum wraps uint32", func(p *types.Params) {
			p.RequiredApprovals, p.RequiredDisapprovals = stdmath.MaxUint32, 1
		}, "must be at most 50"},

		{"quorum 0", func(p *types.Params) { p.VoteQuorum = 0 }, "vote_quorum must be in 1..50"},
		{"quorum 1", func(p *types.Params) { p.VoteQuorum = 1 }, ""},
		{"quorum 50", func(p *types.Params) { p.VoteQuorum = 50 }, ""},
		{"quorum 51", func(p *types.Params) { p.VoteQuorum = 51 }, "vote_quorum must be in 1..50"},

		{"max validators 0", func(p *types.Params) { p.MaxValidatorsPerJob = 0 }, "max_validators_per_job must be in 1..50"},
		{"max validators 1", func(p *types.Params) {
			p.MaxValidatorsPerJob = 1
			p.RequiredApprovals, p.RequiredDisapprovals, p.VoteQuorum = 1, 1, 1
		}, ""},
		{"max validators 50", func(p *types.Params) { p.MaxValidatorsPerJob = 50 }, ""},
		{"max validators 51", func(p *types.Params) { p.MaxValidatorsPerJob = 51 }, "max_validators_per_job must be in 1..50"},

		{"approvals equal max validators", func(p *types.Params) {
			p.MaxValidatorsPerJob, p.RequiredApprovals = 5, 5
		}, ""},
		{"approvals above max validators", func(p *types.Params) {
			p.MaxValidatorsPerJob, p.RequiredApprovals = 5, 6
		}, "required_approvals (6) exceeds max_validators_per_job (5)"},
		{"disapprovals equal max validators", func(p *types.Params) {
			p.MaxValidatorsPerJob, p.RequiredDisapprovals = 5, 5
		}, ""},
		{"disapprovals above max validators", func(p *types.Params) {
			p.MaxValidatorsPerJob, p.RequiredDisapprovals = 5, 6
		}, "required_disapprovals (6) exceeds max_validators_per_job (5)"},
		{"quorum equal max validators", func(p *types.Params) {
			p.MaxValidatorsPerJob, p.VoteQuorum = 5, 5
		}, ""},
		{"quorum above max validators", func(p *types.Params) {
			p.MaxValidatorsPerJob, p.VoteQuorum = 5, 6
		}, "vote_quorum (6) exceeds max_validators_per_job (5)"},
	})
}

func TestParamsValidatePeriods(t *testing.T) {
	periods := []struct {
		name  string
		field func(p *types.Params) *time.Duration
	}{
		{"completion_review_period", func(p *types.Params) *time.Duration { return &p.CompletionReviewPeriod }},
		{"challenge_period", func(p *types.Params) *time.Duration { return &p.ChallengePeriod }},
		{"dispute_review_period", func(p *types.Params) *time.Duration { return &p.DisputeReviewPeriod }},
	}
	for _, period := range periods {
		t.Run(period.name, func(t *testing.T) {
			set := func(d time.Duration) func(p *types.Params) {
				return func(p *types.Params) { *period.field(p) = d }
			}
			runParamsCases(t, []paramsCase{
				{"zero", set(0), period.name + " must be positive"},
				{"negative", set(-time.Second), period.name + " must be positive"},
				{"one nanosecond", set(time.Nanosecond), period.name + " must be a whole number of seconds"},
				{"one second", set(time.Second), ""},
				{"fractional second", set(1500 * time.Millisecond), period.name + " must be a whole number of seconds"},
				{"365 days", set(365 * day), ""},
				{"365 days and a second", set(365*day + time.Second), period.name + " must be at most"},
				{"366 days", set(366 * day), period.name + " must be at most"},
			})
		})
	}
}

func TestParamsValidateMaxJobDuration(t *testing.T) {
	set := func(d time.Duration) func(p *types.Params) {
		return func(p *types.Params) { p.MaxJobDuration = d }
	}
	runParamsCases(t, []paramsCase{
		{"zero", set(0), "max_job_duration must be positive"},
		{"negative", set(-time.Second), "max_job_duration must be positive"},
		{"one second", set(time.Second), ""},
		{"fractional second", set(time.Second + time.Millisecond), "max_job_duration must be a whole number of seconds"},
		// Not a review period: no 365-day cap.
		{"ten years", set(3650 * day), ""},
		{"largest whole-second duration", set(stdmath.MaxInt64 / time.Second * time.Second), ""},
	})
}

func TestParamsValidatePayoutShares(t *testing.T) {
	tiers := func(ts ...types.AgentTier) func(p *types.Params) {
		return func(p *types.Params) { p.AgentTiers = ts }
	}
	tier := func(class string, pct uint32) types.AgentTier {
		return types.AgentTier{NftClassId: class, PayoutPct: pct}
	}
	runParamsCases(t, []paramsCase{
		{"reward 0", func(p *types.Params) { p.ValidatorRewardPct = 0 }, "validator_reward_pct must be in 1..100"},
		{"reward 1", func(p *types.Params) { p.ValidatorRewardPct = 1 }, ""},
		{"reward 100 with no agent share", func(p *types.Params) {
			p.ValidatorRewardPct, p.DefaultAgentPayoutPct = 100, 0
		}, ""},
		{"reward 101", func(p *types.Params) {
			p.ValidatorRewardPct, p.DefaultAgentPayoutPct = 101, 0
		}, "validator_reward_pct must be in 1..100"},

		{"default payout + reward = 100", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = 92, 8
		}, ""},
		{"default payout + reward = 101", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = 93, 8
		}, "highest agent payout pct (93) + validator_reward_pct (8) exceeds 100"},
		{"default payout 0, tier holders only", func(p *types.Params) {
			p.DefaultAgentPayoutPct = 0
		}, ""},
		{"default payout 101", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = 101, 1
		}, "exceeds 100"},

		{"tier + reward = 100", tiers(tier("gold", 92)), ""},
		{"tier + reward = 101", tiers(tier("gold", 93)), "highest agent payout pct (93) + validator_reward_pct (8) exceeds 100"},
		{"highest of several tiers counts", tiers(tier("bronze", 50), tier("gold", 93), tier("silver", 91)),
			"highest agent payout pct (93)"},
		{"tier below default", tiers(tier("basic", 10)), ""},
		{"tier pct 0", tiers(tier("gold", 0)), "agent_tiers[0]: payout_pct must be in 1..100"},
		{"tier pct 99 with reward 1 and default 0", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = 0, 1
			p.AgentTiers = []types.AgentTier{tier("gold", 99)}
		}, ""},
		{"tier pct 100 with reward 1 and default 0", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = 0, 1
			p.AgentTiers = []types.AgentTier{tier("gold", 100)}
		}, "highest agent payout pct (100) + validator_reward_pct (1) exceeds 100"},
		{"tier pct 101", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = 0, 1
			p.AgentTiers = []types.AgentTier{tier("gold", 101)}
		}, "agent_tiers[0]: payout_pct must be in 1..100"},

		{"duplicate tier class", tiers(tier("gold", 91), tier("silver", 90), tier("gold", 92)),
			`agent_tiers[2]: class "gold" listed twice`},
		{"32 tiers", tiers(manyTiers(32)...), ""},
		{"33 tiers", tiers(manyTiers(33)...), "agent_tiers: at most 32 tiers, got 33"},
	})
}

// TestParamsValidatePayoutPctOverflow: an agent share above 100 % must never
// pass, also when the sum with validator_reward_pct wraps around uint32.
func TestParamsValidatePayoutPctOverflow(t *testing.T) {
	runParamsCases(t, []paramsCase{
		{"default payout wraps to 7", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = stdmath.MaxUint32, 8
		}, "exceeds 100"},
		{"default payout wraps to 0", func(p *types.Params) {
			p.DefaultAgentPayoutPct, p.ValidatorRewardPct = stdmath.MaxUint32-7, 8
		}, "exceeds 100"},
	})
}

func manyTiers(n int) []types.AgentTier {
	ts := make([]types.AgentTier, n)
	for i := range ts {
		ts[i] = types.AgentTier{NftClassId: fmt.Sprintf("tier%02d", i), PayoutPct: 50}
	}
	return ts
}

func TestParamsValidateTierClassID(t *testing.T) {
	class := func(id string) func(p *types.Params) {
		return func(p *types.Params) { p.AgentTiers = []types.AgentTier{{NftClassId: id, PayoutPct: 91}} }
	}
	runParamsCases(t, []paramsCase{
		{"three letters", class("abc"), ""},
		{"every allowed character", class("Tier/gold:1.x_y-Z9"), ""},
		{"100 characters", class(strings.Repeat("a", 100)), ""},
		{"empty", class(""), "agent_tiers[0]: nft_class_id \"\" must be 3..100 characters"},
		{"two characters", class("ab"), "must be 3..100 characters"},
		{"101 characters", class(strings.Repeat("a", 101)), "must be 3..100 characters"},
		{"digit first", class("1abc"), `invalid character '1' at 0`},
		{"slash first", class("/abc"), `invalid character '/' at 0`},
		{"space inside", class("ab c"), `invalid character ' ' at 2`},
		{"bang", class("abc!"), `invalid character '!' at 3`},
		{"non-ASCII letter", class("ąbcd"), "invalid character"},
		{"non-ASCII letter inside", class("abcé"), `invalid character 'é' at 3`},
		{"non-ASCII digit inside", class("abc\u0663"), "invalid character"},
	})
}

// bondFields addresses one of the three bonds so the same rules run on each.
type bondFields struct {
	name string
	// needsMin: a percentage bond also needs a minimum (validator and dispute).
	needsMin bool
	set      func(p *types.Params, bps uint32, minAmt, maxAmt math.Int)
}

var bonds = []bondFields{
	{"agent_bond", false, func(p *types.Params, bps uint32, minAmt, maxAmt math.Int) {
		p.AgentBondBps, p.AgentBondMin, p.AgentBondMax = bps, minAmt, maxAmt
	}},
	{"validator_bond", true, func(p *types.Params, bps uint32, minAmt, maxAmt math.Int) {
		p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax = bps, minAmt, maxAmt
	}},
	{"dispute_bond", true, func(p *types.Params, bps uint32, minAmt, maxAmt math.Int) {
		p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax = bps, minAmt, maxAmt
	}},
}

func TestParamsValidateBonds(t *testing.T) {
	n := math.NewInt
	for _, b := range bonds {
		t.Run(b.name, func(t *testing.T) {
			bond := func(bps uint32, minAmt, maxAmt math.Int) func(p *types.Params) {
				return func(p *types.Params) { b.set(p, bps, minAmt, maxAmt) }
			}
			pctWithoutMin := b.name + "_min must be positive when " + b.name + "_bps is set"
			if !b.needsMin {
				pctWithoutMin = ""
			}
			runParamsCases(t, []paramsCase{
				{"all zero disables", bond(0, n(0), n(0)), ""},
				{"bps 10000", bond(10000, n(1), n(2)), ""},
				{"bps 10001", bond(10001, n(1), n(2)), b.name + "_bps must be at most 10000, got 10001"},
				{"min equals max", bond(500, n(7), n(7)), ""},
				{"min above max", bond(500, n(8), n(7)), b.name + "_min (8) exceeds " + b.name + "_max (7)"},
				{"fixed bond only: bps 0, min = max", bond(0, n(5), n(5)), ""},
				{"cap only: bps 0, min 0, max > 0", bond(0, n(0), n(1)), ""},
				{"bps without min", bond(500, n(0), n(1)), pctWithoutMin},
				{"bps with min 1", bond(500, n(1), n(1)), ""},
				{"bps with max 0", bond(1, n(0), n(0)), b.name + "_max must be positive unless bps, min and max are all zero"},
				{"negative min", bond(500, n(-1), n(1)), "must be non-negative"},
				{"negative max", bond(0, n(0), n(-1)), "must be non-negative"},
				{"nil min", bond(500, math.Int{}, n(1)), b.name + "_min (<nil>)"},
				{"nil max", bond(500, n(1), math.Int{}), b.name + "_max (<nil>)"},
				{"nil min and max", bond(0, math.Int{}, math.Int{}), "must be non-negative"},
			})
		})
	}
}

func TestParamsValidateSlash(t *testing.T) {
	runParamsCases(t, []paramsCase{
		{"no slash", func(p *types.Params) { p.ValidatorSlashBps = 0 }, ""},
		{"slash 10000", func(p *types.Params) { p.ValidatorSlashBps = 10000 }, ""},
		{"slash 10001", func(p *types.Params) { p.ValidatorSlashBps = 10001 }, "validator_slash_bps must be at most 10000, got 10001"},
	})
}

func TestParamsValidateMaxJobPayout(t *testing.T) {
	set := func(v math.Int) func(p *types.Params) {
		return func(p *types.Params) { p.MaxJobPayout = v }
	}
	runParamsCases(t, []paramsCase{
		{"one base unit", set(math.NewInt(1)), ""},
		{"beyond 2^64", set(math.NewIntFromUint64(stdmath.MaxUint64).AddRaw(1)), ""},
		{"zero", set(math.ZeroInt()), "max_job_payout must be in 1..1461501637330902918203684832716283019655932542976, got 0"},
		{"negative", set(math.NewInt(-1)), "max_job_payout must be in 1..1461501637330902918203684832716283019655932542976, got -1"},
		{"nil", set(math.Int{}), "max_job_payout must be in 1..1461501637330902918203684832716283019655932542976, got <nil>"},
		{"above 2^160", set(types.MaxAmount.AddRaw(1)), "max_job_payout must be in 1..1461501637330902918203684832716283019655932542976, got 1461501637330902918203684832716283019655932542977"},
	})
}

func TestParamsValidateLimits(t *testing.T) {
	runParamsCases(t, []paramsCase{
		{"active jobs 0", func(p *types.Params) { p.MaxActiveJobsPerAgent = 0 }, "max_active_jobs_per_agent must be in 1..10000, got 0"},
		{"active jobs 1", func(p *types.Params) { p.MaxActiveJobsPerAgent = 1 }, ""},
		{"active jobs 10000", func(p *types.Params) { p.MaxActiveJobsPerAgent = 10000 }, ""},
		{"active jobs 10001", func(p *types.Params) { p.MaxActiveJobsPerAgent = 10001 }, "max_active_jobs_per_agent must be in 1..10000, got 10001"},

		{"settlements 0", func(p *types.Params) { p.MaxSettlementsPerBlock = 0 }, "max_settlements_per_block must be in 1..10000, got 0"},
		{"settlements 1", func(p *types.Params) { p.MaxSettlementsPerBlock = 1 }, ""},
		{"settlements 10000", func(p *types.Params) { p.MaxSettlementsPerBlock = 10000 }, ""},
		{"settlements 10001", func(p *types.Params) { p.MaxSettlementsPerBlock = 10001 }, "max_settlements_per_block must be in 1..10000, got 10001"},
	})
}

func TestParamsValidateCertificateBaseURI(t *testing.T) {
	set := func(uri string) func(p *types.Params) {
		return func(p *types.Params) { p.CertificateBaseUri = uri }
	}
	runParamsCases(t, []paramsCase{
		{"empty", set(""), ""},
		{"ipfs gateway", set("https://ipfs.io/ipfs/"), ""},
		{"512 bytes", set(strings.Repeat("a", 512)), ""},
		{"513 bytes", set(strings.Repeat("a", 513)), "certificate_base_uri must be at most 512 bytes, got 513"},
		// The bound is in bytes, not characters: 'é' is two bytes.
		{"256 two-byte characters", set(strings.Repeat("é", 256)), ""},
		{"257 two-byte characters", set(strings.Repeat("é", 257)), "at most 512 bytes, got 514"},
		{"space", set("ipfs:// x"), "certificate_base_uri must not contain whitespace"},
		{"tab", set("ipfs://\tx"), "must not contain whitespace"},
		{"trailing newline", set("ipfs://x\n"), "must not contain whitespace"},
		{"no-break space", set("ipfs://\u00a0x"), "must not contain whitespace"},
	})
}
