package keeper

import (
	"context"
	"errors"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// memberKey is the Members (and Blacklist) key of (role, addr).
func memberKey(role types.Role, addr sdk.AccAddress) collections.Pair[int32, sdk.AccAddress] {
	return collections.Join(int32(role), addr)
}

// decodeAddress decodes a bech32 address and returns it with its canonical
// (lower-case) form, which is what state and events carry.
func (k Keeper) decodeAddress(field, s string) (sdk.AccAddress, string, error) {
	bz, err := types.ValidateAddress(k.addressCodec, field, s)
	if err != nil {
		return nil, "", err
	}
	canonical, err := k.addressCodec.BytesToString(bz)
	if err != nil {
		return nil, "", err
	}
	return bz, canonical, nil
}

// decodeSignerAndAddress decodes the signer (or authority) of a message and
// the address it acts on, both canonicalised.
func (k Keeper) decodeSignerAndAddress(signerField, signer, address string) (
	signerBz sdk.AccAddress, signerStr string, addr sdk.AccAddress, addrStr string, err error,
) {
	if signerBz, signerStr, err = k.decodeAddress(signerField, signer); err != nil {
		return nil, "", nil, "", err
	}
	if addr, addrStr, err = k.decodeAddress("address", address); err != nil {
		return nil, "", nil, "", err
	}
	return signerBz, signerStr, addr, addrStr, nil
}

// getMember loads the membership of addr in role; found is false when there
// is none.
func (k Keeper) getMember(ctx context.Context, role types.Role, addr sdk.AccAddress) (m types.Member, found bool, err error) {
	m, err = k.Members.Get(ctx, memberKey(role, addr))
	if errors.Is(err, collections.ErrNotFound) {
		return types.Member{}, false, nil
	}
	if err != nil {
		return types.Member{}, false, err
	}
	return m, true, nil
}

// setMember writes m, which replaces old when old is not nil, and keeps the
// expiry queue in step: the old expiry leaves it, the new one enters it.
func (k Keeper) setMember(ctx context.Context, addr sdk.AccAddress, m types.Member, old *types.Member) error {
	if old != nil && old.ExpiresAt != nil {
		if err := k.ExpiryQueue.Remove(ctx, collections.Join3(*old.ExpiresAt, int32(old.Role), addr)); err != nil {
			return err
		}
	}
	if m.ExpiresAt != nil {
		if err := k.ExpiryQueue.Set(ctx, collections.Join3(*m.ExpiresAt, int32(m.Role), addr)); err != nil {
			return err
		}
	}
	return k.Members.Set(ctx, memberKey(m.Role, addr), m)
}

// removeMember deletes m and its expiry queue entry.
func (k Keeper) removeMember(ctx context.Context, addr sdk.AccAddress, m types.Member) error {
	if m.ExpiresAt != nil {
		if err := k.ExpiryQueue.Remove(ctx, collections.Join3(*m.ExpiresAt, int32(m.Role), addr)); err != nil {
			return err
		}
	}
	return k.Members.Remove(ctx, memberKey(m.Role, addr))
}

// signerCapacity says in what capacity signer may grant or revoke role, or
// publish a root for it: as the authority (ADMISSION_SOURCE_GOVERNANCE) or as
// an issuer accredited for role (ADMISSION_SOURCE_ISSUER). Anyone else gets
// ErrUnauthorized.
func (k Keeper) signerCapacity(ctx context.Context, signer sdk.AccAddress, signerStr string, role types.Role) (types.AdmissionSource, error) {
	if signerStr == k.authority {
		return types.ADMISSION_SOURCE_GOVERNANCE, nil
	}
	issuer, err := k.Issuers.Get(ctx, signer)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ADMISSION_SOURCE_UNSPECIFIED, errorsmod.Wrapf(types.ErrUnauthorized,
			"%s is neither the authority nor an accredited issuer", signerStr)
	}
	if err != nil {
		return types.ADMISSION_SOURCE_UNSPECIFIED, err
	}
	if !slices.Contains(issuer.Roles, role) {
		return types.ADMISSION_SOURCE_UNSPECIFIED, errorsmod.Wrapf(types.ErrUnauthorized,
			"issuer %s (%s) is not accredited for %s; it may act for %v", signerStr, issuer.Name, role, issuer.Roles)
	}
	return types.ADMISSION_SOURCE_ISSUER, nil
}

// requireAuthority refuses every signer but the authority.
func (k Keeper) requireAuthority(signer, action string) error {
	if signer != k.authority {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s may not %s; the authority is %s", signer, action, k.authority)
	}
	return nil
}

// afterRoleLost tells the hooks, if any, that addr lost role.
func (k Keeper) afterRoleLost(ctx context.Context, addr sdk.AccAddress, role types.Role) error {
	if k.hooks == nil {
		return nil
	}
	return k.hooks.AfterRoleLost(ctx, addr, role)
}
