package types_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// uagi parses a decimal AGI amount ("1.0001") into uagi.
func uagi(t *testing.T, agi string) math.Int {
	t.Helper()
	d, err := math.LegacyNewDecFromStr(agi)
	require.NoError(t, err)
	u := d.MulInt64(1_000_000)
	require.True(t, u.IsInteger(), "%s AGI is not a whole number of uagi", agi)
	return u.TruncateInt()
}

var defaultTerms = types.TermsFromParams(types.DefaultParams())

// Agent bond examples of the behaviour reference §6.3, in uagi:
// max(5 % of P, 1 AGI) × (1 + D / 10,000,000), capped at P.
func TestAgentBondExamples(t *testing.T) {
	for _, tc := range []struct {
		payout   string // AGI
		duration uint64
		want     string // AGI
	}{
		{"10", 1000, "1.0001"},
		{"100", 3600, "5.0018"},
		{"1000", 5000, "50.025"},
		{"1200", 2_592_000, "75.552"},
		{"100", 10_000_000, "10"},
		{"0.5", 1000, "0.5"},
		{"0.5", 0, "0.5"},
		{"20", 0, "1"},
		{"25", 3600, "1.25045"},
		{"12", 1000, "1.0001"},
		{"40", 3600, "2.00072"},
		{"1000", 1000, "50.005"},
	} {
		t.Run(fmt.Sprintf("P=%s D=%d", tc.payout, tc.duration), func(t *testing.T) {
			require.Equal(t, uagi(t, tc.want).String(), defaultTerms.AgentBond(uagi(t, tc.payout), tc.duration).String())
		})
	}
}

// The agent bond's switches: all three parameters zero is no bond; a
// positive maximum caps it; max_job_duration scales the duration surcharge.
func TestAgentBondParams(t *testing.T) {
	p := types.DefaultParams()
	p.AgentBondBps, p.AgentBondMin, p.AgentBondMax = 0, math.ZeroInt(), math.ZeroInt()
	require.True(t, types.TermsFromParams(p).AgentBond(uagi(t, "100"), 3600).IsZero())

	p = types.DefaultParams()
	p.AgentBondMax = uagi(t, "3")
	require.Equal(t, "3000000", types.TermsFromParams(p).AgentBond(uagi(t, "100"), 3600).String())

	p = types.DefaultParams()
	p.MaxJobDuration = 3600 * time.Second
	require.Equal(t, "10000000", types.TermsFromParams(p).AgentBond(uagi(t, "100"), 3600).String(), "5 AGI doubled")

	p = types.DefaultParams()
	p.AgentBondBps, p.AgentBondMin = 0, uagi(t, "2")
	require.Equal(t, "2000720", types.TermsFromParams(p).AgentBond(uagi(t, "100"), 3600).String(), "the minimum alone")
}

// Validator bond examples (reference §6.3): max(15 % of P, 10 AGI), capped
// at P.
func TestValidatorBondExamples(t *testing.T) {
	for _, tc := range []struct{ payout, want string }{
		{"0.5", "0.5"}, {"5", "5"}, {"10", "10"}, {"12", "10"}, {"100", "15"}, {"1000", "150"},
		{"66.666666", "10"}, {"66.66668", "10.000002"},
	} {
		t.Run("P="+tc.payout, func(t *testing.T) {
			require.Equal(t, uagi(t, tc.want).String(), defaultTerms.ValidatorBond(uagi(t, tc.payout)).String())
		})
	}
	p := types.DefaultParams()
	p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax = 0, math.ZeroInt(), math.ZeroInt()
	require.True(t, types.TermsFromParams(p).ValidatorBond(uagi(t, "100")).IsZero())
	p = types.DefaultParams()
	p.ValidatorBondMax = uagi(t, "12")
	require.Equal(t, "12000000", types.TermsFromParams(p).ValidatorBond(uagi(t, "100")).String())
}

