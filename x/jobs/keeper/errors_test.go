package keeper_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/agijobmanager/agij/testutil/jobsenv"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/jobs/types"
)

// validHash is a sha256 in lowercase hex.
var validHash = strings.Repeat("0f", 32)

// grantRole gives a named account a role through governance.
func grantRole(t *testing.T, e *jobsenv.Env, name string, role allowlisttypes.Role) {
	t.Helper()
	e.MustDeliver(t, &allowlisttypes.MsgGrantRole{Signer: e.Authority.String(), Address: addr(e, name), Role: role})
}

// setBlacklist bars (or clears) a named account for a role through governance.
func setBlacklist(t *testing.T, e *jobsenv.Env, name string, role allowlisttypes.Role, barred bool) {
	t.Helper()
	e.MustDeliver(t, &allowlisttypes.MsgSetBlacklist{Authority: e.Authority.String(), Address: addr(e, name), Role: role, Blacklisted: barred})
}

// drain sends all but keep uagi of a named account to the outsider.
func drain(t *testing.T, e *jobsenv.Env, name string, keep math.Int) {
	t.Helper()
	amount := e.Balance(e.Addr[name]).Sub(keep)
	e.MustDeliver(t, &banktypes.MsgSend{FromAddress: addr(e, name), ToAddress: addr(e, "outsider"),
		Amount: sdk.NewCoins(sdk.NewCoin("uagi", amount))})
}

