package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"cosmossdk.io/x/nft"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/jobs/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

// outcome is how a job settles.
type outcome struct {
	kind types.SettlementKind
	by   types.SettledBy
	// resolver is the moderator or authority of a resolution or delisting.
	resolver string
	// reason is the resolver's reason, for the cancellation event.
	reason string
	// params are the module params when the caller has read them already
	// (the EndBlocker has, once per block); nil reads them if needed.
	params *types.Params
}

// statusAfter maps a settlement kind to the terminal status it leaves.
var statusAfter = map[types.SettlementKind]types.JobStatus{
	types.SETTLEMENT_KIND_AGENT_WON:    types.JOB_STATUS_COMPLETED,
	types.SETTLEMENT_KIND_EMPLOYER_WON: types.JOB_STATUS_REFUNDED,
	types.SETTLEMENT_KIND_EXPIRED:      types.JOB_STATUS_EXPIRED,
	types.SETTLEMENT_KIND_CANCELLED:    types.JOB_STATUS_CANCELLED,
}

// settle settles job once and for all (DESIGN §3.3): it computes every
// amount, pays each party from the escrow account, records reputation for an
// assigned job, mints the certificate on an agent win, stores the Settlement
// and emits the events. votes are the job's votes in vote order.
func (k Keeper) settle(ctx context.Context, job types.Job, votes []types.Vote, out outcome) (types.Job, error) {
	if job.Status.IsTerminal() {
		return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d is already settled (%s)", job.Id, job.Status)
	}
	s, err := types.ComputeSettlement(job, votes, out.kind)
	if err != nil {
		return job, err
	}
	now := blockTime(ctx)
	s.SettledAt = now
	s.SettledBy = out.by
	s.Resolver = out.resolver

	denom := s.Denom
	payments := make([]payment, 0, 2+len(s.Validators))
	payments = append(payments, payment{job.Agent, s.AgentTotal}, payment{job.Employer, s.EmployerTotal})
	for _, v := range s.Validators {
		payments = append(payments, payment{v.Validator, v.BondReturned.Add(v.Reward)})
	}
	if err := k.payAll(ctx, denom, payments); err != nil {
		return job, err
	}
	if s.CommunityPool.IsPositive() {
		if err := k.distrKeeper.FundCommunityPool(ctx, sdk.NewCoins(sdk.NewCoin(denom, s.CommunityPool)), k.moduleAddress); err != nil {
			return job, err
		}
	}

	if job.Agent != "" {
		if err := k.recordReputation(ctx, job, &s); err != nil {
			return job, err
		}
	}

	old := job
	job.Status = statusAfter[out.kind]
	job.Settlement = &s
	var certURI string
	if out.kind == types.SETTLEMENT_KIND_AGENT_WON {
		if certURI, err = k.mintCertificate(ctx, out.params, job, votes, s); err != nil {
			return job, err
		}
		job.CertificateId = types.CertificateNFTID(job.Id)
	}
	if err := k.saveJob(ctx, &old, job); err != nil {
		return job, err
	}
	if err := k.emitSettlement(ctx, job, out); err != nil {
		return job, err
	}
	if job.CertificateId != "" {
		return job, emit(ctx, &types.EventCertificateIssued{
			JobId: job.Id, ClassId: types.CertificateClassID, NftId: job.CertificateId, Owner: job.Employer, Uri: certURI,
		})
	}
	return job, nil
}

// recordReputation reports the settlement of an assigned job to
// x/reputation and notes the points in the Settlement (DESIGN §4).
func (k Keeper) recordReputation(ctx context.Context, job types.Job, s *types.Settlement) error {
	var kind reputationtypes.SettlementKind
	switch s.Kind {
	case types.SETTLEMENT_KIND_AGENT_WON:
		kind = reputationtypes.SettlementKindAgentWon
	case types.SETTLEMENT_KIND_EMPLOYER_WON:
		kind = reputationtypes.SettlementKindEmployerWon
	case types.SETTLEMENT_KIND_EXPIRED:
		kind = reputationtypes.SettlementKindExpired
	default:
		return nil
	}
	var completion uint64
	if job.CompletionRequestedAt != nil && job.AssignedAt != nil && job.CompletionRequestedAt.After(*job.AssignedAt) {
		completion = uint64(job.CompletionRequestedAt.Sub(*job.AssignedAt).Seconds())
	}
	facts := reputationtypes.SettlementFacts{
		JobID:              job.Id,
		Agent:              job.Agent,
		Payout:             job.Payout.Amount,
		AgentPaid:          s.AgentShare,
		DurationSeconds:    job.DurationSeconds,
		CompletionSeconds:  completion,
		Kind:               kind,
		EarnsReputation:    s.SettledBy != types.SETTLED_BY_NO_VOTES,
		ValidatorRewardPct: job.Terms.ValidatorRewardPct,
	}
	anyCorrect := false
	for _, v := range s.Validators {
		facts.Validators = append(facts.Validators, reputationtypes.ValidatorFacts{
			Address: v.Validator, Approved: v.Approved, Reward: v.Reward, Slashed: v.Slashed,
		})
		anyCorrect = anyCorrect || v.Correct
	}
	points, err := k.reputation.RecordSettlement(ctx, facts)
	if err != nil {
		return err
	}
	s.AgentReputation = points
	if anyCorrect {
		vp, err := k.reputation.ValidatorPoints(ctx, job.Payout.Amount, job.DurationSeconds, completion, job.Terms.ValidatorRewardPct)
		if err != nil {
			return err
		}
		s.ValidatorReputation = vp
	}
	return nil
}

