package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/reputation/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/reputation Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces every parameter; only the authority may send it.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if _, err := m.addressCodec.StringToBytes(msg.Authority); err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "authority %q: %s", msg.Authority, err)
	}
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s may not update params; the authority is %s", msg.Authority, m.authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidParams, err.Error())
	}
	// Scores never decrease, so the cap may not drop below a score already
	// earned (genesis refuses a score above max_score).
	highest, err := m.HighestScore(ctx)
	if err != nil {
		return nil, err
	}
	if msg.Params.MaxScore < highest {
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "max_score %d is below the highest score %d", msg.Params.MaxScore, highest)
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{
		Authority: msg.Authority,
		Params:    msg.Params,
	}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
