package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

// GetScore returns the score of addr in role (0 for an address with no
// record). x/jobs reads the agent score for min_agent_reputation. A role
// other than ROLE_AGENT or ROLE_VALIDATOR is ErrInvalidRole.
func (k Keeper) GetScore(ctx context.Context, addr sdk.AccAddress, role allowlisttypes.Role) (uint64, error) {
	if err := types.ValidateScoredRole(role); err != nil {
		return 0, err
	}
	r, err := k.Records.Get(ctx, collections.Join(int32(role), addr))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return r.Score, nil
}

// GetRecord returns the record of addr in role; an address with no history
// gets a zero record (score 0, empty track record).
func (k Keeper) GetRecord(ctx context.Context, addr sdk.AccAddress, role allowlisttypes.Role) (types.Record, error) {
	if err := types.ValidateScoredRole(role); err != nil {
		return types.Record{}, err
	}
	r, err := k.Records.Get(ctx, collections.Join(int32(role), addr))
	if errors.Is(err, collections.ErrNotFound) {
		addrStr, err := k.addressCodec.BytesToString(addr)
		if err != nil {
			return types.Record{}, err
		}
		return types.NewRecord(addrStr, role), nil
	}
	if err != nil {
		return types.Record{}, err
	}
	r.Normalize()
	return r, nil
}

// Leaderboard returns a role's best records, at most limit, best first:
// highest score, then address bytes ascending.
func (k Keeper) Leaderboard(ctx context.Context, role allowlisttypes.Role, limit int) ([]types.Record, error) {
	if err := types.ValidateScoredRole(role); err != nil {
		return nil, err
	}
	keys, err := k.Records.Indexes.Leaderboard.Top(ctx, role, limit)
	if err != nil {
		return nil, err
	}
	records := make([]types.Record, 0, len(keys))
	for _, key := range keys {
		r, err := k.Records.Get(ctx, key)
		if err != nil {
			return nil, err
		}
		records = append(records, r)
	}
	return records, nil
}

// HighestScore is the best score of any role (0 when there are no records).
func (k Keeper) HighestScore(ctx context.Context) (uint64, error) {
	var highest uint64
	for _, role := range types.ScoredRoles {
		top, err := k.Leaderboard(ctx, role, 1)
		if err != nil {
			return 0, err
		}
		if len(top) == 1 {
			highest = max(highest, top[0].Score)
		}
	}
	return highest, nil
}

// setRecord writes a record under (role, addr), with the canonical address
// string; the Leaderboard index follows.
func (k Keeper) setRecord(ctx context.Context, addr sdk.AccAddress, r types.Record) error {
	addrStr, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		return err
	}
	r.Address = addrStr
	r.Normalize()
	return k.Records.Set(ctx, collections.Join(int32(r.Role), addr), r)
}
