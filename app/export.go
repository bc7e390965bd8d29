package app

import (
	"encoding/json"
	"errors"
	"fmt"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// ExportAppStateAndValidators exports the state of every module (or of
// modulesToExport) and the validator set. With forZeroHeight the state is
// first reset so that a new chain can start from it at height 0.
func (app *App) ExportAppStateAndValidators(
	forZeroHeight bool,
	jailAllowedAddrs []string,
	modulesToExport []string,
) (servertypes.ExportedApp, error) {
	// A context at the last committed height, as if a block were being run.
	ctx := app.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})

	// The exported state is for the next block.
	height := app.LastBlockHeight() + 1
	if forZeroHeight {
		height = 0
		if err := app.prepForZeroHeightGenesis(ctx, jailAllowedAddrs); err != nil {
			return servertypes.ExportedApp{}, fmt.Errorf("prepare zero-height genesis: %w", err)
		}
	}

	genState, err := app.ModuleManager.ExportGenesisForModules(ctx, app.appCodec, modulesToExport)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	appState, err := json.MarshalIndent(genState, "", "  ")
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	validators, err := staking.WriteValidators(ctx, app.StakingKeeper)
	return servertypes.ExportedApp{
		AppState:        appState,
		Validators:      validators,
		Height:          height,
		ConsensusParams: app.GetConsensusParams(ctx),
	}, err
}

// prepForZeroHeightGenesis settles distribution, resets every height kept in
// staking and slashing to zero, and jails the validators not in
// jailAllowedAddrs (when that list is given).
func (app *App) prepForZeroHeightGenesis(ctx sdk.Context, jailAllowedAddrs []string) error {
	allowed := make(map[string]bool, len(jailAllowedAddrs))
	for _, addr := range jailAllowedAddrs {
		if _, err := sdk.ValAddressFromBech32(addr); err != nil {
			return fmt.Errorf("jail-allowed address %q: %w", addr, err)
		}
		allowed[addr] = true
	}
	valCodec := app.StakingKeeper.ValidatorAddressCodec()

	// Pay out all commission and rewards, so distribution starts empty.
	validators, err := app.StakingKeeper.GetAllValidators(ctx)
	if err != nil {
		return err
	}
	for _, val := range validators {
		valBz, err := valCodec.StringToBytes(val.GetOperator())
		if err != nil {
			return err
		}
		if _, err := app.DistrKeeper.WithdrawValidatorCommission(ctx, valBz); err != nil &&
			!errors.Is(err, distrtypes.ErrNoValidatorCommission) {
			return fmt.Errorf("withdraw commission of %s: %w", val.GetOperator(), err)
		}
	}
	delegations, err := app.StakingKeeper.GetAllDelegations(ctx)
	if err != nil {
		return err
	}
	for _, del := range delegations {
		valBz, err := valCodec.StringToBytes(del.ValidatorAddress)
		if err != nil {
			return err
		}
		delAddr, err := app.AccountKeeper.AddressCodec().StringToBytes(del.DelegatorAddress)
		if err != nil {
			return err
		}
		if _, err := app.DistrKeeper.WithdrawDelegationRewards(ctx, delAddr, valBz); err != nil {
			return fmt.Errorf("withdraw rewards of %s from %s: %w", del.DelegatorAddress, del.ValidatorAddress, err)
		}
	}
	app.DistrKeeper.DeleteAllValidatorSlashEvents(ctx)
	app.DistrKeeper.DeleteAllValidatorHistoricalRewards(ctx)

	// Re-create distribution's records at height 0; leftover rounding dust
	// of each validator goes to the community pool.
	ctx = ctx.WithBlockHeight(0)
	for _, val := range validators {
		valBz, err := valCodec.StringToBytes(val.GetOperator())
		if err != nil {
			return err
		}
		scraps, err := app.DistrKeeper.GetValidatorOutstandingRewardsCoins(ctx, valBz)
		if err != nil {
			return err
		}
		feePool, err := app.DistrKeeper.FeePool.Get(ctx)
		if err != nil {
			return err
		}
		feePool.CommunityPool = feePool.CommunityPool.Add(scraps...)
		if err := app.DistrKeeper.FeePool.Set(ctx, feePool); err != nil {
			return err
		}
		if err := app.DistrKeeper.Hooks().AfterValidatorCreated(ctx, valBz); err != nil {
			return err
		}
	}
	for _, del := range delegations {
		valBz, err := valCodec.StringToBytes(del.ValidatorAddress)
		if err != nil {
			return err
		}
		delAddr, err := app.AccountKeeper.AddressCodec().StringToBytes(del.DelegatorAddress)
		if err != nil {
			return err
		}
		if err := app.DistrKeeper.Hooks().BeforeDelegationCreated(ctx, delAddr, valBz); err != nil {
			return err
		}
		if err := app.DistrKeeper.Hooks().AfterDelegationModified(ctx, delAddr, valBz); err != nil {
			return err
		}
	}
	ctx = ctx.WithBlockHeight(app.LastBlockHeight())

	// Staking: every creation and unbonding height becomes 0.
	var iterErr error
	if err := app.StakingKeeper.IterateRedelegations(ctx, func(_ int64, red stakingtypes.Redelegation) bool {
		for i := range red.Entries {
			red.Entries[i].CreationHeight = 0
		}
		iterErr = app.StakingKeeper.SetRedelegation(ctx, red)
		return iterErr != nil
	}); err != nil {
		return err
	}
	if iterErr != nil {
		return iterErr
	}
	if err := app.StakingKeeper.IterateUnbondingDelegations(ctx, func(_ int64, ubd stakingtypes.UnbondingDelegation) bool {
		for i := range ubd.Entries {
			ubd.Entries[i].CreationHeight = 0
		}
		iterErr = app.StakingKeeper.SetUnbondingDelegation(ctx, ubd)
		return iterErr != nil
	}); err != nil {
		return err
	}
	if iterErr != nil {
		return iterErr
	}
	validators, err = app.StakingKeeper.GetAllValidators(ctx)
	if err != nil {
		return err
	}
	for _, val := range validators {
		val.UnbondingHeight = 0
		if err := app.StakingKeeper.SetValidator(ctx, val); err != nil {
			return err
		}
		// Jail through the keeper: it also drops the validator from the
		// power index, which ApplyAndReturnValidatorSetUpdates requires.
		if len(allowed) > 0 && !allowed[val.GetOperator()] && !val.IsJailed() {
			consAddr, err := val.GetConsAddr()
			if err != nil {
				return err
			}
			if err := app.StakingKeeper.Jail(ctx, consAddr); err != nil {
				return err
			}
		}
	}
	if _, err := app.StakingKeeper.ApplyAndReturnValidatorSetUpdates(ctx); err != nil {
		return err
	}

	// Slashing: signing windows restart at height 0.
	if err := app.SlashingKeeper.IterateValidatorSigningInfos(ctx, func(addr sdk.ConsAddress, info slashingtypes.ValidatorSigningInfo) bool {
		info.StartHeight = 0
		iterErr = app.SlashingKeeper.SetValidatorSigningInfo(ctx, addr, info)
		return iterErr != nil
	}); err != nil {
		return err
	}
	return iterErr
}
