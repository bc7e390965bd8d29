package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/testutil/jobsenv"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/jobs/keeper"
	"github.com/agijobmanager/agij/x/jobs/types"
)

// Helpers shared by the keeper tests of this package (worked examples,
// transitions, errors, queries).

const (
	oneDay       = 24 * time.Hour
	reviewPeriod = 7 * oneDay // default completion_review_period
)

// addr is the bech32 address of a named account.
func addr(e *jobsenv.Env, name string) string { return e.Addr[name].String() }

// withParams starts from the default x/jobs params, applies edit and puts
// the result in genesis.
func withParams(edit func(p *types.Params)) jobsenv.Option {
	p := types.DefaultParams()
	edit(&p)
	return jobsenv.WithJobsParams(p)
}

func applyJob(t *testing.T, e *jobsenv.Env, agent string, id uint64) {
	t.Helper()
	e.MustDeliver(t, &types.MsgApplyForJob{Agent: addr(e, agent), JobId: id})
}

func requestCompletion(t *testing.T, e *jobsenv.Env, agent string, id uint64) {
	t.Helper()
	e.MustDeliver(t, &types.MsgRequestCompletion{Agent: addr(e, agent), JobId: id, CompletionUri: "ipfs://done"})
}

func approve(t *testing.T, e *jobsenv.Env, validator string, id uint64) {
	t.Helper()
	e.MustDeliver(t, &types.MsgApproveJob{Validator: addr(e, validator), JobId: id})
}

func disapprove(t *testing.T, e *jobsenv.Env, validator string, id uint64) {
	t.Helper()
	e.MustDeliver(t, &types.MsgDisapproveJob{Validator: addr(e, validator), JobId: id})
}

func finalize(t *testing.T, e *jobsenv.Env, id uint64) {
	t.Helper()
	e.MustDeliver(t, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id})
}

func dispute(t *testing.T, e *jobsenv.Env, disputant string, id uint64) {
	t.Helper()
	e.MustDeliver(t, &types.MsgDisputeJob{Disputant: addr(e, disputant), JobId: id, Reason: "bad work"})
}

// resolve resolves a dispute; resolver is a bech32 address (a moderator's or
// env.Authority's).
func resolve(t *testing.T, e *jobsenv.Env, resolver string, id uint64, o types.DisputeOutcome) {
	t.Helper()
	e.MustDeliver(t, &types.MsgResolveDispute{Resolver: resolver, JobId: id, Outcome: o, Reason: "decided"})
}

// jobUnderReview creates a job (employer, P AGI, D s), assigns it to agent1
// and requests completion at once.
func jobUnderReview(t *testing.T, e *jobsenv.Env, payoutAGI int64, duration uint64) uint64 {
	t.Helper()
	id := createJob(t, e, "employer", payoutAGI, duration)
	applyJob(t, e, "agent1", id)
	requestCompletion(t, e, "agent1", id)
	return id
}

// strings renders balances so that two snapshots compare by value.
func balanceStrings(b map[string]math.Int) map[string]string {
	out := make(map[string]string, len(b))
	for k, v := range b {
		out[k] = v.String()
	}
	return out
}

// requireDeltas asserts the change of every balance Env.Balances reports:
// those named in want by exactly that many uagi, all others not at all.
func requireDeltas(t *testing.T, before, after map[string]math.Int, want map[string]int64) {
	t.Helper()
	for k := range want {
		_, ok := after[k]
		require.Truef(t, ok, "unknown balance %q", k)
	}
	for k, v := range after {
		require.Equalf(t, want[k], v.Sub(before[k]).Int64(), "balance change of %s", k)
	}
}

// requireRefused delivers msg, wants an error that is want, and checks that
// no balance and nothing in the x/jobs store changed.
func requireRefused(t *testing.T, e *jobsenv.Env, msg sdk.Msg, want error) {
	t.Helper()
	balances, store := balanceStrings(e.Balances()), e.JobsStoreDump()
	_, err := e.Deliver(msg)
	require.ErrorIsf(t, err, want, "%s", sdk.MsgTypeURL(msg))
	require.Equal(t, balances, balanceStrings(e.Balances()), "balances changed by a failed %s", sdk.MsgTypeURL(msg))
	require.Equal(t, store, e.JobsStoreDump(), "x/jobs store changed by a failed %s", sdk.MsgTypeURL(msg))
}