// Dispute bond examples (reference §6.3): min(max(P × 0.5 %, 1 AGI),
// 200 AGI), capped at P.
func TestDisputeBondExamples(t *testing.T) {
	for _, tc := range []struct{ payout, want string }{
		{"0.5", "0.5"}, {"11", "1"}, {"30", "1"}, {"1000", "5"}, {"40000", "200"}, {"100000", "200"}, {"1001", "5.005"},
	} {
		t.Run("P="+tc.payout, func(t *testing.T) {
			require.Equal(t, uagi(t, tc.want).String(), defaultTerms.DisputeBond(uagi(t, tc.payout)).String())
		})
	}
	p := types.DefaultParams()
	p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax = 0, math.ZeroInt(), math.ZeroInt()
	require.True(t, types.TermsFromParams(p).DisputeBond(uagi(t, "100")).IsZero())
}

func TestAgentShareAndBudget(t *testing.T) {
	require.Equal(t, "92000000", types.AgentShare(uagi(t, "100"), 92).String())
	require.Equal(t, "60600000", types.AgentShare(uagi(t, "101"), 60).String())
	require.Equal(t, "8080000", types.ValidatorBudget(uagi(t, "101"), 8).String())
	require.Equal(t, "0", types.AgentShare(math.NewInt(1), 99).String(), "rounds down")
	require.Equal(t, "99", types.ValidatorBudget(math.NewInt(199), 50).String(), "rounds down")
}

// Certificate URIs (reference §8 step 3, with DESIGN §3.9's rule: a URI
// with "://", or any URI when the base is empty, is kept; otherwise base and
// URI are joined with exactly one "/").
func TestCertificateURI(t *testing.T) {
	for _, tc := range []struct{ base, uri, want string }{
		{"", "bafy/job.json", "bafy/job.json"},
		{"", "ipfs://bafy/job.json", "ipfs://bafy/job.json"},
		{"ipfs://base", "ipfs-completed", "ipfs://base/ipfs-completed"},
		{"ipfs://base", "ipfs://bafy/job.json", "ipfs://bafy/job.json"},
		{"ipfs://base", "https://example.org/x", "https://example.org/x"},
		{"ipfs://base", "", "ipfs://base/"},
		{"https://gateway/ipfs", "bafy/job.json", "https://gateway/ipfs/bafy/job.json"},
		{"/", "bafy/job.json", "/bafy/job.json"},
		{"ipfs://base/", "bafy", "ipfs://base/bafy"},
		{"ipfs://base", "/bafy", "ipfs://base/bafy"},
		{"ipfs://base/", "/bafy", "ipfs://base/bafy"},
		{"ipfs://base//", "//bafy", "ipfs://base/bafy"},
	} {
		require.Equal(t, tc.want, types.CertificateURI(tc.base, tc.uri), "base %q uri %q", tc.base, tc.uri)
	}
}

// sjob is a job of P uagi under the default terms, assigned to agent with
// the given payout percentage and bonds.
func sjob(payout int64, agentPct uint32, agentBond, disputeBond int64) types.Job {
	return types.Job{
		Id: 1, Employer: employerAddr, Agent: agentAddr, Payout: sdk.NewInt64Coin("uagi", payout),
		Terms: defaultTerms, AgentPayoutPct: agentPct, AgentBond: math.NewInt(agentBond),
		ValidatorBond: defaultTerms.ValidatorBond(math.NewInt(payout)), DisputeBond: math.NewInt(disputeBond),
	}
}

var (
	employerAddr = sdk.AccAddress([]byte("employer____________")).String()
	agentAddr    = sdk.AccAddress([]byte("agent_______________")).String()
)

func validatorAddr(i int) string {
	return sdk.AccAddress([]byte(fmt.Sprintf("validator%011d", i))).String()
}

// withVotes records votes (true = approve) on job, in order.
func withVotes(job *types.Job, sides ...bool) []types.Vote {
	votes := make([]types.Vote, len(sides))
	for i, approve := range sides {
		votes[i] = types.Vote{JobId: job.Id, Validator: validatorAddr(i), Approve: approve, Bond: job.ValidatorBond, Order: uint32(i + 1)}
		if approve {
			job.Approvals++
		} else {
			job.Disapprovals++
		}
	}
	return votes
}

