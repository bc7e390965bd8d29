package types_test

// Fuzz targets of issue 7 item 4 for x/reputation: the points formula and
// the module's one Msg. Seeds are in testdata/fuzz/<FuzzName>/.

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/reputation/types"
)

// maxUint256 is the largest amount a math.Int holds.
var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// fzBig is (hi·2^64 + lo)·2^shift, capped at 2^256 − 1.
func fzBig(lo, hi uint64, shift uint8) *big.Int {
	b := new(big.Int).Lsh(new(big.Int).SetUint64(hi), 64)
	b.Or(b, new(big.Int).SetUint64(lo))
	b.Lsh(b, uint(shift)%129)
	if b.Cmp(maxUint256) > 0 {
		b.Set(maxUint256)
	}
	return b
}

// fzPointsRef is DESIGN §4 in big.Int: base = floor(log2(1 + P/unit)),
// bonus = min((D − c)/10000, base) when c < D.
func fzPointsRef(p, unit *big.Int, d, c uint64) uint64 {
	if p.Sign() <= 0 || unit.Sign() <= 0 {
		return 0
	}
	units := new(big.Int).Quo(p, unit)
	base := uint64(units.Add(units, big.NewInt(1)).BitLen() - 1)
	var bonus uint64
	if c < d {
		bonus = min((d-c)/types.BonusSecondsPerPoint, base)
	}
	return base + bonus
}

// FuzzPoints checks the points formula for payouts up to 2^256 − 1 (and
// negative ones), units, durations and completion times: no panic, the big
// integer formula, at most 2·256 points, never more than twice the base,
// monotone in the payout (a bigger job never earns fewer points), in the
// completion time (faster never earns less) and in the unit (a bigger unit
// never earns more); ValidatorPoints ≤ points; AddPoints never lowers a
// score, never passes the cap, and adds exactly up to it.
func FuzzPoints(f *testing.F) {
	f.Add(uint64(100_000_000), uint64(0), uint8(0), false, uint64(1000), uint64(0), uint64(9_999), uint64(0), uint64(0), uint8(8), uint64(0), uint64(88_888))
	f.Add(uint64(1_200_000_000), uint64(0), uint8(0), false, uint64(1000), uint64(1), uint64(2_592_000), uint64(0), uint64(100), uint8(100), uint64(88_880), uint64(88_888))
	f.Add(uint64(18446744073709551615), uint64(18446744073709551615), uint8(128), false, uint64(1), uint64(18446744073709551615), uint64(18446744073709551615), uint64(0), uint64(1), uint8(255), uint64(18446744073709551615), uint64(1))
	f.Add(uint64(999), uint64(0), uint8(0), true, uint64(0), uint64(1), uint64(200_000), uint64(300_000), uint64(300_000), uint8(0), uint64(5), uint64(0))
	f.Fuzz(func(t *testing.T, lo, hi uint64, shift uint8, negative bool, unit, delta, duration, completion, faster uint64,
		pct uint8, score, maxScore uint64,
	) {
		p := fzBig(lo, hi, shift)
		if negative {
			p.Neg(p)
		}
		payout := math.NewIntFromBigInt(p)
		u := math.NewIntFromUint64(unit)

		pts := types.Points(payout, u, duration, completion)
		if ref := fzPointsRef(p, u.BigInt(), duration, completion); pts != ref {
			t.Fatalf("Points(%s, %s, %d, %d) = %d, formula %d", payout, u, duration, completion, pts, ref)
		}
		if pts > 2*256 {
			t.Fatalf("Points = %d, above the bound 512", pts)
		}
		base := types.Points(payout, u, 0, 0)
		if pts < base || pts > 2*base {
			t.Fatalf("Points %d outside [base, 2·base] with base %d", pts, base)
		}
		if negative && p.Sign() != 0 && pts != 0 {
			t.Fatalf("a negative payout earned %d points", pts)
		}

		// Monotone in the payout.
		if bigger := new(big.Int).Add(new(big.Int).Abs(p), new(big.Int).SetUint64(delta)); bigger.Cmp(maxUint256) <= 0 {
			abs := math.NewIntFromBigInt(new(big.Int).Abs(p))
			if a, b := types.Points(abs, u, duration, completion), types.Points(math.NewIntFromBigInt(bigger), u, duration, completion); b < a {
				t.Fatalf("payout %s earns %d, the bigger %s earns %d", abs, a, bigger, b)
			}
		}
		// Faster never earns less.
		if sooner := completion - min(faster, completion); types.Points(payout, u, duration, sooner) < pts {
			t.Fatalf("completing at %d earns less than at %d", sooner, completion)
		}
		// A bigger unit never earns more.
		if unit > 0 {
			bigUnit := math.NewIntFromBigInt(new(big.Int).Add(u.BigInt(), new(big.Int).SetUint64(1+delta%1000)))
			if more := types.Points(payout, bigUnit, duration, completion); more > pts {
				t.Fatalf("unit %s earns %d points, the bigger unit %s earns %d", u, pts, bigUnit, more)
			}
		}

		vp := types.ValidatorPoints(pts, uint32(pct)%101)
		if vp > pts {
			t.Fatalf("ValidatorPoints(%d, %d%%) = %d", pts, pct%101, vp)
		}
		got := types.AddPoints(score, pts, maxScore)
		switch {
		case score >= maxScore:
			if got != score {
				t.Fatalf("AddPoints(%d, %d, cap %d) = %d: a score at or above the cap stays", score, pts, maxScore, got)
			}
		case got < score || got > maxScore:
			t.Fatalf("AddPoints(%d, %d, cap %d) = %d: outside [score, cap]", score, pts, maxScore, got)
		default:
			want := maxScore
			if pts < maxScore-score {
				want = score + pts
			}
			if got != want {
				t.Fatalf("AddPoints(%d, %d, cap %d) = %d, want min(score + points, cap) = %d", score, pts, maxScore, got, want)
			}
		}
	})
}

