package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the default genesis state: default params, no jobs.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextJobId: 1}
}

// Validate checks the genesis state: valid params; jobs in strictly
// increasing id order below next_job_id, each well formed; votes on known
// jobs, one per validator, numbered 1..n in order and matching the job's
// counts. Balances are checked against the bank at InitGenesis.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	byID := make(map[uint64]*Job, len(gs.Jobs))
	var last uint64
	for i := range gs.Jobs {
		j := &gs.Jobs[i]
		if j.Id <= last {
			return errorsmod.Wrapf(ErrInvalidGenesis, "jobs[%d]: id %d is not above the previous id %d", i, j.Id, last)
		}
		if j.Id >= gs.FirstFreeID() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "jobs[%d]: id %d is not below next_job_id %d", i, j.Id, gs.FirstFreeID())
		}
		last = j.Id
		if err := j.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "jobs[%d] (id %d): %s", i, j.Id, err)
		}
		byID[j.Id] = j
	}
	type tally struct{ approvals, disapprovals, next uint32 }
	tallies := make(map[uint64]*tally, len(byID))
	seen := make(map[string]bool, len(gs.Votes))
	for i, v := range gs.Votes {
		j, ok := byID[v.JobId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "votes[%d]: job %d does not exist", i, v.JobId)
		}
		addr, err := sdk.AccAddressFromBech32(v.Validator)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "votes[%d]: validator %q: %s", i, v.Validator, err)
		}
		key := string(sdk.Uint64ToBigEndian(v.JobId)) + string(addr)
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "votes[%d]: %s voted twice on job %d", i, v.Validator, v.JobId)
		}
		seen[key] = true
		t := tallies[v.JobId]
		if t == nil {
			t = &tally{}
			tallies[v.JobId] = t
		}
		t.next++
		if v.Order != t.next {
			return errorsmod.Wrapf(ErrInvalidGenesis, "votes[%d]: vote order %d on job %d, want %d", i, v.Order, v.JobId, t.next)
		}
		if v.Approve {
			t.approvals++
		} else {
			t.disapprovals++
		}
		if !v.Bond.Equal(j.ValidatorBond) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "votes[%d]: bond %s differs from job %d's validator bond %s", i, v.Bond, v.JobId, j.ValidatorBond)
		}
	}
	for id, j := range byID {
		t := tallies[id]
		if t == nil {
			t = &tally{}
		}
		if t.approvals != j.Approvals || t.disapprovals != j.Disapprovals {
			return errorsmod.Wrapf(ErrInvalidGenesis, "job %d counts %d/%d votes but genesis holds %d/%d",
				id, j.Approvals, j.Disapprovals, t.approvals, t.disapprovals)
		}
	}
	return nil
}

// FirstFreeID is next_job_id, where 0 (unset) means 1: ids start at 1.
func (gs GenesisState) FirstFreeID() uint64 { return max(gs.NextJobId, 1) }

// validate checks what a job must satisfy whatever its history.
func (j Job) validate() error {
	if j.Id == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "id must be positive")
	}
	if _, ok := JobStatus_name[int32(j.Status)]; !ok || j.Status == JOB_STATUS_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidGenesis, "invalid status %s", j.Status)
	}
	if err := validateAddress("employer", j.Employer); err != nil {
		return err
	}
	if err := j.Payout.Validate(); err != nil || !j.Payout.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "payout %s must be a positive coin", j.Payout)
	}
	if j.Payout.Denom != j.Terms.PaymentDenom {
		return errorsmod.Wrapf(ErrInvalidGenesis, "payout denom %s differs from its terms' %s", j.Payout.Denom, j.Terms.PaymentDenom)
	}
	if err := j.Terms.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "terms: %s", err)
	}
	assigned := j.Status != JOB_STATUS_OPEN && !(j.Status == JOB_STATUS_CANCELLED && j.Agent == "")
	if assigned {
		if err := validateAddress("agent", j.Agent); err != nil {
			return err
		}
		if j.AssignedAt == nil {
			return errorsmod.Wrap(ErrInvalidGenesis, "an assigned job needs assigned_at")
		}
	} else if j.Agent != "" {
		return errorsmod.Wrapf(ErrInvalidGenesis, "a %s job cannot have an agent", j.Status)
	}
	for _, a := range []struct {
		name string
		v    interface{ IsNegative() bool }
	}{{"agent_bond", orZero(j.AgentBond)}, {"validator_bond", orZero(j.ValidatorBond)}, {"dispute_bond", orZero(j.DisputeBond)}} {
		if a.v.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s is negative", a.name)
		}
	}
	switch j.Status {
	case JOB_STATUS_COMPLETION_REQUESTED, JOB_STATUS_APPROVED, JOB_STATUS_DISPUTED:
		if j.CompletionRequestedAt == nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "a %s job needs completion_requested_at", j.Status)
		}
	}
	if j.Status == JOB_STATUS_APPROVED && j.ApprovedAt == nil {
		return errorsmod.Wrap(ErrInvalidGenesis, "an approved job needs approved_at")
	}
	if j.Status == JOB_STATUS_DISPUTED && j.DisputedAt == nil {
		return errorsmod.Wrap(ErrInvalidGenesis, "a disputed job needs disputed_at")
	}
	if j.Status.IsTerminal() != (j.Settlement != nil) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "a %s job must have a settlement exactly when it is terminal", j.Status)
	}
	return nil
}

// Validate checks the terms as the parameters they were taken from.
func (t JobTerms) Validate() error {
	p := DefaultParams()
	p.PaymentDenom = t.PaymentDenom
	p.RequiredApprovals, p.RequiredDisapprovals, p.VoteQuorum = t.RequiredApprovals, t.RequiredDisapprovals, t.VoteQuorum
	p.CompletionReviewPeriod, p.ChallengePeriod, p.DisputeReviewPeriod = t.CompletionReviewPeriod, t.ChallengePeriod, t.DisputeReviewPeriod
	p.ValidatorRewardPct, p.DefaultAgentPayoutPct, p.AgentTiers = t.ValidatorRewardPct, t.DefaultAgentPayoutPct, t.AgentTiers
	p.AgentBondBps, p.AgentBondMin, p.AgentBondMax = t.AgentBondBps, t.AgentBondMin, t.AgentBondMax
	p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax = t.ValidatorBondBps, t.ValidatorBondMin, t.ValidatorBondMax
	p.ValidatorSlashBps = t.ValidatorSlashBps
	p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax = t.DisputeBondBps, t.DisputeBondMin, t.DisputeBondMax
	p.MaxJobPayout, p.MaxJobDuration, p.MaxValidatorsPerJob = t.MaxJobPayout, t.MaxJobDuration, t.MaxValidatorsPerJob
	return p.Validate()
}
