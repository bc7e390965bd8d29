package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/x/nft"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// InitGenesis writes a validated genesis state into the store and rebuilds
// everything derived from the jobs: indexes, deadline queues, locked totals
// and counters. It fails unless the escrow account holds exactly the locked
// totals (bank's genesis runs first).
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	if err := k.Pause.Set(ctx, gs.Pause); err != nil {
		return err
	}
	if err := k.NextJobID.Set(ctx, gs.FirstFreeID()); err != nil {
		return err
	}
	if err := k.Locked.Set(ctx, types.LockedTotals{}); err != nil {
		return err
	}
	for _, job := range gs.Jobs {
		if err := k.writeJob(ctx, nil, job, nil); err != nil {
			return errorsmod.Wrapf(err, "job %d", job.Id)
		}
	}
	for _, v := range gs.Votes {
		addr, err := k.addressCodec.StringToBytes(v.Validator)
		if err != nil {
			return err
		}
		if err := k.Votes.Set(ctx, collections.Join(v.JobId, sdk.AccAddress(addr)), v); err != nil {
			return err
		}
	}
	// The escrow account must exist before the first job locks funds in it.
	k.accountKeeper.GetModuleAccount(ctx, types.ModuleName)
	acc, err := k.Accounting(ctx)
	if err != nil {
		return err
	}
	if !acc.Balanced {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "the escrow account %s holds %s but the jobs lock %s",
			acc.ModuleAddress, acc.ModuleBalance, acc.LockedTotal)
	}
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

// ExportGenesis reads the whole module state: params, pauses, the id
// sequence, every job and every vote. Derived state is rebuilt on import.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	pause, err := k.Pause.Get(ctx)
	if err != nil {
		return nil, err
	}
	next, err := k.NextJobID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, Pause: pause, NextJobId: next, Jobs: []types.Job{}, Votes: []types.Vote{}}
	err = k.Jobs.Walk(ctx, nil, func(id uint64, job types.Job) (bool, error) {
		gs.Jobs = append(gs.Jobs, job)
		votes, err := k.jobVotes(ctx, id)
		gs.Votes = append(gs.Votes, votes...)
		return false, err
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}