func agentScore(t *testing.T, e *jobsenv.Env, name string) uint64 {
	t.Helper()
	s, err := e.App.ReputationKeeper.GetScore(e.Ctx, e.Addr[name], allowlisttypes.ROLE_AGENT)
	require.NoError(t, err)
	return s
}

func validatorScore(t *testing.T, e *jobsenv.Env, name string) uint64 {
	t.Helper()
	s, err := e.App.ReputationKeeper.GetScore(e.Ctx, e.Addr[name], allowlisttypes.ROLE_VALIDATOR)
	require.NoError(t, err)
	return s
}

func hasCertificate(e *jobsenv.Env, id uint64) bool {
	return e.App.NFTKeeper.HasNFT(e.Ctx, types.CertificateClassID, types.CertificateNFTID(id))
}

func queryServer(e *jobsenv.Env) types.QueryServer {
	return keeper.NewQueryServerImpl(e.App.JobsKeeper)
}

// Issue 5 worked example (b): P = 100 AGI, D = 3600 s; one approval, then
// three disapprovals dispute the job at the third; a moderator decides for
// the employer. Validator bond 15 AGI, slash 12 AGI; pool = budget 8 AGI +
// pooled agent bond 5.0018 AGI + one slash 12 AGI = 25,001,800 uagi, so each
// disapprover gets 15,000,000 + 8,333,933 and the employer the 1 uagi left.
func TestWorkedExampleDisputeEmployerWins(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	approve(t, e, "validator1", id)
	disapprove(t, e, "validator2", id)
	disapprove(t, e, "validator3", id)
	require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, id).Status, "two disapprovals of three do not dispute")
	disapprove(t, e, "validator4", id)
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_DISPUTED, job.Status)
	require.True(t, job.DisputeBond.IsZero(), "a dispute forced by disapprovals takes no bond")
	require.Empty(t, job.DisputeInitiator)
	e.CheckInvariants(t)

	resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
	e.CheckInvariants(t)
	after := e.Balances()
	requireDeltas(t, before, after, map[string]int64{
		"validator1": -12_000_000,
		"validator2": 8_333_933,
		"validator3": 8_333_933,
		"validator4": 8_333_933,
		"employer":   -100_000_000 + 92_000_001,
		"agent1":     -5_001_800,
	})
	job = e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_REFUNDED, job.Status)
	s := job.Settlement
	require.Equal(t, types.SETTLEMENT_KIND_EMPLOYER_WON, s.Kind)
	require.Equal(t, types.SETTLED_BY_MODERATOR, s.SettledBy)
	require.Equal(t, addr(e, "moderator"), s.Resolver)
	require.Equal(t, "5001800", s.AgentBondPooled.String())
	require.True(t, s.AgentBondToEmployer.IsZero())
	require.Equal(t, "25001800", s.ValidatorPool.String())
	require.Equal(t, "92000001", s.EmployerTotal.String())
	require.Equal(t, "1", s.EmployerPoolRemainder.String())
	require.Len(t, s.Validators, 4)
	require.Equal(t, "3000000", s.Validators[0].BondReturned.String())
	require.Equal(t, "12000000", s.Validators[0].Slashed.String())
	for _, v := range s.Validators[1:] {
		require.Equal(t, "23333933", v.BondReturned.Add(v.Reward).String())
	}
	require.Zero(t, s.AgentReputation)
	require.Zero(t, agentScore(t, e, "agent1"))
	require.Equal(t, uint64(1), s.ValidatorReputation) // floor(16·8/100)
	require.Equal(t, uint64(1), validatorScore(t, e, "validator2"))
	require.Zero(t, validatorScore(t, e, "validator1"))
	require.Empty(t, job.CertificateId)
	require.False(t, hasCertificate(e, id))
}

