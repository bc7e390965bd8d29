package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/agijobmanager/agij/testutil/jobsenv"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/jobs/types"
)

// createMsg is a valid MsgCreateJob for P AGI and D seconds.
func createMsg(e *jobsenv.Env, employer string, payoutAGI int64, duration uint64) *types.MsgCreateJob {
	return &types.MsgCreateJob{
		Employer: addr(e, employer), SpecUri: "ipfs://spec", Payout: sdk.NewCoin("uagi", jobsenv.AGI(payoutAGI)),
		DurationSeconds: duration,
	}
}

// deliverCreate delivers a MsgCreateJob and returns the new job's id.
func deliverCreate(t *testing.T, e *jobsenv.Env, msg *types.MsgCreateJob) uint64 {
	t.Helper()
	res := e.MustDeliver(t, msg)
	var resp types.MsgCreateJobResponse
	require.NoError(t, e.App.AppCodec().Unmarshal(res.MsgResponses[0].Value, &resp))
	return resp.JobId
}

// createJobApplyBy creates a 10 AGI, 3600 s job that takes applications up
// to and including applyBy.
func createJobApplyBy(t *testing.T, e *jobsenv.Env, applyBy time.Time) uint64 {
	t.Helper()
	msg := createMsg(e, "employer", 10, 3600)
	msg.ApplyBy = &applyBy
	return deliverCreate(t, e, msg)
}

// Apply is allowed while block time ≤ apply_by; one second later it is
// refused, and MsgExpireJob cancels the job and refunds the employer (not
// at apply_by itself). A job without apply_by never expires.
func TestApplyByBoundary(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	applyBy := e.Now().Add(100 * time.Second)
	early := createJobApplyBy(t, e, applyBy)
	late := createJobApplyBy(t, e, applyBy)
	noApplyBy := createJob(t, e, "employer", 10, 3600)

	e.SetTime(applyBy)
	applyJob(t, e, "agent1", early)
	requireRefused(t, e, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: late}, types.ErrInvalidState)

	e.SetTime(applyBy.Add(time.Second))
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: late}, types.ErrInvalidState)
	atExpiry := e.Balances()
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: late})
	requireDeltas(t, atExpiry, e.Balances(), map[string]int64{"employer": 10_000_000, "escrow": -10_000_000})
	job := e.Job(t, late)
	require.Equal(t, types.JOB_STATUS_CANCELLED, job.Status)
	require.Equal(t, types.SETTLEMENT_KIND_CANCELLED, job.Settlement.Kind)
	require.Equal(t, types.SETTLED_BY_APPLY_BY, job.Settlement.SettledBy)
	require.Equal(t, "10000000", job.Settlement.EmployerTotal.String())
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: late}, types.ErrInvalidState)

	e.Advance(365 * oneDay)
	requireRefused(t, e, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: noApplyBy}, types.ErrInvalidState)
	applyJob(t, e, "agent2", noApplyBy)
	require.Equal(t, types.JOB_STATUS_IN_PROGRESS, e.Job(t, early).Status)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"employer": -20_000_000, "agent1": -1_000_360, "agent2": -1_000_360, "escrow": 20_000_000 + 2_000_720,
	})
	e.CheckInvariants(t)
}

// The completion request is allowed at assigned_at + D and refused a second
// later; then the job can expire. A second request is refused.
func TestCompletionDeadlineBoundary(t *testing.T) {
	e := jobsenv.New(t)
	onTime := createJob(t, e, "employer", 100, 3600)
	late := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent1", onTime)
	applyJob(t, e, "agent2", late)
	assigned := e.Now()

	e.SetTime(assigned.Add(3600 * time.Second))
	requireRefused(t, e, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: late}, types.ErrInvalidState)
	requestCompletion(t, e, "agent1", onTime)
	require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, onTime).Status)
	require.Equal(t, assigned.Add(3600*time.Second), *e.Job(t, onTime).CompletionRequestedAt)
	requireRefused(t, e, &types.MsgRequestCompletion{Agent: addr(e, "agent1"), JobId: onTime, CompletionUri: "ipfs://again"},
		types.ErrInvalidState)

	e.SetTime(assigned.Add(3601 * time.Second))
	requireRefused(t, e, &types.MsgRequestCompletion{Agent: addr(e, "agent2"), JobId: late, CompletionUri: "ipfs://done"},
		types.ErrInvalidState)
	requireRefused(t, e, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: onTime}, types.ErrInvalidState)
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "agent2"), JobId: late})
	require.Equal(t, types.JOB_STATUS_EXPIRED, e.Job(t, late).Status)
	e.CheckInvariants(t)
}

// Votes and disputes are allowed at completion_requested_at + review period
// and refused a second later; finalize is refused at that second and allowed
// a second later. The window runs from the request, not from the deadline.
func TestReviewWindowBoundary(t *testing.T) {
	e := jobsenv.New(t)
	voted := jobUnderReview(t, e, 100, 3600)
	disputed := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent2", disputed)
	requestCompletion(t, e, "agent2", disputed)
	late := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent3", late)
	requestCompletion(t, e, "agent3", late)
	end := e.Job(t, voted).ReviewEnd()
	require.Equal(t, e.Now().Add(reviewPeriod), end)

	e.SetTime(end) // long after assigned_at + D: the review window still counts
	approve(t, e, "validator1", voted)
	disapprove(t, e, "validator2", voted)
	dispute(t, e, "agent2", disputed)
	require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, disputed).Status)
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: voted}, types.ErrInvalidState)
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: late}, types.ErrInvalidState)

	e.SetTime(end.Add(time.Second))
	for _, msg := range []sdk.Msg{
		&types.MsgApproveJob{Validator: addr(e, "validator3"), JobId: voted},
		&types.MsgDisapproveJob{Validator: addr(e, "validator3"), JobId: voted},
		&types.MsgDisputeJob{Disputant: addr(e, "employer"), JobId: voted},
		&types.MsgDisputeJob{Disputant: addr(e, "agent1"), JobId: voted},
		&types.MsgApproveJob{Validator: addr(e, "validator3"), JobId: late},
		&types.MsgDisputeJob{Disputant: addr(e, "employer"), JobId: late},
	} {
		requireRefused(t, e, msg, types.ErrInvalidState)
	}
	finalize(t, e, late)
	require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, late).Status)
	finalize(t, e, voted) // 1 : 1 with quorum 3
	require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, voted).Status)
	e.CheckInvariants(t)
}

