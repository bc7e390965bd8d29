package sim

import (
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// Governance: every authority message reaches the chain as a real proposal
// that the operator (the only staker) votes on; it executes in x/gov's
// EndBlocker, before x/jobs', once its voting period is over.

// grantableRoles are the roles proposals grant, revoke and bar. The
// operator's ROLE_CONSENSUS_VALIDATOR is never touched: losing it would jail
// the only validator and halt the chain.
var grantableRoles = []allowlisttypes.Role{allowlisttypes.ROLE_AGENT, allowlisttypes.ROLE_VALIDATOR, allowlisttypes.ROLE_MODERATOR}

// authorityMsg builds one random authority message; the label names it for
// the statistics.
func (s *Sim) authorityMsg(v *view) (sdk.Msg, string) {
	auth := s.Authority.String()
	paused := v.pause.Intake || v.pause.Settlement
	if paused && s.pct(60) {
		// Pauses are lifted again soon.
		return &jobstypes.MsgSetPause{Authority: auth}, "SetPause"
	}
	switch r := s.rng.IntN(100); {
	case r < 10:
		p := jobstypes.MsgSetPause{Authority: auth}
		if paused {
			p.Intake, p.Settlement = s.pct(50), s.pct(30)
		} else {
			switch s.rng.IntN(10) {
			case 0, 1, 2, 3, 4:
				p.Intake = true
			case 5, 6, 7:
				p.Settlement = true
			default:
				p.Intake, p.Settlement = true, true
			}
		}
		return &p, "SetPause"
	case r < 32:
		return &jobstypes.MsgUpdateParams{Authority: auth, Params: s.randomParams(v.params)}, "UpdateParams"
	case r < 44:
		id := s.pickJob(v, 85, v.jobsIn(jobstypes.JOB_STATUS_OPEN))
		return &jobstypes.MsgDelistJob{Authority: auth, JobId: max(id, 1), Reason: "delisted by governance"}, "DelistJob"
	case r < 60:
		id := s.pickJob(v, 90, v.jobsIn(jobstypes.JOB_STATUS_DISPUTED))
		outcome := jobstypes.DISPUTE_OUTCOME_AGENT_WINS
		if s.pct(50) {
			outcome = jobstypes.DISPUTE_OUTCOME_EMPLOYER_WINS
		}
		return &jobstypes.MsgResolveDispute{Resolver: auth, JobId: max(id, 1), Outcome: outcome, Reason: "governance decision"}, "ResolveDispute"
	case r < 80:
		target := s.anyAccount()
		if target == s.Operator {
			target = s.byName["newcomer"]
		}
		msg := &allowlisttypes.MsgGrantRole{Signer: auth, Address: target.Str, Role: pick(s, grantableRoles)}
		if s.pct(35) {
			t := v.now.Add(time.Duration(40+s.rng.IntN(400)) * time.Second)
			msg.ExpiresAt = &t
		}
		return msg, "GrantRole"
	case r < 90:
		role := pick(s, grantableRoles)
		target := s.pickSigner(80, v.withRole(role))
		if target == s.Operator {
			target = s.byName["validator0"]
		}
		return &allowlisttypes.MsgRevokeRole{Signer: auth, Address: target.Str, Role: role, Reason: "sim"}, "RevokeRole"
	default:
		role := pick(s, grantableRoles)
		target := s.pickSigner(70, v.withRole(role))
		if target == s.Operator {
			target = s.byName["agent1"]
		}
		// Mostly toggle the bar, so bars are also lifted.
		barred, err := s.App.AllowlistKeeper.Blacklist.Has(v.ctx, collections.Join(int32(role), target.Addr))
		if err != nil {
			panic(err)
		}
		return &allowlisttypes.MsgSetBlacklist{Authority: auth, Address: target.Str, Role: role, Blacklisted: !barred || s.pct(20)}, "SetBlacklist"
	}
}

// randomParams changes a few x/jobs params; some results are invalid on
// purpose (Params.Validate decides, as x/gov does at submission).
func (s *Sim) randomParams(cur jobstypes.Params) jobstypes.Params {
	p := cur
	p.AgentTiers = append([]jobstypes.AgentTier{}, cur.AgentTiers...)
	for range 1 + s.rng.IntN(3) {
		switch s.rng.IntN(16) {
		case 0:
			p.RequiredApprovals = uint32(s.rng.IntN(5))
		case 1:
			p.RequiredDisapprovals = uint32(s.rng.IntN(5))
		case 2:
			p.VoteQuorum = uint32(s.rng.IntN(5)) // 0 is invalid
		case 3:
			p.MaxValidatorsPerJob = uint32(2 + s.rng.IntN(5))
		case 4:
			p.CompletionReviewPeriod = time.Duration(20+s.rng.IntN(100)) * time.Second
		case 5:
			p.ChallengePeriod = time.Duration(5+s.rng.IntN(40)) * time.Second
		case 6:
			p.DisputeReviewPeriod = time.Duration(30+s.rng.IntN(200)) * time.Second
		case 7:
			p.ValidatorRewardPct = uint32(1 + s.rng.IntN(10)) // 10 is invalid with the 91 % tier
		case 8:
			p.DefaultAgentPayoutPct = uint32(80 + s.rng.IntN(11))
			if s.pct(15) {
				p.DefaultAgentPayoutPct = 0 // only tier holders may apply
			}
		case 9:
			p.AgentBondBps = uint32(s.rng.IntN(1500))
			p.AgentBondMin = agi(int64(s.rng.IntN(5)))
		case 10:
			p.ValidatorBondBps = uint32(500 + s.rng.IntN(3000))
			p.ValidatorBondMin = agi(int64(1 + s.rng.IntN(20)))
		case 11:
			p.ValidatorSlashBps = uint32(s.rng.IntN(10_001))
		case 12:
			p.DisputeBondBps = uint32(s.rng.IntN(500))
			p.DisputeBondMin = agi(int64(s.rng.IntN(3)))
		case 13:
			p.MaxJobPayout = agi(int64(5000 + s.rng.IntN(15_000)))
			p.MaxJobDuration = time.Duration(120+s.rng.IntN(800)) * time.Second
		case 14:
			p.MaxActiveJobsPerAgent = uint32(1 + s.rng.IntN(4))
		default:
			p.MaxSettlementsPerBlock = uint32(1 + s.rng.IntN(6))
			if s.pct(50) {
				p.CertificateBaseUri = ""
			} else {
				p.CertificateBaseUri = "https://certs.agij.example/"
			}
		}
	}
	if s.pct(5) {
		p.MaxJobPayout = math.ZeroInt() // invalid
	}
	return p
}

// genProposal submits a proposal of one or two authority messages, and the
// operator often votes on it in the same block.
func (s *Sim) genProposal(v *view) []*op {
	var proposer *Account
	if s.pct(85) {
		proposer = s.Operator
		if mods := v.withRole(allowlisttypes.ROLE_MODERATOR); len(mods) > 0 && s.pct(40) {
			proposer = pick(s, mods)
		}
	} else {
		proposer = s.anyAccount()
	}
	msg, label := s.authorityMsg(v)
	msgs := []sdk.Msg{msg}
	if s.pct(15) {
		m2, l2 := s.authorityMsg(v)
		msgs, label = append(msgs, m2), label+"+"+l2
	}
	expedited := s.pct(25)
	deposit := v.gov.MinDeposit
	if expedited {
		deposit = v.gov.ExpeditedMinDeposit
	}
	sub, err := govv1.NewMsgSubmitProposal(msgs, deposit, proposer.Str, "", "sim: "+label, "simulated proposal: "+label, expedited)
	if err != nil {
		panic(err)
	}
	o := &op{name: "MsgSubmitProposal", msgs: []sdk.Msg{sub}, signer: proposer,
		desc: fmt.Sprintf("%s proposes %s (expedited %v)", proposer.Name, label, expedited)}
	// The allowlist's ante decorator refuses proposers without a proposer
	// role before any fee or sequence is taken.
	if err := s.App.AllowlistKeeper.CheckProposer(v.ctx, proposer.Addr); err != nil {
		o.expect, o.anteFails = err, true
		return []*op{o}
	}
	for _, m := range msgs {
		if vb, ok := m.(sdk.HasValidateBasic); ok && vb.ValidateBasic() != nil {
			o.expect = govtypes.ErrInvalidProposalMsg
			return []*op{o}
		}
	}
	if err := v.lockCheck(proposer, sdk.Coins(deposit).AmountOf(v.params.PaymentDenom)); err != nil {
		if err == errUnpredictable {
			return nil
		}
		o.expect = err
		return []*op{o}
	}
	v.spend(proposer, sdk.Coins(deposit).AmountOf(v.params.PaymentDenom))
	id := v.nextProposalID
	v.nextProposalID++
	v.proposals[id] = &govv1.Proposal{Id: id, Status: govv1.StatusVotingPeriod, Proposer: proposer.Str}
	ops := []*op{o}
	if s.pct(80) {
		ops = append(ops, s.operatorVote(v, id))
	}
	return ops
}

// operatorVote is the operator's vote on proposal id: mostly yes, sometimes
// no, abstain or a veto (which burns the deposit).
func (s *Sim) operatorVote(v *view, id uint64) *op {
	option := govv1.OptionYes
	switch r := s.rng.IntN(100); {
	case r < 80:
	case r < 90:
		option = govv1.OptionNo
	case r < 95:
		option = govv1.OptionAbstain
	default:
		option = govv1.OptionNoWithVeto
	}
	v.operatorVoted[id] = true
	return &op{
		name: "MsgVote", signer: s.Operator, msgs: []sdk.Msg{govv1.NewMsgVote(s.Operator.Addr, id, option, "")},
		expect: v.expectGovVote(id), desc: fmt.Sprintf("operator votes %s on proposal %d", option, id),
	}
}

func (v *view) expectGovVote(id uint64) error {
	// x/gov refuses a vote on any proposal not in its voting period,
	// unknown ones included, as inactive.
	if p, ok := v.proposals[id]; !ok || p.Status != govv1.StatusVotingPeriod {
		return govtypes.ErrInactiveProposal
	}
	return nil
}

// genStrayVote is a vote by an account without stake (it counts for
// nothing), or on a proposal that does not exist.
func (s *Sim) genStrayVote(v *view) []*op {
	voter := s.anyAccount()
	id := v.nextProposalID + 100
	if ids := sortedIDs(v.proposals); len(ids) > 0 && s.pct(70) {
		id = pick(s, ids)
	}
	return []*op{{
		name: "MsgVote", signer: voter, msgs: []sdk.Msg{govv1.NewMsgVote(voter.Addr, id, govv1.OptionYes, "")},
		expect: v.expectGovVote(id), desc: fmt.Sprintf("%s votes on proposal %d", voter.Name, id),
	}}
}

// genCancelProposal cancels an open proposal (x/gov burns half the deposit).
func (s *Sim) genCancelProposal(v *view) []*op {
	ids := sortedIDs(v.proposals)
	if len(ids) == 0 {
		return nil
	}
	id := pick(s, ids)
	p := v.proposals[id]
	signer := s.anyAccount()
	if s.pct(85) {
		signer = s.byAddr[p.Proposer]
	}
	var expect error
	switch {
	case p.Proposer != signer.Str:
		expect = govtypes.ErrInvalidProposer
	case p.Status != govv1.StatusVotingPeriod && p.Status != govv1.StatusDepositPeriod:
		expect = govtypes.ErrInvalidProposal
	case p.VotingEndTime != nil && p.VotingEndTime.Before(v.now):
		expect = govtypes.ErrVotingPeriodEnded
	default:
		// The proposal is gone: later votes on it are refused.
		delete(v.proposals, id)
	}
	return []*op{{
		name: "MsgCancelProposal", signer: signer, msgs: []sdk.Msg{govv1.NewMsgCancelProposal(id, signer.Str)},
		expect: expect, desc: fmt.Sprintf("%s cancels proposal %d", signer.Name, id),
	}}
}
