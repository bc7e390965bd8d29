package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// GrantRole admits msg.Address to msg.Role, or updates its membership. The
// signer is the authority (source GOVERNANCE) or an issuer accredited for the
// role (source ISSUER), and becomes the membership's issuer. An existing
// membership is replaced only by its own issuer or by the authority.
func (m msgServer) GrantRole(ctx context.Context, msg *types.MsgGrantRole) (*types.MsgGrantRoleResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	signer, signerStr, addr, addrStr, err := m.decodeSignerAndAddress("signer", msg.Signer, msg.Address)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if msg.ExpiresAt != nil && !msg.ExpiresAt.After(now) {
		return nil, errorsmod.Wrapf(types.ErrInvalidExpiry, "expires_at %s is not after the block time %s",
			types.FormatTime(*msg.ExpiresAt), types.FormatTime(now))
	}

	source, err := m.signerCapacity(ctx, signer, signerStr, msg.Role)
	if err != nil {
		return nil, err
	}

	barred, err := m.Blacklist.Has(ctx, memberKey(msg.Role, addr))
	if err != nil {
		return nil, err
	}
	old, found, err := m.getMember(ctx, msg.Role, addr)
	if err != nil {
		return nil, err
	}

	if barred {
		return nil, errorsmod.Wrapf(types.ErrBlacklisted, "%s is blacklisted for %s; governance must lift the bar first", addrStr, msg.Role)
	}
	if found && old.Issuer != signerStr && source != types.ADMISSION_SOURCE_GOVERNANCE {
		return nil, errorsmod.Wrapf(types.ErrAlreadyMember, "%s already holds %s, granted by %s; only that issuer or governance may update it",
			addrStr, msg.Role, old.Issuer)
	}

	member := types.Member{
		Address:      addrStr,
		Role:         msg.Role,
		Issuer:       signerStr,
		Jurisdiction: msg.Jurisdiction,
		MetadataUri:  msg.MetadataUri,
		GrantedAt:    now,
		Source:       source,
	}
	if msg.ExpiresAt != nil {
		t := msg.ExpiresAt.UTC()
		member.ExpiresAt = &t
	}
	var prev *types.Member
	if found {
		prev = &old
	}
	if err := m.setMember(ctx, addr, member, prev); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventRoleGranted{
		Address:      addrStr,
		Role:         msg.Role,
		Issuer:       signerStr,
		Source:       source,
		Jurisdiction: member.Jurisdiction,
		MetadataUri:  member.MetadataUri,
		ExpiresAt:    member.ExpiresAt,
		Updated:      found,
	}); err != nil {
		return nil, err
	}
	return &types.MsgGrantRoleResponse{}, nil
}

// RevokeRole deletes the membership of msg.Address in msg.Role. The authority
// may revoke any membership; an issuer, while accredited for the role, only
// those it granted (or admitted through its Merkle root).
func (m msgServer) RevokeRole(ctx context.Context, msg *types.MsgRevokeRole) (*types.MsgRevokeRoleResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	signer, signerStr, addr, addrStr, err := m.decodeSignerAndAddress("signer", msg.Signer, msg.Address)
	if err != nil {
		return nil, err
	}

	source, err := m.signerCapacity(ctx, signer, signerStr, msg.Role)
	if err != nil {
		return nil, err
	}

	member, found, err := m.getMember(ctx, msg.Role, addr)
	if err != nil {
		return nil, err
	}

	if !found {
		return nil, errorsmod.Wrapf(types.ErrNotMember, "%s does not hold %s", addrStr, msg.Role)
	}
	if source == types.ADMISSION_SOURCE_ISSUER && member.Issuer != signerStr {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s did not grant %s to %s (%s did); an issuer revokes only its own grants",
			signerStr, msg.Role, addrStr, member.Issuer)
	}

	if err := m.removeMember(ctx, addr, member); err != nil {
		return nil, err
	}
	if err := m.afterRoleLost(ctx, addr, msg.Role); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventRoleRevoked{
		Address: addrStr,
		Role:    msg.Role,
		Signer:  signerStr,
		Issuer:  member.Issuer,
		Reason:  msg.Reason,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRevokeRoleResponse{}, nil
}
