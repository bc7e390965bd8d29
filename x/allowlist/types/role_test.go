package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func TestRoleValidate(t *testing.T) {
	for _, r := range []types.Role{
		types.ROLE_AGENT, types.ROLE_VALIDATOR, types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR,
	} {
		require.NoError(t, r.Validate(), r.String())
	}

	require.EqualError(t, types.ROLE_UNSPECIFIED.Validate(), "role must be specified")
	require.EqualError(t, types.Role(5).Validate(), "unknown role 5")
	require.EqualError(t, types.Role(-1).Validate(), "unknown role -1")
}

func TestParseRole(t *testing.T) {
	cases := []struct {
		in      string
		want    types.Role
		wantErr bool
	}{
		{"ROLE_AGENT", types.ROLE_AGENT, false},
		{"ROLE_VALIDATOR", types.ROLE_VALIDATOR, false},
		{"ROLE_MODERATOR", types.ROLE_MODERATOR, false},
		{"ROLE_CONSENSUS_VALIDATOR", types.ROLE_CONSENSUS_VALIDATOR, false},
		// The zero value is never valid input (DESIGN, interface conventions).
		{"ROLE_UNSPECIFIED", types.ROLE_UNSPECIFIED, true},
		{"", types.ROLE_UNSPECIFIED, true},
		// Only the full, upper-case name.
		{"AGENT", types.ROLE_UNSPECIFIED, true},
		{"role_agent", types.ROLE_UNSPECIFIED, true},
		{" ROLE_AGENT", types.ROLE_UNSPECIFIED, true},
		{"1", types.ROLE_UNSPECIFIED, true},
		{"ROLE_EMPLOYER", types.ROLE_UNSPECIFIED, true},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := types.ParseRole(tc.in)
			require.Equal(t, tc.want, got)
			if !tc.wantErr {
				require.NoError(t, err)
				require.NoError(t, got.Validate())
				require.Equal(t, tc.in, got.String())
				return
			}
			require.ErrorContains(t, err, "unknown role")
			require.ErrorContains(t, err, "ROLE_AGENT, ROLE_VALIDATOR, ROLE_MODERATOR, ROLE_CONSENSUS_VALIDATOR")
		})
	}
}

// TestParseRoleCoversEveryRole: a role added to the enum must be parseable
// and valid, or this test names it.
func TestParseRoleCoversEveryRole(t *testing.T) {
	for v, name := range types.Role_name {
		r := types.Role(v)
		if r == types.ROLE_UNSPECIFIED {
			continue
		}
		got, err := types.ParseRole(name)
		require.NoError(t, err, name)
		require.Equal(t, r, got)
		require.NoError(t, r.Validate(), name)
	}
}
