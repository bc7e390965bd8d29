package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// MaxExpiriesPerBlock bounds the EndBlocker's work; what is left is handled
// first in the next block.
const MaxExpiriesPerBlock = 100

// EndBlocker takes the due entries of the expiry queue, oldest first, at
// most MaxExpiriesPerBlock, and removes them. For an expired
// ROLE_CONSENSUS_VALIDATOR membership it tells the hooks, so the validator is
// jailed in the first block whose time is at or past expires_at. Each hook
// call runs in a cache context: a failure is logged and dropped, and never
// halts the chain.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	due, err := k.ExpiredMemberships(ctx, sdkCtx.BlockTime(), MaxExpiriesPerBlock)
	if err != nil {
		return err
	}
	for _, key := range due {
		if err := k.ExpiryQueue.Remove(ctx, key); err != nil {
			return err
		}
		role, addr := types.Role(key.K2()), key.K3()
		if role != types.ROLE_CONSENSUS_VALIDATOR {
			continue
		}
		cacheCtx, write := sdkCtx.CacheContext()
		if err := k.afterRoleLost(cacheCtx, addr, role); err != nil {
			sdkCtx.Logger().Error("expired consensus validator not jailed", "operator", addr.String(), "err", err)
			continue
		}
		write()
	}
	return nil
}
