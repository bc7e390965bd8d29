package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func TestDefaultParams(t *testing.T) {
	p := types.DefaultParams()
	require.Equal(t, []types.Role{types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR}, p.ProposerRoles)
	require.NoError(t, p.Validate())
	require.NoError(t, types.DefaultGenesis().Validate())
	require.Equal(t, p, types.DefaultGenesis().Params)
}

// TestDefaultParamsAreFresh: editing one copy of the defaults must not change
// the package's default list or the next copy.
func TestDefaultParamsAreFresh(t *testing.T) {
	a := types.DefaultParams()
	a.ProposerRoles[0] = types.ROLE_AGENT

	require.Equal(t, []types.Role{types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR}, types.DefaultProposerRoles)
	require.Equal(t, []types.Role{types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR}, types.DefaultParams().ProposerRoles)
}

func TestParamsValidate(t *testing.T) {
	cases := []struct {
		name  string
		roles []types.Role
		// wantErr is a fragment of the error; empty means valid.
		wantErr string
	}{
		{"nil: anyone may propose", nil, ""},
		{"empty: anyone may propose", []types.Role{}, ""},
		{"one role", []types.Role{types.ROLE_AGENT}, ""},
		{"all four roles", []types.Role{
			types.ROLE_AGENT, types.ROLE_VALIDATOR, types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR,
		}, ""},
		{"unspecified", []types.Role{types.ROLE_UNSPECIFIED}, "proposer_roles: role must be specified"},
		{"unspecified after a valid role", []types.Role{types.ROLE_MODERATOR, types.ROLE_UNSPECIFIED}, "role must be specified"},
		{"unknown 5", []types.Role{types.ROLE_MODERATOR, types.Role(5)}, "proposer_roles: unknown role 5"},
		{"unknown negative", []types.Role{types.Role(-1)}, "proposer_roles: unknown role -1"},
		{"duplicate", []types.Role{types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR, types.ROLE_MODERATOR},
			"proposer_roles: ROLE_MODERATOR listed twice"},
		{"duplicate adjacent", []types.Role{types.ROLE_AGENT, types.ROLE_AGENT}, "ROLE_AGENT listed twice"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := types.Params{ProposerRoles: tc.roles}
			err := p.Validate()
			gsErr := types.GenesisState{Params: p}.Validate()
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