// Issue 5 worked example (c): nobody votes; finalize after the 7-day review:
// the agent gets 90 AGI and its bond, the employer the 8 AGI budget, the
// community pool 2 AGI; no reputation; the certificate is minted.
func TestWorkedExampleNoVotes(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	requested := *e.Job(t, id).CompletionRequestedAt
	e.SetTime(requested.Add(reviewPeriod))
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	e.SetTime(requested.Add(reviewPeriod + time.Second))
	finalize(t, e, id)
	e.CheckInvariants(t)

	requireDeltas(t, before, e.Balances(), map[string]int64{
		"agent1":         90_000_000,
		"employer":       -92_000_000,
		"community_pool": 2_000_000,
	})
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_COMPLETED, job.Status)
	require.Equal(t, types.SETTLED_BY_NO_VOTES, job.Settlement.SettledBy)
	require.Equal(t, "5001800", job.Settlement.AgentBondReturned.String())
	require.Equal(t, "8000000", job.Settlement.EmployerRefund.String())
	require.Zero(t, job.Settlement.AgentReputation)
	require.Zero(t, agentScore(t, e, "agent1"))
	require.True(t, hasCertificate(e, id))
	require.Equal(t, e.Addr["employer"], e.App.NFTKeeper.GetOwner(e.Ctx, types.CertificateClassID, job.CertificateId))
}

// Issue 5 worked example (d): assigned, no completion request by
// assigned_at + 3600 s; MsgExpireJob fails at that second and succeeds one
// later: the employer gets the payout and the agent bond.
func TestWorkedExampleExpiry(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent1", id)
	assigned := *e.Job(t, id).AssignedAt
	e.SetTime(assigned.Add(3600 * time.Second))
	requireRefused(t, e, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	e.SetTime(assigned.Add(3601 * time.Second))
	atExpiry := e.Balances()
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: id})
	e.CheckInvariants(t)

	requireDeltas(t, atExpiry, e.Balances(), map[string]int64{
		"employer": 100_000_000 + 5_001_800,
		"escrow":   -105_001_800,
	})
	requireDeltas(t, before, e.Balances(), map[string]int64{"employer": 5_001_800, "agent1": -5_001_800})
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_EXPIRED, job.Status)
	require.Equal(t, types.SETTLEMENT_KIND_EXPIRED, job.Settlement.Kind)
	require.Equal(t, types.SETTLED_BY_EXPIRY, job.Settlement.SettledBy)
	require.Equal(t, "5001800", job.Settlement.AgentBondToEmployer.String())
	require.Zero(t, job.Settlement.AgentReputation)
	require.False(t, hasCertificate(e, id))
}

