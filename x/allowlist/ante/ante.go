// Package ante holds the transaction checks that keep the network
// permissioned: only authorized institutions join the consensus set, and only
// accounts with a proposer role submit governance proposals (DESIGN §2).
package ante

import (
	"context"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/authz"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// MaxNestingDepth bounds how deep authz.MsgExec may nest messages; deeper
// nesting is refused, so the walk over a transaction stays bounded.
const MaxNestingDepth = 8

// AllowlistKeeper is what the decorator reads from x/allowlist.
type AllowlistKeeper interface {
	// CheckAuthorized returns nil when addr holds role, else the reason.
	CheckAuthorized(ctx context.Context, addr sdk.AccAddress, role types.Role) error
	// CheckProposer returns nil when addr may submit governance proposals.
	CheckProposer(ctx context.Context, proposer sdk.AccAddress) error
}

// PermissionDecorator refuses, at any authz nesting depth:
//   - MsgCreateValidator unless the operator account is authorized as
//     ROLE_CONSENSUS_VALIDATOR (gentxs pass this gate too: they are delivered
//     through the ante handler at genesis, after x/allowlist's InitGenesis);
//   - MsgUnjail while the operator account is not so authorized;
//   - governance proposals (gov v1 and v1beta1 MsgSubmitProposal) from an
//     account that holds none of the proposer_roles.
type PermissionDecorator struct {
	keeper          AllowlistKeeper
	valAddressCodec addressDecoder
	accAddressCodec addressDecoder
}

type addressDecoder interface {
	StringToBytes(string) ([]byte, error)
}

// NewPermissionDecorator returns the decorator; the codecs decode operator
// (agijvaloper…) and account (agij…) addresses.
func NewPermissionDecorator(k AllowlistKeeper, valAddressCodec, accAddressCodec address.Codec) PermissionDecorator {
	return PermissionDecorator{keeper: k, valAddressCodec: valAddressCodec, accAddressCodec: accAddressCodec}
}

// AnteHandle implements sdk.AnteDecorator.
func (d PermissionDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if err := d.checkMsgs(ctx, tx.GetMsgs(), 0); err != nil {
		return ctx, err
	}
	return next(ctx, tx, simulate)
}

func (d PermissionDecorator) checkMsgs(ctx sdk.Context, msgs []sdk.Msg, depth int) error {
	if depth > MaxNestingDepth {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "authz MsgExec nested deeper than %d", MaxNestingDepth)
	}
	for _, msg := range msgs {
		switch m := msg.(type) {
		case *authz.MsgExec:
			inner, err := m.GetMessages()
			if err != nil {
				return err
			}
			if err := d.checkMsgs(ctx, inner, depth+1); err != nil {
				return err
			}
		case *stakingtypes.MsgCreateValidator:
			if err := d.checkOperator(ctx, m.ValidatorAddress, "create a validator"); err != nil {
				return err
			}
		case *slashingtypes.MsgUnjail:
			if err := d.checkOperator(ctx, m.ValidatorAddr, "unjail"); err != nil {
				return err
			}
		case *govv1.MsgSubmitProposal:
			if err := d.checkProposer(ctx, m.Proposer); err != nil {
				return err
			}
		case *govv1beta1.MsgSubmitProposal:
			if err := d.checkProposer(ctx, m.Proposer); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkOperator requires the operator's account to hold ROLE_CONSENSUS_VALIDATOR.
func (d PermissionDecorator) checkOperator(ctx sdk.Context, valAddr, action string) error {
	bz, err := d.valAddressCodec.StringToBytes(valAddr)
	if err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "validator address %q: %s", valAddr, err)
	}
	if err := d.keeper.CheckAuthorized(ctx, bz, types.ROLE_CONSENSUS_VALIDATOR); err != nil {
		// The reason names the operator's account and the role it lacks.
		return errorsmod.Wrapf(err, "%s may not %s", valAddr, action)
	}
	return nil
}

func (d PermissionDecorator) checkProposer(ctx sdk.Context, proposer string) error {
	bz, err := d.accAddressCodec.StringToBytes(proposer)
	if err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "proposer %q: %s", proposer, err)
	}
	// The error names the proposer and the roles it lacks.
	return d.keeper.CheckProposer(ctx, bz)
}
