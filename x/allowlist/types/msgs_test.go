package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

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
