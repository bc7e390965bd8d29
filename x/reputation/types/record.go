package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// ScoredRoles are the roles that have scores, in store order.
var ScoredRoles = []allowlisttypes.Role{allowlisttypes.ROLE_AGENT, allowlisttypes.ROLE_VALIDATOR}

// ValidateScoredRole accepts ROLE_AGENT and ROLE_VALIDATOR; any other role is
// ErrInvalidRole.
func ValidateScoredRole(role allowlisttypes.Role) error {
	switch role {
	case allowlisttypes.ROLE_AGENT, allowlisttypes.ROLE_VALIDATOR:
		return nil
	default:
		return errorsmod.Wrapf(ErrInvalidRole, "%s has no score; want ROLE_AGENT or ROLE_VALIDATOR", role)
	}
}

// NewRecord returns the record of an address with no history: score 0 and an
// empty track record of the role's kind.
func NewRecord(addr string, role allowlisttypes.Role) Record {
	r := Record{Address: addr, Role: role}
	r.Normalize()
	return r
}

// Normalize gives the record the track record of its role, with zero amounts
// where they are nil, as genesis JSON may leave them out.
func (r *Record) Normalize() {
	switch r.Role {
	case allowlisttypes.ROLE_AGENT:
		if r.Agent == nil {
			r.Agent = &AgentTrackRecord{}
		}
		r.Agent.TotalEarned = OrZero(r.Agent.TotalEarned)
	case allowlisttypes.ROLE_VALIDATOR:
		if r.Validator == nil {
			r.Validator = &ValidatorTrackRecord{}
		}
		r.Validator.TotalRewarded = OrZero(r.Validator.TotalRewarded)
		r.Validator.TotalSlashed = OrZero(r.Validator.TotalSlashed)
	}
}

// Validate checks one record and returns its decoded address. A missing
// track record, or a nil amount, counts as zero (see Normalize).
func (r Record) Validate(ac address.Codec, maxScore uint64) ([]byte, error) {
	addr, err := ac.StringToBytes(r.Address)
	if err != nil || len(addr) == 0 {
		return nil, errorsmod.Wrapf(ErrInvalidRecord, "address %q is not a valid address", r.Address)
	}
	if ValidateScoredRole(r.Role) != nil {
		return nil, errorsmod.Wrapf(ErrInvalidRecord, "%s: %s has no score; want ROLE_AGENT or ROLE_VALIDATOR", r.Address, r.Role)
	}
	if r.Score > maxScore {
		return nil, errorsmod.Wrapf(ErrInvalidRecord, "%s %s: score %d is above max_score %d", r.Role, r.Address, r.Score, maxScore)
	}
	if err := r.validateTrackRecord(); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidRecord, "%s %s: %s", r.Role, r.Address, err)
	}
	return addr, nil
}

func (r Record) validateTrackRecord() error {
	if r.Role == allowlisttypes.ROLE_AGENT {
		if r.Validator != nil {
			return fmt.Errorf("an agent record has no validator track record")
		}
		if r.Agent != nil {
			return nonNegative("total_earned", r.Agent.TotalEarned)
		}
		return nil
	}
	if r.Agent != nil {
		return fmt.Errorf("a validator record has no agent track record")
	}
	v := r.Validator
	if v == nil {
		return nil
	}
	if v.Correct > v.Votes || v.Wrong != v.Votes-v.Correct {
		return fmt.Errorf("votes %d is not correct %d + wrong %d", v.Votes, v.Correct, v.Wrong)
	}
	if err := nonNegative("total_rewarded", v.TotalRewarded); err != nil {
		return err
	}
	return nonNegative("total_slashed", v.TotalSlashed)
}
