//go:build upgrade_demo

package app

// DemoUpgradeName is the upgrade that builds with the upgrade_demo tag add, to
// rehearse a software upgrade on a test network (docs/guides/operator.md,
// tests/operator): it changes no store, and its handler runs the module
// migrations, which find nothing to migrate. Release builds do not have it.
const DemoUpgradeName = "v2-demo"

func init() {
	upgrades = append(upgrades, Upgrade{Name: DemoUpgradeName})
}