// MsgCreateJob input limits (DESIGN §3.2): every violation is
// ErrInvalidParams and changes nothing; the limits themselves pass.
func TestCreateJobInputLimits(t *testing.T) {
	e := jobsenv.New(t, withParams(func(p *types.Params) { p.MaxJobPayout = jobsenv.AGI(1000) }))
	now := e.Now()
	past, later := now.Add(-time.Second), now.Add(time.Second)
	for _, tc := range []struct {
		name string
		edit func(m *types.MsgCreateJob)
	}{
		{"empty spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "" }},
		{"spec uri of 2049 bytes", func(m *types.MsgCreateJob) { m.SpecUri = strings.Repeat("a", 2049) }},
		{"space in spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "ipfs://a b" }},
		{"tab in spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "ipfs://a\tb" }},
		{"newline in spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "ipfs://a\nb" }},
		{"carriage return in spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "ipfs://a\r" }},
		{"no-break space in spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "ipfs://a\u00a0b" }},
		{"invalid utf-8 in spec uri", func(m *types.MsgCreateJob) { m.SpecUri = "ipfs://\xff" }},
		{"uppercase spec hash", func(m *types.MsgCreateJob) { m.SpecHash = strings.ToUpper(strings.Repeat("ab", 32)) }},
		{"spec hash of 63 digits", func(m *types.MsgCreateJob) { m.SpecHash = validHash[:63] }},
		{"spec hash of 65 digits", func(m *types.MsgCreateJob) { m.SpecHash = validHash + "0" }},
		{"spec hash not hex", func(m *types.MsgCreateJob) { m.SpecHash = strings.Repeat("g", 64) }},
		{"spec hash with 0x", func(m *types.MsgCreateJob) { m.SpecHash = "0x" + validHash[:62] }},
		{"details of 2049 bytes", func(m *types.MsgCreateJob) { m.Details = strings.Repeat("d", 2049) }},
		{"payout in another denom", func(m *types.MsgCreateJob) { m.Payout = sdk.NewCoin("uatom", jobsenv.AGI(10)) }},
		{"payout without denom", func(m *types.MsgCreateJob) { m.Payout = sdk.Coin{Amount: jobsenv.AGI(10)} }},
		{"payout zero", func(m *types.MsgCreateJob) { m.Payout = sdk.NewInt64Coin("uagi", 0) }},
		{"payout negative", func(m *types.MsgCreateJob) { m.Payout = sdk.Coin{Denom: "uagi", Amount: math.NewInt(-1)} }},
		{"payout unset", func(m *types.MsgCreateJob) { m.Payout = sdk.Coin{} }},
		{"payout above max_job_payout", func(m *types.MsgCreateJob) { m.Payout = sdk.NewCoin("uagi", jobsenv.AGI(1000).AddRaw(1)) }},
		{"duration 0", func(m *types.MsgCreateJob) { m.DurationSeconds = 0 }},
		{"duration above max_job_duration", func(m *types.MsgCreateJob) { m.DurationSeconds = 10_000_001 }},
		{"apply_by at the block time", func(m *types.MsgCreateJob) { m.ApplyBy = &now }},
		{"apply_by before the block time", func(m *types.MsgCreateJob) { m.ApplyBy = &past }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := createMsg(e, "employer", 10, 3600)
			tc.edit(msg)
			requireRefused(t, e, msg, types.ErrInvalidParams)
		})
	}
	bad := createMsg(e, "employer", 10, 3600)
	bad.Employer = "agij1notanaddress"
	requireRefused(t, e, bad, sdkerrors.ErrInvalidAddress)

	for _, tc := range []struct {
		name string
		edit func(m *types.MsgCreateJob)
	}{
		{"spec uri of 2048 bytes", func(m *types.MsgCreateJob) { m.SpecUri = strings.Repeat("a", 2048) }},
		{"spec uri of 1 byte", func(m *types.MsgCreateJob) { m.SpecUri = "a" }},
		{"details of 2048 bytes", func(m *types.MsgCreateJob) { m.Details = strings.Repeat("d", 2048) }},
		{"lowercase spec hash", func(m *types.MsgCreateJob) { m.SpecHash = validHash }},
		{"payout at max_job_payout", func(m *types.MsgCreateJob) { m.Payout = sdk.NewCoin("uagi", jobsenv.AGI(1000)) }},
		{"payout of 1 uagi", func(m *types.MsgCreateJob) { m.Payout = sdk.NewInt64Coin("uagi", 1) }},
		{"duration at max_job_duration", func(m *types.MsgCreateJob) { m.DurationSeconds = 10_000_000 }},
		{"apply_by a second after the block time", func(m *types.MsgCreateJob) { m.ApplyBy = &later }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := createMsg(e, "employer", 10, 3600)
			tc.edit(msg)
			before := e.Balances()
			id := deliverCreate(t, e, msg)
			job := e.Job(t, id)
			require.Equal(t, types.JOB_STATUS_OPEN, job.Status)
			require.Equal(t, msg.SpecUri, job.SpecUri)
			require.Equal(t, msg.SpecHash, job.SpecHash)
			require.Equal(t, msg.Payout, job.Payout)
			require.Equal(t, msg.DurationSeconds, job.DurationSeconds)
			p := msg.Payout.Amount.Int64()
			requireDeltas(t, before, e.Balances(), map[string]int64{"employer": -p, "escrow": p})
		})
	}
	e.CheckInvariants(t)
}

// MsgRequestCompletion input limits: completion URI 1..1024 bytes without
// whitespace, hash empty or 64 lowercase hex digits.
func TestRequestCompletionInputLimits(t *testing.T) {
	e := jobsenv.New(t)
	id := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent1", id)
	msg := func(uri, hash string) *types.MsgRequestCompletion {
		return &types.MsgRequestCompletion{Agent: addr(e, "agent1"), JobId: id, CompletionUri: uri, CompletionHash: hash}
	}
	for name, m := range map[string]*types.MsgRequestCompletion{
		"empty uri":          msg("", ""),
		"uri of 1025 bytes":  msg(strings.Repeat("u", 1025), ""),
		"space in uri":       msg("ipfs://a b", ""),
		"tab in uri":         msg("ipfs://a\tb", ""),
		"newline in uri":     msg("ipfs://\n", ""),
		"uppercase hash":     msg("ipfs://done", strings.ToUpper(strings.Repeat("ab", 32))),
		"short hash":         msg("ipfs://done", validHash[:62]),
		"non-hex hash":       msg("ipfs://done", strings.Repeat("z", 64)),
		"hash with a space":  msg("ipfs://done", " "+validHash[1:]),
		"uri 1025, hash bad": msg(strings.Repeat("u", 1025), "x"),
	} {
		t.Run(name, func(t *testing.T) { requireRefused(t, e, m, types.ErrInvalidParams) })
	}
	e.MustDeliver(t, msg(strings.Repeat("u", 1024), validHash))
	job := e.Job(t, id)
	require.Equal(t, types.JOB_STATUS_COMPLETION_REQUESTED, job.Status)
	require.Equal(t, strings.Repeat("u", 1024), job.CompletionUri)
	require.Equal(t, validHash, job.CompletionHash)
	e.CheckInvariants(t)
}

// Job id 0, an oversized reason and an invalid outcome are ErrInvalidParams;
// so are invalid module params.
func TestMessageFieldLimits(t *testing.T) {
	e := jobsenv.New(t)
	id := jobUnderReview(t, e, 10, 3600)
	dispute(t, e, "employer", id)
	long := strings.Repeat("r", 2049)
	auth := e.Authority.String()
	badParams := types.DefaultParams()
	badParams.VoteQuorum = 0
	for name, msg := range map[string]sdk.Msg{
		"cancel id 0":                 &types.MsgCancelJob{Employer: addr(e, "employer")},
		"delist id 0":                 &types.MsgDelistJob{Authority: auth},
		"apply id 0":                  &types.MsgApplyForJob{Agent: addr(e, "agent2")},
		"request id 0":                &types.MsgRequestCompletion{Agent: addr(e, "agent1"), CompletionUri: "ipfs://x"},
		"approve id 0":                &types.MsgApproveJob{Validator: addr(e, "validator1")},
		"disapprove id 0":             &types.MsgDisapproveJob{Validator: addr(e, "validator1")},
		"dispute id 0":                &types.MsgDisputeJob{Disputant: addr(e, "employer")},
		"resolve id 0":                &types.MsgResolveDispute{Resolver: auth, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
		"finalize id 0":               &types.MsgFinalizeJob{Sender: addr(e, "outsider")},
		"expire id 0":                 &types.MsgExpireJob{Sender: addr(e, "outsider")},
		"dispute reason 2049 bytes":   &types.MsgDisputeJob{Disputant: addr(e, "agent1"), JobId: id, Reason: long},
		"delist reason 2049 bytes":    &types.MsgDelistJob{Authority: auth, JobId: id, Reason: long},
		"resolve reason 2049 bytes":   &types.MsgResolveDispute{Resolver: auth, JobId: id, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS, Reason: long},
		"resolve outcome unspecified": &types.MsgResolveDispute{Resolver: auth, JobId: id},
		"resolve outcome 99":          &types.MsgResolveDispute{Resolver: auth, JobId: id, Outcome: 99},
		"update params invalid":       &types.MsgUpdateParams{Authority: auth, Params: badParams},
	} {
		t.Run(name, func(t *testing.T) { requireRefused(t, e, msg, types.ErrInvalidParams) })
	}
	e.CheckInvariants(t)
}

// Nobody may act on their own work (ErrSelfDealing): an employer applying to
// its own job, a validator voting on a job it employs or works on, a
// moderator resolving a job it employs, works on or voted on. Only the
// self-dealing stops them: each holds the role it acts in.
func TestSelfDealing(t *testing.T) {
	e := jobsenv.New(t)
	grantRole(t, e, "agent1", allowlisttypes.ROLE_VALIDATOR)
	grantRole(t, e, "moderator", allowlisttypes.ROLE_VALIDATOR)
	grantRole(t, e, "moderator2", allowlisttypes.ROLE_AGENT)

	// An agent posts a job and applies to it; an employer without the role
	// gets the same error, which comes before the role check.
	own := createJob(t, e, "agent2", 10, 3600)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: own}, types.ErrSelfDealing)
	plain := createJob(t, e, "employer", 10, 3600)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "employer"), JobId: plain}, types.ErrSelfDealing)

	// A validator votes on the job it employs; the agent (also a validator)
	// on its own work.
	byValidator := createJob(t, e, "validator1", 10, 3600)
	applyJob(t, e, "agent1", byValidator)
	requestCompletion(t, e, "agent1", byValidator)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: byValidator}, types.ErrSelfDealing)
	requireRefused(t, e, &types.MsgDisapproveJob{Validator: addr(e, "validator1"), JobId: byValidator}, types.ErrSelfDealing)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "agent1"), JobId: byValidator}, types.ErrSelfDealing)
	other := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent3", other)
	requestCompletion(t, e, "agent3", other)
	approve(t, e, "agent1", other) // the granted role works on someone else's job

	// Moderators: as employer, as agent, as a voter.
	byModerator := createJob(t, e, "moderator", 10, 3600)
	applyJob(t, e, "agent3", byModerator)
	requestCompletion(t, e, "agent3", byModerator)
	dispute(t, e, "moderator", byModerator)
	requireRefused(t, e, &types.MsgResolveDispute{Resolver: addr(e, "moderator"), JobId: byModerator,
		Outcome: types.DISPUTE_OUTCOME_EMPLOYER_WINS}, types.ErrSelfDealing)
	requireRefused(t, e, &types.MsgResolveDispute{Resolver: addr(e, "moderator"), JobId: byModerator,
		Outcome: types.DISPUTE_OUTCOME_NO_ACTION}, types.ErrSelfDealing)

	workedByModerator := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "moderator2", workedByModerator)
	requestCompletion(t, e, "moderator2", workedByModerator)
	dispute(t, e, "employer", workedByModerator)
	requireRefused(t, e, &types.MsgResolveDispute{Resolver: addr(e, "moderator2"), JobId: workedByModerator,
		Outcome: types.DISPUTE_OUTCOME_AGENT_WINS}, types.ErrSelfDealing)

	disapprove(t, e, "moderator", other)
	dispute(t, e, "employer", other)
	requireRefused(t, e, &types.MsgResolveDispute{Resolver: addr(e, "moderator"), JobId: other,
		Outcome: types.DISPUTE_OUTCOME_EMPLOYER_WINS}, types.ErrSelfDealing)

	// Someone else may resolve each of them.
	resolve(t, e, addr(e, "moderator2"), byModerator, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
	resolve(t, e, addr(e, "moderator"), workedByModerator, types.DISPUTE_OUTCOME_AGENT_WINS)
	resolve(t, e, addr(e, "moderator2"), other, types.DISPUTE_OUTCOME_EMPLOYER_WINS)
	e.CheckInvariants(t)
}