// mintCertificate mints NFT job-<id> of class agijobs to the employer, with
// the JobCertificate as its data (DESIGN §3.7), and returns its URI. params
// are the module params if the caller has read them, else nil.
func (k Keeper) mintCertificate(ctx context.Context, params *types.Params, job types.Job, votes []types.Vote, s types.Settlement) (string, error) {
	if params == nil {
		p, err := k.Params.Get(ctx)
		if err != nil {
			return "", err
		}
		params = &p
	}
	cert := types.JobCertificate{
		JobId:               job.Id,
		SpecUri:             job.SpecUri,
		SpecHash:            job.SpecHash,
		CompletionUri:       job.CompletionUri,
		CompletionHash:      job.CompletionHash,
		Employer:            job.Employer,
		Agent:               job.Agent,
		ApprovingValidators: []string{},
		Payout:              job.Payout,
		CreatedAt:           job.CreatedAt,
		CompletedAt:         s.SettledAt,
		ReputationAwarded:   s.AgentReputation,
	}
	if job.AssignedAt != nil {
		cert.AssignedAt = *job.AssignedAt
	}
	for _, v := range votes {
		if v.Approve {
			cert.ApprovingValidators = append(cert.ApprovingValidators, v.Validator)
		}
	}
	data, err := codectypes.NewAnyWithValue(&cert)
	if err != nil {
		return "", err
	}
	employer, err := k.addressCodec.StringToBytes(job.Employer)
	if err != nil {
		return "", err
	}
	uri := types.CertificateURI(params.CertificateBaseUri, job.CompletionUri)
	return uri, k.nftKeeper.Mint(ctx, nft.NFT{
		ClassId: types.CertificateClassID,
		Id:      types.CertificateNFTID(job.Id),
		Uri:     uri,
		UriHash: job.CompletionHash,
		Data:    data,
	}, employer)
}

// emitSettlement emits one EventValidatorSettled per voter, then the job's
// settlement event.
func (k Keeper) emitSettlement(ctx context.Context, job types.Job, out outcome) error {
	s := *job.Settlement
	for _, v := range s.Validators {
		rep := uint64(0)
		if v.Correct {
			rep = s.ValidatorReputation
		}
		if err := emit(ctx, &types.EventValidatorSettled{JobId: job.Id, Result: v, Denom: s.Denom, Reputation: rep}); err != nil {
			return err
		}
	}
	switch out.kind {
	case types.SETTLEMENT_KIND_AGENT_WON:
		return emit(ctx, &types.EventJobCompleted{JobId: job.Id, Employer: job.Employer, Agent: job.Agent, Settlement: s})
	case types.SETTLEMENT_KIND_EMPLOYER_WON:
		return emit(ctx, &types.EventJobRefunded{JobId: job.Id, Employer: job.Employer, Agent: job.Agent, Settlement: s})
	case types.SETTLEMENT_KIND_EXPIRED:
		return emit(ctx, &types.EventJobExpired{JobId: job.Id, Employer: job.Employer, Agent: job.Agent, Settlement: s})
	default:
		return emit(ctx, &types.EventJobCancelled{JobId: job.Id, Employer: job.Employer, Reason: out.reason, Settlement: s})
	}
}

