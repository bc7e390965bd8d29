package jobs

import (
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/core/store"
	"cosmossdk.io/depinject"
	nftkeeper "cosmossdk.io/x/nft/keeper"

	"github.com/cosmos/cosmos-sdk/codec"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	modulev1 "github.com/agijobmanager/agij/api/agij/jobs/module/v1"
	allowlistkeeper "github.com/agijobmanager/agij/x/allowlist/keeper"
	"github.com/agijobmanager/agij/x/jobs/keeper"
	"github.com/agijobmanager/agij/x/jobs/types"
	reputationkeeper "github.com/agijobmanager/agij/x/reputation/keeper"
)

func init() {
	appmodule.Register(&modulev1.Module{}, appmodule.Provide(ProvideModule))
}

// ModuleInputs are what x/jobs takes from the app.
type ModuleInputs struct {
	depinject.In

	Config       *modulev1.Module
	StoreService store.KVStoreService
	Cdc          codec.Codec
	AddressCodec address.Codec

	AccountKeeper types.AccountKeeper
	BankKeeper    types.BankKeeper
	DistrKeeper   types.DistributionKeeper
	// x/nft, x/allowlist and x/reputation output their keepers as concrete
	// values.
	NFTKeeper        nftkeeper.Keeper
	AllowlistKeeper  allowlistkeeper.Keeper
	ReputationKeeper reputationkeeper.Keeper
}

// ModuleOutputs are what x/jobs gives the app.
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
	k := keeper.NewKeeper(in.Cdc, in.AddressCodec, in.StoreService, in.AccountKeeper, in.BankKeeper,
		in.DistrKeeper, in.NFTKeeper, in.AllowlistKeeper, in.ReputationKeeper, authorityStr)
	return ModuleOutputs{Keeper: k, Module: NewAppModule(in.Cdc, k)}
}
