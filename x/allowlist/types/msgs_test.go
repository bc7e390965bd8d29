package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func TestMsgUpdateParamsValidateBasic(t *testing.T) {
	gov := authtypes.NewModuleAddress("gov").String()
	// Empty proposer_roles is valid (anyone may propose); an unspecified role is not.
	zero := types.Params{ProposerRoles: []types.Role{types.ROLE_UNSPECIFIED}}

	require.NoError(t, (&types.MsgUpdateParams{Authority: gov, Params: types.DefaultParams()}).ValidateBasic())
	require.ErrorIs(t, (&types.MsgUpdateParams{Authority: "not-an-address", Params: types.DefaultParams()}).ValidateBasic(),
		sdkerrors.ErrInvalidAddress)
	require.ErrorIs(t, (&types.MsgUpdateParams{Authority: "", Params: types.DefaultParams()}).ValidateBasic(),
		sdkerrors.ErrInvalidAddress)
	require.ErrorIs(t, (&types.MsgUpdateParams{Authority: gov, Params: zero}).ValidateBasic(), types.ErrInvalidParams)
}

// Addresses under the process's prefix (cosmos in these tests).
var (
	addrA  = sdk.AccAddress([]byte("addr-a______________")).String()
	addrB  = sdk.AccAddress([]byte("addr-b______________")).String()
	root   = strings.Repeat("ab", 32)
	future = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
)

// vbCase is one ValidateBasic case: nil wantErr means valid.
type vbCase struct {
	name    string
	msg     sdk.HasValidateBasic
	wantErr error
}

func runValidateBasic(t *testing.T, cases []vbCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.ValidateBasic()
			if tc.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
		})
	}
}

func TestMsgGrantRoleValidateBasic(t *testing.T) {
	runValidateBasic(t, []vbCase{
		{"minimal", &types.MsgGrantRole{Signer: addrA, Address: addrB, Role: types.ROLE_AGENT}, nil},
		{"every field", &types.MsgGrantRole{Signer: addrA, Address: addrB, Role: types.ROLE_CONSENSUS_VALIDATOR,
			Jurisdiction: "US-CA", MetadataUri: "https://example.org/kyc/1", ExpiresAt: &future}, nil},
		{"self", &types.MsgGrantRole{Signer: addrA, Address: addrA, Role: types.ROLE_AGENT}, nil},
		{"bad signer", &types.MsgGrantRole{Signer: "x", Address: addrB, Role: types.ROLE_AGENT}, sdkerrors.ErrInvalidAddress},
		{"empty address", &types.MsgGrantRole{Signer: addrA, Role: types.ROLE_AGENT}, sdkerrors.ErrInvalidAddress},
		{"unspecified role", &types.MsgGrantRole{Signer: addrA, Address: addrB}, types.ErrInvalidRole},
		{"unknown role", &types.MsgGrantRole{Signer: addrA, Address: addrB, Role: 5}, types.ErrInvalidRole},
		{"bad jurisdiction", &types.MsgGrantRole{Signer: addrA, Address: addrB, Role: types.ROLE_AGENT, Jurisdiction: "D"}, types.ErrInvalidJurisdiction},
		{"URI with a tab", &types.MsgGrantRole{Signer: addrA, Address: addrB, Role: types.ROLE_AGENT, MetadataUri: "a\tb"}, types.ErrInvalidMetadataURI},
	})
}

