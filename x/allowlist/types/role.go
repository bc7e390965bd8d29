package types

import "fmt"

// Validate accepts only the four defined roles; the zero value is never valid.
func (r Role) Validate() error {
	if r == ROLE_UNSPECIFIED {
		return fmt.Errorf("role must be specified")
	}
	if _, ok := Role_name[int32(r)]; !ok {
		return fmt.Errorf("unknown role %d", int32(r))
	}
	return nil
}

// ParseRole reads a role by its full name, e.g. ROLE_AGENT.
func ParseRole(s string) (Role, error) {
	v, ok := Role_value[s]
	if !ok || Role(v) == ROLE_UNSPECIFIED {
		return ROLE_UNSPECIFIED, fmt.Errorf("unknown role %q: want one of ROLE_AGENT, ROLE_VALIDATOR, ROLE_MODERATOR, ROLE_CONSENSUS_VALIDATOR", s)
	}
	return Role(v), nil
}