// Issue 5 example (b) in pure arithmetic: one approval, three disapprovals,
// the employer wins with the agent bond pooled.
func TestComputeSettlementEmployerWinsPooled(t *testing.T) {
	job := sjob(100_000_000, 90, 5_001_800, 0)
	votes := withVotes(&job, true, false, false, false)
	s, err := types.ComputeSettlement(job, votes, types.SETTLEMENT_KIND_EMPLOYER_WON)
	require.NoError(t, err)
	require.Equal(t, "5001800", s.AgentBondPooled.String())
	require.Equal(t, "0", s.AgentBondToEmployer.String())
	require.Equal(t, "25001800", s.ValidatorPool.String())
	require.Equal(t, "92000000", s.EmployerRefund.String())
	require.Equal(t, "1", s.EmployerPoolRemainder.String())
	require.Equal(t, "92000001", s.EmployerTotal.String())
	require.Equal(t, "0", s.AgentTotal.String())
	require.Equal(t, "0", s.CommunityPool.String())
	require.Len(t, s.Validators, 4)
	require.False(t, s.Validators[0].Correct)
	require.Equal(t, "3000000", s.Validators[0].BondReturned.String())
	require.Equal(t, "12000000", s.Validators[0].Slashed.String())
	require.Equal(t, "0", s.Validators[0].Reward.String())
	for i, v := range s.Validators[1:] {
		require.Equal(t, validatorAddr(i+1), v.Validator)
		require.True(t, v.Correct)
		require.False(t, v.Approved)
		require.Equal(t, "15000000", v.BondReturned.String())
		require.Equal(t, "8333933", v.Reward.String())
		require.Equal(t, "0", v.Slashed.String())
	}
}