// An APPROVED job settles for the agent only after its challenge period:
// refused at approved_at + challenge, accepted one second later, even with
// the review period still running.
func TestChallengeBoundary(t *testing.T) {
	e := jobsenv.New(t)
	id := jobUnderReview(t, e, 100, 3600)
	e.Advance(time.Hour)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, id)
	}
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_APPROVED, job.Status)
	require.Equal(t, e.Now(), *job.ApprovedAt)
	require.Equal(t, e.Now().Add(oneDay), job.ChallengeEnd())

	e.SetTime(job.ChallengeEnd())
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	e.Advance(time.Second)
	require.True(t, e.Now().Before(job.ReviewEnd()))
	finalize(t, e, id)
	job = e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_COMPLETED, job.Status)
	require.Equal(t, types.SETTLED_BY_VOTES, job.Settlement.SettledBy)
	e.CheckInvariants(t)
}

// A challenge that outlasts the review: finalize waits for the challenge,
// and votes stop at the review end although the job is still APPROVED.
func TestChallengeOutlastsReview(t *testing.T) {
	e := jobsenv.New(t)
	id := jobUnderReview(t, e, 100, 3600)
	reviewEnd := e.Job(t, id).ReviewEnd()
	e.SetTime(reviewEnd.Add(-time.Hour))
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, id)
	}
	challengeEnd := e.Job(t, id).ChallengeEnd()
	require.True(t, challengeEnd.After(reviewEnd))

	e.SetTime(reviewEnd.Add(time.Second))
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	requireRefused(t, e, &types.MsgDisapproveJob{Validator: addr(e, "validator4"), JobId: id}, types.ErrInvalidState)
	requireRefused(t, e, &types.MsgDisputeJob{Disputant: addr(e, "employer"), JobId: id}, types.ErrInvalidState)
	e.SetTime(challengeEnd)
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	e.Advance(time.Second)
	finalize(t, e, id)
	require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, id).Status)
	e.CheckInvariants(t)
}

// APPROVED (required_approvals 1), then disapprovals catch up during the
// challenge: when the challenge ends with approvals ≤ disapprovals the
// review-end rule decides, at the review end: 1 : 2 with quorum 3 is an
// employer win, and with 2 < required_disapprovals the agent bond goes to
// the employer.
func TestChallengeFallsBackToReviewEnd(t *testing.T) {
	e := jobsenv.New(t, withParams(func(p *types.Params) { p.RequiredApprovals = 1 }))
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	approve(t, e, "validator1", id)
	require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
	disapprove(t, e, "validator2", id)
	disapprove(t, e, "validator3", id)
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_APPROVED, job.Status)

	e.SetTime(job.ChallengeEnd().Add(time.Second))
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	e.SetTime(job.ReviewEnd())
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	e.Advance(time.Second)
	finalize(t, e, id)
	e.CheckInvariants(t)

	job = e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_REFUNDED, job.Status)
	require.Equal(t, types.SETTLED_BY_VOTES, job.Settlement.SettledBy)
	require.True(t, job.Settlement.AgentBondPooled.IsZero())
	// pool = 8 AGI budget + one 12 AGI slash, 10 AGI to each disapprover.
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"validator1": -12_000_000, "validator2": 10_000_000, "validator3": 10_000_000,
		"employer": -100_000_000 + 92_000_000 + 5_001_800, "agent1": -5_001_800,
	})
}

// At the review end, fewer votes than the quorum, or a tie, dispute the job
// without a bond and move no money; a moderator then decides.
func TestReviewEndQuorumAndTie(t *testing.T) {
	for _, tc := range []struct {
		name         string
		approvers    []string
		disapprovers []string
	}{
		{"two votes quorum three", []string{"validator1", "validator2"}, nil},
		{"tie two to two", []string{"validator1", "validator2"}, []string{"validator3", "validator4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := jobsenv.New(t)
			id := jobUnderReview(t, e, 100, 3600)
			for _, v := range tc.approvers {
				approve(t, e, v, id)
			}
			for _, v := range tc.disapprovers {
				disapprove(t, e, v, id)
			}
			e.SetTime(e.Job(t, id).ReviewEnd().Add(time.Second))
			before := e.Balances()
			finalize(t, e, id)
			requireDeltas(t, before, e.Balances(), nil)
			job := e.Job(t, id)
			require.Equal(t, types.JOB_STATUS_DISPUTED, job.Status)
			require.Equal(t, e.Now(), *job.DisputedAt)
			require.True(t, job.DisputeBond.IsZero())
			require.Empty(t, job.DisputeInitiator)
			require.Nil(t, job.Settlement)
			requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
			e.CheckInvariants(t)

			resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
			job = e.Job(t, id)
			require.Equal(t, types.JOB_STATUS_COMPLETED, job.Status)
			require.Equal(t, uint64(16), job.Settlement.AgentReputation, "a resolution for the agent earns reputation")
			e.CheckInvariants(t)
		})
	}
}

