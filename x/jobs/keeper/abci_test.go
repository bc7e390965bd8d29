package keeper_test

import (
	"cosmossdk.io/collections"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/x/nft"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/agijobmanager/agij/testutil/jobsenv"
	"github.com/agijobmanager/agij/x/jobs/types"
)

// shortParams: a 100 s review, 10 s challenge, 50 s dispute review and at
// most capPerBlock settlements per block.
func shortParams(capPerBlock uint32) types.Params {
	p := types.DefaultParams()
	p.CompletionReviewPeriod = 100 * time.Second
	p.ChallengePeriod = 10 * time.Second
	p.DisputeReviewPeriod = 50 * time.Second
	p.MaxSettlementsPerBlock = capPerBlock
	return p
}

// deliverAt moves the block time to at and delivers msg.
func deliverAt(t *testing.T, e *jobsenv.Env, at time.Time, msg sdk.Msg) {
	t.Helper()
	e.SetTime(at)
	e.MustDeliver(t, msg)
}

// endBlock runs the x/jobs EndBlocker with a fresh event manager and returns
// the ids of the jobs it completed, in event order.
func endBlock(t *testing.T, e *jobsenv.Env) (completed []uint64, events sdk.Events) {
	t.Helper()
	e.Ctx = e.Ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, e.App.JobsKeeper.EndBlocker(e.Ctx))
	for _, ev := range e.Ctx.EventManager().Events() {
		if ev.Type == "agij.jobs.v1.EventJobCompleted" {
			msg, err := sdk.ParseTypedEvent(abciEvent(ev))
			require.NoError(t, err)
			completed = append(completed, msg.(*types.EventJobCompleted).JobId)
		}
	}
	e.CheckInvariants(t)
	return completed, e.Ctx.EventManager().Events()
}

// requestedJob creates a job for agent and has it request completion at at.
func requestedJob(t *testing.T, e *jobsenv.Env, agent string, at time.Time) uint64 {
	t.Helper()
	e.SetTime(at)
	id := createJob(t, e, "employer", 10, 3600)
	e.MustDeliver(t, &types.MsgApplyForJob{Agent: e.Addr[agent].String(), JobId: id})
	e.MustDeliver(t, &types.MsgRequestCompletion{Agent: e.Addr[agent].String(), JobId: id, CompletionUri: "ipfs://w"})
	return id
}

// The EndBlocker settles oldest deadline first, ties by job id, at most
// max_settlements_per_block per block; the rest go first in the next block.
// A deadline acts only after its last second.
func TestEndBlockerOrderAndCap(t *testing.T) {
	e := jobsenv.New(t, jobsenv.WithJobsParams(shortParams(2)))
	t0 := e.Now()
	// Job 1 reaches its review end last; jobs 2 and 3 share a deadline.
	j1 := requestedJob(t, e, "agent1", t0.Add(2*time.Second))
	j2 := requestedJob(t, e, "agent2", t0)
	j3 := requestedJob(t, e, "agent3", t0)

	e.SetTime(t0.Add(100 * time.Second)) // the last second of jobs 2 and 3's review
	done, _ := endBlock(t, e)
	require.Empty(t, done)

	e.SetTime(t0.Add(103 * time.Second)) // all three are due
	done, _ = endBlock(t, e)
	require.Equal(t, []uint64{j2, j3}, done, "oldest first, ties by id, capped at 2")
	require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, j1).Status)

	e.Advance(time.Second)
	done, _ = endBlock(t, e)
	require.Equal(t, []uint64{j1}, done, "the carried-over job settles in the next block")
	for _, id := range []uint64{j1, j2, j3} {
		job := e.Job(t, id)
		require.Equal(t, types.JOB_STATUS_COMPLETED, job.Status)
		require.Equal(t, types.SETTLED_BY_NO_VOTES, job.Settlement.SettledBy)
	}
	done, _ = endBlock(t, e)
	require.Empty(t, done, "a job settles once")
}