// FuzzReputationMsgUpdateParams builds MsgUpdateParams from fuzzed fields
// (authority, reputation_unit as a decimal string, which may be empty,
// negative or beyond 256 bits, and max_score) and decodes it from raw
// protobuf bytes. ValidateBasic must not panic and must accept exactly a
// valid authority with reputation_unit > 0 and max_score > 0; a refusal is
// ErrInvalidAddress or ErrInvalidParams; an accepted message round-trips.
func FuzzReputationMsgUpdateParams(f *testing.F) {
	gov := sdk.AccAddress(bytes.Repeat([]byte{7}, 20)).String()
	f.Add(gov, "1000", uint64(88_888), []byte{})
	f.Add("not-an-address", "0", uint64(0), []byte{0x0a, 0x00})
	f.Add(gov, "-5", uint64(1), []byte{0x12, 0x05, 0x0a, 0x03, '-', '1', '0'})
	f.Add(gov, "115792089237316195423570985008687907853269984665640564039457584007913129639936", uint64(18446744073709551615), []byte{0x12, 0x02, 0x10, 0x01})
	f.Fuzz(func(t *testing.T, authority, unit string, maxScore uint64, raw []byte) {
		u, ok := math.NewIntFromString(unit)
		if !ok {
			u = math.Int{}
		}
		check := func(m *types.MsgUpdateParams) {
			_, addrErr := sdk.AccAddressFromBech32(m.Authority)
			want := addrErr == nil && !m.Params.ReputationUnit.IsNil() && m.Params.ReputationUnit.IsPositive() && m.Params.MaxScore > 0
			err := m.ValidateBasic()
			if want != (err == nil) {
				t.Fatalf("ValidateBasic returned %v, the documented limits say valid=%v: %+v", err, want, m)
			}
			if err != nil {
				if !errors.Is(err, sdkerrors.ErrInvalidAddress) && !errors.Is(err, types.ErrInvalidParams) {
					t.Fatalf("refusal %q is neither ErrInvalidAddress nor ErrInvalidParams", err)
				}
				return
			}
			bz, err := m.Marshal()
			if err != nil {
				t.Fatalf("an accepted message does not encode: %v", err)
			}
			var back types.MsgUpdateParams
			if err := back.Unmarshal(bz); err != nil || back.ValidateBasic() != nil {
				t.Fatalf("an accepted message does not round-trip: %v", err)
			}
		}
		check(&types.MsgUpdateParams{Authority: authority, Params: types.Params{ReputationUnit: u, MaxScore: maxScore}})
		check(&types.MsgUpdateParams{Authority: gov, Params: types.Params{ReputationUnit: u, MaxScore: maxScore}})
		var m types.MsgUpdateParams
		if m.Unmarshal(raw) == nil {
			check(&m)
		}
	})
}