// The majority disapproves at the review end without reaching
// required_disapprovals: REFUNDED, the agent bond goes to the employer and
// is not pooled; the three disapprovers share budget + one slash.
func TestMajorityDisapprovalBelowThreshold(t *testing.T) {
	e := jobsenv.New(t, withParams(func(p *types.Params) { p.RequiredDisapprovals = 4 }))
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	approve(t, e, "validator1", id)
	for _, v := range []string{"validator2", "validator3", "validator4"} {
		disapprove(t, e, v, id)
	}
	require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, id).Status)
	e.SetTime(e.Job(t, id).ReviewEnd().Add(time.Second))
	finalize(t, e, id)
	e.CheckInvariants(t)

	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_REFUNDED, job.Status)
	require.Equal(t, "5001800", job.Settlement.AgentBondToEmployer.String())
	require.True(t, job.Settlement.AgentBondPooled.IsZero())
	// pool = 8,000,000 + 12,000,000 = 20,000,000: 6,666,666 each, 2 to the employer.
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"validator1": -12_000_000, "validator2": 6_666_666, "validator3": 6_666_666, "validator4": 6_666_666,
		"employer": -100_000_000 + 92_000_000 + 2 + 5_001_800, "agent1": -5_001_800,
	})
}

// A threshold of 0 disables its path: required_disapprovals 0 means no
// automatic dispute and no pooling; required_approvals 0 means no fast path.
func TestZeroThresholds(t *testing.T) {
	t.Run("required_disapprovals 0", func(t *testing.T) {
		e := jobsenv.New(t, withParams(func(p *types.Params) { p.RequiredDisapprovals = 0 }))
		id := jobUnderReview(t, e, 100, 3600)
		for _, v := range []string{"validator1", "validator2", "validator3", "validator4"} {
			disapprove(t, e, v, id)
		}
		require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, id).Status)
		e.SetTime(e.Job(t, id).ReviewEnd().Add(time.Second))
		finalize(t, e, id)
		job := e.Job(t, id)
		require.Equal(t, types.JOB_STATUS_REFUNDED, job.Status)
		require.True(t, job.Settlement.AgentBondPooled.IsZero())
		require.Equal(t, "5001800", job.Settlement.AgentBondToEmployer.String())
		e.CheckInvariants(t)
	})
	t.Run("required_approvals 0", func(t *testing.T) {
		e := jobsenv.New(t, withParams(func(p *types.Params) { p.RequiredApprovals = 0 }))
		id := jobUnderReview(t, e, 100, 3600)
		for _, v := range []string{"validator1", "validator2", "validator3", "validator4"} {
			approve(t, e, v, id)
		}
		job := e.Job(t, id)
		require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, job.Status)
		require.Nil(t, job.ApprovedAt)
		e.SetTime(job.ReviewEnd())
		requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
		e.Advance(time.Second)
		finalize(t, e, id)
		require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, id).Status)
		require.Equal(t, types.SETTLED_BY_VOTES, e.Job(t, id).Settlement.SettledBy)
		e.CheckInvariants(t)
	})
}

// NO_ACTION leaves the job DISPUTED and changes nothing; governance
// (env.Authority, no role needed) then resolves it.
func TestNoActionThenGovernance(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		disapprove(t, e, v, id)
	}
	disputedJob := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_DISPUTED, disputedJob.Status)
	e.Advance(time.Hour)
	balances, store := balanceStrings(e.Balances()), e.JobsStoreDump()
	resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_NO_ACTION)
	require.Equal(t, balances, balanceStrings(e.Balances()))
	require.Equal(t, store, e.JobsStoreDump(), "NO_ACTION writes nothing (disputed_at is not reset)")
	require.Equal(t, disputedJob, e.Job(t, id))

	e.Advance(30 * oneDay) // stale or not, governance may resolve
	resolve(t, e, e.Authority.String(), id, types.DISPUTE_OUTCOME_AGENT_WINS)
	e.CheckInvariants(t)
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_COMPLETED, job.Status)
	require.Equal(t, types.SETTLED_BY_GOVERNANCE, job.Settlement.SettledBy)
	require.Equal(t, e.Authority.String(), job.Settlement.Resolver)
	require.Equal(t, uint64(16), job.Settlement.AgentReputation)
	require.True(t, hasCertificate(e, id))
	// Every disapprover was wrong: each keeps 3 of its 15 AGI; the agent gets
	// 90 + the pool of 8 + 3·12.
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"validator1": -12_000_000, "validator2": -12_000_000, "validator3": -12_000_000,
		"agent1": 90_000_000 + 44_000_000, "employer": -100_000_000, "community_pool": 2_000_000,
	})
}

// The dispute bond goes to the winner, whoever posted it.
func TestDisputeBondGoesToWinner(t *testing.T) {
	for _, tc := range []struct {
		disputant string
		outcome   types.DisputeOutcome
		recipient string
		deltas    map[string]int64
	}{
		{"employer", types.DISPUTE_OUTCOME_AGENT_WINS, "agent1",
			map[string]int64{"agent1": 90_000_000 + 1_000_000, "employer": -100_000_000 - 1_000_000 + 8_000_000, "community_pool": 2_000_000}},
		{"agent1", types.DISPUTE_OUTCOME_AGENT_WINS, "agent1",
			map[string]int64{"agent1": 90_000_000, "employer": -92_000_000, "community_pool": 2_000_000}},
		{"agent1", types.DISPUTE_OUTCOME_EMPLOYER_WINS, "employer",
			map[string]int64{"agent1": -5_001_800 - 1_000_000, "employer": 5_001_800 + 1_000_000}},
		{"employer", types.DISPUTE_OUTCOME_EMPLOYER_WINS, "employer",
			map[string]int64{"agent1": -5_001_800, "employer": 5_001_800}},
	} {
		t.Run(tc.disputant+" "+tc.outcome.String(), func(t *testing.T) {
			e := jobsenv.New(t)
			before := e.Balances()
			id := jobUnderReview(t, e, 100, 3600)
			dispute(t, e, tc.disputant, id)
			job := e.Job(t, id)
			require.Equal(t, types.JOB_STATUS_DISPUTED, job.Status)
			require.Equal(t, addr(e, tc.disputant), job.DisputeInitiator)
			require.Equal(t, "1000000", job.DisputeBond.String())
			e.CheckInvariants(t)
			resolve(t, e, addr(e, "moderator"), id, tc.outcome)
			e.CheckInvariants(t)
			requireDeltas(t, before, e.Balances(), tc.deltas)
			s := e.Job(t, id).Settlement
			require.Equal(t, "1000000", s.DisputeBond.String())
			require.Equal(t, addr(e, tc.recipient), s.DisputeBondRecipient)
		})
	}
}

