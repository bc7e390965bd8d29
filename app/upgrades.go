package app

import (
	"context"
	"fmt"

	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/client/flags"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// Upgrade is a software upgrade this binary can apply. Governance schedules it
// with a MsgSoftwareUpgrade whose plan has the same Name; every node stops at
// the plan's height ("UPGRADE <name> NEEDED"), and the binary that lists the
// upgrade here continues from that height.
type Upgrade struct {
	// Name is the plan name of the software-upgrade proposal.
	Name string
	// StoreUpgrades lists the KV stores the upgrade adds, renames or deletes
	// (e.g. a new module's store). They are applied when the new binary
	// loads the state at the upgrade height.
	StoreUpgrades storetypes.StoreUpgrades
	// Handler, if set, builds the upgrade's handler; it runs once, at the
	// upgrade height, and must end with the module migrations. When nil the
	// handler runs the module migrations (RunMigrations) and nothing else.
	Handler func(app *App) upgradetypes.UpgradeHandler
}

// upgrades lists every upgrade of the chain, oldest first. An applied upgrade
// stays here for good: a node refuses to start when the last applied upgrade
// has no handler ("wrong app version ... upgrade handler is missing").
// Builds with the upgrade_demo tag add "v2-demo" (upgrades_demo.go).
var upgrades []Upgrade

// UpgradeNames returns the names of the upgrades this binary can apply, in order.
func UpgradeNames() []string {
	names := make([]string, len(upgrades))
	for i, u := range upgrades {
		names[i] = u.Name
	}
	return names
}

// runMigrations is the default upgrade handler: the module migrations from
// the versions recorded on chain to the ones in this binary.
func runMigrations(app *App) upgradetypes.UpgradeHandler {
	return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
		return app.ModuleManager.RunMigrations(ctx, app.Configurator(), fromVM)
	}
}

// registerUpgrades sets the handler of every upgrade and, when the node is
// restarting at an upgrade height (the old binary wrote the plan to
// data/upgrade-info.json before it stopped), the store loader that applies
// that upgrade's store changes. Must run before the app loads its state.
func (app *App) registerUpgrades(appOpts servertypes.AppOptions) error {
	seen := make(map[string]bool, len(upgrades))
	for _, u := range upgrades {
		if u.Name == "" || seen[u.Name] {
			return fmt.Errorf("upgrade list: empty or repeated name %q", u.Name)
		}
		seen[u.Name] = true
		handler := runMigrations(app)
		if u.Handler != nil {
			handler = u.Handler(app)
		}
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, handler)
	}

	// Without a home (in-memory apps of unit tests and simulations) there
	// is no upgrade-info.json; reading it would create ./data.
	if home, _ := appOpts.Get(flags.FlagHome).(string); home == "" {
		return nil
	}
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		return fmt.Errorf("read upgrade info: %w", err)
	}
	if info.Name == "" || app.UpgradeKeeper.IsSkipHeight(info.Height) {
		return nil
	}
	for i := range upgrades {
		if upgrades[i].Name == info.Name {
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, &upgrades[i].StoreUpgrades))
		}
	}
	return nil
}
