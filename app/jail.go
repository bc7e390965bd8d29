package app

import (
	"context"
	"errors"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// consensusJailer jails the validator of an operator that loses
// ROLE_CONSENSUS_VALIDATOR (revoked, barred, or expired), so an institution
// removed from the allowlist leaves the active set in the same block.
// MsgUnjail stays refused while the operator is not authorized (the
// allowlist's ante decorator).
type consensusJailer struct {
	staking  *stakingkeeper.Keeper
	slashing slashingkeeper.Keeper
}

var _ allowlisttypes.AllowlistHooks = consensusJailer{}

// ProvideAllowlistHooks gives x/allowlist the jailer (depinject).
func ProvideAllowlistHooks(staking *stakingkeeper.Keeper, slashing slashingkeeper.Keeper) allowlisttypes.AllowlistHooks {
	return consensusJailer{staking: staking, slashing: slashing}
}

// AfterRoleLost jails the operator's validator, if it has one that is not
// jailed yet; other roles and accounts without a validator are no-ops.
func (j consensusJailer) AfterRoleLost(ctx context.Context, operator sdk.AccAddress, role allowlisttypes.Role) error {
	if role != allowlisttypes.ROLE_CONSENSUS_VALIDATOR {
		return nil
	}
	val, err := j.staking.GetValidator(ctx, sdk.ValAddress(operator))
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if val.IsJailed() {
		return nil
	}
	consAddr, err := val.GetConsAddr()
	if err != nil {
		return err
	}
	if err := j.slashing.Jail(ctx, consAddr); err != nil {
		return fmt.Errorf("jail %s: %w", val.GetOperator(), err)
	}
	return nil
}
