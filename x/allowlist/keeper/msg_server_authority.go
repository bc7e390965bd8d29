package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// SetBlacklist bars msg.Address from msg.Role or lifts the bar; only the
// authority may send it. A bar does not delete the membership, which stays
// unauthorized while the bar holds, and refuses every new admission to the
// role. Setting the state already in force succeeds and changes nothing.
func (m msgServer) SetBlacklist(ctx context.Context, msg *types.MsgSetBlacklist) (*types.MsgSetBlacklistResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	_, authority, addr, addrStr, err := m.decodeSignerAndAddress("authority", msg.Authority, msg.Address)
	if err != nil {
		return nil, err
	}

	if err := m.requireAuthority(authority, "set the blacklist"); err != nil {
		return nil, err
	}

	key := memberKey(msg.Role, addr)
	if msg.Blacklisted {
		if err := m.Blacklist.Set(ctx, key); err != nil {
			return nil, err
		}
		if err := m.afterRoleLost(ctx, addr, msg.Role); err != nil {
			return nil, err
		}
	} else if err := m.Blacklist.Remove(ctx, key); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventBlacklistSet{
		Authority:   authority,
		Address:     addrStr,
		Role:        msg.Role,
		Blacklisted: msg.Blacklisted,
	}); err != nil {
		return nil, err
	}
	return &types.MsgSetBlacklistResponse{}, nil
}

// SetIssuer accredits msg.Address for msg.Roles, replacing its record if it
// has one; only the authority may send it. Memberships an issuer granted for
// a role it loses stay; it can no longer revoke them (governance can).
func (m msgServer) SetIssuer(ctx context.Context, msg *types.MsgSetIssuer) (*types.MsgSetIssuerResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	_, authority, addr, addrStr, err := m.decodeSignerAndAddress("authority", msg.Authority, msg.Address)
	if err != nil {
		return nil, err
	}

	if err := m.requireAuthority(authority, "accredit issuers"); err != nil {
		return nil, err
	}

	updated, err := m.Issuers.Has(ctx, addr)
	if err != nil {
		return nil, err
	}

	issuer := types.Issuer{
		Address:      addrStr,
		Name:         msg.Name,
		Jurisdiction: msg.Jurisdiction,
		Roles:        append([]types.Role(nil), msg.Roles...),
	}
	if err := m.Issuers.Set(ctx, addr, issuer); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventIssuerSet{Authority: authority, Issuer: issuer, Updated: updated}); err != nil {
		return nil, err
	}
	return &types.MsgSetIssuerResponse{}, nil
}

// RemoveIssuer withdraws the accreditation of msg.Address; only the authority
// may send it. Its memberships and Merkle roots stay (so its members stay
// authorized), but it can no longer grant, revoke or publish, and no new
// claim is accepted against its roots.
func (m msgServer) RemoveIssuer(ctx context.Context, msg *types.MsgRemoveIssuer) (*types.MsgRemoveIssuerResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	_, authority, addr, addrStr, err := m.decodeSignerAndAddress("authority", msg.Authority, msg.Address)
	if err != nil {
		return nil, err
	}

	if err := m.requireAuthority(authority, "remove issuers"); err != nil {
		return nil, err
	}

	if _, err := m.Issuers.Get(ctx, addr); errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrIssuerNotFound, "%s is not an accredited issuer", addrStr)
	} else if err != nil {
		return nil, err
	}

	if err := m.Issuers.Remove(ctx, addr); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventIssuerRemoved{Authority: authority, Address: addrStr}); err != nil {
		return nil, err
	}
	return &types.MsgRemoveIssuerResponse{}, nil
}