// The settlement pause holds the EndBlocker; timers keep running and what
// fell due settles after the pause lifts. The intake pause does not hold it.
func TestEndBlockerPause(t *testing.T) {
	e := jobsenv.New(t, jobsenv.WithJobsParams(shortParams(100)))
	id := requestedJob(t, e, "agent1", e.Now())
	authority := e.Authority.String()

	e.MustDeliver(t, &types.MsgSetPause{Authority: authority, Settlement: true})
	e.Advance(200 * time.Second)
	done, _ := endBlock(t, e)
	require.Empty(t, done)
	require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, e.Job(t, id).Status)

	e.MustDeliver(t, &types.MsgSetPause{Authority: authority, Intake: true})
	done, _ = endBlock(t, e)
	require.Equal(t, []uint64{id}, done)
}

// A dispute outliving dispute_review_period emits EventDisputeStale once; the
// job stays disputed for a moderator or governance.
func TestEndBlockerStaleDispute(t *testing.T) {
	e := jobsenv.New(t, jobsenv.WithJobsParams(shortParams(100)))
	id := requestedJob(t, e, "agent1", e.Now())
	e.MustDeliver(t, &types.MsgDisputeJob{Disputant: e.Addr["employer"].String(), JobId: id})
	disputedAt := e.Now()

	stale := func() int {
		_, events := endBlock(t, e)
		n := 0
		for _, ev := range events {
			if ev.Type == "agij.jobs.v1.EventDisputeStale" {
				n++
			}
		}
		return n
	}
	e.SetTime(disputedAt.Add(50 * time.Second))
	require.Zero(t, stale())
	e.SetTime(disputedAt.Add(51 * time.Second))
	require.Equal(t, 1, stale())
	e.Advance(time.Hour)
	require.Zero(t, stale(), "reported once")
	require.True(t, e.Job(t, id).StaleReported)
	require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, id).Status)

	e.MustDeliver(t, &types.MsgResolveDispute{Resolver: e.Authority.String(), JobId: id, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS})
	require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, id).Status)
	require.Equal(t, types.SETTLED_BY_GOVERNANCE, e.Job(t, id).Settlement.SettledBy)
	e.CheckInvariants(t)
}

// An OPEN job past its apply_by is cancelled and refunded by the EndBlocker;
// an assigned job past its deadline expires.
func TestEndBlockerApplyByAndExpiry(t *testing.T) {
	e := jobsenv.New(t, jobsenv.WithJobsParams(shortParams(100)))
	before := e.Balances()
	applyBy := e.Now().Add(30 * time.Second)
	res := e.MustDeliver(t, &types.MsgCreateJob{
		Employer: e.Addr["employer"].String(), SpecUri: "ipfs://s", Payout: sdk.NewCoin("uagi", jobsenv.AGI(7)),
		DurationSeconds: 60, ApplyBy: &applyBy,
	})
	var created types.MsgCreateJobResponse
	require.NoError(t, e.App.AppCodec().Unmarshal(res.MsgResponses[0].Value, &created))
	open := created.JobId
	assigned := createJob(t, e, "employer", 10, 60)
	e.MustDeliver(t, &types.MsgApplyForJob{Agent: e.Addr["agent1"].String(), JobId: assigned})

	e.SetTime(applyBy)
	endBlock(t, e)
	require.Equal(t, types.JOB_STATUS_OPEN, e.Job(t, open).Status)
	e.Advance(time.Second)
	endBlock(t, e)
	require.Equal(t, types.JOB_STATUS_CANCELLED, e.Job(t, open).Status)
	require.Equal(t, types.SETTLED_BY_APPLY_BY, e.Job(t, open).Settlement.SettledBy)

	e.Advance(time.Minute)
	endBlock(t, e)
	job := e.Job(t, assigned)
	require.Equal(t, types.JOB_STATUS_EXPIRED, job.Status)
	require.Equal(t, types.SETTLED_BY_EXPIRY, job.Settlement.SettledBy)
	after := e.Balances()
	// The employer got both payouts back and the agent's bond.
	require.Equal(t, job.AgentBond.String(), after["employer"].Sub(before["employer"]).String())
	require.Equal(t, job.AgentBond.Neg().String(), after["agent1"].Sub(before["agent1"]).String())
}

// abciEvent converts an sdk.Event for sdk.ParseTypedEvent.
func abciEvent(ev sdk.Event) abci.Event { return abci.Event(ev) }

