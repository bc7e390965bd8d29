package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// Keeper owns the x/jobs state.
type Keeper struct {
	cdc           codec.BinaryCodec
	addressCodec  address.Codec
	accountKeeper types.AccountKeeper
	nftKeeper     types.NFTKeeper
	// authority may send MsgUpdateParams (the gov module account).
	authority string

	// State
	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
}

// NewKeeper returns a Keeper. It panics if authority is not a valid address,
// as a wiring mistake must stop the node at start-up.
func NewKeeper(
	cdc codec.BinaryCodec,
	addressCodec address.Codec,
	storeService store.KVStoreService,
	accountKeeper types.AccountKeeper,
	nftKeeper types.NFTKeeper,
	authority string,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid x/%s authority %q: %w", types.ModuleName, authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:           cdc,
		addressCodec:  addressCodec,
		accountKeeper: accountKeeper,
		nftKeeper:     nftKeeper,
		authority:     authority,
		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
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