// Acting without the role, or as the wrong party, is ErrUnauthorized.
func TestUnauthorized(t *testing.T) {
	e := jobsenv.New(t)
	open := createJob(t, e, "employer", 10, 3600)
	id := jobUnderReview(t, e, 10, 3600)
	disputed := jobUnderReview(t, e, 10, 3600)
	dispute(t, e, "employer", disputed)
	assigned := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent2", assigned)
	for name, msg := range map[string]sdk.Msg{
		"outsider applies":                &types.MsgApplyForJob{Agent: addr(e, "outsider"), JobId: open},
		"validator applies":               &types.MsgApplyForJob{Agent: addr(e, "validator1"), JobId: open},
		"moderator applies":               &types.MsgApplyForJob{Agent: addr(e, "moderator"), JobId: open},
		"outsider approves":               &types.MsgApproveJob{Validator: addr(e, "outsider"), JobId: id},
		"agent approves":                  &types.MsgApproveJob{Validator: addr(e, "agent2"), JobId: id},
		"moderator disapproves":           &types.MsgDisapproveJob{Validator: addr(e, "moderator"), JobId: id},
		"other agent requests completion": &types.MsgRequestCompletion{Agent: addr(e, "agent3"), JobId: assigned, CompletionUri: "ipfs://x"},
		"employer requests completion":    &types.MsgRequestCompletion{Agent: addr(e, "employer"), JobId: assigned, CompletionUri: "ipfs://x"},
		"outsider disputes":               &types.MsgDisputeJob{Disputant: addr(e, "outsider"), JobId: id},
		"validator disputes":              &types.MsgDisputeJob{Disputant: addr(e, "validator1"), JobId: id},
		"outsider resolves":               &types.MsgResolveDispute{Resolver: addr(e, "outsider"), JobId: disputed, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
		"validator resolves":              &types.MsgResolveDispute{Resolver: addr(e, "validator1"), JobId: disputed, Outcome: types.DISPUTE_OUTCOME_NO_ACTION},
		"other employer cancels":          &types.MsgCancelJob{Employer: addr(e, "employer2"), JobId: open},
		"moderator delists":               &types.MsgDelistJob{Authority: addr(e, "moderator"), JobId: open},
		"outsider pauses":                 &types.MsgSetPause{Authority: addr(e, "outsider"), Intake: true},
		"moderator updates params":        &types.MsgUpdateParams{Authority: addr(e, "moderator"), Params: types.DefaultParams()},
	} {
		t.Run(name, func(t *testing.T) { requireRefused(t, e, msg, types.ErrUnauthorized) })
	}
	e.CheckInvariants(t)
}

// A blacklisted agent, validator or moderator is ErrBlacklisted, whether the
// bar comes from genesis or from MsgSetBlacklist; lifting it restores the
// role. A bar never undoes an assignment or a vote already made.
func TestBlacklisted(t *testing.T) {
	e := jobsenv.New(t,
		jobsenv.WithBlacklist("agent2", allowlisttypes.ROLE_AGENT),
		jobsenv.WithBlacklist("validator2", allowlisttypes.ROLE_VALIDATOR),
		jobsenv.WithBlacklist("moderator2", allowlisttypes.ROLE_MODERATOR))
	open := createJob(t, e, "employer", 10, 3600)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: open}, types.ErrBlacklisted)

	id := jobUnderReview(t, e, 100, 3600)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator2"), JobId: id}, types.ErrBlacklisted)
	requireRefused(t, e, &types.MsgDisapproveJob{Validator: addr(e, "validator2"), JobId: id}, types.ErrBlacklisted)

	// Bars from governance, after the assignment and after a vote.
	approve(t, e, "validator1", id)
	setBlacklist(t, e, "validator1", allowlisttypes.ROLE_VALIDATOR, true)
	setBlacklist(t, e, "agent3", allowlisttypes.ROLE_AGENT, true)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent3"), JobId: open}, types.ErrBlacklisted)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: open}, types.ErrBlacklisted)

	assigned := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent1", assigned)
	setBlacklist(t, e, "agent1", allowlisttypes.ROLE_AGENT, true)
	requestCompletion(t, e, "agent1", assigned) // the assignment stands

	dispute(t, e, "employer", id)
	requireRefused(t, e, &types.MsgResolveDispute{Resolver: addr(e, "moderator2"), JobId: id,
		Outcome: types.DISPUTE_OUTCOME_AGENT_WINS}, types.ErrBlacklisted)
	setBlacklist(t, e, "moderator2", allowlisttypes.ROLE_MODERATOR, false)
	before := e.Balances()
	resolve(t, e, addr(e, "moderator2"), id, types.DISPUTE_OUTCOME_AGENT_WINS)
	// validator1's vote counts although it is barred now: bond 15 + the pool
	// of 8 AGI; the employer's dispute bond goes to the agent.
	requireDeltas(t, before, e.Balances(), map[string]int64{
		"validator1": 23_000_000, "agent1": 90_000_000 + 5_001_800 + 1_000_000, "community_pool": 2_000_000,
		"escrow": -23_000_000 - 90_000_000 - 5_001_800 - 1_000_000 - 2_000_000,
	})

	setBlacklist(t, e, "agent3", allowlisttypes.ROLE_AGENT, false)
	applyJob(t, e, "agent3", open)
	e.CheckInvariants(t)
}

