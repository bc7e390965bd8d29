// Package network configures the Cosmos SDK's in-process test network for
// agij: the real app.New, the chain's denom, and validators whose operator
// accounts hold ROLE_CONSENSUS_VALIDATOR from genesis, so their gentxs pass
// the allowlist's consensus-validator gate.
package network

import (
	"crypto/sha256"
	"fmt"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/go-bip39"

	pruningtypes "cosmossdk.io/store/pruning/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/testutil/network"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// DefaultConfig returns a network config of n validators running the real
// app. The validators' keys come from mnemonics derived from their index, so
// their operator accounts are known before the network starts and are
// granted ROLE_CONSENSUS_VALIDATOR in the allowlist genesis.
func DefaultConfig(n int) (network.Config, error) {
	cfg, err := network.DefaultConfigWithAppConfig(app.AppConfig())
	if err != nil {
		return cfg, err
	}
	cfg.NumValidators = n
	cfg.ChainID = "agij-network-1"
	cfg.TimeoutCommit = time.Second
	cfg.BondDenom = app.BondDenom
	cfg.MinGasPrices = fmt.Sprintf("0.000006%s", app.BondDenom)
	cfg.AppConstructor = func(val network.ValidatorI) servertypes.Application {
		return app.New(
			val.GetCtx().Logger,
			dbm.NewMemDB(),
			nil,
			true,
			simtestutil.NewAppOptionsWithFlagHome(val.GetCtx().Config.RootDir),
			baseapp.SetPruning(pruningtypes.NewPruningOptionsFromString(val.GetAppConfig().Pruning)),
			baseapp.SetMinGasPrices(val.GetAppConfig().MinGasPrices),
			baseapp.SetChainID(cfg.ChainID),
		)
	}

	var allowGen allowlisttypes.GenesisState
	cfg.Codec.MustUnmarshalJSON(cfg.GenesisState[allowlisttypes.ModuleName], &allowGen)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	for i := range n {
		mnemonic, err := validatorMnemonic(i)
		if err != nil {
			return cfg, err
		}
		cfg.Mnemonics = append(cfg.Mnemonics, mnemonic)
		addr, err := accountAddress(mnemonic)
		if err != nil {
			return cfg, err
		}
		allowGen.Members = append(allowGen.Members, allowlisttypes.Member{
			Address:   addr.String(),
			Role:      allowlisttypes.ROLE_CONSENSUS_VALIDATOR,
			Issuer:    gov,
			GrantedAt: time.Unix(0, 0).UTC(),
			Source:    allowlisttypes.ADMISSION_SOURCE_GENESIS,
		})
	}
	cfg.GenesisState[allowlisttypes.ModuleName] = cfg.Codec.MustMarshalJSON(&allowGen)
	return cfg, nil
}

// validatorMnemonic is a fixed mnemonic for validator i (test use only).
func validatorMnemonic(i int) (string, error) {
	entropy := sha256.Sum256(fmt.Appendf(nil, "agij test network validator %d", i))
	return bip39.NewMnemonic(entropy[:])
}

// accountAddress derives the account the test network's keyring makes from
// mnemonic (secp256k1, the chain's BIP-44 path).
func accountAddress(mnemonic string) (sdk.AccAddress, error) {
	derived, err := hd.Secp256k1.Derive()(mnemonic, "", sdk.GetConfig().GetFullBIP44Path())
	if err != nil {
		return nil, err
	}
	return sdk.AccAddress(hd.Secp256k1.Generate()(derived).PubKey().Address()), nil
}