// A settlement refuses to pay a blocked address, as a send from the module
// would: the batched payment checks every recipient before anything moves,
// with the bank's own error. The EndBlocker reports the failure and the job
// keeps its funds.
func TestSettlementRefusesBlockedRecipient(t *testing.T) {
	blocked := authtypes.NewModuleAddress(nft.ModuleName)
	e := jobsenv.New(t, jobsenv.WithSeed(jobsenv.Seed{DueApprovedAll: 1, Validators: []string{
		jobsenv.AccountAddresses()["validator1"].String(), blocked.String(),
	}}))
	require.True(t, e.App.BankKeeper.BlockedAddr(blocked))
	before := e.Balances()
	failedAt := jobsenv.GenesisTime.Add(2 * time.Hour)
	e.SetTime(failedAt)
	// endBlock checks every invariant, the genesis round trip included: the
	// failure mark keeps the job out of its queues on import too.
	_, events := endBlock(t, e)

	// The error SendCoinsFromModuleToAccount gives for the same recipient.
	c, _ := e.Ctx.CacheContext()
	want := e.App.BankKeeper.SendCoinsFromModuleToAccount(c, types.ModuleName, blocked, sdk.NewCoins(sdk.NewInt64Coin("uagi", 1)))
	require.ErrorIs(t, want, sdkerrors.ErrUnauthorized)
	var failed []*types.EventSettlementFailed
	for _, ev := range events {
		if ev.Type == "agij.jobs.v1.EventSettlementFailed" {
			msg, err := sdk.ParseTypedEvent(abciEvent(ev))
			require.NoError(t, err)
			failed = append(failed, msg.(*types.EventSettlementFailed))
		}
	}
	require.Len(t, failed, 1)
	require.Equal(t, uint64(1), failed[0].JobId)
	require.Equal(t, want.Error(), failed[0].Error)

	job, err := e.App.JobsKeeper.Jobs.Get(e.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.JOB_STATUS_APPROVED, job.Status)
	require.Equal(t, before, e.Balances())

	// The job is marked and out of every queue, so later blocks do not try
	// it again.
	require.NotNil(t, job.SettlementFailedAt)
	require.True(t, failedAt.Equal(*job.SettlementFailedAt))
	for _, q := range types.QueueKinds() {
		_, queued := job.Deadline(q)
		require.False(t, queued, q.String())
	}
	e.Advance(time.Hour)
	_, events = endBlock(t, e)
	for _, ev := range events {
		require.NotEqual(t, "agij.jobs.v1.EventSettlementFailed", ev.Type)
	}
	// A retry by message meets the same refusal and changes nothing.
	_, err = e.Deliver(&types.MsgFinalizeJob{Sender: e.Addr["employer"].String(), JobId: 1})
	require.ErrorIs(t, err, sdkerrors.ErrUnauthorized)
	require.Equal(t, before, e.Balances())
}

// A message that changes a job marked by a failed settlement clears the
// mark, and the job is back in its deadline queue.
func TestMessageClearsSettlementFailure(t *testing.T) {
	e := jobsenv.New(t, jobsenv.WithSeed(jobsenv.Seed{InProgress: 1, Agents: []string{jobsenv.AccountAddresses()["agent1"].String()}}))
	k := e.App.JobsKeeper
	job, err := k.Jobs.Get(e.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.JOB_STATUS_IN_PROGRESS, job.Status)
	// Mark it as the EndBlocker does: the mark, and no queue entry.
	deadline, ok := job.Deadline(types.QueueAssignment)
	require.True(t, ok)
	require.NoError(t, k.Queues[types.QueueAssignment].Remove(e.Ctx, collections.Join(deadline, job.Id)))
	now := e.Ctx.BlockTime()
	job.SettlementFailedAt = &now
	require.NoError(t, k.Jobs.Set(e.Ctx, job.Id, job))
	e.CheckInvariants(t)

	e.MustDeliver(t, &types.MsgRequestCompletion{Agent: job.Agent, JobId: job.Id, CompletionUri: "ipfs://w"})
	job, err = k.Jobs.Get(e.Ctx, 1)
	require.NoError(t, err)
	require.Nil(t, job.SettlementFailedAt)
	end, ok := job.Deadline(types.QueueReviewEnd)
	require.True(t, ok)
	has, err := k.Queues[types.QueueReviewEnd].Has(e.Ctx, collections.Join(end, job.Id))
	require.NoError(t, err)
	require.True(t, has)
	e.CheckInvariants(t)
}