// The worked settlement examples of the behaviour reference §6.8, each on the
// defaults or with the parameter change the row names (through genesis).
// The reference counts in 10^18 base units per AGI; this chain in 10^6
// (uagi). Every expected value below is derived from DESIGN §3.3's formulas
// in uagi; they equal the reference's figures scaled by 10^-12, except the
// two rows with a rounding remainder (three approvals at P = 1000: 80/3 AGI
// is 26,666,666 uagi; P = 15: 2.2001/3 AGI is 733,366 uagi), which keep the
// reference's remainder of 2 base units.
func TestWorkedExamplesReference(t *testing.T) {
	type row struct {
		name     string
		params   func(p *types.Params)
		payout   int64 // AGI
		duration uint64
		run      func(t *testing.T, e *jobsenv.Env, id uint64)
		status   types.JobStatus
		deltas   map[string]int64
		agentRep uint64
		valRep   uint64
	}
	// afterChallenge finalizes an APPROVED job: refused at the challenge
	// end, accepted one second later.
	afterChallenge := func(t *testing.T, e *jobsenv.Env, id uint64) {
		e.SetTime(e.Job(t, id).ChallengeEnd())
		requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
		e.Advance(time.Second)
		finalize(t, e, id)
	}
	afterReview := func(t *testing.T, e *jobsenv.Env, id uint64) {
		e.SetTime(e.Job(t, id).ReviewEnd().Add(time.Second))
		finalize(t, e, id)
	}
	rows := []row{
		{
			// P=100, agent 92 %, 2 approvals (req 2), challenge 1 s.
			name: "two approvals 92%",
			params: func(p *types.Params) {
				p.DefaultAgentPayoutPct, p.RequiredApprovals, p.ChallengePeriod = 92, 2, time.Second
			},
			payout:   100,
			duration: 3600,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				approve(t, e, "validator1", id)
				approve(t, e, "validator2", id)
				require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
				afterChallenge(t, e, id)
			},
			status:   types.JOB_STATUS_COMPLETED,
			deltas:   map[string]int64{"agent1": 92_000_000, "validator1": 4_000_000, "validator2": 4_000_000, "employer": -100_000_000},
			agentRep: 16, valRep: 1,
		},
		{
			// P=1000, agent 92 %, 3 approvals: 80 AGI / 3 each, 2 uagi to the agent.
			name:     "three approvals P=1000 92%",
			params:   func(p *types.Params) { p.DefaultAgentPayoutPct = 92 },
			payout:   1000,
			duration: 3600,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				for _, v := range []string{"validator1", "validator2", "validator3"} {
					approve(t, e, v, id)
				}
				afterChallenge(t, e, id)
			},
			status: types.JOB_STATUS_COMPLETED,
			deltas: map[string]int64{
				"agent1": 920_000_002, "validator1": 26_666_666, "validator2": 26_666_666, "validator3": 26_666_666,
				"employer": -1_000_000_000,
			},
			agentRep: 19, valRep: 1,
		},
		{
			// P=25, agent 90 %, no votes: 22.5 to the agent, 2 back to the employer, 0.5 retained.
			name:     "no votes P=25",
			payout:   25,
			duration: 3600,
			run:      afterReview,
			status:   types.JOB_STATUS_COMPLETED,
			deltas:   map[string]int64{"agent1": 22_500_000, "employer": -23_000_000, "community_pool": 500_000},
		},
		{
			// P=100, agent 50 %, approve / disapprove / approve (req 1 / 2):
			// bond 15, slash 12, pool 8 + 12 shared by two approvers.
			name:     "approve disapprove approve 50%",
			params:   func(p *types.Params) { p.DefaultAgentPayoutPct, p.RequiredApprovals, p.RequiredDisapprovals = 50, 1, 2 },
			payout:   100,
			duration: 3600,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				approve(t, e, "validator1", id)
				require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
				disapprove(t, e, "validator2", id)
				approve(t, e, "validator3", id)
				require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
				afterChallenge(t, e, id)
			},
			status: types.JOB_STATUS_COMPLETED,
			deltas: map[string]int64{
				"agent1": 50_000_000, "validator1": 10_000_000, "validator2": -12_000_000, "validator3": 10_000_000,
				"employer": -100_000_000, "community_pool": 42_000_000,
			},
			agentRep: 16, valRep: 1,
		},
		{
			// P=12, 3 disapprovals with req 4, review 1 s: majority at review
			// end, refund 12 − 0.96 plus the agent bond (not pooled).
			name:     "three disapprovals req 4 review 1s",
			params:   func(p *types.Params) { p.RequiredDisapprovals, p.CompletionReviewPeriod = 4, time.Second },
			payout:   12,
			duration: 1000,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				for _, v := range []string{"validator1", "validator2", "validator3"} {
					disapprove(t, e, v, id)
				}
				require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, id).Status)
				afterReview(t, e, id)
			},
			status: types.JOB_STATUS_REFUNDED,
			deltas: map[string]int64{
				"employer": -12_000_000 + 11_040_000 + 1_000_100, "agent1": -1_000_100,
				"validator1": 320_000, "validator2": 320_000, "validator3": 320_000,
			},
			valRep: 1,
		},
		{
			// P=15, 3 disapprovals (req 3) → dispute → employer wins: pool
			// 1.2 + agent bond 1.0001 = 2,200,100 uagi, 733,366 each, 2 to the employer.
			name:     "three disapprovals dispute employer wins P=15",
			payout:   15,
			duration: 1000,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				for _, v := range []string{"validator1", "validator2", "validator3"} {
					disapprove(t, e, v, id)
				}
				require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, id).Status)
				resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
			},
			status: types.JOB_STATUS_REFUNDED,
			deltas: map[string]int64{
				"employer": -15_000_000 + 13_800_000 + 2, "agent1": -1_000_100,
				"validator1": 733_366, "validator2": 733_366, "validator3": 733_366,
			},
			valRep: 1,
		},
		{
			// P=40, agent 92 %, 2 disapprovals (req 2) → dispute → agent wins:
			// nobody was right, each disapprover keeps 2 of its 10; the agent
			// gets 36.8 + 3.2 + 16.
			name:     "two disapprovals dispute agent wins P=40",
			params:   func(p *types.Params) { p.DefaultAgentPayoutPct, p.RequiredDisapprovals = 92, 2 },
			payout:   40,
			duration: 3600,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				disapprove(t, e, "validator1", id)
				disapprove(t, e, "validator2", id)
				require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, id).Status)
				resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
			},
			status:   types.JOB_STATUS_COMPLETED,
			deltas:   map[string]int64{"agent1": 56_000_000, "validator1": -8_000_000, "validator2": -8_000_000, "employer": -40_000_000},
			agentRep: 15,
		},
		{
			// P=30, employer disputes (bond 1), agent wins, nobody voted: the
			// agent gets 27.6 + the employer's dispute bond; the employer 2.4.
			name:     "employer dispute agent wins P=30",
			params:   func(p *types.Params) { p.DefaultAgentPayoutPct = 92 },
			payout:   30,
			duration: 3600,
			run: func(t *testing.T, e *jobsenv.Env, id uint64) {
				dispute(t, e, "employer", id)
				require.Equal(t, "1000000", e.Job(t, id).DisputeBond.String())
				resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
			},
			status:   types.JOB_STATUS_COMPLETED,
			deltas:   map[string]int64{"agent1": 28_600_000, "employer": -30_000_000 - 1_000_000 + 2_400_000},
			agentRep: 14,
		},
		{
			// P=101, agent 60 %, no votes: 32.32 retained, 60.6 to the agent, 8.08 rebate.
			name:     "no votes P=101 60%",
			params:   func(p *types.Params) { p.DefaultAgentPayoutPct = 60 },
			payout:   101,
			duration: 3600,
			run:      afterReview,
			status:   types.JOB_STATUS_COMPLETED,
			deltas:   map[string]int64{"agent1": 60_600_000, "employer": -101_000_000 + 8_080_000, "community_pool": 32_320_000},
		},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			var opts []jobsenv.Option
			if r.params != nil {
				opts = append(opts, withParams(r.params))
			}
			e := jobsenv.New(t, opts...)
			before := e.Balances()
			id := jobUnderReview(t, e, r.payout, r.duration)
			r.run(t, e, id)
			e.CheckInvariants(t)
			requireDeltas(t, before, e.Balances(), r.deltas)
			job := e.Job(t, id)
			require.Equal(t, r.status, job.Status)
			require.Equal(t, r.agentRep, job.Settlement.AgentReputation)
			require.Equal(t, r.agentRep, agentScore(t, e, "agent1"))
			require.Equal(t, r.valRep, job.Settlement.ValidatorReputation)
			require.Equal(t, r.status == types.JOB_STATUS_COMPLETED, hasCertificate(e, id))
		})
	}
}

