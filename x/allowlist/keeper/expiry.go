package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ExpiredMembership names one membership whose expires_at has passed.
type ExpiredMembership = collections.Triple[time.Time, int32, sdk.AccAddress]

// ExpiredMemberships returns, oldest first, at most limit entries of the
// expiry queue that are due at blockTime: those with expires_at at or before
// blockTime, the same boundary as IsAuthorized. Each entry is (expires_at,
// role, address) of a membership that still exists with that expiry; the
// queue follows every grant, update and revocation. It does not change
// state: a caller (the item 5 EndBlocker) removes the entries it handled
// with ExpiryQueue.Remove.
func (k Keeper) ExpiredMemberships(ctx context.Context, blockTime time.Time, limit int) ([]ExpiredMembership, error) {
	var due []ExpiredMembership
	if limit <= 0 {
		return due, nil
	}
	rng := collections.NewPrefixUntilTripleRange[time.Time, int32, sdk.AccAddress](blockTime)
	err := k.ExpiryQueue.Walk(ctx, rng, func(key ExpiredMembership) (bool, error) {
		due = append(due, key)
		return len(due) >= limit, nil
	})
	return due, err
}