// finalize applies the review and challenge rules (DESIGN §3.4, §3.9) to a
// job under review. A job that is not due is ErrInvalidState and unchanged.
// params are the module params if the caller has read them, else nil.
//
//   - APPROVED: nothing until the challenge period has passed; then the agent
//     wins if approvals still lead, else the review-end rule applies.
//   - The review-end rule, once the review period has passed: no votes, the
//     agent wins without reputation; fewer than vote_quorum votes or a tie,
//     the job is disputed (no bond); otherwise the majority wins.
func (k Keeper) finalize(ctx context.Context, params *types.Params, job types.Job) (types.Job, error) {
	if err := requireStatus(job, "finalize", types.JOB_STATUS_COMPLETION_REQUESTED, types.JOB_STATUS_APPROVED); err != nil {
		return job, err
	}
	now := blockTime(ctx)
	if job.Status == types.JOB_STATUS_APPROVED {
		if !now.After(job.ChallengeEnd()) {
			return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d: the challenge period runs until %s (block time %s)",
				job.Id, formatTime(job.ChallengeEnd()), formatTime(now))
		}
		if job.Approvals > job.Disapprovals {
			return k.settleByVotes(ctx, job, outcome{kind: types.SETTLEMENT_KIND_AGENT_WON, by: types.SETTLED_BY_VOTES, params: params})
		}
	}
	if !now.After(job.ReviewEnd()) {
		return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d: the review period runs until %s (block time %s)",
			job.Id, formatTime(job.ReviewEnd()), formatTime(now))
	}
	total := job.Approvals + job.Disapprovals
	switch {
	case total == 0:
		return k.settleByVotes(ctx, job, outcome{kind: types.SETTLEMENT_KIND_AGENT_WON, by: types.SETTLED_BY_NO_VOTES, params: params})
	case total < job.Terms.VoteQuorum || job.Approvals == job.Disapprovals:
		return k.forceDispute(ctx, job, causeReviewEnd)
	case job.Approvals > job.Disapprovals:
		return k.settleByVotes(ctx, job, outcome{kind: types.SETTLEMENT_KIND_AGENT_WON, by: types.SETTLED_BY_VOTES, params: params})
	default:
		return k.settleByVotes(ctx, job, outcome{kind: types.SETTLEMENT_KIND_EMPLOYER_WON, by: types.SETTLED_BY_VOTES, params: params})
	}
}

func (k Keeper) settleByVotes(ctx context.Context, job types.Job, out outcome) (types.Job, error) {
	votes, err := k.jobVotes(ctx, job.Id)
	if err != nil {
		return job, err
	}
	return k.settle(ctx, job, votes, out)
}

// forceDispute disputes a job without a bond (review-end rule).
func (k Keeper) forceDispute(ctx context.Context, job types.Job, cause string) (types.Job, error) {
	old := job
	now := blockTime(ctx)
	job.Status = types.JOB_STATUS_DISPUTED
	job.DisputedAt = &now
	if err := k.saveJob(ctx, &old, job); err != nil {
		return job, err
	}
	return job, emit(ctx, &types.EventJobDisputed{
		JobId: job.Id, DisputeBond: sdk.NewCoin(job.Payout.Denom, math.ZeroInt()), Cause: cause,
	})
}

// expire settles an IN_PROGRESS job past its deadline (the employer gets the
// payout and the agent bond), or cancels an OPEN job past its apply_by. A job
// that is not due is ErrInvalidState and unchanged. params are the module
// params if the caller has read them, else nil.
func (k Keeper) expire(ctx context.Context, params *types.Params, job types.Job) (types.Job, error) {
	now := blockTime(ctx)
	switch job.Status {
	case types.JOB_STATUS_IN_PROGRESS:
		if !now.After(job.AssignmentDeadline()) {
			return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d: the agent has until %s to request completion (block time %s)",
				job.Id, formatTime(job.AssignmentDeadline()), formatTime(now))
		}
		return k.settle(ctx, job, nil, outcome{kind: types.SETTLEMENT_KIND_EXPIRED, by: types.SETTLED_BY_EXPIRY, params: params})
	case types.JOB_STATUS_OPEN:
		if job.ApplyBy == nil {
			return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d is OPEN without an apply_by, so it never expires; its employer may cancel it", job.Id)
		}
		if !now.After(*job.ApplyBy) {
			return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d: applications are open until %s (block time %s)",
				job.Id, formatTime(*job.ApplyBy), formatTime(now))
		}
		return k.settle(ctx, job, nil, outcome{kind: types.SETTLEMENT_KIND_CANCELLED, by: types.SETTLED_BY_APPLY_BY, params: params})
	}
	return job, errorsmod.Wrapf(types.ErrInvalidState, "job %d is %s; expiry needs %s or an OPEN job with an apply_by",
		job.Id, job.Status, types.JOB_STATUS_IN_PROGRESS)
}
