package types

import (
	"bytes"
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// SettlementKind says who won a settled job. It mirrors x/jobs'
// SETTLEMENT_KIND_* enum (same numbers) without importing x/jobs; cancelled
// jobs have no agent and are never reported.
type SettlementKind int32

const (
	// SettlementKindUnspecified is never valid.
	SettlementKindUnspecified SettlementKind = 0
	// SettlementKindAgentWon: the agent was paid (approval, review end,
	// moderator or governance).
	SettlementKindAgentWon SettlementKind = 1
	// SettlementKindEmployerWon: the employer was refunded.
	SettlementKindEmployerWon SettlementKind = 2
	// SettlementKindExpired: the agent did not deliver before the deadline.
	SettlementKindExpired SettlementKind = 3
)

// String returns the chain-wide name, e.g. SETTLEMENT_KIND_AGENT_WON.
func (k SettlementKind) String() string {
	switch k {
	case SettlementKindUnspecified:
		return "SETTLEMENT_KIND_UNSPECIFIED"
	case SettlementKindAgentWon:
		return "SETTLEMENT_KIND_AGENT_WON"
	case SettlementKindEmployerWon:
		return "SETTLEMENT_KIND_EMPLOYER_WON"
	case SettlementKindExpired:
		return "SETTLEMENT_KIND_EXPIRED"
	default:
		return fmt.Sprintf("SettlementKind(%d)", int32(k))
	}
}

// SettlementFacts are what x/jobs reports when an assigned job settles
// (DESIGN §4). x/reputation turns them into points and track records.
// Amounts are in base units of the job's payment denom; a nil math.Int counts
// as zero.
type SettlementFacts struct {
	// JobID is the settled job (ids start at 1).
	JobID uint64
	// Agent is the assigned agent (bech32).
	Agent string
	// Payout is the job's payout P.
	Payout math.Int
	// AgentPaid is the payout share paid to the agent (bonds not included).
	AgentPaid math.Int
	// DurationSeconds is the job's duration D.
	DurationSeconds uint64
	// CompletionSeconds is the time from assignment to the completion
	// request; it only matters when a completion was requested.
	CompletionSeconds uint64
	// Kind says who won.
	Kind SettlementKind
	// EarnsReputation is false on the one agent-win path that earns the agent
	// nothing: the review ended with no votes. Validators' points do not
	// depend on it.
	EarnsReputation bool
	// ValidatorRewardPct is the job's snapshotted validator_reward_pct (0..100).
	ValidatorRewardPct uint32
	// Validators are the job's voters, in vote order.
	Validators []ValidatorFacts
}

// ValidatorFacts are one validator's vote on a settled job and what it got.
type ValidatorFacts struct {
	// Address is the validator (bech32).
	Address string
	// Approved is the side of the vote: true approved the work, false
	// disapproved it. Approvers are right when the agent won, disapprovers when
	// the employer won.
	Approved bool
	// Reward is what the validator got on top of its returned bond.
	Reward math.Int
	// Slashed is what was taken from its bond.
	Slashed math.Int
}

// Correct reports whether the vote was on the winning side of a settlement
// of that kind.
func (v ValidatorFacts) Correct(kind SettlementKind) bool {
	return (kind == SettlementKindAgentWon) == v.Approved
}

// Validate checks the facts without reading state; every failure is
// ErrInvalidSettlement.
func (f SettlementFacts) Validate(ac address.Codec) error {
	if f.JobID == 0 {
		return errorsmod.Wrap(ErrInvalidSettlement, "job id must be positive")
	}
	switch f.Kind {
	case SettlementKindAgentWon, SettlementKindEmployerWon, SettlementKindExpired:
	default:
		return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: kind %s cannot be recorded", f.JobID, f.Kind)
	}
	agent, err := ac.StringToBytes(f.Agent)
	if err != nil || len(agent) == 0 {
		return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: agent %q is not a valid address", f.JobID, f.Agent)
	}
	if err := nonNegative("payout", f.Payout); err != nil {
		return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: %s", f.JobID, err)
	}
	if err := nonNegative("amount paid to the agent", f.AgentPaid); err != nil {
		return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: %s", f.JobID, err)
	}
	if f.ValidatorRewardPct > 100 {
		return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: validator reward pct %d is above 100", f.JobID, f.ValidatorRewardPct)
	}
	if f.Kind == SettlementKindExpired && len(f.Validators) > 0 {
		return errorsmod.Wrapf(ErrInvalidSettlement, "job %d expired, so it cannot have votes; got %d", f.JobID, len(f.Validators))
	}
	seen := make([][]byte, 0, len(f.Validators))
	for i, v := range f.Validators {
		addr, err := ac.StringToBytes(v.Address)
		if err != nil || len(addr) == 0 {
			return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: validator %d: %q is not a valid address", f.JobID, i, v.Address)
		}
		if bytes.Equal(addr, agent) {
			return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: validator %s is the agent", f.JobID, v.Address)
		}
		for _, s := range seen {
			if bytes.Equal(s, addr) {
				return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: validator %s is listed twice", f.JobID, v.Address)
			}
		}
		seen = append(seen, addr)
		if err := nonNegative("reward", v.Reward); err != nil {
			return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: validator %s: %s", f.JobID, v.Address, err)
		}
		if err := nonNegative("slashed amount", v.Slashed); err != nil {
			return errorsmod.Wrapf(ErrInvalidSettlement, "job %d: validator %s: %s", f.JobID, v.Address, err)
		}
	}
	return nil
}

// nonNegative refuses a negative amount; nil counts as zero.
func nonNegative(name string, i math.Int) error {
	if !i.IsNil() && i.IsNegative() {
		return fmt.Errorf("%s %s is negative", name, i)
	}
	return nil
}

// OrZero returns i, or zero when i is nil.
func OrZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}
