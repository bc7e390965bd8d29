package app_test

import (
	"fmt"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/agijobmanager/agij/app"
)

// Every upgrade of the list has a name of its own and a registered handler.
func TestUpgradeHandlersRegistered(t *testing.T) {
	a := newApp()
	seen := map[string]bool{}
	for _, name := range app.UpgradeNames() {
		require.NotEmpty(t, name)
		require.False(t, seen[name], "upgrade %q listed twice", name)
		seen[name] = true
		require.True(t, a.UpgradeKeeper.HasHandler(name), "no handler for %q", name)
	}
}

// scheduleUpgrade writes a plan into the committed state, as a passed
// software-upgrade proposal does.
func scheduleUpgrade(t *testing.T, c *testChain, plan upgradetypes.Plan) {
	t.Helper()
	ctx := c.app.NewUncachedContext(false, c.app.NewContext(true).BlockHeader())
	require.NoError(t, c.app.UpgradeKeeper.ScheduleUpgrade(ctx, plan))
}

// A plan this binary has no handler for stops the chain at its height: the
// block fails with "UPGRADE <name> NEEDED" (CometBFT then halts the node) and
// the plan is written to data/upgrade-info.json for the next binary.
func TestUnknownUpgradeHaltsTheChain(t *testing.T) {
	t.Chdir(t.TempDir()) // an app without a home writes ./data/upgrade-info.json
	c := setupChain(t, 1, nil)
	plan := upgradetypes.Plan{Name: "not-in-this-binary", Height: c.height + 2}
	scheduleUpgrade(t, c, plan)
	for c.height < plan.Height {
		c.nextBlock(t)
	}
	_, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height:             c.height,
		Time:               c.blockTime,
		ProposerAddress:    c.valSet.Validators[0].Address,
		NextValidatorsHash: c.valSet.Hash(),
	})
	require.ErrorContains(t, err, fmt.Sprintf(`UPGRADE "not-in-this-binary" NEEDED at height: %d`, plan.Height))
	info, err := c.app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	require.NoError(t, err)
	require.Equal(t, plan.Name, info.Name)
	require.Equal(t, plan.Height, info.Height)
}