// One vote per validator per job: a second vote, either way, is
// ErrInvalidState.
func TestDuplicateVote(t *testing.T) {
	e := jobsenv.New(t)
	id := jobUnderReview(t, e, 100, 3600)
	approve(t, e, "validator1", id)
	disapprove(t, e, "validator2", id)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: id}, types.ErrInvalidState)
	requireRefused(t, e, &types.MsgDisapproveJob{Validator: addr(e, "validator1"), JobId: id}, types.ErrInvalidState)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator2"), JobId: id}, types.ErrInvalidState)
	job := e.Job(t, id)
	require.Equal(t, uint32(1), job.Approvals)
	require.Equal(t, uint32(1), job.Disapprovals)
	e.CheckInvariants(t)
}

// max_validators_per_job caps the votes (ErrValidatorLimit); a duplicate
// vote is still ErrInvalidState (checked first), and the cap is checked
// before the review window.
func TestValidatorLimit(t *testing.T) {
	e := jobsenv.New(t, withParams(func(p *types.Params) {
		p.MaxValidatorsPerJob, p.RequiredApprovals, p.RequiredDisapprovals, p.VoteQuorum = 2, 2, 2, 2
	}))
	id := jobUnderReview(t, e, 100, 3600)
	approve(t, e, "validator1", id)
	disapprove(t, e, "validator2", id)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator3"), JobId: id}, types.ErrValidatorLimit)
	requireRefused(t, e, &types.MsgDisapproveJob{Validator: addr(e, "validator3"), JobId: id}, types.ErrValidatorLimit)
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: id}, types.ErrInvalidState)
	e.SetTime(e.Job(t, id).ReviewEnd().Add(time.Second))
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator4"), JobId: id}, types.ErrValidatorLimit)
	finalize(t, e, id) // 1 : 1
	require.Equal(t, types.JOB_STATUS_DISPUTED, e.Job(t, id).Status)
	e.CheckInvariants(t)
}

