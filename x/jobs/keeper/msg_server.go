package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/jobs/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/jobs Msg service. Every handler checks in
// the order of DESIGN §3.9: fields, pauses, the job, the signer and its role,
// the job's state, timing; then it moves coins and writes. A failed message
// changes nothing (the transaction's writes are dropped).
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// CreateJob escrows the payout and stores an OPEN job with its terms.
func (m msgServer) CreateJob(ctx context.Context, msg *types.MsgCreateJob) (*types.MsgCreateJobResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	employer, err := m.canonicalSigner("employer", &msg.Employer)
	if err != nil {
		return nil, err
	}
	if err := m.checkPause(ctx, true); err != nil {
		return nil, err
	}
	// The checks against the parameters in force come after the pauses
	// (DESIGN §3.9: stateless validation, then the pauses).
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	switch {
	case msg.Payout.Denom != params.PaymentDenom:
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "payout must be in %s, got %s", params.PaymentDenom, msg.Payout)
	case msg.Payout.Amount.GT(params.MaxJobPayout):
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "payout %s exceeds max_job_payout %s%s", msg.Payout, params.MaxJobPayout, params.PaymentDenom)
	case msg.DurationSeconds > uint64(params.MaxJobDuration/time.Second):
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "duration_seconds %d exceeds max_job_duration %d",
			msg.DurationSeconds, uint64(params.MaxJobDuration/time.Second))
	case msg.ApplyBy != nil && !msg.ApplyBy.After(now):
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "apply_by %s must be later than the block time %s",
			formatTime(*msg.ApplyBy), formatTime(now))
	}
	if err := m.lock(ctx, employer, msg.Payout.Denom, msg.Payout.Amount); err != nil {
		return nil, err
	}
	id, err := m.NextJobID.Next(ctx)
	if err != nil {
		return nil, err
	}
	terms := types.TermsFromParams(params)
	var applyBy *time.Time
	if msg.ApplyBy != nil {
		t := msg.ApplyBy.UTC()
		applyBy = &t
	}
	job := types.Job{
		Id:                 id,
		Employer:           msg.Employer,
		SpecUri:            msg.SpecUri,
		SpecHash:           msg.SpecHash,
		Payout:             msg.Payout,
		DurationSeconds:    msg.DurationSeconds,
		ApplyBy:            applyBy,
		MinAgentReputation: msg.MinAgentReputation,
		Status:             types.JOB_STATUS_OPEN,
		Terms:              terms,
		CreatedAt:          now,
		AgentBond:          math.ZeroInt(),
		ValidatorBond:      terms.ValidatorBond(msg.Payout.Amount),
		DisputeBond:        math.ZeroInt(),
	}
	if err := m.saveJob(ctx, nil, job); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventJobCreated{
		JobId:              id,
		Employer:           msg.Employer,
		Payout:             msg.Payout,
		DurationSeconds:    msg.DurationSeconds,
		SpecUri:            msg.SpecUri,
		SpecHash:           msg.SpecHash,
		Details:            msg.Details,
		ApplyBy:            applyBy,
		MinAgentReputation: msg.MinAgentReputation,
	}); err != nil {
		return nil, err
	}
	return &types.MsgCreateJobResponse{JobId: id}, nil
}

// CancelJob refunds an OPEN job to its employer.
func (m msgServer) CancelJob(ctx context.Context, msg *types.MsgCancelJob) (*types.MsgCancelJobResponse, error) {
	_, job, err := m.begin(ctx, msg, "employer", &msg.Employer, false, msg.JobId)
	if err != nil {
		return nil, err
	}
	if msg.Employer != job.Employer {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "only job %d's employer %s may cancel it; %s is not", job.Id, job.Employer, msg.Employer)
	}
	if err := requireStatus(job, "cancel", types.JOB_STATUS_OPEN); err != nil {
		return nil, err
	}
	if _, err := m.settle(ctx, job, nil, outcome{kind: types.SETTLEMENT_KIND_CANCELLED, by: types.SETTLED_BY_EMPLOYER}); err != nil {
		return nil, err
	}
	return &types.MsgCancelJobResponse{}, nil
}