// A dispute is allowed while APPROVED within the review window; when the
// employer then wins, every approver was wrong and the whole pool (budget +
// three slashes) goes to the employer.
func TestDisputeWhileApproved(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, id)
	}
	require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
	dispute(t, e, "employer", id)
	require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, id).Status)
	e.SetTime(e.Job(t, id).ChallengeEnd().Add(time.Second))
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id}, types.ErrInvalidState)
	resolve(t, e, addr(e, "moderator2"), id, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"validator1": -12_000_000, "validator2": -12_000_000, "validator3": -12_000_000,
		"employer": -100_000_000 + 92_000_000 + 44_000_000 + 5_001_800, "agent1": -5_001_800,
	})
	s := e.Job(t, id).Settlement
	require.Equal(t, "44000000", s.EmployerPoolRemainder.String())
	require.Zero(t, s.ValidatorReputation)
}

// The employer cancels an OPEN job: full refund, CANCELLED, still
// queryable; nobody else may cancel, and nothing may follow.
func TestCancelByEmployer(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := createJob(t, e, "employer", 100, 3600)
	assigned := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent1", assigned)
	requireRefused(t, e, &types.MsgCancelJob{Employer: addr(e, "employer2"), JobId: id}, types.ErrUnauthorized)
	requireRefused(t, e, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: assigned}, types.ErrInvalidState)
	e.MustDeliver(t, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: id})
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"employer": -100_000_000, "agent1": -5_001_800, "escrow": 105_001_800,
	})

	res, err := queryServer(e).Job(e.Ctx, &types.QueryJobRequest{JobId: id})
	require.NoError(t, err)
	require.Equal(t, types.JOB_STATUS_CANCELLED, res.Job.Status)
	require.Equal(t, types.SETTLEMENT_KIND_CANCELLED, res.Job.Settlement.Kind)
	require.Equal(t, types.SETTLED_BY_EMPLOYER, res.Job.Settlement.SettledBy)
	require.Equal(t, "100000000", res.Job.Settlement.EmployerRefund.String())
	// A cancelled job has no agent, so a completion request or a dispute by
	// an agent fails the signer check, which comes before the state check.
	requireRefused(t, e, &types.MsgRequestCompletion{Agent: addr(e, "agent1"), JobId: id, CompletionUri: "ipfs://x"}, types.ErrUnauthorized)
	requireRefused(t, e, &types.MsgDisputeJob{Disputant: addr(e, "agent1"), JobId: id}, types.ErrUnauthorized)
	for _, msg := range []sdk.Msg{
		&types.MsgCancelJob{Employer: addr(e, "employer"), JobId: id},
		&types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: id},
		&types.MsgDelistJob{Authority: e.Authority.String(), JobId: id},
		&types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: id},
		&types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id},
		&types.MsgDisputeJob{Disputant: addr(e, "employer"), JobId: id},
		&types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: id},
		&types.MsgResolveDispute{Resolver: e.Authority.String(), JobId: id, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
	} {
		requireRefused(t, e, msg, types.ErrInvalidState)
	}
}

// Governance delists an OPEN job: the employer is refunded; only the
// authority may, and only while the job is OPEN.
func TestDelistByAuthority(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := createJob(t, e, "employer", 100, 3600)
	assigned := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent1", assigned)
	requireRefused(t, e, &types.MsgDelistJob{Authority: addr(e, "employer"), JobId: id}, types.ErrUnauthorized)
	requireRefused(t, e, &types.MsgDelistJob{Authority: addr(e, "moderator"), JobId: id}, types.ErrUnauthorized)
	requireRefused(t, e, &types.MsgDelistJob{Authority: e.Authority.String(), JobId: assigned}, types.ErrInvalidState)
	e.MustDeliver(t, &types.MsgDelistJob{Authority: e.Authority.String(), JobId: id, Reason: "spam"})
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"employer": -100_000_000, "agent1": -5_001_800, "escrow": 105_001_800,
	})
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_CANCELLED, job.Status)
	require.Equal(t, types.SETTLED_BY_DELIST, job.Settlement.SettledBy)
	require.Equal(t, e.Authority.String(), job.Settlement.Resolver)
	requireRefused(t, e, &types.MsgDelistJob{Authority: e.Authority.String(), JobId: id}, types.ErrInvalidState)
	requireRefused(t, e, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: id}, types.ErrInvalidState)
}