// An agent holds at most max_active_jobs_per_agent (3) assigned, unsettled
// jobs, under review and disputed ones included; a settled job frees a slot.
// The cap is read at apply time.
func TestTooManyActiveJobs(t *testing.T) {
	e := jobsenv.New(t)
	t0 := e.Now()
	var ids []uint64
	for range 5 {
		ids = append(ids, createJob(t, e, "employer", 10, 3600))
	}
	applyJob(t, e, "agent1", ids[0])
	applyJob(t, e, "agent1", ids[1])
	requestCompletion(t, e, "agent1", ids[1])
	applyJob(t, e, "agent1", ids[2])
	requestCompletion(t, e, "agent1", ids[2])
	dispute(t, e, "employer", ids[2])
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: ids[3]}, types.ErrTooManyActiveJobs)
	applyJob(t, e, "agent2", ids[4]) // the cap is per agent

	e.SetTime(t0.Add(3601 * time.Second))
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: ids[0]})
	applyJob(t, e, "agent1", ids[3])
	extra := createJob(t, e, "employer", 10, 3600)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: extra}, types.ErrTooManyActiveJobs)

	p := types.DefaultParams()
	p.MaxActiveJobsPerAgent = 4
	e.MustDeliver(t, &types.MsgUpdateParams{Authority: e.Authority.String(), Params: p})
	applyJob(t, e, "agent1", extra)
	e.CheckInvariants(t)
}

// min_agent_reputation: a score below it is ErrInsufficientReputation, an
// equal score passes. agent1 earns its score through a completed job.
func TestMinAgentReputation(t *testing.T) {
	e := jobsenv.New(t)
	first := jobUnderReview(t, e, 100, 3600)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		approve(t, e, v, first)
	}
	e.SetTime(e.Job(t, first).ChallengeEnd().Add(time.Second))
	finalize(t, e, first)
	score := e.Job(t, first).Settlement.AgentReputation
	require.Equal(t, uint64(16), score)
	require.Equal(t, score, agentScore(t, e, "agent1"))

	gated := func(min uint64) uint64 {
		msg := createMsg(e, "employer", 10, 3600)
		msg.MinAgentReputation = min
		return deliverCreate(t, e, msg)
	}
	above, equal := gated(score+1), gated(score)
	require.Equal(t, score+1, e.Job(t, above).MinAgentReputation)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: above}, types.ErrInsufficientReputation)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: equal}, types.ErrInsufficientReputation)
	applyJob(t, e, "agent1", equal)
	e.CheckInvariants(t)
}

// The agent payout percentage is fixed at apply: the larger of
// default_agent_payout_pct and the highest tier whose NFT the agent holds;
// 0 means the agent may not apply (ErrIneligiblePayout).
func TestAgentPayoutTiers(t *testing.T) {
	tiers := []types.AgentTier{{NftClassId: "tier92", PayoutPct: 92}, {NftClassId: "tier70", PayoutPct: 70}}
	agents := []string{"agent1", "agent2", "agent3"} // gold and silver, silver, no NFT
	for _, tc := range []struct {
		name       string
		defaultPct uint32
		tiers      []types.AgentTier
		want       []uint32 // per agent; 0: ErrIneligiblePayout
	}{
		{"no tiers, default 0", 0, nil, []uint32{0, 0, 0}},
		{"tiers 92 and 70, default 0", 0, tiers, []uint32{92, 70, 0}},
		{"tiers 92 and 70, default 90", 90, tiers, []uint32{92, 90, 90}},
		{"tier 70 only, default 90", 90, tiers[1:], []uint32{90, 90, 90}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := jobsenv.New(t,
				withParams(func(p *types.Params) { p.DefaultAgentPayoutPct, p.AgentTiers = tc.defaultPct, tc.tiers }),
				jobsenv.WithNFT("tier92", "gold-1", "agent1"),
				jobsenv.WithNFT("tier70", "silver-1", "agent1"),
				jobsenv.WithNFT("tier70", "silver-2", "agent2"))
			for i, agent := range agents {
				id := createJob(t, e, "employer", 100, 3600)
				want := tc.want[i]
				if want == 0 {
					requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, agent), JobId: id}, types.ErrIneligiblePayout)
					continue
				}
				before := e.Balances()
				applyJob(t, e, agent, id)
				require.Equal(t, want, e.Job(t, id).AgentPayoutPct, agent)
				requestCompletion(t, e, agent, id)
				e.SetTime(e.Job(t, id).ReviewEnd().Add(time.Second))
				finalize(t, e, id)
				share := int64(want) * 1_000_000
				requireDeltas(t, before, e.Balances(), map[string]int64{
					agent: share, "employer": 8_000_000, "community_pool": 92_000_000 - share,
					"escrow": -100_000_000,
				})
				require.Equal(t, math.NewInt(share).String(), e.Job(t, id).Settlement.AgentShare.String())
			}
			e.CheckInvariants(t)
		})
	}
}

