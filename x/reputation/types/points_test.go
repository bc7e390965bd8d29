package types_test

import (
	stdmath "math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/agijobmanager/agij/x/reputation/types"
)

// agi is n AGI in uagi (1 AGI = 10^6 uagi).
func agi(n int64) math.Int { return math.NewInt(n).MulRaw(1_000_000) }

const day = 24 * 60 * 60

// TestPoints pins the formula of DESIGN §4 on the worked values of the issue
// and of the reference contract (§7.1), with the default unit of 1000 uagi.
func TestPoints(t *testing.T) {
	unit := types.DefaultParams().ReputationUnit
	maxInt := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	cases := []struct {
		name       string
		payout     math.Int
		unit       math.Int
		duration   uint64
		completion uint64
		want       uint64
	}{
		// Worked values; a duration under 10,000 s leaves no bonus.
		{"0.001 AGI", math.NewInt(1000), unit, 9_999, 0, 1},
		{"3 AGI", agi(3), unit, 9_999, 0, 11},
		{"10 AGI", agi(10), unit, 9_999, 0, 13},
		{"100 AGI", agi(100), unit, 9_999, 0, 16},
		{"1000 AGI", agi(1000), unit, 9_999, 0, 19},
		{"1200 AGI, 30 days, completed at once", agi(1200), unit, 30 * day, 0, 40},
		{"0.1 AGI, 1,000,000 s", math.NewInt(100_000), unit, 1_000_000, 0, 12},
		{"max job payout 88,888,888 AGI", agi(88_888_888), unit, 10_000_000, 0, 72},

		// Bonus: (D − completion) / 10000, capped at the base.
		{"bonus capped at base, immediate", agi(100), unit, 200_000, 0, 32},
		{"bonus capped at base, after 20,000 s", agi(100), unit, 200_000, 20_000, 32},
		{"bonus below base", agi(1000), unit, 100_000, 0, 19 + 10},
		{"bonus from time left", agi(1000), unit, 200_000, 150_000, 19 + 5},
		{"time left under 10,000 s", agi(1000), unit, 200_000, 190_001, 19},
		{"exactly 10,000 s left", agi(1000), unit, 200_000, 190_000, 19 + 1},
		{"completed at the deadline", agi(1000), unit, 200_000, 200_000, 19},
		{"completed after the deadline", agi(1000), unit, 200_000, 300_000, 19},
		{"zero duration", agi(1000), unit, 0, 0, 19},

		// Zero points.
		{"below one unit", math.NewInt(999), unit, 10_000_000, 0, 0},
		{"zero payout", math.ZeroInt(), unit, 10_000_000, 0, 0},
		{"nil payout", math.Int{}, unit, 10_000_000, 0, 0},
		{"negative payout", math.NewInt(-1_000_000), unit, 10_000_000, 0, 0},
		{"zero unit", agi(1), math.ZeroInt(), 10_000_000, 0, 0},

		// floor(log2(1 + units)) at powers of two.
		{"1 unit", math.NewInt(1000), unit, 0, 0, 1},
		{"2 units", math.NewInt(2000), unit, 0, 0, 1},
		{"3 units", math.NewInt(3000), unit, 0, 0, 2},
		{"1022 units", math.NewInt(1_022_000), unit, 0, 0, 9},
		{"1023 units", math.NewInt(1_023_000), unit, 0, 0, 10},
		{"part of a unit is dropped", math.NewInt(3999), unit, 0, 0, 2},

		// Another unit (governance can change it).
		{"unit of 1 AGI, 1000 AGI", agi(1000), agi(1), 0, 0, 9},
		{"unit of 1 uagi, 1 uagi", math.OneInt(), math.OneInt(), 0, 0, 1},
		// The largest math.Int: 1 + units needs 257 bits, still exact.
		{"largest math.Int", maxInt, math.OneInt(), stdmath.MaxUint64, 0, 256 + 256},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, types.Points(tc.payout, tc.unit, tc.duration, tc.completion))
		})
	}
}

// TestPointsFasterNeverEarnsLess: for a fixed payout, an earlier completion
// never gives fewer points.
func TestPointsFasterNeverEarnsLess(t *testing.T) {
	unit := types.DefaultParams().ReputationUnit
	for _, payout := range []math.Int{math.NewInt(1000), agi(3), agi(1200)} {
		prev := types.Points(payout, unit, 30*day, 0)
		for c := uint64(0); c <= 31*day; c += 3_333 {
			p := types.Points(payout, unit, 30*day, c)
			require.LessOrEqual(t, p, prev, "payout %s completion %d", payout, c)
			prev = p
		}
	}
}

func TestValidatorPoints(t *testing.T) {
	cases := []struct {
		points uint64
		pct    uint32
		want   uint64
	}{
		{13, 8, 1}, // 10 AGI at 8 %
		{11, 8, 0}, // 3 AGI at 8 %: nothing
		{16, 8, 1}, // 100 AGI at 8 %
		{40, 8, 3}, // 1200 AGI, 30 days, at 8 %
		{40, 100, 40},
		{40, 0, 0},
		{0, 100, 0},
		{512, 100, 512},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, types.ValidatorPoints(tc.points, tc.pct), "%d points at %d %%", tc.points, tc.pct)
	}
}

func TestAddPoints(t *testing.T) {
	cases := []struct {
		name                    string
		score, points, maxScore uint64
		want                    uint64
	}{
		{"adds", 10, 5, 88_888, 15},
		{"zero points", 10, 0, 88_888, 10},
		{"reaches the cap exactly", 88_880, 8, 88_888, 88_888},
		{"capped", 88_880, 40, 88_888, 88_888},
		{"at the cap", 88_888, 40, 88_888, 88_888},
		{"above the cap never decreases", 90_000, 40, 88_888, 90_000},
		{"no overflow near MaxUint64", stdmath.MaxUint64 - 1, 512, stdmath.MaxUint64, stdmath.MaxUint64},
		{"cap of 1", 0, 40, 1, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, types.AddPoints(tc.score, tc.points, tc.maxScore))
		})
	}
}