// DelistJob refunds an OPEN job to its employer by governance.
func (m msgServer) DelistJob(ctx context.Context, msg *types.MsgDelistJob) (*types.MsgDelistJobResponse, error) {
	_, job, err := m.begin(ctx, msg, "authority", &msg.Authority, false, msg.JobId)
	if err != nil {
		return nil, err
	}
	if err := m.requireAuthority(msg.Authority, "delist a job"); err != nil {
		return nil, err
	}
	if err := requireStatus(job, "delist", types.JOB_STATUS_OPEN); err != nil {
		return nil, err
	}
	if _, err := m.settle(ctx, job, nil, outcome{
		kind: types.SETTLEMENT_KIND_CANCELLED, by: types.SETTLED_BY_DELIST, resolver: msg.Authority, reason: msg.Reason,
	}); err != nil {
		return nil, err
	}
	return &types.MsgDelistJobResponse{}, nil
}

// ApplyForJob assigns an OPEN job to the signer and locks its bond.
func (m msgServer) ApplyForJob(ctx context.Context, msg *types.MsgApplyForJob) (*types.MsgApplyForJobResponse, error) {
	agent, job, err := m.begin(ctx, msg, "agent", &msg.Agent, true, msg.JobId)
	if err != nil {
		return nil, err
	}
	if msg.Agent == job.Employer {
		return nil, errorsmod.Wrapf(types.ErrSelfDealing, "%s is job %d's employer and may not be its agent", msg.Agent, job.Id)
	}
	if err := m.checkRole(ctx, agent, msg.Agent, allowlisttypes.ROLE_AGENT); err != nil {
		return nil, err
	}
	if err := requireStatus(job, "apply", types.JOB_STATUS_OPEN); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	active, err := m.ActiveJobs.Get(ctx, agent)
	if err != nil && !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}
	if active >= uint64(params.MaxActiveJobsPerAgent) {
		return nil, errorsmod.Wrapf(types.ErrTooManyActiveJobs, "%s already holds %d active jobs (max_active_jobs_per_agent %d)",
			msg.Agent, active, params.MaxActiveJobsPerAgent)
	}
	score, err := m.reputation.GetScore(ctx, agent, allowlisttypes.ROLE_AGENT)
	if err != nil {
		return nil, err
	}
	if score < job.MinAgentReputation {
		return nil, errorsmod.Wrapf(types.ErrInsufficientReputation, "job %d needs agent reputation %d; %s has %d",
			job.Id, job.MinAgentReputation, msg.Agent, score)
	}
	payoutPct := m.agentPayoutPct(ctx, job.Terms, agent)
	if payoutPct == 0 {
		return nil, errorsmod.Wrapf(types.ErrIneligiblePayout, "%s holds no NFT of an agent tier of job %d and its default payout is 0 %%", msg.Agent, job.Id)
	}
	if job.ApplyBy != nil {
		if err := requireOpenWindow(ctx, job, "applications", *job.ApplyBy); err != nil {
			return nil, err
		}
	}

	bond := job.Terms.AgentBond(job.Payout.Amount, job.DurationSeconds)
	if err := m.lock(ctx, agent, job.Payout.Denom, bond); err != nil {
		return nil, err
	}
	old := job
	now := blockTime(ctx)
	job.Status = types.JOB_STATUS_IN_PROGRESS
	job.Agent = msg.Agent
	job.AssignedAt = &now
	job.AgentPayoutPct = payoutPct
	job.AgentBond = bond
	if err := m.assignJob(ctx, old, job, active); err != nil {
		return nil, err
	}
	bondCoin := sdk.NewCoin(job.Payout.Denom, bond)
	if err := emit(ctx, &types.EventJobApplied{
		JobId: job.Id, Agent: msg.Agent, AgentBond: bondCoin, AgentPayoutPct: payoutPct, Deadline: job.AssignmentDeadline(),
	}); err != nil {
		return nil, err
	}
	return &types.MsgApplyForJobResponse{AgentBond: bondCoin, AgentPayoutPct: payoutPct}, nil
}

// agentPayoutPct is the larger of the default payout and the highest tier
// whose NFT class the agent holds a token of (DESIGN §3.3).
func (k Keeper) agentPayoutPct(ctx context.Context, terms types.JobTerms, agent sdk.AccAddress) uint32 {
	best := terms.DefaultAgentPayoutPct
	for _, t := range terms.AgentTiers {
		if t.PayoutPct > best && k.nftKeeper.GetBalance(ctx, t.NftClassId, agent) > 0 {
			best = t.PayoutPct
		}
	}
	return best
}

