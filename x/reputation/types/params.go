package types

import (
	"fmt"

	"cosmossdk.io/math"
)

// Defaults of DESIGN §3.4 / §4.
const (
	// DefaultReputationUnit is 1000 base units (0.001 AGI) per formula unit.
	DefaultReputationUnit = 1000
	// DefaultMaxScore caps every score.
	DefaultMaxScore uint64 = 88_888
)

// DefaultParams returns the chain's default x/reputation parameters.
func DefaultParams() Params {
	return Params{
		ReputationUnit: math.NewInt(DefaultReputationUnit),
		MaxScore:       DefaultMaxScore,
	}
}

// Validate refuses parameters the points formula cannot use.
func (p Params) Validate() error {
	if p.ReputationUnit.IsNil() || !p.ReputationUnit.IsPositive() {
		return fmt.Errorf("reputation_unit must be positive, got %s", intString(p.ReputationUnit))
	}
	if p.MaxScore == 0 {
		return fmt.Errorf("max_score must be positive")
	}
	return nil
}

func intString(i math.Int) string {
	if i.IsNil() {
		return "<nil>"
	}
	return i.String()
}
