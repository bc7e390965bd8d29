package types

import (
	"context"

	"cosmossdk.io/x/nft"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AccountKeeper is the part of x/auth that x/jobs uses.
type AccountKeeper interface {
	GetModuleAddress(moduleName string) sdk.AccAddress
	GetModuleAccount(ctx context.Context, moduleName string) sdk.ModuleAccountI
}

// NFTKeeper is the part of x/nft that x/jobs uses for certificates.
type NFTKeeper interface {
	HasClass(ctx context.Context, classID string) bool
	SaveClass(ctx context.Context, class nft.Class) error
	GetClass(ctx context.Context, classID string) (nft.Class, bool)
}