// RequestCompletion records the delivered work and starts the review.
func (m msgServer) RequestCompletion(ctx context.Context, msg *types.MsgRequestCompletion) (*types.MsgRequestCompletionResponse, error) {
	_, job, err := m.begin(ctx, msg, "agent", &msg.Agent, false, msg.JobId)
	if err != nil {
		return nil, err
	}
	if msg.Agent != job.Agent {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "only job %d's assigned agent may request completion; %s is not it", job.Id, msg.Agent)
	}
	if err := requireStatus(job, "a completion request", types.JOB_STATUS_IN_PROGRESS); err != nil {
		return nil, err
	}
	if err := requireOpenWindow(ctx, job, "the completion deadline", job.AssignmentDeadline()); err != nil {
		return nil, err
	}
	old := job
	now := blockTime(ctx)
	job.Status = types.JOB_STATUS_COMPLETION_REQUESTED
	job.CompletionUri = msg.CompletionUri
	job.CompletionHash = msg.CompletionHash
	job.CompletionRequestedAt = &now
	if err := m.saveJob(ctx, &old, job); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventCompletionRequested{
		JobId: job.Id, Agent: msg.Agent, CompletionUri: msg.CompletionUri, CompletionHash: msg.CompletionHash,
		ReviewEndsAt: job.ReviewEnd(),
	}); err != nil {
		return nil, err
	}
	return &types.MsgRequestCompletionResponse{}, nil
}

// ApproveJob records an approval.
func (m msgServer) ApproveJob(ctx context.Context, msg *types.MsgApproveJob) (*types.MsgApproveJobResponse, error) {
	bond, err := m.vote(ctx, msg, &msg.Validator, msg.JobId, true)
	if err != nil {
		return nil, err
	}
	return &types.MsgApproveJobResponse{Bond: bond}, nil
}

// DisapproveJob records a disapproval.
func (m msgServer) DisapproveJob(ctx context.Context, msg *types.MsgDisapproveJob) (*types.MsgDisapproveJobResponse, error) {
	bond, err := m.vote(ctx, msg, &msg.Validator, msg.JobId, false)
	if err != nil {
		return nil, err
	}
	return &types.MsgDisapproveJobResponse{Bond: bond}, nil
}

// vote is the shared body of ApproveJob and DisapproveJob (DESIGN §3.4).
func (k Keeper) vote(ctx context.Context, msg sdk.HasValidateBasic, signer *string, jobID uint64, approve bool) (sdk.Coin, error) {
	validator, job, err := k.begin(ctx, msg, "validator", signer, false, jobID)
	if err != nil {
		return sdk.Coin{}, err
	}
	validatorStr := *signer
	if validatorStr == job.Employer || validatorStr == job.Agent {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrSelfDealing, "%s is a party to job %d and may not vote on it", validatorStr, job.Id)
	}
	if err := k.checkRole(ctx, validator, validatorStr, allowlisttypes.ROLE_VALIDATOR); err != nil {
		return sdk.Coin{}, err
	}
	if err := requireStatus(job, "a vote", types.JOB_STATUS_COMPLETION_REQUESTED, types.JOB_STATUS_APPROVED); err != nil {
		return sdk.Coin{}, err
	}
	key := collections.Join(jobID, validator)
	voted, err := k.Votes.Has(ctx, key)
	if err != nil {
		return sdk.Coin{}, err
	}
	if voted {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidState, "%s has already voted on job %d", validatorStr, job.Id)
	}
	cast := job.Approvals + job.Disapprovals
	if cast >= job.Terms.MaxValidatorsPerJob {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrValidatorLimit, "job %d already has %d votes (max_validators_per_job %d)",
			job.Id, cast, job.Terms.MaxValidatorsPerJob)
	}
	if err := requireOpenWindow(ctx, job, "the review period", job.ReviewEnd()); err != nil {
		return sdk.Coin{}, err
	}

	if err := k.lock(ctx, validator, job.Payout.Denom, job.ValidatorBond); err != nil {
		return sdk.Coin{}, err
	}
	now := blockTime(ctx)
	if err := k.Votes.Set(ctx, key, types.Vote{
		JobId: jobID, Validator: validatorStr, Approve: approve, Bond: job.ValidatorBond, CastAt: now, Order: cast + 1,
	}); err != nil {
		return sdk.Coin{}, err
	}
	old := job
	approved, disputed := false, false
	if approve {
		job.Approvals++
		if job.Status == types.JOB_STATUS_COMPLETION_REQUESTED && job.Terms.RequiredApprovals > 0 &&
			job.Approvals >= job.Terms.RequiredApprovals {
			job.Status = types.JOB_STATUS_APPROVED
			job.ApprovedAt = &now
			approved = true
		}
	} else {
		job.Disapprovals++
		if job.Terms.RequiredDisapprovals > 0 && job.Disapprovals >= job.Terms.RequiredDisapprovals {
			// Enough disapprovals dispute the job at once, without a bond.
			job.Status = types.JOB_STATUS_DISPUTED
			job.DisputedAt = &now
			disputed = true
		}
	}
	if err := k.saveJob(ctx, &old, job); err != nil {
		return sdk.Coin{}, err
	}
	bond := sdk.NewCoin(job.Payout.Denom, job.ValidatorBond)
	if err := emit(ctx, &types.EventJobVoted{
		JobId: jobID, Validator: validatorStr, Approve: approve, Bond: bond, Approvals: job.Approvals, Disapprovals: job.Disapprovals,
	}); err != nil {
		return sdk.Coin{}, err
	}
	if approved {
		if err := emit(ctx, &types.EventJobApproved{JobId: jobID, Approvals: job.Approvals, ChallengeEndsAt: job.ChallengeEnd()}); err != nil {
			return sdk.Coin{}, err
		}
	}
	if disputed {
		if err := emit(ctx, &types.EventJobDisputed{
			JobId: jobID, DisputeBond: sdk.NewCoin(job.Payout.Denom, math.ZeroInt()), Cause: causeDisapprovals,
		}); err != nil {
			return sdk.Coin{}, err
		}
	}
	return bond, nil
}