// A payout of 1 uagi: every bond is capped at P (1 uagi), the slash rounds
// to 0, the agent's 90 % and the 8 % budget round to 0, and the 1 uagi left
// goes to the community pool.
func TestTinyPayout(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := deliverCreate(t, e, &types.MsgCreateJob{
		Employer: addr(e, "employer"), SpecUri: "ipfs://spec", Payout: sdk.NewInt64Coin("uagi", 1), DurationSeconds: 3600,
	})
	applyJob(t, e, "agent1", id)
	requestCompletion(t, e, "agent1", id)
	approve(t, e, "validator1", id)
	disapprove(t, e, "validator2", id)
	approve(t, e, "validator3", id)
	job := e.Job(t, id)
	require.Equal(t, "1", job.AgentBond.String())
	require.Equal(t, "1", job.ValidatorBond.String())
	dispute(t, e, "employer", id)
	require.Equal(t, "1", e.Job(t, id).DisputeBond.String())
	e.CheckInvariants(t)
	resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"employer": -2, "agent1": 1, "community_pool": 1,
	})
	require.Zero(t, e.Job(t, id).Settlement.AgentReputation)
}

// With every bond switched off (bps, min and max all zero) nothing but the
// payout is locked, and the settlement is the plain split.
func TestZeroBonds(t *testing.T) {
	e := jobsenv.New(t, withParams(func(p *types.Params) {
		zero := math.ZeroInt()
		p.AgentBondBps, p.AgentBondMin, p.AgentBondMax = 0, zero, zero
		p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax = 0, zero, zero
		p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax = 0, zero, zero
	}))
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, id)
	}
	dispute(t, e, "employer", id)
	requireDeltas(t, before, e.Balances(), map[string]int64{"employer": -100_000_000, "escrow": 100_000_000})
	e.CheckInvariants(t)
	resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"agent1": 90_000_002, "validator1": 2_666_666, "validator2": 2_666_666, "validator3": 2_666_666,
		"employer": -100_000_000, "community_pool": 2_000_000,
	})
}