// The kinds and their edge cases, against the DESIGN §3.3 formulas.
func TestComputeSettlementKinds(t *testing.T) {
	t.Run("agent wins without votes", func(t *testing.T) {
		s, err := types.ComputeSettlement(sjob(101_000_000, 60, 1_000_000, 0), nil, types.SETTLEMENT_KIND_AGENT_WON)
		require.NoError(t, err)
		require.Equal(t, "60600000", s.AgentShare.String())
		require.Equal(t, "61600000", s.AgentTotal.String())
		require.Equal(t, "8080000", s.EmployerRefund.String())
		require.Equal(t, "32320000", s.CommunityPool.String())
		require.Empty(t, s.Validators)
	})
	t.Run("agent wins, nobody right, dispute bond from the employer", func(t *testing.T) {
		job := sjob(40_000_000, 92, 2_000_720, 1_000_000)
		votes := withVotes(&job, false, false)
		s, err := types.ComputeSettlement(job, votes, types.SETTLEMENT_KIND_AGENT_WON)
		require.NoError(t, err)
		require.Equal(t, "19200000", s.AgentPoolRemainder.String()) // 3.2 + 2 × 8
		require.Equal(t, "36800000", s.AgentShare.String())
		require.Equal(t, "1000000", s.DisputeBond.String())
		require.Equal(t, agentAddr, s.DisputeBondRecipient)
		require.Equal(t, fmt.Sprint(36_800_000+19_200_000+2_000_720+1_000_000), s.AgentTotal.String())
		require.Equal(t, "0", s.EmployerTotal.String())
		for _, v := range s.Validators {
			require.Equal(t, "2000000", v.BondReturned.String())
		}
	})
	t.Run("employer wins without votes", func(t *testing.T) {
		s, err := types.ComputeSettlement(sjob(100_000_000, 90, 5_001_800, 1_000_000), nil, types.SETTLEMENT_KIND_EMPLOYER_WON)
		require.NoError(t, err)
		require.Equal(t, "100000000", s.EmployerRefund.String())
		require.Equal(t, "5001800", s.AgentBondToEmployer.String())
		require.Equal(t, employerAddr, s.DisputeBondRecipient)
		require.Equal(t, "106001800", s.EmployerTotal.String())
		require.Equal(t, "0", s.AgentTotal.String())
	})
	t.Run("employer wins below the disapproval threshold", func(t *testing.T) {
		job := sjob(12_000_000, 90, 1_000_100, 0)
		job.Terms.RequiredDisapprovals = 4
		votes := withVotes(&job, false, false, false)
		s, err := types.ComputeSettlement(job, votes, types.SETTLEMENT_KIND_EMPLOYER_WON)
		require.NoError(t, err)
		require.Equal(t, "0", s.AgentBondPooled.String())
		require.Equal(t, "1000100", s.AgentBondToEmployer.String())
		require.Equal(t, "11040000", s.EmployerRefund.String())
		for _, v := range s.Validators {
			require.Equal(t, "320000", v.Reward.String())
		}
	})
	t.Run("required_disapprovals 0 never pools", func(t *testing.T) {
		job := sjob(100_000_000, 90, 5_001_800, 0)
		job.Terms.RequiredDisapprovals = 0
		votes := withVotes(&job, false, false, false)
		s, err := types.ComputeSettlement(job, votes, types.SETTLEMENT_KIND_EMPLOYER_WON)
		require.NoError(t, err)
		require.Equal(t, "0", s.AgentBondPooled.String())
		require.Equal(t, "5001800", s.AgentBondToEmployer.String())
	})
	t.Run("expired", func(t *testing.T) {
		s, err := types.ComputeSettlement(sjob(100_000_000, 90, 5_001_800, 0), nil, types.SETTLEMENT_KIND_EXPIRED)
		require.NoError(t, err)
		require.Equal(t, "105001800", s.EmployerTotal.String())
		require.Equal(t, "0", s.AgentTotal.String())
	})
	t.Run("cancelled", func(t *testing.T) {
		job := sjob(100_000_000, 0, 0, 0)
		job.Agent = ""
		s, err := types.ComputeSettlement(job, nil, types.SETTLEMENT_KIND_CANCELLED)
		require.NoError(t, err)
		require.Equal(t, "100000000", s.EmployerTotal.String())
		require.Equal(t, "100000000", s.EmployerRefund.String())
	})
	t.Run("refused", func(t *testing.T) {
		withBond := sjob(100_000_000, 90, 5_001_800, 0)
		_, err := types.ComputeSettlement(withBond, nil, types.SETTLEMENT_KIND_CANCELLED)
		require.ErrorIs(t, err, types.ErrAccounting)
		voted := sjob(100_000_000, 90, 0, 0)
		votes := withVotes(&voted, true)
		_, err = types.ComputeSettlement(voted, votes, types.SETTLEMENT_KIND_CANCELLED)
		require.ErrorIs(t, err, types.ErrAccounting)
		_, err = types.ComputeSettlement(voted, votes, types.SETTLEMENT_KIND_EXPIRED)
		require.ErrorIs(t, err, types.ErrAccounting)
		_, err = types.ComputeSettlement(sjob(100_000_000, 90, 5_001_800, 1), nil, types.SETTLEMENT_KIND_EXPIRED)
		require.ErrorIs(t, err, types.ErrAccounting)
		_, err = types.ComputeSettlement(sjob(100_000_000, 90, 0, 0), nil, types.SETTLEMENT_KIND_UNSPECIFIED)
		require.ErrorIs(t, err, types.ErrAccounting)
	})
}