// Causes of a dispute, as EventJobDisputed names them.
const (
	causeDisputant    = "disputant"
	causeDisapprovals = "disapprovals"
	causeReviewEnd    = "review_end"
)

// DisputeJob disputes a job under review and locks the dispute bond.
func (m msgServer) DisputeJob(ctx context.Context, msg *types.MsgDisputeJob) (*types.MsgDisputeJobResponse, error) {
	disputant, job, err := m.begin(ctx, msg, "disputant", &msg.Disputant, false, msg.JobId)
	if err != nil {
		return nil, err
	}
	if msg.Disputant != job.Employer && msg.Disputant != job.Agent {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "only job %d's employer or agent may dispute it; %s is neither", job.Id, msg.Disputant)
	}
	if err := requireStatus(job, "a dispute", types.JOB_STATUS_COMPLETION_REQUESTED, types.JOB_STATUS_APPROVED); err != nil {
		return nil, err
	}
	if err := requireOpenWindow(ctx, job, "the review period", job.ReviewEnd()); err != nil {
		return nil, err
	}
	bond := job.Terms.DisputeBond(job.Payout.Amount)
	if err := m.lock(ctx, disputant, job.Payout.Denom, bond); err != nil {
		return nil, err
	}
	old := job
	now := blockTime(ctx)
	job.Status = types.JOB_STATUS_DISPUTED
	job.DisputedAt = &now
	job.DisputeInitiator = msg.Disputant
	job.DisputeBond = bond
	if err := m.saveJob(ctx, &old, job); err != nil {
		return nil, err
	}
	bondCoin := sdk.NewCoin(job.Payout.Denom, bond)
	if err := emit(ctx, &types.EventJobDisputed{
		JobId: job.Id, Disputant: msg.Disputant, DisputeBond: bondCoin, Reason: msg.Reason, Cause: causeDisputant,
	}); err != nil {
		return nil, err
	}
	return &types.MsgDisputeJobResponse{DisputeBond: bondCoin}, nil
}

// ResolveDispute decides a DISPUTED job (moderator or authority).
func (m msgServer) ResolveDispute(ctx context.Context, msg *types.MsgResolveDispute) (*types.MsgResolveDisputeResponse, error) {
	resolver, job, err := m.begin(ctx, msg, "resolver", &msg.Resolver, false, msg.JobId)
	if err != nil {
		return nil, err
	}
	byGov := m.isAuthority(msg.Resolver)
	if !byGov {
		if err := m.checkRole(ctx, resolver, msg.Resolver, allowlisttypes.ROLE_MODERATOR); err != nil {
			return nil, err
		}
		voted, err := m.Votes.Has(ctx, collections.Join(job.Id, resolver))
		if err != nil {
			return nil, err
		}
		if msg.Resolver == job.Employer || msg.Resolver == job.Agent || voted {
			return nil, errorsmod.Wrapf(types.ErrSelfDealing, "%s is a party to job %d and may not resolve its dispute", msg.Resolver, job.Id)
		}
	}
	if err := requireStatus(job, "a resolution", types.JOB_STATUS_DISPUTED); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventDisputeResolved{
		JobId: job.Id, Resolver: msg.Resolver, Outcome: msg.Outcome, Reason: msg.Reason, ByGovernance: byGov,
	}); err != nil {
		return nil, err
	}
	if msg.Outcome == types.DISPUTE_OUTCOME_NO_ACTION {
		// The job stays disputed and its stale clock keeps running.
		return &types.MsgResolveDisputeResponse{Status: job.Status}, nil
	}
	out := outcome{kind: types.SETTLEMENT_KIND_AGENT_WON, by: types.SETTLED_BY_MODERATOR, resolver: msg.Resolver, reason: msg.Reason}
	if msg.Outcome == types.DISPUTE_OUTCOME_EMPLOYER_WINS {
		out.kind = types.SETTLEMENT_KIND_EMPLOYER_WON
	}
	if byGov {
		out.by = types.SETTLED_BY_GOVERNANCE
	}
	votes, err := m.jobVotes(ctx, job.Id)
	if err != nil {
		return nil, err
	}
	settled, err := m.settle(ctx, job, votes, out)
	if err != nil {
		return nil, err
	}
	return &types.MsgResolveDisputeResponse{Status: settled.Status}, nil
}

