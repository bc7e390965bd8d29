package keeper

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// The handlers are split by who sends them: msg_server_roles.go (grant,
// revoke: the authority or issuers), msg_server_authority.go (blacklist,
// issuers: the authority only) and msg_server_merkle.go (roots and claims).
// Each runs: validate the input → check the signer's right → load → check
// the state rules → write → emit one typed event. A refused message changes
// nothing.

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/allowlist Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// emit emits one typed event.
func emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
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
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
