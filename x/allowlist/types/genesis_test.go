package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

var agijCodec = addresscodec.NewBech32Codec("agij")

func agijAddr(t *testing.T, name string) string {
	t.Helper()
	bz := make([]byte, 20)
	copy(bz, name)
	s, err := agijCodec.BytesToString(bz)
	require.NoError(t, err)
	return s
}

// validGenesis holds one entry of every kind.
func validGenesis(t *testing.T) types.GenesisState {
	t0 := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	later := t0.Add(time.Hour)
	return types.GenesisState{
		Params: types.DefaultParams(),
		Members: []types.Member{
			{Address: agijAddr(t, "a"), Role: types.ROLE_CONSENSUS_VALIDATOR, Issuer: agijAddr(t, "gov"), GrantedAt: t0, Source: types.ADMISSION_SOURCE_GENESIS},
			{Address: agijAddr(t, "b"), Role: types.ROLE_AGENT, Issuer: agijAddr(t, "issuer"), Jurisdiction: "DE", MetadataUri: "ipfs://b",
				GrantedAt: t0, ExpiresAt: &later, Source: types.ADMISSION_SOURCE_ISSUER},
			{Address: agijAddr(t, "c"), Role: types.ROLE_AGENT, Issuer: agijAddr(t, "issuer"), GrantedAt: t0,
				Source: types.ADMISSION_SOURCE_MERKLE_CLAIM, MerkleRoot: strings.Repeat("0f", 32)},
		},
		Issuers:           []types.Issuer{{Address: agijAddr(t, "issuer"), Name: "Issuer", Jurisdiction: "DE", Roles: []types.Role{types.ROLE_AGENT}}},
		Blacklist:         []types.BlacklistEntry{{Role: types.ROLE_AGENT, Address: agijAddr(t, "d")}},
		MerkleRoots:       []types.MerkleRootEntry{{Issuer: agijAddr(t, "issuer"), Role: types.ROLE_AGENT, Root: strings.Repeat("0f", 32), SetAt: t0}},
		ProcessedExpiries: []types.ProcessedExpiry{{Role: types.ROLE_AGENT, Address: agijAddr(t, "b")}},
	}
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().ValidateWith(agijCodec))
	require.NoError(t, types.DefaultGenesis().Validate())
	gs := validGenesis(t)
	require.NoError(t, gs.ValidateWith(agijCodec))
	// The same state under another prefix is refused.
	require.ErrorIs(t, gs.ValidateWith(addresscodec.NewBech32Codec("cosmos")), sdkerrors.ErrInvalidAddress)

	cases := []struct {
		name    string
		edit    func(gs *types.GenesisState)
		wantErr error
		want    string
	}{
		{"invalid params", func(gs *types.GenesisState) { gs.Params.ProposerRoles = []types.Role{0} }, types.ErrInvalidParams, "proposer_roles"},
		{"member twice", func(gs *types.GenesisState) { gs.Members = append(gs.Members, gs.Members[1]) }, types.ErrInvalidGenesis,
			"members[3]: " + agijAddr(t, "b") + " holds ROLE_AGENT twice"},
		{"member bad address", func(gs *types.GenesisState) { gs.Members[0].Address = "agij1nope" }, sdkerrors.ErrInvalidAddress, "members[0]"},
		{"member bad issuer", func(gs *types.GenesisState) { gs.Members[0].Issuer = "" }, sdkerrors.ErrInvalidAddress, "issuer"},
		{"member unspecified role", func(gs *types.GenesisState) { gs.Members[0].Role = 0 }, types.ErrInvalidRole, "members[0]"},
		{"member unknown role", func(gs *types.GenesisState) { gs.Members[0].Role = 9 }, types.ErrInvalidRole, "unknown role 9"},
		{"member unspecified source", func(gs *types.GenesisState) { gs.Members[0].Source = 0 }, types.ErrInvalidGenesis, "ADMISSION_SOURCE_UNSPECIFIED"},
		{"member bad jurisdiction", func(gs *types.GenesisState) { gs.Members[1].Jurisdiction = "Deutschland" }, types.ErrInvalidJurisdiction, "members[1]"},
		{"member bad URI", func(gs *types.GenesisState) { gs.Members[1].MetadataUri = "a b" }, types.ErrInvalidMetadataURI, "members[1]"},
		{"member expires at grant", func(gs *types.GenesisState) { gs.Members[1].ExpiresAt = &gs.Members[1].GrantedAt }, types.ErrInvalidExpiry, "is not after granted_at"},
		{"claim with bad root", func(gs *types.GenesisState) { gs.Members[2].MerkleRoot = "0F" }, types.ErrInvalidMerkleRoot, "members[2]"},
		{"claim without root", func(gs *types.GenesisState) { gs.Members[2].MerkleRoot = "" }, types.ErrInvalidMerkleRoot, "members[2]"},
		{"claimed consensus validator", func(gs *types.GenesisState) { gs.Members[2].Role = types.ROLE_CONSENSUS_VALIDATOR }, types.ErrRoleNotClaimable, "members[2]"},
		{"root on a grant", func(gs *types.GenesisState) { gs.Members[1].MerkleRoot = strings.Repeat("0f", 32) }, types.ErrInvalidGenesis, "only Merkle claims have one"},
		{"issuer twice", func(gs *types.GenesisState) { gs.Issuers = append(gs.Issuers, gs.Issuers[0]) }, types.ErrInvalidGenesis, "issuers[1]: issuer"},
		{"issuer without roles", func(gs *types.GenesisState) { gs.Issuers[0].Roles = nil }, types.ErrInvalidIssuer, "issuers[0]: an issuer needs at least one role"},
		{"issuer unspecified role", func(gs *types.GenesisState) { gs.Issuers[0].Roles = []types.Role{0} }, types.ErrInvalidIssuer, "role must be specified"},
		{"issuer without name", func(gs *types.GenesisState) { gs.Issuers[0].Name = "" }, types.ErrInvalidIssuer, "name is empty"},
		{"issuer bad address", func(gs *types.GenesisState) { gs.Issuers[0].Address = "x" }, sdkerrors.ErrInvalidAddress, "issuers[0]"},
		{"issuer bad jurisdiction", func(gs *types.GenesisState) { gs.Issuers[0].Jurisdiction = "D" }, types.ErrInvalidJurisdiction, "issuers[0]"},
		{"bar twice", func(gs *types.GenesisState) { gs.Blacklist = append(gs.Blacklist, gs.Blacklist[0]) }, types.ErrInvalidGenesis, "blacklist[1]"},
		{"bar unspecified role", func(gs *types.GenesisState) { gs.Blacklist[0].Role = 0 }, types.ErrInvalidRole, "blacklist[0]"},
		{"bar bad address", func(gs *types.GenesisState) { gs.Blacklist[0].Address = "" }, sdkerrors.ErrInvalidAddress, "blacklist[0]"},
		{"root twice", func(gs *types.GenesisState) { gs.MerkleRoots = append(gs.MerkleRoots, gs.MerkleRoots[0]) }, types.ErrInvalidGenesis, "merkle_roots[1]"},
		{"root bad hex", func(gs *types.GenesisState) { gs.MerkleRoots[0].Root = strings.Repeat("0g", 32) }, types.ErrInvalidMerkleRoot, "merkle_roots[0]"},
		{"root unspecified role", func(gs *types.GenesisState) { gs.MerkleRoots[0].Role = 0 }, types.ErrInvalidRole, "merkle_roots[0]"},
		{"root for consensus validators", func(gs *types.GenesisState) { gs.MerkleRoots[0].Role = types.ROLE_CONSENSUS_VALIDATOR }, types.ErrRoleNotClaimable, "merkle_roots[0]"},
		{"root bad issuer", func(gs *types.GenesisState) { gs.MerkleRoots[0].Issuer = "i" }, sdkerrors.ErrInvalidAddress, "merkle_roots[0]"},
		{"processed expiry twice", func(gs *types.GenesisState) {
			gs.ProcessedExpiries = append(gs.ProcessedExpiries, gs.ProcessedExpiries[0])
		},
			types.ErrInvalidGenesis, "processed_expiries[1]: the ROLE_AGENT expiry of " + agijAddr(t, "b") + " is listed twice"},
		{"processed expiry of a membership without expiry", func(gs *types.GenesisState) { gs.Members[1].ExpiresAt = nil },
			types.ErrInvalidGenesis, "processed_expiries[0]: " + agijAddr(t, "b") + " holds no ROLE_AGENT membership with an expiry"},
		{"processed expiry of no membership", func(gs *types.GenesisState) { gs.ProcessedExpiries[0].Role = types.ROLE_MODERATOR },
			types.ErrInvalidGenesis, "holds no ROLE_MODERATOR membership with an expiry"},
		{"processed expiry bad address", func(gs *types.GenesisState) { gs.ProcessedExpiries[0].Address = "agij1nope" }, sdkerrors.ErrInvalidAddress, "processed_expiries[0]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis(t)
			tc.edit(&gs)
			err := gs.ValidateWith(agijCodec)
			require.ErrorIs(t, err, tc.wantErr)
			require.ErrorContains(t, err, tc.want)
		})
	}

	// The same address in another role, or barred from another role, is fine.
	gs = validGenesis(t)
	m := gs.Members[1]
	m.Role = types.ROLE_VALIDATOR
	gs.Members = append(gs.Members, m)
	gs.Blacklist = append(gs.Blacklist, types.BlacklistEntry{Role: types.ROLE_VALIDATOR, Address: gs.Blacklist[0].Address})
	gs.MerkleRoots = append(gs.MerkleRoots, types.MerkleRootEntry{Issuer: gs.MerkleRoots[0].Issuer, Role: types.ROLE_VALIDATOR, Root: gs.MerkleRoots[0].Root})
	require.NoError(t, gs.ValidateWith(agijCodec))
}
