package keeper

import (
	"context"

	"cosmossdk.io/x/nft"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// InitGenesis writes a validated genesis state into the store.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	// The escrow account must exist before the first job locks funds in it.
	k.accountKeeper.GetModuleAccount(ctx, types.ModuleName)
	return k.ensureCertificateClass(ctx)
}

// ensureCertificateClass creates the certificate class unless x/nft's own
// genesis (an exported chain) already holds it.
func (k Keeper) ensureCertificateClass(ctx context.Context) error {
	if k.nftKeeper.HasClass(ctx, types.CertificateClassID) {
		return nil
	}
	return k.nftKeeper.SaveClass(ctx, nft.Class{
		Id:          types.CertificateClassID,
		Name:        types.CertificateClassName,
		Symbol:      types.CertificateClassSymbol,
		Description: types.CertificateClassDescription,
	})
}

// ExportGenesis reads the whole module state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.GenesisState{Params: params}, nil
}
