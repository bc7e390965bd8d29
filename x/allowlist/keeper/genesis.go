package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// InitGenesis writes a validated genesis state into the store and rebuilds
// the expiry queue from the memberships: every membership with an expiry is
// queued except those named in processed_expiries. Addresses are stored in
// canonical form.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.ValidateWith(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	// Plain struct keys: collections.Pair holds pointers and cannot be one.
	type roleAddr struct {
		role types.Role
		addr string
	}
	processed := make(map[roleAddr]bool, len(gs.ProcessedExpiries))
	for _, pe := range gs.ProcessedExpiries {
		addr, _, err := k.decodeAddress("address", pe.Address)
		if err != nil {
			return err
		}
		processed[roleAddr{pe.Role, string(addr)}] = true
	}
	for _, m := range gs.Members {
		addr, addrStr, err := k.decodeAddress("address", m.Address)
		if err != nil {
			return err
		}
		_, issuerStr, err := k.decodeAddress("issuer", m.Issuer)
		if err != nil {
			return err
		}
		m.Address, m.Issuer = addrStr, issuerStr
		m.GrantedAt = m.GrantedAt.UTC()
		if m.ExpiresAt != nil {
			t := m.ExpiresAt.UTC()
			m.ExpiresAt = &t
		}
		if err := k.Members.Set(ctx, memberKey(m.Role, addr), m); err != nil {
			return err
		}
		if m.ExpiresAt != nil && !processed[roleAddr{m.Role, string(addr)}] {
			if err := k.ExpiryQueue.Set(ctx, collections.Join3(*m.ExpiresAt, int32(m.Role), addr)); err != nil {
				return err
			}
		}
	}
	for _, is := range gs.Issuers {
		addr, addrStr, err := k.decodeAddress("address", is.Address)
		if err != nil {
			return err
		}
		is.Address = addrStr
		if err := k.Issuers.Set(ctx, addr, is); err != nil {
			return err
		}
	}
	for _, b := range gs.Blacklist {
		addr, _, err := k.decodeAddress("address", b.Address)
		if err != nil {
			return err
		}
		if err := k.Blacklist.Set(ctx, memberKey(b.Role, addr)); err != nil {
			return err
		}
	}
	for _, r := range gs.MerkleRoots {
		addr, addrStr, err := k.decodeAddress("issuer", r.Issuer)
		if err != nil {
			return err
		}
		r.Issuer = addrStr
		r.SetAt = r.SetAt.UTC()
		if err := k.MerkleRoots.Set(ctx, collections.Join(addr, int32(r.Role)), r); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis reads the whole module state, each list in store order. The
// expiry queue is not exported as such: InitGenesis rebuilds it from the
// memberships, and processed_expiries lists the memberships with an expiry
// that have left the queue because the EndBlocker handled them.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}

	if err := k.Members.Walk(ctx, nil, func(key collections.Pair[int32, sdk.AccAddress], m types.Member) (bool, error) {
		gs.Members = append(gs.Members, m)
		if m.ExpiresAt == nil {
			return false, nil
		}
		queued, err := k.ExpiryQueue.Has(ctx, collections.Join3(*m.ExpiresAt, key.K1(), key.K2()))
		if err != nil || queued {
			return err != nil, err
		}
		gs.ProcessedExpiries = append(gs.ProcessedExpiries, types.ProcessedExpiry{Role: m.Role, Address: m.Address})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Issuers.Walk(ctx, nil, func(_ sdk.AccAddress, is types.Issuer) (bool, error) {
		gs.Issuers = append(gs.Issuers, is)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Blacklist.Walk(ctx, nil, func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
		addr, err := k.addressCodec.BytesToString(key.K2())
		if err != nil {
			return true, err
		}
		gs.Blacklist = append(gs.Blacklist, types.BlacklistEntry{Role: types.Role(key.K1()), Address: addr})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.MerkleRoots.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, int32], r types.MerkleRootEntry) (bool, error) {
		gs.MerkleRoots = append(gs.MerkleRoots, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}
