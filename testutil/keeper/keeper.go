// Package keeper gives module keeper tests their surroundings: a module
// store of its own in memory, a context at a fixed block time, the agij
// address codec and the gov authority, plus helpers to compare state.
package keeper

import (
	"fmt"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/core/address"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
)

// BlockTime is the block time every keeper test starts at.
var BlockTime = time.Date(2027, 1, 31, 12, 0, 0, 0, time.UTC)

// Env is one module store in memory and what a keeper needs around it.
type Env struct {
	Ctx          sdk.Context
	Key          *storetypes.KVStoreKey
	AddressCodec address.Codec
	// Authority is the gov module account, the modules' authority.
	Authority string
}

// NewEnv builds the store of storeKey and a context at BlockTime.
func NewEnv(t testing.TB, storeKey string) Env {
	t.Helper()
	key := storetypes.NewKVStoreKey(storeKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test"))
	ac := addresscodec.NewBech32Codec("agij")
	return Env{
		Ctx:          tctx.Ctx.WithBlockTime(BlockTime),
		Key:          key,
		AddressCodec: ac,
		Authority:    Bech32(t, ac, authtypes.NewModuleAddress(govtypes.ModuleName)),
	}
}

// StoreDump lists every key and value of the store under key in ctx, in key
// order, so a test can assert that a refused message changed nothing.
func StoreDump(t testing.TB, ctx sdk.Context, key storetypes.StoreKey) []string {
	t.Helper()
	it := ctx.KVStore(key).Iterator(nil, nil)
	defer it.Close()
	var kvs []string
	for ; it.Valid(); it.Next() {
		kvs = append(kvs, fmt.Sprintf("%x=%x", it.Key(), it.Value()))
	}
	return kvs
}

// JSON renders msg for comparison: math.Int values and empty-vs-nil slices
// make reflect.DeepEqual unreliable after a store round trip.
func JSON(t testing.TB, cdc codec.JSONCodec, msg proto.Message) string {
	t.Helper()
	bz, err := cdc.MarshalJSON(msg)
	require.NoError(t, err)
	return string(bz)
}

// Bech32 encodes bz with ac.
func Bech32(t testing.TB, ac address.Codec, bz []byte) string {
	t.Helper()
	s, err := ac.BytesToString(bz)
	require.NoError(t, err)
	return s
}

// RequirePanicsContaining runs fn and requires a panic whose message
// contains want.
func RequirePanicsContaining(t testing.TB, want string, fn func()) {
	t.Helper()
	defer func() {
		r := recover()
		require.NotNil(t, r, "no panic")
		require.Contains(t, fmt.Sprint(r), want)
	}()
	fn()
}

// FlipBech32Char returns another character of the bech32 alphabet, to break
// an address's checksum.
func FlipBech32Char(c byte) string {
	if c == 'q' {
		return "p"
	}
	return "q"
}
