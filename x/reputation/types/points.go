package types

import (
	"math/big"

	"cosmossdk.io/math"
)

// BonusSecondsPerPoint is the time, in seconds of a job's duration left when
// the work came in, worth one bonus point.
const BonusSecondsPerPoint = 10_000

// Points is the formula of DESIGN §4, in integers only:
//
//	units = payout / unit                      (rounded down)
//	base  = floor(log2(1 + units))             (bit length of 1 + units, minus one)
//	bonus = min((duration − completion) / 10000, base) when completion < duration, else 0
//	points = base + bonus
//
// completionSeconds is the time from assignment to the completion request. A
// payout or unit that is nil or not positive gives 0 points. The result is at
// most 2·256 for any payout a math.Int can hold.
func Points(payout, unit math.Int, durationSeconds, completionSeconds uint64) uint64 {
	if payout.IsNil() || !payout.IsPositive() || unit.IsNil() || !unit.IsPositive() {
		return 0
	}
	// big.Int, not math.Int: 1 + units may exceed math.Int's 256 bits.
	units := new(big.Int).Quo(payout.BigInt(), unit.BigInt())
	units.Add(units, big.NewInt(1))
	base := uint64(units.BitLen() - 1)

	var bonus uint64
	if completionSeconds < durationSeconds {
		bonus = min((durationSeconds-completionSeconds)/BonusSecondsPerPoint, base)
	}
	return base + bonus
}

// ValidatorPoints are the points of a validator on the winning side of a job
// worth points: floor(points × validatorRewardPct / 100).
func ValidatorPoints(points uint64, validatorRewardPct uint32) uint64 {
	// points ≤ 512 and pct ≤ 100 (SettlementFacts.Validate), so no overflow.
	return points * uint64(validatorRewardPct) / 100
}

// AddPoints returns the score after adding points: scores never decrease and
// stop at maxScore. A score already above maxScore stays where it is.
func AddPoints(score, points, maxScore uint64) uint64 {
	if score >= maxScore {
		return score
	}
	if points >= maxScore-score {
		return maxScore
	}
	return score + points
}
