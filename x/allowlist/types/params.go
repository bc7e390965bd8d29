package types

import "fmt"

// DefaultProposerRoles may submit governance proposals by default.
var DefaultProposerRoles = []Role{ROLE_MODERATOR, ROLE_CONSENSUS_VALIDATOR}

// DefaultParams returns the chain's default x/allowlist parameters.
func DefaultParams() Params {
	return Params{ProposerRoles: append([]Role(nil), DefaultProposerRoles...)}
}

// Validate refuses unknown, unspecified or repeated roles.
func (p Params) Validate() error {
	seen := make(map[Role]bool, len(p.ProposerRoles))
	for _, r := range p.ProposerRoles {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("proposer_roles: %w", err)
		}
		if seen[r] {
			return fmt.Errorf("proposer_roles: %s listed twice", r)
		}
		seen[r] = true
	}
	return nil
}
