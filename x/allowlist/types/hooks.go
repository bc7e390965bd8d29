package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AllowlistHooks let other code react at once when an account loses a role
// by a revocation or a bar, e.g. to jail a consensus validator whose
// ROLE_CONSENSUS_VALIDATOR membership is revoked or blacklisted. Expiry
// raises no hook: it happens with no transaction, and an EndBlocker finds
// expired memberships in the expiry queue (Keeper.ExpiredMemberships).
// The app supplies one implementation through depinject (ModuleInputs.Hooks).
type AllowlistHooks interface {
	// AfterRoleLost runs after the membership of addr in role was revoked
	// (MsgRevokeRole) or addr was barred from role (MsgSetBlacklist), once
	// state is written. It also runs when addr was not authorized before
	// (e.g. barred twice), so it must be idempotent. An error fails the
	// message and reverts everything it did.
	AfterRoleLost(ctx context.Context, addr sdk.AccAddress, role Role) error
}