// An unknown id is ErrJobNotFound for every message on a job.
func TestUnknownJob(t *testing.T) {
	e := jobsenv.New(t)
	createJob(t, e, "employer", 10, 3600)
	const id = 99
	for _, msg := range []sdk.Msg{
		&types.MsgCancelJob{Employer: addr(e, "employer"), JobId: id},
		&types.MsgDelistJob{Authority: e.Authority.String(), JobId: id},
		&types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: id},
		&types.MsgRequestCompletion{Agent: addr(e, "agent1"), JobId: id, CompletionUri: "ipfs://done"},
		&types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: id},
		&types.MsgDisapproveJob{Validator: addr(e, "validator1"), JobId: id},
		&types.MsgDisputeJob{Disputant: addr(e, "employer"), JobId: id},
		&types.MsgResolveDispute{Resolver: addr(e, "moderator"), JobId: id, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
		&types.MsgResolveDispute{Resolver: e.Authority.String(), JobId: id, Outcome: types.DISPUTE_OUTCOME_NO_ACTION},
		&types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id},
		&types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: id},
	} {
		requireRefused(t, e, msg, types.ErrJobNotFound)
	}
	e.CheckInvariants(t)
}

// Every terminal job (COMPLETED, REFUNDED, EXPIRED, CANCELLED by the
// employer, by governance and by apply_by) refuses every message with
// ErrInvalidState and moves nothing: a job settles exactly once.
func TestTerminalJobsRefuseEverything(t *testing.T) {
	e := jobsenv.New(t)
	t0 := e.Now()
	completed := jobUnderReview(t, e, 100, 3600)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, completed)
	}
	refunded := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent2", refunded)
	requestCompletion(t, e, "agent2", refunded)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		disapprove(t, e, v, refunded)
	}
	resolve(t, e, addr(e, "moderator"), refunded, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
	expired := createJob(t, e, "employer", 100, 60)
	applyJob(t, e, "agent3", expired)
	cancelled := createJob(t, e, "employer", 100, 3600)
	e.MustDeliver(t, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: cancelled})
	delisted := createJob(t, e, "employer", 100, 3600)
	e.MustDeliver(t, &types.MsgDelistJob{Authority: e.Authority.String(), JobId: delisted})
	lapsed := createJobApplyBy(t, e, t0.Add(10*time.Second))

	e.SetTime(t0.Add(oneDay + time.Minute))
	finalize(t, e, completed)
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: expired})
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: lapsed})
	e.CheckInvariants(t)

	want := map[uint64]types.JobStatus{
		completed: types.JOB_STATUS_COMPLETED, refunded: types.JOB_STATUS_REFUNDED, expired: types.JOB_STATUS_EXPIRED,
		cancelled: types.JOB_STATUS_CANCELLED, delisted: types.JOB_STATUS_CANCELLED, lapsed: types.JOB_STATUS_CANCELLED,
	}
	for id, status := range want {
		job := e.Job(t, id)
		require.Equal(t, status, job.Status, "job %d", id)
		require.NotNil(t, job.Settlement, "job %d", id)
		msgs := []sdk.Msg{
			&types.MsgCancelJob{Employer: addr(e, "employer"), JobId: id},
			&types.MsgDelistJob{Authority: e.Authority.String(), JobId: id},
			&types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: id},
			&types.MsgApproveJob{Validator: addr(e, "validator5"), JobId: id},
			&types.MsgDisapproveJob{Validator: addr(e, "validator5"), JobId: id},
			&types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: id},
			&types.MsgDisputeJob{Disputant: addr(e, "employer"), JobId: id},
			&types.MsgResolveDispute{Resolver: addr(e, "moderator2"), JobId: id, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
			&types.MsgResolveDispute{Resolver: e.Authority.String(), JobId: id, Outcome: types.DISPUTE_OUTCOME_EMPLOYER_WINS},
			&types.MsgResolveDispute{Resolver: e.Authority.String(), JobId: id, Outcome: types.DISPUTE_OUTCOME_NO_ACTION},
			&types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: id},
			&types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: id},
		}
		if job.Agent != "" {
			msgs = append(msgs,
				&types.MsgRequestCompletion{Agent: job.Agent, JobId: id, CompletionUri: "ipfs://again"},
				&types.MsgDisputeJob{Disputant: job.Agent, JobId: id})
		}
		for _, msg := range msgs {
			t.Run(fmt.Sprintf("job %d %s", id, sdk.MsgTypeURL(msg)), func(t *testing.T) { requireRefused(t, e, msg, types.ErrInvalidState) })
		}
		require.Equal(t, job, e.Job(t, id))
	}
	supply := e.App.NFTKeeper.GetTotalSupply(e.Ctx, types.CertificateClassID)
	require.Equal(t, uint64(1), supply, "one agent win, one certificate")
	e.CheckInvariants(t)
}

