package keeper

import (
	"context"
	"errors"
	stdmath "math"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

// RecordKey is the primary key of a record: (role, address).
type RecordKey = collections.Pair[int32, sdk.AccAddress]

// LeaderboardKey is (role, MaxUint64 − score, address): ascending key order
// is the highest score first, and equal scores by address bytes, ascending.
type LeaderboardKey = collections.Triple[int32, uint64, sdk.AccAddress]

// RecordIndexes are the secondary indexes of Records.
type RecordIndexes struct {
	// Leaderboard orders each role's records by score.
	Leaderboard *LeaderboardIndex
}

// IndexesList implements collections.Indexes.
func (i RecordIndexes) IndexesList() []collections.Index[RecordKey, types.Record] {
	return []collections.Index[RecordKey, types.Record]{i.Leaderboard}
}

// LeaderboardIndex keeps one key per record. Records.Set updates it in the
// same write (the old key goes, the new one comes), so it never drifts from
// the records.
type LeaderboardIndex struct {
	Keys collections.KeySet[LeaderboardKey]
}

var _ collections.Index[RecordKey, types.Record] = (*LeaderboardIndex)(nil)

func newLeaderboardIndex(sb *collections.SchemaBuilder) *LeaderboardIndex {
	return &LeaderboardIndex{Keys: collections.NewKeySet(sb, types.LeaderboardKey, "leaderboard",
		collections.NamedTripleKeyCodec("role", collections.Int32Key, "inverted_score", collections.Uint64Key,
			"address", sdk.AccAddressKey))}
}

// NewLeaderboardKey returns the index key of a record with that score.
func NewLeaderboardKey(pk RecordKey, score uint64) LeaderboardKey {
	return collections.Join3(pk.K1(), stdmath.MaxUint64-score, pk.K2())
}

// Reference implements collections.Index: it moves the record's key to its
// new score.
func (i *LeaderboardIndex) Reference(ctx context.Context, pk RecordKey, newValue types.Record, lazyOldValue func() (types.Record, error)) error {
	old, err := lazyOldValue()
	switch {
	case err == nil:
		if err := i.Keys.Remove(ctx, NewLeaderboardKey(pk, old.Score)); err != nil {
			return err
		}
	case errors.Is(err, collections.ErrNotFound):
	default:
		return err
	}
	return i.Keys.Set(ctx, NewLeaderboardKey(pk, newValue.Score))
}

// Unreference implements collections.Index.
func (i *LeaderboardIndex) Unreference(ctx context.Context, pk RecordKey, lazyOldValue func() (types.Record, error)) error {
	old, err := lazyOldValue()
	if err != nil {
		return err
	}
	return i.Keys.Remove(ctx, NewLeaderboardKey(pk, old.Score))
}

// Top returns the keys of a role's best records, at most limit, best first.
// It reads limit index keys, however many records exist.
func (i *LeaderboardIndex) Top(ctx context.Context, role allowlisttypes.Role, limit int) ([]RecordKey, error) {
	if limit <= 0 {
		return nil, nil
	}
	it, err := i.Keys.Iterate(ctx, collections.NewPrefixedTripleRange[int32, uint64, sdk.AccAddress](int32(role)))
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var keys []RecordKey
	for ; it.Valid() && len(keys) < limit; it.Next() {
		k, err := it.Key()
		if err != nil {
			return nil, err
		}
		keys = append(keys, collections.Join(k.K1(), k.K3()))
	}
	return keys, nil
}
