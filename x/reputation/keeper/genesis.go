package keeper

import (
	"context"

	"github.com/agijobmanager/agij/x/reputation/types"
)

// InitGenesis writes a validated genesis state into the store. Each record is
// written through Records, which builds its leaderboard key.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, r := range gs.Records {
		addr, err := k.addressCodec.StringToBytes(r.Address)
		if err != nil {
			return err
		}
		if err := k.setRecord(ctx, addr, r); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis reads the whole module state: the params and every record,
// in store order (role, then address bytes).
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	it, err := k.Records.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	records, err := it.Values()
	if err != nil {
		return nil, err
	}
	return &types.GenesisState{Params: params, Records: records}, nil
}