// FinalizeJob applies the review or challenge outcome of a job that is due.
func (m msgServer) FinalizeJob(ctx context.Context, msg *types.MsgFinalizeJob) (*types.MsgFinalizeJobResponse, error) {
	status, err := m.settleDue(ctx, msg, msg.JobId, m.finalize)
	if err != nil {
		return nil, err
	}
	return &types.MsgFinalizeJobResponse{Status: status}, nil
}

// ExpireJob settles an assigned job past its deadline, or cancels an open job
// past its apply_by.
func (m msgServer) ExpireJob(ctx context.Context, msg *types.MsgExpireJob) (*types.MsgExpireJobResponse, error) {
	status, err := m.settleDue(ctx, msg, msg.JobId, m.expire)
	if err != nil {
		return nil, err
	}
	return &types.MsgExpireJobResponse{Status: status}, nil
}

// settleDue is the shared body of the messages anyone may send to settle a
// job that is due, as the EndBlocker would: fields, the settlement pause, the
// job, then act, which refuses a job that is not due with ErrInvalidState.
func (m msgServer) settleDue(ctx context.Context, msg sdk.HasValidateBasic, jobID uint64,
	act func(context.Context, *types.Params, types.Job) (types.Job, error),
) (types.JobStatus, error) {
	if err := msg.ValidateBasic(); err != nil {
		return 0, err
	}
	if err := m.checkPause(ctx, false); err != nil {
		return 0, err
	}
	job, err := m.getJob(ctx, jobID)
	if err != nil {
		return 0, err
	}
	if job, err = act(ctx, nil, job); err != nil {
		return 0, err
	}
	return job.Status, nil
}

// SetPause sets both pause switches (authority only; never paused itself).
func (m msgServer) SetPause(ctx context.Context, msg *types.MsgSetPause) (*types.MsgSetPauseResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if _, err := m.canonicalSigner("authority", &msg.Authority); err != nil {
		return nil, err
	}
	if err := m.requireAuthority(msg.Authority, "set the pauses"); err != nil {
		return nil, err
	}
	if err := m.Pause.Set(ctx, types.PauseState{Intake: msg.Intake, Settlement: msg.Settlement}); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventPauseSet{Authority: msg.Authority, Intake: msg.Intake, Settlement: msg.Settlement}); err != nil {
		return nil, err
	}
	return &types.MsgSetPauseResponse{}, nil
}

// UpdateParams replaces every parameter; only the authority may send it. Jobs
// in flight keep their terms.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if _, err := m.addressCodec.StringToBytes(msg.Authority); err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "authority %q: %s", msg.Authority, err)
	}
	if err := m.requireAuthority(msg.Authority, "update params"); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidParams, err.Error())
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// begin runs the checks every message on an existing job starts with, in the
// order of DESIGN §3.9: the message's fields, its signer (made canonical in
// place), the pauses (intake first for intake messages), then the job.
func (k Keeper) begin(ctx context.Context, msg sdk.HasValidateBasic, field string, signer *string, intake bool, jobID uint64,
) (sdk.AccAddress, types.Job, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, types.Job{}, err
	}
	addr, err := k.canonicalSigner(field, signer)
	if err != nil {
		return nil, types.Job{}, err
	}
	if err := k.checkPause(ctx, intake); err != nil {
		return nil, types.Job{}, err
	}
	job, err := k.getJob(ctx, jobID)
	return addr, job, err
}
