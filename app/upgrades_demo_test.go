//go:build upgrade_demo

package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/agijobmanager/agij/app"
)

// A binary built with -tags upgrade_demo applies "v2-demo" at its height:
// the handler runs (the module migrations, none due), the upgrade is
// recorded and the chain goes on.
func TestDemoUpgradeApplies(t *testing.T) {
	require.Contains(t, app.UpgradeNames(), app.DemoUpgradeName)
	c := setupChain(t, 1, nil)
	before, err := c.app.UpgradeKeeper.GetModuleVersionMap(c.app.NewContext(true))
	require.NoError(t, err)

	// Scheduled just before its height: a binary that has the handler
	// refuses every block before the height while the plan is pending
	// ("BINARY UPDATED BEFORE TRIGGER"); on a real chain the old binary
	// runs those blocks.
	c.nextBlock(t)
	plan := upgradetypes.Plan{Name: app.DemoUpgradeName, Height: c.height}
	scheduleUpgrade(t, c, plan)
	c.nextBlock(t) // the upgrade height
	c.nextBlock(t)
	ctx := c.app.NewContext(true)
	done, err := c.app.UpgradeKeeper.GetDoneHeight(ctx, app.DemoUpgradeName)
	require.NoError(t, err)
	require.Equal(t, plan.Height, done)
	_, err = c.app.UpgradeKeeper.GetUpgradePlan(ctx)
	require.ErrorIs(t, err, upgradetypes.ErrNoUpgradePlanFound)
	after, err := c.app.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	require.Equal(t, before, after)
}
