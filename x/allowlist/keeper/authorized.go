package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// AuthorizationKeeper is what the rest of the chain calls; consumers declare
// the methods they use in their own expected_keepers.go:
//
//   - x/jobs: CheckAuthorized(ctx, agent, ROLE_AGENT) at MsgApplyForJob,
//     (validator, ROLE_VALIDATOR) at MsgApproveJob/MsgDisapproveJob,
//     (moderator, ROLE_MODERATOR) at MsgResolveDispute.
//   - the ante decorator (issue 3 item 5): CheckAuthorized(ctx, operator,
//     ROLE_CONSENSUS_VALIDATOR) for MsgCreateValidator (also inside authz
//     MsgExec, and for gentxs) and for MsgUnjail.
//   - the governance gate (item 6): CheckProposer(ctx, proposer).
//   - jailing (item 5): types.AllowlistHooks.AfterRoleLost for revocations
//     and bars; ExpiredMemberships in an EndBlocker for expiries.
type AuthorizationKeeper interface {
	IsAuthorized(ctx context.Context, addr sdk.AccAddress, role types.Role) (bool, error)
	CheckAuthorized(ctx context.Context, addr sdk.AccAddress, role types.Role) error
	CheckProposer(ctx context.Context, proposer sdk.AccAddress) error
}

var _ AuthorizationKeeper = Keeper{}

// IsAuthorized reports whether addr may act as role at the block time: it is
// not blacklisted for role, holds a membership in role, the membership has
// not expired (it is expired from the first block whose time is at or after
// expires_at), and a Merkle-claimed membership was claimed under what is
// still its issuer's current root for role.
//
// When addr is not authorized the error says why, as one of ErrBlacklisted,
// ErrNotMember, ErrMembershipExpired or ErrMerkleRootRotated (checked in that
// order; IsReason tells them apart); any other error is a store failure. A
// caller that only refuses can return the error as it is.
func (k Keeper) IsAuthorized(ctx context.Context, addr sdk.AccAddress, role types.Role) (bool, error) {
	if err := types.ValidateRole(role); err != nil {
		return false, err
	}
	addrStr, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		return false, err
	}
	barred, err := k.Blacklist.Has(ctx, memberKey(role, addr))
	if err != nil {
		return false, err
	}
	if barred {
		return false, errorsmod.Wrapf(types.ErrBlacklisted, "%s is blacklisted for %s", addrStr, role)
	}
	m, found, err := k.getMember(ctx, role, addr)
	if err != nil {
		return false, err
	}
	if !found {
		return false, errorsmod.Wrapf(types.ErrNotMember, "%s does not hold %s", addrStr, role)
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if m.ExpiresAt != nil && !now.Before(*m.ExpiresAt) {
		return false, errorsmod.Wrapf(types.ErrMembershipExpired, "the %s membership of %s expired at %s",
			role, addrStr, types.FormatTime(*m.ExpiresAt))
	}
	if m.Source == types.ADMISSION_SOURCE_MERKLE_CLAIM {
		issuer, err := k.addressCodec.StringToBytes(m.Issuer)
		if err != nil {
			return false, err
		}
		current, err := k.MerkleRoots.Get(ctx, collections.Join(sdk.AccAddress(issuer), int32(role)))
		switch {
		case errors.Is(err, collections.ErrNotFound):
			return false, errorsmod.Wrapf(types.ErrMerkleRootRotated,
				"%s claimed %s under root %s of %s, which has no current root for it", addrStr, role, m.MerkleRoot, m.Issuer)
		case err != nil:
			return false, err
		case current.Root != m.MerkleRoot:
			return false, errorsmod.Wrapf(types.ErrMerkleRootRotated,
				"%s claimed %s under root %s of %s, whose current root is %s", addrStr, role, m.MerkleRoot, m.Issuer, current.Root)
		}
	}
	return true, nil
}

// CheckAuthorized returns nil when addr may act as role, else the reason (or
// a store failure) from IsAuthorized.
func (k Keeper) CheckAuthorized(ctx context.Context, addr sdk.AccAddress, role types.Role) error {
	ok, err := k.IsAuthorized(ctx, addr, role)
	if ok {
		return nil
	}
	return err
}

// IsReason reports whether err is one of the reasons IsAuthorized gives for
// refusing, rather than a failure.
func IsReason(err error) bool {
	for _, reason := range []error{
		types.ErrBlacklisted, types.ErrNotMember, types.ErrMembershipExpired, types.ErrMerkleRootRotated,
	} {
		if errors.Is(err, reason) {
			return true
		}
	}
	return false
}

// CheckProposer returns nil when proposer may submit a governance proposal:
// the proposer_roles parameter is empty, or proposer is authorized for one of
// its roles. Otherwise ErrUnauthorized names the roles.
func (k Keeper) CheckProposer(ctx context.Context, proposer sdk.AccAddress) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if len(params.ProposerRoles) == 0 {
		return nil
	}
	for _, role := range params.ProposerRoles {
		ok, err := k.IsAuthorized(ctx, proposer, role)
		if ok {
			return nil
		}
		if !IsReason(err) {
			return err
		}
	}
	addrStr, err := k.addressCodec.BytesToString(proposer)
	if err != nil {
		return err
	}
	return errorsmod.Wrapf(types.ErrUnauthorized, "%s may not submit governance proposals: it is authorized for none of %v",
		addrStr, params.ProposerRoles)
}