// Pauses (DESIGN §3.6): the intake pause blocks create and apply only; the
// settlement pause blocks every participant message; neither blocks
// MsgSetPause or MsgUpdateParams. With both on, intake is reported first;
// a pause is checked before the job exists.
func TestPauses(t *testing.T) {
	e := jobsenv.New(t)
	auth := e.Authority.String()
	q := queryServer(e)
	t0 := e.Now()
	due := jobUnderReview(t, e, 10, 3600) // agent1
	due2 := jobUnderReview(t, e, 10, 3600)
	e.SetTime(t0.Add(reviewPeriod + time.Second))
	open := createJob(t, e, "employer", 10, 3600)
	cancelMe := createJob(t, e, "employer", 10, 3600)
	delistMe := createJob(t, e, "employer", 10, 3600)
	inProgress := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent2", inProgress)
	inProgress2 := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent3", inProgress2)
	voting := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent3", voting)
	requestCompletion(t, e, "agent3", voting)
	disputing := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent1", disputing)
	requestCompletion(t, e, "agent1", disputing)
	expiring := createJob(t, e, "employer", 10, 60)
	applyJob(t, e, "agent2", expiring)
	expiring2 := createJob(t, e, "employer", 10, 60)
	applyJob(t, e, "agent3", expiring2)
	e.Advance(61 * time.Second)

	// Intake pause.
	e.MustDeliver(t, &types.MsgSetPause{Authority: auth, Intake: true})
	requireRefused(t, e, createMsg(e, "employer", 10, 3600), types.ErrIntakePaused)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: open}, types.ErrIntakePaused)
	requestCompletion(t, e, "agent2", inProgress)
	approve(t, e, "validator1", voting)
	dispute(t, e, "employer", disputing)
	resolve(t, e, addr(e, "moderator"), disputing, types.DISPUTE_OUTCOME_NO_ACTION)
	finalize(t, e, due)
	e.MustDeliver(t, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: cancelMe})
	e.MustDeliver(t, &types.MsgDelistJob{Authority: auth, JobId: delistMe})
	e.MustDeliver(t, &types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: expiring})
	e.CheckInvariants(t)

	// Settlement pause: every participant message, each of which would
	// succeed otherwise (shown below once the pause lifts).
	e.MustDeliver(t, &types.MsgSetPause{Authority: auth, Settlement: true})
	stats, err := q.Stats(e.Ctx, &types.QueryStatsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.PauseState{Settlement: true}, stats.Pause)
	blocked := []sdk.Msg{
		createMsg(e, "employer", 10, 3600),
		&types.MsgCancelJob{Employer: addr(e, "employer"), JobId: open},
		&types.MsgDelistJob{Authority: auth, JobId: open},
		&types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: open},
		&types.MsgRequestCompletion{Agent: addr(e, "agent3"), JobId: inProgress2, CompletionUri: "ipfs://done"},
		&types.MsgApproveJob{Validator: addr(e, "validator2"), JobId: voting},
		&types.MsgDisapproveJob{Validator: addr(e, "validator3"), JobId: voting},
		&types.MsgDisputeJob{Disputant: addr(e, "agent3"), JobId: voting},
		&types.MsgResolveDispute{Resolver: addr(e, "moderator"), JobId: disputing, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
		&types.MsgResolveDispute{Resolver: auth, JobId: disputing, Outcome: types.DISPUTE_OUTCOME_AGENT_WINS},
		&types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: due2},
		&types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: expiring2},
		&types.MsgExpireJob{Sender: addr(e, "outsider"), JobId: 99}, // before the job lookup
	}
	for _, msg := range blocked {
		requireRefused(t, e, msg, types.ErrSettlementPaused)
	}
	p := types.DefaultParams()
	p.ChallengePeriod = 2 * oneDay
	e.MustDeliver(t, &types.MsgUpdateParams{Authority: auth, Params: p})

	// Both: intake is reported first for create and apply.
	e.MustDeliver(t, &types.MsgSetPause{Authority: auth, Intake: true, Settlement: true})
	requireRefused(t, e, createMsg(e, "employer", 10, 3600), types.ErrIntakePaused)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: open}, types.ErrIntakePaused)
	requireRefused(t, e, &types.MsgRequestCompletion{Agent: addr(e, "agent3"), JobId: inProgress2, CompletionUri: "ipfs://done"},
		types.ErrSettlementPaused)
	requireRefused(t, e, &types.MsgSetPause{Authority: addr(e, "moderator")}, types.ErrUnauthorized)

	e.MustDeliver(t, &types.MsgSetPause{Authority: auth})
	stats, err = q.Stats(e.Ctx, &types.QueryStatsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.PauseState{}, stats.Pause)
	for _, i := range []int{0, 3, 4, 5, 6, 7, 8, 10, 11} { // (cancel, delist and a second resolution would conflict)
		e.MustDeliver(t, blocked[i])
	}
	require.Equal(t, types.JOB_STATUS_IN_PROGRESS, e.Job(t, open).Status)
	require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, disputing).Status)
	require.Equal(t, types.JOB_STATUS_COMPLETED, e.Job(t, due2).Status)
	require.Equal(t, types.JOB_STATUS_EXPIRED, e.Job(t, expiring2).Status)
	e.CheckInvariants(t)
}

