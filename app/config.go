package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// Name is the application's name.
	Name = "agij"
	// Bech32Prefix is the account address prefix (agij1…).
	Bech32Prefix = "agij"
	// BondDenom is the base denom of AGI (1 AGI = 10^6 uagi), used for
	// staking, fees and job payments unless genesis says otherwise.
	BondDenom = "uagi"
	// DefaultChainID is the chain id of the local networks.
	DefaultChainID = "agij-local-1"
)

// Bech32 prefixes of the other address kinds, derived the usual way.
var (
	Bech32PrefixAccPub   = Bech32Prefix + sdk.PrefixPublic
	Bech32PrefixValAddr  = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixOperator
	Bech32PrefixValPub   = Bech32PrefixValAddr + sdk.PrefixPublic
	Bech32PrefixConsAddr = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixConsensus
	Bech32PrefixConsPub  = Bech32PrefixConsAddr + sdk.PrefixPublic
)

func init() {
	// Runs before any default genesis is built or any address is printed:
	// staking, mint, gov and crisis defaults read sdk.DefaultBondDenom, and
	// the validator and consensus address codecs read the global config.
	sdk.DefaultBondDenom = BondDenom
	SetAddressPrefixes(sdk.GetConfig())
}

// SetAddressPrefixes sets the agij bech32 prefixes on a config; the caller seals it.
func SetAddressPrefixes(cfg *sdk.Config) {
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
}
