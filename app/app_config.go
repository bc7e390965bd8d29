package app

import (
	runtimev1alpha1 "cosmossdk.io/api/cosmos/app/runtime/v1alpha1"
	appv1alpha1 "cosmossdk.io/api/cosmos/app/v1alpha1"
	authmodulev1 "cosmossdk.io/api/cosmos/auth/module/v1"
	authzmodulev1 "cosmossdk.io/api/cosmos/authz/module/v1"
	bankmodulev1 "cosmossdk.io/api/cosmos/bank/module/v1"
	consensusmodulev1 "cosmossdk.io/api/cosmos/consensus/module/v1"
	distrmodulev1 "cosmossdk.io/api/cosmos/distribution/module/v1"
	evidencemodulev1 "cosmossdk.io/api/cosmos/evidence/module/v1"
	feegrantmodulev1 "cosmossdk.io/api/cosmos/feegrant/module/v1"
	genutilmodulev1 "cosmossdk.io/api/cosmos/genutil/module/v1"
	govmodulev1 "cosmossdk.io/api/cosmos/gov/module/v1"
	mintmodulev1 "cosmossdk.io/api/cosmos/mint/module/v1"
	nftmodulev1 "cosmossdk.io/api/cosmos/nft/module/v1"
	slashingmodulev1 "cosmossdk.io/api/cosmos/slashing/module/v1"
	stakingmodulev1 "cosmossdk.io/api/cosmos/staking/module/v1"
	txconfigv1 "cosmossdk.io/api/cosmos/tx/config/v1"
	upgrademodulev1 "cosmossdk.io/api/cosmos/upgrade/module/v1"
	"cosmossdk.io/core/appconfig"
	"cosmossdk.io/depinject"
	evidencetypes "cosmossdk.io/x/evidence/types"
	"cosmossdk.io/x/feegrant"
	"cosmossdk.io/x/nft"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	allowlistmodulev1 "github.com/agijobmanager/agij/api/agij/allowlist/module/v1"
	jobsmodulev1 "github.com/agijobmanager/agij/api/agij/jobs/module/v1"
	reputationmodulev1 "github.com/agijobmanager/agij/api/agij/reputation/module/v1"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"

	// Blank imports register each module's depinject providers.
	_ "cosmossdk.io/x/evidence"
	_ "cosmossdk.io/x/feegrant/module"
	_ "cosmossdk.io/x/nft/module"
	_ "cosmossdk.io/x/upgrade"
	_ "github.com/cosmos/cosmos-sdk/x/auth"
	_ "github.com/cosmos/cosmos-sdk/x/auth/tx/config"
	_ "github.com/cosmos/cosmos-sdk/x/authz/module"
	_ "github.com/cosmos/cosmos-sdk/x/bank"
	_ "github.com/cosmos/cosmos-sdk/x/consensus"
	_ "github.com/cosmos/cosmos-sdk/x/distribution"
	_ "github.com/cosmos/cosmos-sdk/x/gov"
	_ "github.com/cosmos/cosmos-sdk/x/mint"
	_ "github.com/cosmos/cosmos-sdk/x/slashing"
	_ "github.com/cosmos/cosmos-sdk/x/staking"

	_ "github.com/agijobmanager/agij/x/allowlist"
	_ "github.com/agijobmanager/agij/x/jobs"
	_ "github.com/agijobmanager/agij/x/reputation"
)

// moduleAccPerms is the one place where module accounts are declared.
// blocked says whether bank refuses sends to the account: every module
// account except gov is blocked, so nobody can fund one by accident (the jobs
// escrow in particular: its balance must equal its bookkeeping).
var moduleAccPerms = []struct {
	name    string
	perms   []string
	blocked bool
}{
	{authtypes.FeeCollectorName, nil, true},
	{distrtypes.ModuleName, nil, true},
	{minttypes.ModuleName, []string{authtypes.Minter}, true},
	{stakingtypes.BondedPoolName, []string{authtypes.Burner, stakingtypes.ModuleName}, true},
	{stakingtypes.NotBondedPoolName, []string{authtypes.Burner, stakingtypes.ModuleName}, true},
	{govtypes.ModuleName, []string{authtypes.Burner}, false},
	{nft.ModuleName, nil, true},
	{jobstypes.ModuleName, nil, true},
}

// ModuleAccountPermissions returns the module accounts for x/auth.
func ModuleAccountPermissions() []*authmodulev1.ModuleAccountPermission {
	out := make([]*authmodulev1.ModuleAccountPermission, 0, len(moduleAccPerms))
	for _, m := range moduleAccPerms {
		out = append(out, &authmodulev1.ModuleAccountPermission{Account: m.name, Permissions: m.perms})
	}
	return out
}

// BlockedModuleAccounts names the module accounts bank refuses to send to.
func BlockedModuleAccounts() []string {
	var out []string
	for _, m := range moduleAccPerms {
		if m.blocked {
			out = append(out, m.name)
		}
	}
	return out
}

