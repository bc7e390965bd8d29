package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/allowlist. Codes are never renumbered; new ones are
// appended.
var (
	ErrUnauthorized  = errorsmod.Register(ModuleName, 2, "unauthorized")
	ErrInvalidParams = errorsmod.Register(ModuleName, 3, "invalid params")

	// Membership and admission.
	ErrAlreadyMember  = errorsmod.Register(ModuleName, 4, "already a member")
	ErrNotMember      = errorsmod.Register(ModuleName, 5, "not a member")
	ErrBlacklisted    = errorsmod.Register(ModuleName, 6, "blacklisted")
	ErrInvalidProof   = errorsmod.Register(ModuleName, 7, "invalid merkle proof")
	ErrIssuerNotFound = errorsmod.Register(ModuleName, 8, "issuer not found")

	// Input checks.
	ErrInvalidRole         = errorsmod.Register(ModuleName, 9, "invalid role")
	ErrInvalidJurisdiction = errorsmod.Register(ModuleName, 10, "invalid jurisdiction")
	ErrInvalidMetadataURI  = errorsmod.Register(ModuleName, 11, "invalid metadata uri")
	ErrInvalidExpiry       = errorsmod.Register(ModuleName, 12, "invalid expiry")
	ErrInvalidMerkleRoot   = errorsmod.Register(ModuleName, 13, "invalid merkle root")
	ErrInvalidIssuer       = errorsmod.Register(ModuleName, 14, "invalid issuer")
	ErrRoleNotClaimable    = errorsmod.Register(ModuleName, 15, "role not claimable")
	ErrInvalidReason       = errorsmod.Register(ModuleName, 16, "invalid reason")

	// Reasons an existing membership is not authorized (IsAuthorized).
	ErrMembershipExpired = errorsmod.Register(ModuleName, 17, "membership expired")
	ErrMerkleRootRotated = errorsmod.Register(ModuleName, 18, "merkle root rotated")

	ErrInvalidGenesis = errorsmod.Register(ModuleName, 19, "invalid genesis")
)
