package app

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	allowlistante "github.com/agijobmanager/agij/x/allowlist/ante"
)

// setAnteHandler installs the SDK's standard ante chain behind the
// allowlist's permission checks (consensus-validator gate for
// MsgCreateValidator and MsgUnjail, proposer gate for governance proposals),
// which run first: they are cheap reads and refuse before any fee is taken.
func (app *App) setAnteHandler() error {
	std, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		FeegrantKeeper:  app.FeeGrantKeeper,
		SignModeHandler: app.txConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	})
	if err != nil {
		return fmt.Errorf("ante handler: %w", err)
	}
	perm := allowlistante.NewPermissionDecorator(app.AllowlistKeeper,
		app.StakingKeeper.ValidatorAddressCodec(), app.AccountKeeper.AddressCodec())
	app.SetAnteHandler(func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		return perm.AnteHandle(ctx, tx, simulate, std)
	})
	return nil
}