// Insufficient funds for the payout or a bond is the SDK's own error.
func TestInsufficientFunds(t *testing.T) {
	e := jobsenv.New(t)
	requireRefused(t, e, createMsg(e, "employer", 2_000_000, 3600), sdkerrors.ErrInsufficientFunds)

	id := createJob(t, e, "employer", 100, 3600)
	drain(t, e, "agent1", math.NewInt(5_001_799)) // the bond is 5,001,800
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: id}, sdkerrors.ErrInsufficientFunds)
	applyJob(t, e, "agent2", id)
	requestCompletion(t, e, "agent2", id)

	drain(t, e, "validator1", math.NewInt(14_999_999)) // the bond is 15 AGI
	requireRefused(t, e, &types.MsgApproveJob{Validator: addr(e, "validator1"), JobId: id}, sdkerrors.ErrInsufficientFunds)
	requireRefused(t, e, &types.MsgDisapproveJob{Validator: addr(e, "validator1"), JobId: id}, sdkerrors.ErrInsufficientFunds)

	drain(t, e, "agent2", math.NewInt(999_999)) // the dispute bond is 1 AGI
	requireRefused(t, e, &types.MsgDisputeJob{Disputant: addr(e, "agent2"), JobId: id}, sdkerrors.ErrInsufficientFunds)
	e.CheckInvariants(t)
}

// Check order (DESIGN §3.9): stateless validation → pause → job exists →
// signer and role (self-dealing, blacklist, authorization) → state →
// timing. MsgResolveDispute checks the moderator role before self-dealing.
func TestCheckOrder(t *testing.T) {
	e := jobsenv.New(t, jobsenv.WithBlacklist("agent3", allowlisttypes.ROLE_AGENT),
		jobsenv.WithBlacklist("moderator2", allowlisttypes.ROLE_MODERATOR))
	auth := e.Authority.String()
	t0 := e.Now()
	inProgress := createJob(t, e, "employer", 10, 3600)
	applyJob(t, e, "agent1", inProgress)
	applyBy := t0.Add(10 * time.Second)
	lapsing := createJobApplyBy(t, e, applyBy)
	reviewed := jobUnderReview(t, e, 10, 3600) // agent1, 2 active
	byModerator := createJob(t, e, "moderator2", 10, 3600)
	applyJob(t, e, "agent1", byModerator) // 3 active
	requestCompletion(t, e, "agent1", byModerator)
	dispute(t, e, "agent1", byModerator)
	gated := createMsg(e, "employer", 10, 3600)
	gated.MinAgentReputation = 1000
	gated.ApplyBy = &applyBy
	gatedID := deliverCreate(t, e, gated)

	// Stateless validation before the pause.
	e.MustDeliver(t, &types.MsgSetPause{Authority: auth, Intake: true, Settlement: true})
	noURI := createMsg(e, "employer", 10, 3600)
	noURI.SpecUri = ""
	requireRefused(t, e, noURI, types.ErrInvalidParams)
	requireRefused(t, e, &types.MsgApplyForJob{Agent: addr(e, "agent1")}, types.ErrInvalidParams)
	requireRefused(t, e, &types.MsgFinalizeJob{Sender: addr(e, "outsider"), JobId: 99}, types.ErrSettlementPaused)
	e.MustDeliver(t, &types.MsgSetPause{Authority: auth})

	e.SetTime(applyBy.Add(time.Second))
	for _, tc := range []struct {
		name string
		msg  sdk.Msg
		want error
	}{
		{"unknown job before the signer", &types.MsgApplyForJob{Agent: addr(e, "outsider"), JobId: 99}, types.ErrJobNotFound},
		{"self-dealing before the role", &types.MsgApplyForJob{Agent: addr(e, "employer"), JobId: inProgress}, types.ErrSelfDealing},
		{"blacklist before the state", &types.MsgApplyForJob{Agent: addr(e, "agent3"), JobId: inProgress}, types.ErrBlacklisted},
		{"role before the state", &types.MsgApplyForJob{Agent: addr(e, "outsider"), JobId: inProgress}, types.ErrUnauthorized},
		{"state before the active-job cap", &types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: inProgress}, types.ErrInvalidState},
		{"active-job cap before timing", &types.MsgApplyForJob{Agent: addr(e, "agent1"), JobId: lapsing}, types.ErrTooManyActiveJobs},
		{"reputation before timing", &types.MsgApplyForJob{Agent: addr(e, "agent2"), JobId: gatedID}, types.ErrInsufficientReputation},
		{"signer before the state", &types.MsgRequestCompletion{Agent: addr(e, "agent2"), JobId: reviewed, CompletionUri: "ipfs://x"}, types.ErrUnauthorized},
		{"self-dealing vote before the role", &types.MsgApproveJob{Validator: addr(e, "agent1"), JobId: reviewed}, types.ErrSelfDealing},
		{"vote role before the state", &types.MsgApproveJob{Validator: addr(e, "outsider"), JobId: inProgress}, types.ErrUnauthorized},
		{"resolver role before the state", &types.MsgResolveDispute{Resolver: addr(e, "validator1"), JobId: reviewed,
			Outcome: types.DISPUTE_OUTCOME_AGENT_WINS}, types.ErrUnauthorized},
		{"resolver blacklist before self-dealing", &types.MsgResolveDispute{Resolver: addr(e, "moderator2"), JobId: byModerator,
			Outcome: types.DISPUTE_OUTCOME_AGENT_WINS}, types.ErrBlacklisted},
		{"resolution needs a dispute", &types.MsgResolveDispute{Resolver: addr(e, "moderator"), JobId: reviewed,
			Outcome: types.DISPUTE_OUTCOME_AGENT_WINS}, types.ErrInvalidState},
	} {
		t.Run(tc.name, func(t *testing.T) { requireRefused(t, e, tc.msg, tc.want) })
	}
	e.CheckInvariants(t)
}

