package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/reputation. Codes are never renumbered.
var (
	ErrUnauthorized  = errorsmod.Register(ModuleName, 2, "unauthorized")
	ErrInvalidParams = errorsmod.Register(ModuleName, 3, "invalid params")
	// ErrInvalidSettlement: RecordSettlement was given facts it cannot record.
	ErrInvalidSettlement = errorsmod.Register(ModuleName, 4, "invalid settlement facts")
	// ErrInvalidRecord: a genesis record is malformed, duplicated or above max_score.
	ErrInvalidRecord = errorsmod.Register(ModuleName, 5, "invalid reputation record")
	// ErrInvalidRole: scores exist for ROLE_AGENT and ROLE_VALIDATOR only.
	ErrInvalidRole = errorsmod.Register(ModuleName, 6, "invalid role")
)
