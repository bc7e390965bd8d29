package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// ComputeSettlement works out every amount a job pays when it settles as kind
// (DESIGN §3.3), from the job and its votes in vote order. It only does
// arithmetic: the keeper moves the coins, stamps the time, the path and the
// reputation. Every base unit the job holds (payout, agent bond, validator
// bonds, dispute bond) goes to a named party or the community pool; the
// function checks that and returns ErrAccounting otherwise.
func ComputeSettlement(job Job, votes []Vote, kind SettlementKind) (Settlement, error) {
	zero := math.ZeroInt()
	s := Settlement{
		Kind:                  kind,
		Denom:                 job.Payout.Denom,
		AgentShare:            zero,
		AgentBondReturned:     zero,
		AgentPoolRemainder:    zero,
		AgentTotal:            zero,
		EmployerRefund:        zero,
		EmployerPoolRemainder: zero,
		AgentBondToEmployer:   zero,
		EmployerTotal:         zero,
		AgentBondPooled:       zero,
		ValidatorPool:         zero,
		DisputeBond:           zero,
		CommunityPool:         zero,
		Validators:            []ValidatorSettlement{},
	}
	p := job.Payout.Amount
	agentBond := orZero(job.AgentBond)
	disputeBond := orZero(job.DisputeBond)

	switch kind {
	case SETTLEMENT_KIND_CANCELLED:
		if len(votes) > 0 || agentBond.IsPositive() || disputeBond.IsPositive() {
			return Settlement{}, errorsmod.Wrapf(ErrAccounting, "job %d: a cancelled job cannot hold bonds or votes", job.Id)
		}
		s.EmployerRefund = p
	case SETTLEMENT_KIND_EXPIRED:
		if len(votes) > 0 || disputeBond.IsPositive() {
			return Settlement{}, errorsmod.Wrapf(ErrAccounting, "job %d: an expired job cannot hold votes or a dispute bond", job.Id)
		}
		s.EmployerRefund = p
		s.AgentBondToEmployer = agentBond
	case SETTLEMENT_KIND_AGENT_WON:
		budget := ValidatorBudget(p, job.Terms.ValidatorRewardPct)
		s.AgentShare = AgentShare(p, job.AgentPayoutPct)
		s.CommunityPool = p.Sub(s.AgentShare).Sub(budget)
		s.AgentBondReturned = agentBond
		if len(votes) == 0 {
			// Nobody earned the budget: it goes back to the employer.
			s.EmployerRefund = budget
		} else {
			s.AgentPoolRemainder = s.settleValidators(job, votes, true, budget)
		}
	case SETTLEMENT_KIND_EMPLOYER_WON:
		// A strong negative signal (the disapproval threshold reached) pools
		// the agent bond for the validators who were right.
		pooled := job.Terms.RequiredDisapprovals > 0 && job.Disapprovals >= job.Terms.RequiredDisapprovals
		if pooled {
			s.AgentBondPooled = agentBond
		} else {
			s.AgentBondToEmployer = agentBond
		}
		if len(votes) == 0 {
			s.EmployerRefund = p
		} else {
			budget := ValidatorBudget(p, job.Terms.ValidatorRewardPct)
			s.EmployerRefund = p.Sub(budget)
			s.EmployerPoolRemainder = s.settleValidators(job, votes, false, budget.Add(s.AgentBondPooled))
		}
	default:
		return Settlement{}, errorsmod.Wrapf(ErrAccounting, "job %d: cannot settle as %s", job.Id, kind)
	}

	s.AgentTotal = s.AgentShare.Add(s.AgentBondReturned).Add(s.AgentPoolRemainder)
	s.EmployerTotal = s.EmployerRefund.Add(s.EmployerPoolRemainder).Add(s.AgentBondToEmployer)
	if disputeBond.IsPositive() {
		s.DisputeBond = disputeBond
		// The dispute bond goes to the winner, whoever posted it.
		if kind == SETTLEMENT_KIND_AGENT_WON {
			s.DisputeBondRecipient = job.Agent
			s.AgentTotal = s.AgentTotal.Add(disputeBond)
		} else {
			s.DisputeBondRecipient = job.Employer
			s.EmployerTotal = s.EmployerTotal.Add(disputeBond)
		}
	}
	return s, s.checkConservation(job, votes)
}

// settleValidators pays the voters (DESIGN §3.3): with n voters, bond b and
// slash s = b·slash_bps/10000, the c voters on the winning side share
// pool = budget + pooled agent bond + s·(n−c), each getting b + pool/c; the
// others get b − s. It returns the remainder (all of the pool when c = 0),
// which goes to the winning party.
func (s *Settlement) settleValidators(job Job, votes []Vote, agentWon bool, budgetAndPooled math.Int) math.Int {
	bond := orZero(job.ValidatorBond)
	slash := bps(bond, job.Terms.ValidatorSlashBps)
	correct := 0
	for _, v := range votes {
		if v.Approve == agentWon {
			correct++
		}
	}
	pool := budgetAndPooled.Add(slash.MulRaw(int64(len(votes) - correct)))
	per := math.ZeroInt()
	if correct > 0 {
		per = pool.QuoRaw(int64(correct))
	}
	for _, v := range votes {
		r := ValidatorSettlement{Validator: v.Validator, Approved: v.Approve, Correct: v.Approve == agentWon}
		if r.Correct {
			r.BondReturned, r.Reward, r.Slashed = bond, per, math.ZeroInt()
		} else {
			r.BondReturned, r.Reward, r.Slashed = bond.Sub(slash), math.ZeroInt(), slash
		}
		s.Validators = append(s.Validators, r)
	}
	s.ValidatorPool = pool
	return pool.Sub(per.MulRaw(int64(correct)))
}

// checkConservation: what leaves equals what the job held, and nothing is
// negative.
func (s Settlement) checkConservation(job Job, votes []Vote) error {
	held := job.Payout.Amount.Add(orZero(job.AgentBond)).Add(orZero(job.DisputeBond)).
		Add(orZero(job.ValidatorBond).MulRaw(int64(len(votes))))
	paid := s.AgentTotal.Add(s.EmployerTotal).Add(s.CommunityPool)
	for _, v := range s.Validators {
		if v.BondReturned.IsNegative() || v.Reward.IsNegative() {
			return errorsmod.Wrapf(ErrAccounting, "job %d: negative payment to %s", job.Id, v.Validator)
		}
		paid = paid.Add(v.BondReturned).Add(v.Reward)
	}
	for _, a := range []math.Int{s.AgentTotal, s.EmployerTotal, s.CommunityPool} {
		if a.IsNegative() {
			return errorsmod.Wrapf(ErrAccounting, "job %d: negative payment", job.Id)
		}
	}
	if !paid.Equal(held) {
		return errorsmod.Wrapf(ErrAccounting, "job %d held %s%s but settlement pays %s%s", job.Id, held, s.Denom, paid, s.Denom)
	}
	return nil
}

// Held is what the job holds in the module account while it is unsettled.
func (j Job) Held() math.Int {
	return j.Payout.Amount.Add(orZero(j.AgentBond)).Add(orZero(j.DisputeBond)).
		Add(orZero(j.ValidatorBond).MulRaw(int64(j.Approvals + j.Disapprovals)))
}

func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}
