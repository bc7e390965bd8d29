package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func TestValidateJurisdiction(t *testing.T) {
	for _, ok := range []string{"", "DE", "US", "US-CA", "GB-ENG", "FR-75", "CN-BJ", "IT-RM", "NL-NH"} {
		require.NoError(t, types.ValidateJurisdiction(ok), ok)
	}
	for _, bad := range []string{"D", "de", "DEU", "US-", "US-CALI", "us-ca", "US_CA", " DE", "DE ", "276", "US-C A", "ÜS"} {
		err := types.ValidateJurisdiction(bad)
		require.ErrorIs(t, err, types.ErrInvalidJurisdiction, bad)
	}
}

func TestValidateMetadataURI(t *testing.T) {
	for _, ok := range []string{"", "ipfs://bafy", "https://example.org/a?b=c#d", strings.Repeat("a", 2048), "urn:uuid:é"} {
		require.NoError(t, types.ValidateMetadataURI(ok))
	}
	for _, bad := range []string{"a b", "a\tb", "a\nb", "a\u00a0b", "a\x00b", "\xff", strings.Repeat("a", 2049)} {
		require.ErrorIs(t, types.ValidateMetadataURI(bad), types.ErrInvalidMetadataURI, "%q", bad)
	}
}

func TestValidateClaimableRole(t *testing.T) {
	for _, r := range []types.Role{types.ROLE_AGENT, types.ROLE_VALIDATOR, types.ROLE_MODERATOR} {
		require.NoError(t, types.ValidateClaimableRole(r))
	}
	require.ErrorIs(t, types.ValidateClaimableRole(types.ROLE_CONSENSUS_VALIDATOR), types.ErrRoleNotClaimable)
	require.ErrorIs(t, types.ValidateClaimableRole(types.ROLE_UNSPECIFIED), types.ErrInvalidRole)
}
