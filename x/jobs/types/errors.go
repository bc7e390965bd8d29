package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/jobs. Codes are never renumbered.
var (
	ErrUnauthorized  = errorsmod.Register(ModuleName, 2, "unauthorized")
	ErrInvalidParams = errorsmod.Register(ModuleName, 3, "invalid params")
)