// Conservation for random jobs: whatever the amounts, parameters, votes and
// outcome, every base unit the job holds is paid to someone, nothing is
// negative, and the amounts follow the formulas.
func TestComputeSettlementConservation(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for i := 0; i < 3000; i++ {
		p := types.DefaultParams()
		p.ValidatorRewardPct = uint32(1 + rng.Intn(100))
		p.DefaultAgentPayoutPct = uint32(rng.Intn(101 - int(p.ValidatorRewardPct)))
		p.ValidatorSlashBps = uint32(rng.Intn(10_001))
		p.RequiredDisapprovals = uint32(rng.Intn(6))
		p.ValidatorBondBps = uint32(rng.Intn(10_001))
		p.ValidatorBondMin = math.NewInt(rng.Int63n(20_000_000) + 1)
		require.NoError(t, p.Validate())
		terms := types.TermsFromParams(p)

		payout := math.NewInt(1 + rng.Int63n(1_000_000_000_000))
		if rng.Intn(4) == 0 {
			payout = math.NewInt(1 + rng.Int63n(100)) // tiny payouts: rounding
		}
		job := types.Job{
			Id: uint64(i + 1), Employer: employerAddr, Agent: agentAddr, Payout: sdk.NewCoin("uagi", payout), Terms: terms,
			AgentPayoutPct: p.DefaultAgentPayoutPct, AgentBond: terms.AgentBond(payout, uint64(rng.Int63n(10_000_001))),
			ValidatorBond: terms.ValidatorBond(payout), DisputeBond: math.ZeroInt(),
		}
		if rng.Intn(2) == 0 {
			job.DisputeBond = terms.DisputeBond(payout)
		}
		kinds := []types.SettlementKind{types.SETTLEMENT_KIND_AGENT_WON, types.SETTLEMENT_KIND_EMPLOYER_WON}
		kind := kinds[rng.Intn(2)]
		sides := make([]bool, rng.Intn(51))
		for k := range sides {
			sides[k] = rng.Intn(2) == 0
		}
		votes := withVotes(&job, sides...)
		if rng.Intn(8) == 0 {
			votes, job.Approvals, job.Disapprovals, job.DisputeBond = nil, 0, 0, math.ZeroInt()
			kind = []types.SettlementKind{types.SETTLEMENT_KIND_EXPIRED, types.SETTLEMENT_KIND_AGENT_WON}[rng.Intn(2)]
		}

		s, err := types.ComputeSettlement(job, votes, kind)
		require.NoError(t, err, "case %d", i)
		held := job.Payout.Amount.Add(job.AgentBond).Add(job.DisputeBond).Add(job.ValidatorBond.MulRaw(int64(len(votes))))
		paid := s.AgentTotal.Add(s.EmployerTotal).Add(s.CommunityPool)
		for _, v := range s.Validators {
			require.False(t, v.BondReturned.IsNegative() || v.Reward.IsNegative(), "case %d", i)
			paid = paid.Add(v.BondReturned).Add(v.Reward)
		}
		require.Equal(t, held.String(), paid.String(), "case %d: conservation", i)
		for _, a := range []math.Int{s.AgentTotal, s.EmployerTotal, s.CommunityPool, s.ValidatorPool} {
			require.False(t, a.IsNegative(), "case %d", i)
		}

		// The formulas, independently.
		budget := payout.MulRaw(int64(p.ValidatorRewardPct)).QuoRaw(100)
		share := payout.MulRaw(int64(p.DefaultAgentPayoutPct)).QuoRaw(100)
		slash := job.ValidatorBond.MulRaw(int64(p.ValidatorSlashBps)).QuoRaw(10_000)
		correct := 0
		for _, v := range votes {
			if v.Approve == (kind == types.SETTLEMENT_KIND_AGENT_WON) {
				correct++
			}
		}
		switch kind {
		case types.SETTLEMENT_KIND_AGENT_WON:
			require.Equal(t, share.String(), s.AgentShare.String())
			require.Equal(t, payout.Sub(share).Sub(budget).String(), s.CommunityPool.String())
			require.Equal(t, job.AgentBond.String(), s.AgentBondReturned.String())
		case types.SETTLEMENT_KIND_EMPLOYER_WON:
			require.True(t, s.CommunityPool.IsZero())
			pooled := p.RequiredDisapprovals > 0 && job.Disapprovals >= p.RequiredDisapprovals
			if pooled && len(votes) > 0 {
				require.Equal(t, job.AgentBond.String(), s.AgentBondPooled.String())
			} else {
				require.Equal(t, job.AgentBond.String(), s.AgentBondToEmployer.String())
			}
		case types.SETTLEMENT_KIND_EXPIRED:
			require.Equal(t, payout.Add(job.AgentBond).String(), s.EmployerTotal.String())
		}
		if len(votes) > 0 && kind != types.SETTLEMENT_KIND_EXPIRED {
			pool := budget.Add(s.AgentBondPooled).Add(slash.MulRaw(int64(len(votes) - correct)))
			require.Equal(t, pool.String(), s.ValidatorPool.String(), "case %d", i)
			for _, v := range s.Validators {
				if v.Correct {
					require.Equal(t, pool.QuoRaw(int64(correct)).String(), v.Reward.String())
					require.Equal(t, job.ValidatorBond.String(), v.BondReturned.String())
				} else {
					require.Equal(t, job.ValidatorBond.Sub(slash).String(), v.BondReturned.String())
					require.True(t, v.Reward.IsZero())
				}
			}
		}
	}
}
