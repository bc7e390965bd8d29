package types

import (
	"context"

	"cosmossdk.io/math"
	"cosmossdk.io/x/nft"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

// AccountKeeper is the part of x/auth that x/jobs uses.
type AccountKeeper interface {
	GetModuleAddress(moduleName string) sdk.AccAddress
	GetModuleAccount(ctx context.Context, moduleName string) sdk.ModuleAccountI
}

// BankKeeper moves escrow and bonds in and out of the module account. Coins
// are locked with SendCoins to the escrow's address, and a settlement pays
// all its recipients in one InputOutputCoins, which does not check
// BlockedAddr itself as SendCoinsFromModuleToAccount does.
type BankKeeper interface {
	SendCoins(ctx context.Context, fromAddr, toAddr sdk.AccAddress, amt sdk.Coins) error
	InputOutputCoins(ctx context.Context, input banktypes.Input, outputs []banktypes.Output) error
	BlockedAddr(addr sdk.AccAddress) bool
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}

// DistributionKeeper receives the platform remainder into the community pool.
type DistributionKeeper interface {
	FundCommunityPool(ctx context.Context, amount sdk.Coins, sender sdk.AccAddress) error
}

// NFTKeeper is the part of x/nft that x/jobs uses for certificates and tiers.
type NFTKeeper interface {
	HasClass(ctx context.Context, classID string) bool
	SaveClass(ctx context.Context, class nft.Class) error
	GetClass(ctx context.Context, classID string) (nft.Class, bool)
	Mint(ctx context.Context, token nft.NFT, receiver sdk.AccAddress) error
	GetNFT(ctx context.Context, classID, nftID string) (nft.NFT, bool)
	GetOwner(ctx context.Context, classID, nftID string) sdk.AccAddress
	GetBalance(ctx context.Context, classID string, owner sdk.AccAddress) uint64
}

// AllowlistKeeper says who may act in a role; a refusal's error says why
// (x/allowlist's ErrBlacklisted, ErrNotMember, ...).
type AllowlistKeeper interface {
	CheckAuthorized(ctx context.Context, addr sdk.AccAddress, role allowlisttypes.Role) error
}

// ReputationKeeper records settlements and reads agent scores.
type ReputationKeeper interface {
	RecordSettlement(ctx context.Context, facts reputationtypes.SettlementFacts) (uint64, error)
	GetScore(ctx context.Context, addr sdk.AccAddress, role allowlisttypes.Role) (uint64, error)
	// ValidatorPoints is what each validator on the winning side of such a
	// settlement earns.
	ValidatorPoints(ctx context.Context, payout math.Int, durationSeconds, completionSeconds uint64, validatorRewardPct uint32) (uint64, error)
}
