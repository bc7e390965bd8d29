package types_test

import (
	stdmath "math"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/agijobmanager/agij/x/reputation/types"
)

// TestDefaultParams pins the defaults of DESIGN §3.4 / §4.
func TestDefaultParams(t *testing.T) {
	p := types.DefaultParams()
	require.Equal(t, "1000", p.ReputationUnit.String())
	require.Equal(t, uint64(88888), p.MaxScore)
	require.NoError(t, p.Validate())
	require.NoError(t, types.DefaultGenesis().Validate(addrCodec))
}

func TestParamsValidate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(p *types.Params)
		// wantErr is a fragment of the error; empty means valid.
		wantErr string
	}{
		{"unit 1", func(p *types.Params) { p.ReputationUnit = math.OneInt() }, ""},
		{"unit beyond 2^64", func(p *types.Params) {
			p.ReputationUnit = math.NewIntFromUint64(stdmath.MaxUint64).AddRaw(1)
		}, ""},
		{"unit 0", func(p *types.Params) { p.ReputationUnit = math.ZeroInt() }, "reputation_unit must be positive, got 0"},
		{"unit negative", func(p *types.Params) { p.ReputationUnit = math.NewInt(-1000) }, "reputation_unit must be positive, got -1000"},
		{"unit nil", func(p *types.Params) { p.ReputationUnit = math.Int{} }, "reputation_unit must be positive, got <nil>"},
		{"max score 1", func(p *types.Params) { p.MaxScore = 1 }, ""},
		{"max score max uint64", func(p *types.Params) { p.MaxScore = stdmath.MaxUint64 }, ""},
		{"max score 0", func(p *types.Params) { p.MaxScore = 0 }, "max_score must be positive"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			tc.mutate(&p)
			var err error
			require.NotPanics(t, func() { err = p.Validate() })
			gsErr := types.GenesisState{Params: p}.Validate(addrCodec)
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.NoError(t, gsErr)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
			require.ErrorIs(t, gsErr, types.ErrInvalidParams)
			require.ErrorContains(t, gsErr, tc.wantErr)
		})
	}
}

func TestZeroParamsRefused(t *testing.T) {
	require.NotPanics(t, func() {
		require.Error(t, types.Params{}.Validate())
	})
}
