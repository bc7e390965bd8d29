package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AllowlistHooks let other code react at once when an account loses a role
// by a revocation or a bar, e.g. to jail a consensus validator whose
// ROLE_CONSENSUS_VALIDATOR membership is revoked, blacklisted or expires.
// The EndBlocker raises it for expired ROLE_CONSENSUS_VALIDATOR memberships
// (from the expiry queue), in a cache context whose failure is only logged.
// The app supplies one implementation through depinject (ModuleInputs.Hooks).
type AllowlistHooks interface {
	// AfterRoleLost runs after the membership of addr in role was revoked
	// (MsgRevokeRole), addr was barred from role (MsgSetBlacklist), or a
	// ROLE_CONSENSUS_VALIDATOR membership expired (EndBlocker), once state
	// is written. It also runs when addr was not authorized before
	// (e.g. barred twice), so it must be idempotent. An error fails the
	// message and reverts everything it did.
	AfterRoleLost(ctx context.Context, addr sdk.AccAddress, role Role) error
}
