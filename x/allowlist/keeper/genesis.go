package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// InitGenesis writes a validated genesis state into the store and rebuilds
// the expiry queue from the memberships. Addresses are stored in canonical
// form.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.ValidateWith(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
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
		if err := k.setMember(ctx, addr, m, nil); err != nil {
			return err
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
// expiry queue is not exported: InitGenesis rebuilds it.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}

	if err := k.Members.Walk(ctx, nil, func(_ collections.Pair[int32, sdk.AccAddress], m types.Member) (bool, error) {
		gs.Members = append(gs.Members, m)
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
