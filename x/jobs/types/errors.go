package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/jobs (DESIGN §3.9). Codes are never renumbered; new
// ones are appended. Insufficient funds is the SDK's own error.
var (
	ErrUnauthorized  = errorsmod.Register(ModuleName, 2, "unauthorized")
	ErrInvalidParams = errorsmod.Register(ModuleName, 3, "invalid params")

	ErrInvalidState           = errorsmod.Register(ModuleName, 4, "invalid job state")
	ErrJobNotFound            = errorsmod.Register(ModuleName, 5, "job not found")
	ErrBlacklisted            = errorsmod.Register(ModuleName, 6, "blacklisted")
	ErrSelfDealing            = errorsmod.Register(ModuleName, 7, "self-dealing")
	ErrIntakePaused           = errorsmod.Register(ModuleName, 8, "intake paused")
	ErrSettlementPaused       = errorsmod.Register(ModuleName, 9, "settlement paused")
	ErrValidatorLimit         = errorsmod.Register(ModuleName, 10, "validator limit reached")
	ErrIneligiblePayout       = errorsmod.Register(ModuleName, 11, "ineligible agent payout")
	ErrTooManyActiveJobs      = errorsmod.Register(ModuleName, 12, "too many active jobs")
	ErrInsufficientReputation = errorsmod.Register(ModuleName, 13, "insufficient reputation")

	ErrInvalidGenesis = errorsmod.Register(ModuleName, 14, "invalid genesis")
	// ErrAccounting means the module's books do not add up; it is never
	// expected and aborts the transaction or settlement that found it.
	ErrAccounting = errorsmod.Register(ModuleName, 15, "accounting mismatch")
)
