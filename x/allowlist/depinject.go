package allowlist

import (
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/core/store"
	"cosmossdk.io/depinject"

	"github.com/cosmos/cosmos-sdk/codec"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	modulev1 "github.com/agijobmanager/agij/api/agij/allowlist/module/v1"
	"github.com/agijobmanager/agij/x/allowlist/keeper"
	"github.com/agijobmanager/agij/x/allowlist/types"
)

func init() {
	appmodule.Register(&modulev1.Module{}, appmodule.Provide(ProvideModule))
}

// ModuleInputs are what x/allowlist takes from the app.
type ModuleInputs struct {
	depinject.In

	Config       *modulev1.Module
	StoreService store.KVStoreService
	Cdc          codec.Codec
	AddressCodec address.Codec
	// Hooks, when the app provides them, hear of revocations and bars (to
	// jail a consensus validator that loses its role).
	Hooks types.AllowlistHooks `optional:"true"`
}

// ModuleOutputs are what x/allowlist gives the app.
type ModuleOutputs struct {
	depinject.Out

	Keeper keeper.Keeper
	Module appmodule.AppModule
}

// ProvideModule builds the keeper and the module; the authority defaults to
// the gov module account.
func ProvideModule(in ModuleInputs) ModuleOutputs {
	authority := authtypes.NewModuleAddress(govtypes.ModuleName)
	if in.Config.Authority != "" {
		authority = authtypes.NewModuleAddressOrBech32Address(in.Config.Authority)
	}
	authorityStr, err := in.AddressCodec.BytesToString(authority)
	if err != nil {
		panic(err)
	}
	k := keeper.NewKeeper(in.Cdc, in.AddressCodec, in.StoreService, authorityStr)
	if in.Hooks != nil {
		k = k.WithHooks(in.Hooks)
	}
	return ModuleOutputs{Keeper: k, Module: NewAppModule(in.Cdc, k)}
}
