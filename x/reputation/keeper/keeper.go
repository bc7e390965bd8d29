package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/reputation/types"
)

// Keeper owns the x/reputation state.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	// authority may send MsgUpdateParams (the gov module account).
	authority string

	// State
	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// Records holds the score and track record of each (role, address); its
	// Leaderboard index orders each role's records by score.
	Records *collections.IndexedMap[RecordKey, types.Record, RecordIndexes]
}

// NewKeeper returns a Keeper. It panics if authority is not a valid address,
// as a wiring mistake must stop the node at start-up.
func NewKeeper(cdc codec.BinaryCodec, addressCodec address.Codec, storeService store.KVStoreService, authority string) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid x/%s authority %q: %w", types.ModuleName, authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		addressCodec: addressCodec,
		authority:    authority,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Records: collections.NewIndexedMap(sb, types.RecordsKey, "records",
			collections.NamedPairKeyCodec("role", collections.Int32Key, "address", sdk.AccAddressKey),
			codec.CollValue[types.Record](cdc),
			RecordIndexes{Leaderboard: newLeaderboardIndex(sb)}),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the address allowed to update the parameters.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec returns the codec of account addresses.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