// A job keeps the terms it was created under: after MsgUpdateParams
// (challenge 2 days, validator reward 10 %, validator bond 20 %) the old job
// still settles with a 1-day challenge, 8 % (for the reward and the
// validators' reputation) and 15 % bonds; the new one with the new values.
// P = 1200 AGI, D = 30 days and an immediate request give 40 points, so the
// validators earn floor(40·8/100) = 3 on the old job and 4 on the new one.
func TestParamsSnapshot(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	old := jobUnderReview(t, e, 1200, 2_592_000)
	p := types.DefaultParams()
	p.ChallengePeriod = 2 * oneDay
	p.ValidatorRewardPct = 10
	p.ValidatorBondBps = 2000
	requireRefused(t, e, &types.MsgUpdateParams{Authority: addr(e, "outsider"), Params: p}, types.ErrUnauthorized)
	e.MustDeliver(t, &types.MsgUpdateParams{Authority: e.Authority.String(), Params: p})
	res, err := queryServer(e).Params(e.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, p.ChallengePeriod, res.Params.ChallengePeriod)

	newer := createJob(t, e, "employer", 1200, 2_592_000)
	applyJob(t, e, "agent2", newer)
	requestCompletion(t, e, "agent2", newer)
	termsJSON := func(terms types.JobTerms) string { return string(e.App.AppCodec().MustMarshalJSON(&terms)) }
	require.Equal(t, termsJSON(types.TermsFromParams(types.DefaultParams())), termsJSON(e.Job(t, old).Terms))
	require.Equal(t, termsJSON(types.TermsFromParams(p)), termsJSON(e.Job(t, newer).Terms))
	require.Equal(t, "180000000", e.Job(t, old).ValidatorBond.String())
	require.Equal(t, "240000000", e.Job(t, newer).ValidatorBond.String())

	approvedAt := e.Now()
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, old)
		approve(t, e, v, newer)
	}
	e.CheckInvariants(t)
	e.SetTime(approvedAt.Add(oneDay + time.Second))
	finalize(t, e, old)
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: newer}, types.ErrInvalidState)
	e.SetTime(approvedAt.Add(2 * oneDay))
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: newer}, types.ErrInvalidState)
	e.Advance(time.Second)
	finalize(t, e, newer)
	e.CheckInvariants(t)

	// Old: 96 AGI / 3 per validator, 24 AGI to the pool. New: 120 AGI / 3.
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"agent1": 1_080_000_000, "agent2": 1_080_000_000,
		"validator1": 32_000_000 + 40_000_000, "validator2": 32_000_000 + 40_000_000, "validator3": 32_000_000 + 40_000_000,
		"employer": -2_400_000_000, "community_pool": 24_000_000,
	})
	require.Equal(t, uint64(40), e.Job(t, old).Settlement.AgentReputation)
	require.Equal(t, uint64(3), e.Job(t, old).Settlement.ValidatorReputation)
	require.Equal(t, uint64(4), e.Job(t, newer).Settlement.ValidatorReputation)
	require.Equal(t, uint64(7), validatorScore(t, e, "validator1"))
}

// A change of payment_denom leaves jobs in flight in their own denom: their
// bonds and settlement stay in uagi and the books balance per denom; new
// jobs must use the new denom.
func TestPaymentDenomChange(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	p := types.DefaultParams()
	p.PaymentDenom = "ustake"
	e.MustDeliver(t, &types.MsgUpdateParams{Authority: e.Authority.String(), Params: p})
	requireRefused(t, e, createMsg(e, "employer", 10, 3600), types.ErrInvalidParams)
	approve(t, e, "validator1", id)
	dispute(t, e, "employer", id)
	acc, err := queryServer(e).Accounting(e.Ctx, &types.QueryAccountingRequest{})
	require.NoError(t, err)
	require.True(t, acc.Balanced)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("uagi", 100_000_000+5_001_800+15_000_000+1_000_000)), acc.LockedTotal)
	e.CheckInvariants(t)
	resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"agent1": 90_000_000 + 1_000_000, "validator1": 8_000_000, "employer": -101_000_000, "community_pool": 2_000_000,
	})
	require.Equal(t, "uagi", e.Job(t, id).Settlement.Denom)
}

// The quorum applies only to the review-end rule: with required_approvals 1
// a single approval settles for the agent after the challenge.
func TestFastPathIgnoresQuorum(t *testing.T) {
	e := jobsenv.New(t, withParams(func(p *types.Params) { p.RequiredApprovals = 1 }))
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	approve(t, e, "validator1", id)
	e.SetTime(e.Job(t, id).ChallengeEnd().Add(time.Second))
	finalize(t, e, id)
	e.CheckInvariants(t)
	require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, id).Status)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"agent1": 90_000_000, "validator1": 8_000_000, "employer": -100_000_000, "community_pool": 2_000_000,
	})
}

// Disapprovals keep coming during the challenge; reaching
// required_disapprovals disputes the APPROVED job at once, and an employer
// win then pools the agent bond: 8 + 5.0018 + 3·12 AGI over three.
func TestDisapprovalsDisputeApprovedJob(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := jobUnderReview(t, e, 100, 3600)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, id)
	}
	require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
	for _, v := range []string{"validator4", "validator5"} {
		disapprove(t, e, v, id)
	}
	require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
	grantRole(t, e, "outsider", allowlisttypes.ROLE_VALIDATOR)
	disapprove(t, e, "outsider", id)
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_DISPUTED, job.Status)
	require.True(t, job.DisputeBond.IsZero())
	e.SetTime(job.ChallengeEnd().Add(time.Second))
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "employer2"), JobId: id}, types.ErrInvalidState)
	resolve(t, e, addr(e, "moderator"), id, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
	e.CheckInvariants(t)
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"validator1": -12_000_000, "validator2": -12_000_000, "validator3": -12_000_000,
		"validator4": 16_333_933, "validator5": 16_333_933, "outsider": 16_333_933,
		"employer": -100_000_000 + 92_000_000 + 1, "agent1": -5_001_800,
	})
}

func jobIDs(jobs []types.Job) []uint64 {
	ids := []uint64{}
	for _, j := range jobs {
		ids = append(ids, j.Id)
	}
	return ids
}