// requireRefusedWithOneOf is requireRefused for a refusal that may carry
// any of several errors.
func requireRefusedWithOneOf(t *testing.T, e *jobsenv.Env, msg sdk.Msg, want ...error) {
	t.Helper()
	balances, store := balanceStrings(e.Balances()), e.JobsStoreDump()
	_, err := e.Deliver(msg)
	require.Errorf(t, err, "%s was accepted", sdk.MsgTypeURL(msg))
	ok := false
	for _, w := range want {
		ok = ok || errors.Is(err, w)
	}
	require.Truef(t, ok, "%s: got %v, want one of %v", sdk.MsgTypeURL(msg), err, want)
	require.Equal(t, balances, balanceStrings(e.Balances()))
	require.Equal(t, store, e.JobsStoreDump())
}

// An all-uppercase bech32 string is a valid encoding of the same address
// (the SDK decodes it, and a transaction carrying it is signed by that
// account's key). Self-dealing must compare addresses, not strings: the
// uppercase form of the employer's or agent's address is still the same
// party. Refusing it as ErrSelfDealing, or refusing non-canonical
// addresses outright (ErrInvalidAddress), are both fine; accepting it is not.
func TestSelfDealingAddressEncoding(t *testing.T) {
	e := jobsenv.New(t)
	upper := func(name string) string { return strings.ToUpper(addr(e, name)) }
	signers, _, err := e.App.AppCodec().GetMsgV1Signers(&types.MsgApplyForJob{Agent: upper("agent2"), JobId: 1})
	require.NoError(t, err)
	require.Equal(t, [][]byte{e.Addr["agent2"]}, signers, "agent2's key signs a message carrying its uppercase address")

	// An agent applies to its own job.
	own := createJob(t, e, "agent2", 10, 3600)
	t.Run("agent applies to its own job", func(t *testing.T) {
		requireRefusedWithOneOf(t, e, &types.MsgApplyForJob{Agent: upper("agent2"), JobId: own}, types.ErrSelfDealing, sdkerrors.ErrInvalidAddress)
	})

	// A validator votes on the job it employs, and on its own work.
	grantRole(t, e, "agent1", allowlisttypes.ROLE_VALIDATOR)
	byValidator := createJob(t, e, "validator1", 10, 3600)
	applyJob(t, e, "agent1", byValidator)
	requestCompletion(t, e, "agent1", byValidator)
	t.Run("validator votes on the job it employs", func(t *testing.T) {
		requireRefusedWithOneOf(t, e, &types.MsgApproveJob{Validator: upper("validator1"), JobId: byValidator},
			types.ErrSelfDealing, sdkerrors.ErrInvalidAddress)
	})
	t.Run("agent votes on its own work", func(t *testing.T) {
		requireRefusedWithOneOf(t, e, &types.MsgApproveJob{Validator: upper("agent1"), JobId: byValidator},
			types.ErrSelfDealing, sdkerrors.ErrInvalidAddress)
	})

	// A moderator resolves the job it employs.
	byModerator := createJob(t, e, "moderator", 10, 3600)
	applyJob(t, e, "agent3", byModerator)
	requestCompletion(t, e, "agent3", byModerator)
	dispute(t, e, "moderator", byModerator)
	t.Run("moderator resolves the job it employs", func(t *testing.T) {
		requireRefusedWithOneOf(t, e, &types.MsgResolveDispute{Resolver: upper("moderator"), JobId: byModerator,
			Outcome: types.DISPUTE_OUTCOME_EMPLOYER_WINS}, types.ErrSelfDealing, sdkerrors.ErrInvalidAddress)
	})
	e.CheckInvariants(t)
}

// The same address in another encoding must not split a party in two: a job
// posted with the uppercase form of the employer's address (if accepted at
// all) belongs to the employer: the Jobs query finds it under the canonical
// address, and the employer may cancel it with its canonical address.
func TestAddressEncodingInJobRecords(t *testing.T) {
	e := jobsenv.New(t)
	msg := createMsg(e, "employer", 10, 3600)
	msg.Employer = strings.ToUpper(msg.Employer)
	res, err := e.Deliver(msg)
	if err != nil {
		require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)
		return
	}
	var created types.MsgCreateJobResponse
	require.NoError(t, e.App.AppCodec().Unmarshal(res.MsgResponses[0].Value, &created))
	id := created.JobId
	assert.Equal(t, addr(e, "employer"), e.Job(t, id).Employer, "stored in canonical form")
	jobs, err := queryServer(e).Jobs(e.Ctx, &types.QueryJobsRequest{Employer: addr(e, "employer")})
	require.NoError(t, err)
	assert.Equal(t, []uint64{id}, jobIDs(jobs.Jobs), "Jobs by the employer's canonical address")
	e.MustDeliver(t, &types.MsgCancelJob{Employer: addr(e, "employer"), JobId: id})
	e.CheckInvariants(t)
}

// The escrow account is a blocked address: nobody can send to it by
// accident, so its balance stays equal to the locked totals.
func TestEscrowAccountBlocked(t *testing.T) {
	e := jobsenv.New(t)
	createJob(t, e, "employer", 10, 3600)
	msg := &banktypes.MsgSend{FromAddress: addr(e, "outsider"), ToAddress: e.App.JobsKeeper.ModuleAddress().String(),
		Amount: sdk.NewCoins(sdk.NewInt64Coin("uagi", 1))}
	requireRefused(t, e, msg, sdkerrors.ErrUnauthorized)
	require.True(t, e.App.BankKeeper.BlockedAddr(e.App.JobsKeeper.ModuleAddress()))
	e.CheckInvariants(t)
}