// Module order. The module manager refuses to start when a module that has
// the hook is missing from its list.
var (
	// preBlockers run before BeginBlock: upgrade first, so a scheduled upgrade
	// halts or migrates before anything else reads state; auth prunes
	// unordered-transaction nonces.
	preBlockers = []string{upgradetypes.ModuleName, authtypes.ModuleName}

	// beginBlockers: mint before distribution, so the block's inflation is in
	// the fee collector when distribution pays it out; slashing and evidence
	// read the previous block's votes and misbehaviour before staking
	// updates the validator set.
	beginBlockers = []string{
		minttypes.ModuleName,
		distrtypes.ModuleName,
		slashingtypes.ModuleName,
		evidencetypes.ModuleName,
		stakingtypes.ModuleName,
		authz.ModuleName,
	}

	// endBlockers: gov first, so a passed proposal (a parameter change, a
	// validator-set change) takes effect before staking computes the
	// validator-set update of this block; the allowlist jails the validators
	// whose ROLE_CONSENSUS_VALIDATOR expired, also before staking, so they
	// leave the set in this block; jobs settles what fell due after gov, so a
	// pause or a resolution passed in this block already applies;
	// feegrant prunes expired grants.
	endBlockers = []string{
		govtypes.ModuleName,
		allowlisttypes.ModuleName,
		jobstypes.ModuleName,
		stakingtypes.ModuleName,
		feegrant.ModuleName,
	}

	// genesisModuleOrder: accounts and balances first; distribution before
	// staking (staking's hooks create distribution records); the allowlist
	// before genutil, because gentxs are delivered there and must pass the
	// consensus-validator gate; nft before jobs, which creates its
	// certificate class; reputation before jobs, which reads scores.
	genesisModuleOrder = []string{
		authtypes.ModuleName,
		banktypes.ModuleName,
		distrtypes.ModuleName,
		stakingtypes.ModuleName,
		slashingtypes.ModuleName,
		govtypes.ModuleName,
		minttypes.ModuleName,
		allowlisttypes.ModuleName,
		reputationtypes.ModuleName,
		genutiltypes.ModuleName,
		evidencetypes.ModuleName,
		authz.ModuleName,
		feegrant.ModuleName,
		nft.ModuleName,
		jobstypes.ModuleName,
		upgradetypes.ModuleName,
		consensustypes.ModuleName,
	}
)

// AppConfig returns the application's depinject configuration.
func AppConfig() depinject.Config {
	return depinject.Configs(
		appconfig.Compose(&appv1alpha1.Config{
			Modules: []*appv1alpha1.ModuleConfig{
				{
					Name: runtime.ModuleName,
					Config: appconfig.WrapAny(&runtimev1alpha1.Module{
						AppName:       Name,
						PreBlockers:   preBlockers,
						BeginBlockers: beginBlockers,
						EndBlockers:   endBlockers,
						InitGenesis:   genesisModuleOrder,
						OverrideStoreKeys: []*runtimev1alpha1.StoreKeyConfig{
							{ModuleName: authtypes.ModuleName, KvStoreKey: "acc"},
						},
					}),
				},
				{Name: authtypes.ModuleName, Config: appconfig.WrapAny(&authmodulev1.Module{
					Bech32Prefix:             Bech32Prefix,
					ModuleAccountPermissions: ModuleAccountPermissions(),
				})},
				{Name: banktypes.ModuleName, Config: appconfig.WrapAny(&bankmodulev1.Module{
					BlockedModuleAccountsOverride: BlockedModuleAccounts(),
				})},
				{Name: stakingtypes.ModuleName, Config: appconfig.WrapAny(&stakingmodulev1.Module{})},
				{Name: slashingtypes.ModuleName, Config: appconfig.WrapAny(&slashingmodulev1.Module{})},
				{Name: distrtypes.ModuleName, Config: appconfig.WrapAny(&distrmodulev1.Module{})},
				{Name: govtypes.ModuleName, Config: appconfig.WrapAny(&govmodulev1.Module{})},
				{Name: minttypes.ModuleName, Config: appconfig.WrapAny(&mintmodulev1.Module{})},
				{Name: consensustypes.ModuleName, Config: appconfig.WrapAny(&consensusmodulev1.Module{})},
				{Name: upgradetypes.ModuleName, Config: appconfig.WrapAny(&upgrademodulev1.Module{})},
				{Name: evidencetypes.ModuleName, Config: appconfig.WrapAny(&evidencemodulev1.Module{})},
				{Name: feegrant.ModuleName, Config: appconfig.WrapAny(&feegrantmodulev1.Module{})},
				{Name: authz.ModuleName, Config: appconfig.WrapAny(&authzmodulev1.Module{})},
				{Name: genutiltypes.ModuleName, Config: appconfig.WrapAny(&genutilmodulev1.Module{})},
				// The ante handler is built in app.go: the SDK's chain plus the
				// allowlist's permission checks.
				{Name: "tx", Config: appconfig.WrapAny(&txconfigv1.Config{SkipAnteHandler: true})},
				{Name: nft.ModuleName, Config: appconfig.WrapAny(&nftmodulev1.Module{})},
				{Name: allowlisttypes.ModuleName, Config: appconfig.WrapAny(&allowlistmodulev1.Module{})},
				{Name: reputationtypes.ModuleName, Config: appconfig.WrapAny(&reputationmodulev1.Module{})},
				{Name: jobstypes.ModuleName, Config: appconfig.WrapAny(&jobsmodulev1.Module{})},
			},
		}),
		// x/allowlist calls the jailer when an operator loses
		// ROLE_CONSENSUS_VALIDATOR.
		depinject.Provide(ProvideAllowlistHooks),
		// genutil's full basic module (with its message validator) replaces
		// the adaptor the runtime would build, which genesis commands need.
		depinject.Supply(map[string]module.AppModuleBasic{
			genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
		}),
	)
}
