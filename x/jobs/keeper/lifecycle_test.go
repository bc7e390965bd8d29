package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/testutil/jobsenv"
	"github.com/agijobmanager/agij/x/jobs/types"
)

func createJob(t *testing.T, e *jobsenv.Env, employer string, payoutAGI int64, duration uint64) uint64 {
	t.Helper()
	res := e.MustDeliver(t, &types.MsgCreateJob{
		Employer: e.Addr[employer].String(), SpecUri: "ipfs://spec", Payout: sdk.NewCoin("uagi", jobsenv.AGI(payoutAGI)),
		DurationSeconds: duration,
	})
	var resp types.MsgCreateJobResponse
	require.NoError(t, e.App.AppCodec().Unmarshal(res.MsgResponses[0].Value, &resp))
	return resp.JobId
}

// DESIGN worked example 1: P = 100 AGI, D = 3600 s, three approvals, the
// challenge passes, finalize.
func TestWorkedExampleThreeApprovals(t *testing.T) {
	e := jobsenv.New(t)
	before := e.Balances()
	id := createJob(t, e, "employer", 100, 3600)
	require.Equal(t, uint64(1), id)
	e.MustDeliver(t, &types.MsgApplyForJob{Agent: e.Addr["agent1"].String(), JobId: id})
	e.MustDeliver(t, &types.MsgRequestCompletion{Agent: e.Addr["agent1"].String(), JobId: id, CompletionUri: "ipfs://done"})
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		e.MustDeliver(t, &types.MsgApproveJob{Validator: e.Addr[v].String(), JobId: id})
	}
	require.Equal(t, types.JOB_STATUS_APPROVED, e.Job(t, id).Status)
	e.CheckInvariants(t)
	e.Advance(24*time.Hour + time.Second)
	e.MustDeliver(t, &types.MsgFinalizeJob{Sender: e.Addr["outsider"].String(), JobId: id})
	e.CheckInvariants(t)

	after := e.Balances()
	diff := func(n string) int64 { return after[n].Sub(before[n]).Int64() }
	require.Equal(t, int64(90_000_002), diff("agent1"))
	require.Equal(t, int64(2_666_666), diff("validator1"))
	require.Equal(t, int64(-100_000_000), diff("employer"))
	require.Equal(t, int64(2_000_000), diff("community_pool"))
	require.Equal(t, int64(0), diff("escrow"))
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_COMPLETED, job.Status)
	require.Equal(t, "5001800", job.Settlement.AgentBondReturned.String())
	require.Equal(t, uint64(16), job.Settlement.AgentReputation)
	require.Equal(t, uint64(1), job.Settlement.ValidatorReputation)
	require.Equal(t, e.Addr["employer"], e.App.NFTKeeper.GetOwner(e.Ctx, "agijobs", "job-1"))
}