// The queries: Job, Jobs (filters, next_key and offset pagination), Votes in
// vote order, Certificate, Accounting and Stats.
func TestQueries(t *testing.T) {
	e := jobsenv.New(t)
	q := queryServer(e)
	ctx := func() sdk.Context { return e.Ctx }

	j1 := createJob(t, e, "employer", 100, 3600)
	applyJob(t, e, "agent1", j1)
	e.Advance(10 * time.Second)
	e.MustDeliver(t, &types.MsgRequestCompletion{Agent: addr(e, "agent1"), JobId: j1, CompletionUri: "ipfs://result", CompletionHash: validHash})
	voters := []struct {
		name    string
		approve bool
	}{{"validator3", true}, {"validator4", false}, {"validator1", true}, {"validator2", true}}
	var castAt []time.Time
	for _, v := range voters {
		e.Advance(time.Minute)
		castAt = append(castAt, e.Now())
		if v.approve {
			approve(t, e, v.name, j1)
		} else {
			disapprove(t, e, v.name, j1)
		}
	}
	j2 := createJob(t, e, "employer2", 10, 3600)
	applyJob(t, e, "agent2", j2)
	j3 := createJob(t, e, "employer", 10, 3600)
	j4 := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent1", j4)
	e.MustDeliver(t, &types.MsgRequestCompletion{Agent: addr(e, "agent1"), JobId: j4, CompletionUri: "bafy/result"})
	j5 := createJob(t, e, "employer2", 10, 3600)
	j6 := createJob(t, e, "employer", 10, 3600)
	e.MustDeliver(t, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: j6})
	j7 := createJob(t, e, "employer2", 10, 3600)
	applyJob(t, e, "agent1", j7)
	e.SetTime(e.Job(t, j1).ChallengeEnd().Add(time.Second))
	finalize(t, e, j1)
	settled := e.Job(t, j1)
	require.Equal(t, types.JOB_STATUS_COMPLETED, settled.Status)

	// Job.
	res, err := q.Job(ctx(), &types.QueryJobRequest{JobId: j1})
	require.NoError(t, err)
	require.Equal(t, settled, res.Job)
	_, err = q.Job(ctx(), &types.QueryJobRequest{JobId: 0})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = q.Job(ctx(), &types.QueryJobRequest{JobId: 99})
	require.Equal(t, codes.NotFound, status.Code(err))

	// Jobs: every filter, unpaginated and page by page with next_key.
	employer, employer2, agent1, agent2 := addr(e, "employer"), addr(e, "employer2"), addr(e, "agent1"), addr(e, "agent2")
	for _, tc := range []struct {
		name string
		req  types.QueryJobsRequest
		want []uint64
	}{
		{"all", types.QueryJobsRequest{}, []uint64{j1, j2, j3, j4, j5, j6, j7}},
		{"open", types.QueryJobsRequest{Status: types.JOB_STATUS_OPEN}, []uint64{j3, j5}},
		{"in progress", types.QueryJobsRequest{Status: types.JOB_STATUS_IN_PROGRESS}, []uint64{j2, j7}},
		{"approved", types.QueryJobsRequest{Status: types.JOB_STATUS_APPROVED}, []uint64{}},
		{"employer", types.QueryJobsRequest{Employer: employer}, []uint64{j1, j3, j4, j6}},
		{"employer2", types.QueryJobsRequest{Employer: employer2}, []uint64{j2, j5, j7}},
		{"agent1", types.QueryJobsRequest{Agent: agent1}, []uint64{j1, j4, j7}},
		{"agent2", types.QueryJobsRequest{Agent: agent2}, []uint64{j2}},
		{"employer open", types.QueryJobsRequest{Employer: employer, Status: types.JOB_STATUS_OPEN}, []uint64{j3}},
		{"employer2 in progress", types.QueryJobsRequest{Employer: employer2, Status: types.JOB_STATUS_IN_PROGRESS}, []uint64{j2, j7}},
		{"employer cancelled", types.QueryJobsRequest{Employer: employer, Status: types.JOB_STATUS_CANCELLED}, []uint64{j6}},
		{"agent1 in progress", types.QueryJobsRequest{Agent: agent1, Status: types.JOB_STATUS_IN_PROGRESS}, []uint64{j7}},
		{"employer2 agent1", types.QueryJobsRequest{Employer: employer2, Agent: agent1}, []uint64{j7}},
		{"employer agent1", types.QueryJobsRequest{Employer: employer, Agent: agent1}, []uint64{j1, j4}},
		{"employer agent2", types.QueryJobsRequest{Employer: employer, Agent: agent2}, []uint64{}},
		{"employer agent1 completed", types.QueryJobsRequest{Employer: employer, Agent: agent1, Status: types.JOB_STATUS_COMPLETED}, []uint64{j1}},
		{"unknown employer", types.QueryJobsRequest{Employer: addr(e, "outsider")}, []uint64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.req
			all, err := q.Jobs(ctx(), &req)
			require.NoError(t, err)
			require.Equal(t, tc.want, jobIDs(all.Jobs))
			for _, j := range all.Jobs {
				require.Equal(t, e.Job(t, j.Id), j)
			}
			for _, limit := range []uint64{1, 2, 3} {
				got := []uint64{}
				var key []byte
				for pages := 0; ; pages++ {
					require.Less(t, pages, 10, "pagination does not end")
					req := tc.req
					req.Pagination = &query.PageRequest{Key: key, Limit: limit}
					page, err := q.Jobs(ctx(), &req)
					require.NoError(t, err)
					require.LessOrEqual(t, uint64(len(page.Jobs)), limit)
					got = append(got, jobIDs(page.Jobs)...)
					if key = page.Pagination.NextKey; len(key) == 0 {
						break
					}
				}
				require.Equal(t, tc.want, got, "limit %d", limit)
			}
		})
	}
	page, err := q.Jobs(ctx(), &types.QueryJobsRequest{Pagination: &query.PageRequest{Offset: 2, Limit: 3}})
	require.NoError(t, err)
	require.Equal(t, []uint64{j3, j4, j5}, jobIDs(page.Jobs))
	require.NotEmpty(t, page.Pagination.NextKey)
	page, err = q.Jobs(ctx(), &types.QueryJobsRequest{Employer: employer, Pagination: &query.PageRequest{Offset: 1, Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{j3, j4}, jobIDs(page.Jobs))
	require.Equal(t, uint64(4), page.Pagination.Total)
	_, err = q.Jobs(ctx(), &types.QueryJobsRequest{Status: 99})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = q.Jobs(ctx(), &types.QueryJobsRequest{Agent: "agij1bad"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	// Votes, in vote order (not address order).
	votes, err := q.Votes(ctx(), &types.QueryVotesRequest{JobId: j1})
	require.NoError(t, err)
	require.Len(t, votes.Votes, len(voters))
	for i, v := range votes.Votes {
		require.Equal(t, addr(e, voters[i].name), v.Validator)
		require.Equal(t, voters[i].approve, v.Approve)
		require.Equal(t, uint32(i+1), v.Order)
		require.Equal(t, j1, v.JobId)
		require.Equal(t, "15000000", v.Bond.String())
		require.Equal(t, castAt[i], v.CastAt)
	}
	for i, v := range settled.Settlement.Validators {
		require.Equal(t, addr(e, voters[i].name), v.Validator, "the settlement lists the voters in vote order")
	}
	votes, err = q.Votes(ctx(), &types.QueryVotesRequest{JobId: j3})
	require.NoError(t, err)
	require.Empty(t, votes.Votes)
	_, err = q.Votes(ctx(), &types.QueryVotesRequest{JobId: 99})
	require.Equal(t, codes.NotFound, status.Code(err))

	// Certificate.
	cert, err := q.Certificate(ctx(), &types.QueryCertificateRequest{JobId: j1})
	require.NoError(t, err)
	c := cert.Certificate
	require.Equal(t, j1, c.JobId)
	require.Equal(t, "ipfs://spec", c.SpecUri)
	require.Empty(t, c.SpecHash)
	require.Equal(t, "ipfs://result", c.CompletionUri)
	require.Equal(t, validHash, c.CompletionHash)
	require.Equal(t, employer, c.Employer)
	require.Equal(t, agent1, c.Agent)
	require.Equal(t, []string{addr(e, "validator3"), addr(e, "validator1"), addr(e, "validator2")}, c.ApprovingValidators)
	require.Equal(t, settled.Payout, c.Payout)
	require.Equal(t, settled.CreatedAt, c.CreatedAt)
	require.Equal(t, *settled.AssignedAt, c.AssignedAt)
	require.Equal(t, e.Now(), c.CompletedAt)
	require.Equal(t, settled.Settlement.SettledAt, c.CompletedAt)
	require.Equal(t, settled.Settlement.AgentReputation, c.ReputationAwarded)
	require.Equal(t, uint64(16), c.ReputationAwarded)
	require.Equal(t, "agijobs", cert.ClassId)
	class, found := e.App.NFTKeeper.GetClass(ctx(), "agijobs")
	require.True(t, found)
	require.Equal(t, "AGIJobs", class.Name)
	require.Equal(t, "Job", class.Symbol)
	require.Equal(t, "job-1", cert.NftId)
	require.Equal(t, "ipfs://result", cert.Uri)
	require.Equal(t, validHash, cert.UriHash)
	require.Equal(t, employer, cert.Owner)
	for _, id := range []uint64{j2, j6} {
		_, err = q.Certificate(ctx(), &types.QueryCertificateRequest{JobId: id})
		require.Equal(t, codes.NotFound, status.Code(err))
	}

	// Accounting: escrow of jobs 2, 3, 4, 5, 7 and the agent bonds of 2, 4, 7.
	acc, err := q.Accounting(ctx(), &types.QueryAccountingRequest{})
	require.NoError(t, err)
	require.True(t, acc.Balanced)
	uagi := func(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin("uagi", n)) }
	require.Equal(t, uagi(50_000_000), acc.Locked.Escrow)
	require.Equal(t, uagi(3*1_000_360), acc.Locked.AgentBonds)
	require.True(t, acc.Locked.ValidatorBonds.IsZero())
	require.True(t, acc.Locked.DisputeBonds.IsZero())
	require.Equal(t, uagi(53_001_080), acc.LockedTotal)
	require.Equal(t, uagi(53_001_080), acc.ModuleBalance)
	require.Equal(t, e.App.JobsKeeper.ModuleAddress().String(), acc.ModuleAddress)

	// Stats.
	stats, err := q.Stats(ctx(), &types.QueryStatsRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(7), stats.Total)
	counts := map[types.JobStatus]uint64{}
	for _, sc := range stats.Counts {
		counts[sc.Status] = sc.Count
	}
	require.Equal(t, map[types.JobStatus]uint64{
		types.JOB_STATUS_OPEN: 2, types.JOB_STATUS_IN_PROGRESS: 2, types.JOB_STATUS_COMPLETION_REQUESTED: 1,
		types.JOB_STATUS_APPROVED: 0, types.JOB_STATUS_DISPUTED: 0, types.JOB_STATUS_COMPLETED: 1,
		types.JOB_STATUS_REFUNDED: 0, types.JOB_STATUS_EXPIRED: 0, types.JOB_STATUS_CANCELLED: 1,
	}, counts)

	// certificate_base_uri is read at mint: set after job 4 was created, it
	// prefixes job 4's certificate.
	p := types.DefaultParams()
	p.CertificateBaseUri = "ipfs://base/"
	e.MustDeliver(t, &types.MsgUpdateParams{Authority: e.Authority.String(), Params: p})
	e.SetTime(e.Job(t, j4).ReviewEnd().Add(time.Second))
	finalize(t, e, j4)
	cert, err = q.Certificate(ctx(), &types.QueryCertificateRequest{JobId: j4})
	require.NoError(t, err)
	require.Equal(t, "ipfs://base/bafy/result", cert.Uri)
	require.Equal(t, "bafy/result", cert.Certificate.CompletionUri)
	require.Zero(t, cert.Certificate.ReputationAwarded)
	require.Empty(t, cert.Certificate.ApprovingValidators)
	e.CheckInvariants(t)
}
