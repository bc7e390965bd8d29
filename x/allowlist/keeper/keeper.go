package keeper

import (
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// Keeper owns the x/allowlist state.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	// authority sends the governance messages (the gov module account); it
	// grants, revokes and publishes roots under its own address.
	authority string
	// hooks, when set, hear of revocations and bars (types.AllowlistHooks).
	hooks types.AllowlistHooks

	// State
	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// Members: (role, address) -> membership; role first, so Members(role)
	// is a prefix range.
	Members collections.Map[collections.Pair[int32, sdk.AccAddress], types.Member]
	// ExpiryQueue: (expires_at, role, address) for every membership with an
	// expiry, kept in step with Members.
	ExpiryQueue collections.KeySet[collections.Triple[time.Time, int32, sdk.AccAddress]]
	// Blacklist: (role, address) barred from role.
	Blacklist collections.KeySet[collections.Pair[int32, sdk.AccAddress]]
	// Issuers: address -> accredited issuer.
	Issuers collections.Map[sdk.AccAddress, types.Issuer]
	// MerkleRoots: (publisher, role) -> current root; the publisher is an
	// issuer or the authority.
	MerkleRoots collections.Map[collections.Pair[sdk.AccAddress, int32], types.MerkleRootEntry]
}

// NewKeeper returns a Keeper. It panics if authority is not a valid address,
// as a wiring mistake must stop the node at start-up.
func NewKeeper(cdc codec.BinaryCodec, addressCodec address.Codec, storeService store.KVStoreService, authority string) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid x/%s authority %q: %w", types.ModuleName, authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	roleAddr := collections.PairKeyCodec(collections.Int32Key, sdk.AccAddressKey)
	k := Keeper{
		cdc:          cdc,
		addressCodec: addressCodec,
		authority:    authority,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Members: collections.NewMap(sb, types.MembersKey, "members",
			roleAddr, codec.CollValue[types.Member](cdc)),
		ExpiryQueue: collections.NewKeySet(sb, types.ExpiryQueueKey, "expiry_queue",
			collections.TripleKeyCodec(sdk.TimeKey, collections.Int32Key, sdk.AccAddressKey)),
		Blacklist: collections.NewKeySet(sb, types.BlacklistKey, "blacklist", roleAddr),
		Issuers: collections.NewMap(sb, types.IssuersKey, "issuers",
			sdk.AccAddressKey, codec.CollValue[types.Issuer](cdc)),
		MerkleRoots: collections.NewMap(sb, types.MerkleRootsKey, "merkle_roots",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Int32Key), codec.CollValue[types.MerkleRootEntry](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// WithHooks returns a copy of the keeper that calls h after revocations and
// bars. ProvideModule uses it when the app supplies hooks.
func (k Keeper) WithHooks(h types.AllowlistHooks) Keeper {
	k.hooks = h
	return k
}

// Authority returns the address allowed to send the governance messages.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec returns the codec of account addresses.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