func TestMsgRevokeRoleValidateBasic(t *testing.T) {
	runValidateBasic(t, []vbCase{
		{"valid", &types.MsgRevokeRole{Signer: addrA, Address: addrB, Role: types.ROLE_VALIDATOR, Reason: "fraud, see case 12"}, nil},
		{"longest reason", &types.MsgRevokeRole{Signer: addrA, Address: addrB, Role: types.ROLE_VALIDATOR, Reason: strings.Repeat("r", 1024)}, nil},
		{"reason too long", &types.MsgRevokeRole{Signer: addrA, Address: addrB, Role: types.ROLE_VALIDATOR, Reason: strings.Repeat("r", 1025)}, types.ErrInvalidReason},
		{"reason not UTF-8", &types.MsgRevokeRole{Signer: addrA, Address: addrB, Role: types.ROLE_VALIDATOR, Reason: "\xff"}, types.ErrInvalidReason},
		{"bad signer", &types.MsgRevokeRole{Signer: "", Address: addrB, Role: types.ROLE_VALIDATOR}, sdkerrors.ErrInvalidAddress},
		{"bad address", &types.MsgRevokeRole{Signer: addrA, Address: "agij", Role: types.ROLE_VALIDATOR}, sdkerrors.ErrInvalidAddress},
		{"unspecified role", &types.MsgRevokeRole{Signer: addrA, Address: addrB}, types.ErrInvalidRole},
	})
}

func TestMsgSetBlacklistValidateBasic(t *testing.T) {
	runValidateBasic(t, []vbCase{
		{"bar", &types.MsgSetBlacklist{Authority: addrA, Address: addrB, Role: types.ROLE_AGENT, Blacklisted: true}, nil},
		{"lift", &types.MsgSetBlacklist{Authority: addrA, Address: addrB, Role: types.ROLE_AGENT}, nil},
		{"bad authority", &types.MsgSetBlacklist{Authority: "gov", Address: addrB, Role: types.ROLE_AGENT}, sdkerrors.ErrInvalidAddress},
		{"bad address", &types.MsgSetBlacklist{Authority: addrA, Role: types.ROLE_AGENT}, sdkerrors.ErrInvalidAddress},
		{"unspecified role", &types.MsgSetBlacklist{Authority: addrA, Address: addrB, Blacklisted: true}, types.ErrInvalidRole},
	})
}

func TestMsgSetIssuerValidateBasic(t *testing.T) {
	roles := []types.Role{types.ROLE_AGENT}
	runValidateBasic(t, []vbCase{
		{"valid", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "Registry of Bavaria", Jurisdiction: "DE-BY", Roles: roles}, nil},
		{"all roles", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "X", Roles: []types.Role{4, 3, 2, 1}}, nil},
		{"unicode name", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "Öffentliche Stelle", Roles: roles}, nil},
		{"no roles", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "X"}, types.ErrInvalidIssuer},
		{"role twice", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "X", Roles: []types.Role{1, 2, 1}}, types.ErrInvalidIssuer},
		{"unspecified role", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "X", Roles: []types.Role{0}}, types.ErrInvalidIssuer},
		{"empty name", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Roles: roles}, types.ErrInvalidIssuer},
		{"name with newline", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "a\nb", Roles: roles}, types.ErrInvalidIssuer},
		{"name ends with space", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "a ", Roles: roles}, types.ErrInvalidIssuer},
		{"name not UTF-8", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "\xc3", Roles: roles}, types.ErrInvalidIssuer},
		{"bad jurisdiction", &types.MsgSetIssuer{Authority: addrA, Address: addrB, Name: "X", Jurisdiction: "de-by", Roles: roles}, types.ErrInvalidJurisdiction},
		{"bad authority", &types.MsgSetIssuer{Address: addrB, Name: "X", Roles: roles}, sdkerrors.ErrInvalidAddress},
		{"bad address", &types.MsgSetIssuer{Authority: addrA, Address: "x", Name: "X", Roles: roles}, sdkerrors.ErrInvalidAddress},
	})
}

func TestMsgRemoveIssuerValidateBasic(t *testing.T) {
	runValidateBasic(t, []vbCase{
		{"valid", &types.MsgRemoveIssuer{Authority: addrA, Address: addrB}, nil},
		{"bad authority", &types.MsgRemoveIssuer{Authority: "a", Address: addrB}, sdkerrors.ErrInvalidAddress},
		{"bad address", &types.MsgRemoveIssuer{Authority: addrA}, sdkerrors.ErrInvalidAddress},
	})
}

func TestMsgSetMerkleRootValidateBasic(t *testing.T) {
	runValidateBasic(t, []vbCase{
		{"valid", &types.MsgSetMerkleRoot{Signer: addrA, Role: types.ROLE_AGENT, Root: root}, nil},
		{"moderator", &types.MsgSetMerkleRoot{Signer: addrA, Role: types.ROLE_MODERATOR, Root: root}, nil},
		{"consensus validator", &types.MsgSetMerkleRoot{Signer: addrA, Role: types.ROLE_CONSENSUS_VALIDATOR, Root: root}, types.ErrRoleNotClaimable},
		{"unspecified role", &types.MsgSetMerkleRoot{Signer: addrA, Root: root}, types.ErrInvalidRole},
		{"upper case", &types.MsgSetMerkleRoot{Signer: addrA, Role: types.ROLE_AGENT, Root: strings.ToUpper(root)}, types.ErrInvalidMerkleRoot},
		{"65 chars", &types.MsgSetMerkleRoot{Signer: addrA, Role: types.ROLE_AGENT, Root: root + "a"}, types.ErrInvalidMerkleRoot},
		{"empty root", &types.MsgSetMerkleRoot{Signer: addrA, Role: types.ROLE_AGENT}, types.ErrInvalidMerkleRoot},
		{"bad signer", &types.MsgSetMerkleRoot{Signer: "s", Role: types.ROLE_AGENT, Root: root}, sdkerrors.ErrInvalidAddress},
	})
}

func TestMsgClaimRoleValidateBasic(t *testing.T) {
	proof := []string{root, strings.Repeat("01", 32)}
	runValidateBasic(t, []vbCase{
		{"valid", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB, Role: types.ROLE_AGENT, Proof: proof}, nil},
		{"empty proof (one-address tree)", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB, Role: types.ROLE_VALIDATOR}, nil},
		{"64 hashes", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB, Role: types.ROLE_AGENT, Proof: repeat(root, 64)}, nil},
		{"65 hashes", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB, Role: types.ROLE_AGENT, Proof: repeat(root, 65)}, types.ErrInvalidProof},
		{"bad hash", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB, Role: types.ROLE_AGENT, Proof: []string{root, "0x12"}}, types.ErrInvalidProof},
		{"consensus validator", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB, Role: types.ROLE_CONSENSUS_VALIDATOR}, types.ErrRoleNotClaimable},
		{"unspecified role", &types.MsgClaimRole{Claimant: addrA, Issuer: addrB}, types.ErrInvalidRole},
		{"bad claimant", &types.MsgClaimRole{Issuer: addrB, Role: types.ROLE_AGENT}, sdkerrors.ErrInvalidAddress},
		{"bad issuer", &types.MsgClaimRole{Claimant: addrA, Issuer: "i", Role: types.ROLE_AGENT}, sdkerrors.ErrInvalidAddress},
	})
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// Every message has its amino name, at most 39 characters (the limit of
// amino JSON signing on a Ledger), as tx.proto declares it.
func TestAminoNames(t *testing.T) {
	cdc := codec.NewLegacyAmino()
	types.RegisterLegacyAminoCodec(cdc)
	for name, msg := range map[string]sdk.Msg{
		"agij/allowlist/MsgUpdateParams":  &types.MsgUpdateParams{},
		"agij/allowlist/MsgGrantRole":     &types.MsgGrantRole{},
		"agij/allowlist/MsgRevokeRole":    &types.MsgRevokeRole{},
		"agij/allowlist/MsgSetBlacklist":  &types.MsgSetBlacklist{},
		"agij/allowlist/MsgSetIssuer":     &types.MsgSetIssuer{},
		"agij/allowlist/MsgRemoveIssuer":  &types.MsgRemoveIssuer{},
		"agij/allowlist/MsgSetMerkleRoot": &types.MsgSetMerkleRoot{},
		"agij/allowlist/MsgClaimRole":     &types.MsgClaimRole{},
	} {
		require.LessOrEqual(t, len(name), 39, name)
		bz, err := cdc.MarshalJSON(msg)
		require.NoError(t, err)
		require.Contains(t, string(bz), `"type":"`+name+`"`)
	}
}
