package types

import (
	"regexp"
	"time"
	"unicode"
	"unicode/utf8"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// Input limits. Every message and the genesis state are checked against the
// same functions, here.
const (
	// MaxMetadataURILen bounds a membership's metadata URI, in bytes.
	MaxMetadataURILen = 2048
	// MaxIssuerNameLen bounds an issuer's name, in bytes.
	MaxIssuerNameLen = 128
	// MaxReasonLen bounds the reason of a revocation, in bytes.
	MaxReasonLen = 1024
)

// jurisdictionRe: an ISO 3166-1 alpha-2 code ("DE") or an ISO 3166-2
// subdivision code ("US-CA", "GB-ENG", "FR-75"). The format is checked, not
// the list of assigned codes, which changes over time.
var jurisdictionRe = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

// ValidateAddress decodes a bech32 account address with ac; field names it in
// the error.
func ValidateAddress(ac address.Codec, field, s string) ([]byte, error) {
	bz, err := ac.StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q: %s", field, s, err)
	}
	return bz, nil
}

// ValidateRole accepts only the four defined roles.
func ValidateRole(r Role) error {
	if err := r.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidRole, err.Error())
	}
	return nil
}

// ValidateClaimableRole accepts the roles a Merkle claim may admit: every
// role except ROLE_CONSENSUS_VALIDATOR, which only governance or an issuer
// grants.
func ValidateClaimableRole(r Role) error {
	if err := ValidateRole(r); err != nil {
		return err
	}
	if r == ROLE_CONSENSUS_VALIDATOR {
		return errorsmod.Wrapf(ErrRoleNotClaimable, "%s is granted only by governance or an issuer, never by a Merkle claim", r)
	}
	return nil
}

// ValidateJurisdiction accepts the empty string or an ISO 3166 code.
func ValidateJurisdiction(s string) error {
	if s != "" && !jurisdictionRe.MatchString(s) {
		return errorsmod.Wrapf(ErrInvalidJurisdiction,
			"%q is not an ISO 3166 code: want two upper-case letters (DE) or a subdivision code (US-CA), or empty", s)
	}
	return nil
}

// ValidateMetadataURI accepts the empty string or a URI of at most
// MaxMetadataURILen bytes of UTF-8 with no whitespace or control characters.
func ValidateMetadataURI(s string) error {
	if len(s) > MaxMetadataURILen {
		return errorsmod.Wrapf(ErrInvalidMetadataURI, "%d bytes, at most %d", len(s), MaxMetadataURILen)
	}
	if !utf8.ValidString(s) {
		return errorsmod.Wrap(ErrInvalidMetadataURI, "not valid UTF-8")
	}
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return errorsmod.Wrapf(ErrInvalidMetadataURI, "whitespace or control character %U at byte %d", r, i)
		}
	}
	return nil
}

// ValidateIssuerName accepts 1 to MaxIssuerNameLen bytes of printable UTF-8
// without leading or trailing spaces.
func ValidateIssuerName(s string) error {
	switch {
	case s == "":
		return errorsmod.Wrap(ErrInvalidIssuer, "name is empty")
	case len(s) > MaxIssuerNameLen:
		return errorsmod.Wrapf(ErrInvalidIssuer, "name is %d bytes, at most %d", len(s), MaxIssuerNameLen)
	case !utf8.ValidString(s):
		return errorsmod.Wrap(ErrInvalidIssuer, "name is not valid UTF-8")
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return errorsmod.Wrapf(ErrInvalidIssuer, "name %q has the unprintable character %U", s, r)
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return errorsmod.Wrapf(ErrInvalidIssuer, "name %q starts or ends with a space", s)
	}
	return nil
}

// ValidateIssuerRoles accepts a non-empty list of defined roles, none twice.
func ValidateIssuerRoles(roles []Role) error {
	if len(roles) == 0 {
		return errorsmod.Wrap(ErrInvalidIssuer, "an issuer needs at least one role")
	}
	seen := make(map[Role]bool, len(roles))
	for _, r := range roles {
		if err := r.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidIssuer, "roles: %s", err)
		}
		if seen[r] {
			return errorsmod.Wrapf(ErrInvalidIssuer, "roles: %s listed twice", r)
		}
		seen[r] = true
	}
	return nil
}

// ValidateReason accepts at most MaxReasonLen bytes of UTF-8.
func ValidateReason(s string) error {
	if len(s) > MaxReasonLen {
		return errorsmod.Wrapf(ErrInvalidReason, "%d bytes, at most %d", len(s), MaxReasonLen)
	}
	if !utf8.ValidString(s) {
		return errorsmod.Wrap(ErrInvalidReason, "not valid UTF-8")
	}
	return nil
}

// ParseMerkleRoot decodes a root: 64 lowercase hex characters.
func ParseMerkleRoot(s string) ([32]byte, error) {
	h, err := ParseHash(s)
	if err != nil {
		return h, errorsmod.Wrap(ErrInvalidMerkleRoot, err.Error())
	}
	return h, nil
}

// ParseMerkleProof decodes a proof: at most MaxMerkleProofLen hashes of 64
// lowercase hex characters each.
func ParseMerkleProof(proof []string) ([][32]byte, error) {
	if len(proof) > MaxMerkleProofLen {
		return nil, errorsmod.Wrapf(ErrInvalidProof, "%d hashes, at most %d", len(proof), MaxMerkleProofLen)
	}
	out := make([][32]byte, len(proof))
	for i, s := range proof {
		h, err := ParseHash(s)
		if err != nil {
			return nil, errorsmod.Wrapf(ErrInvalidProof, "proof[%d]: %s", i, err)
		}
		out[i] = h
	}
	return out, nil
}

// timeFormat renders instants in errors and query reasons.
const timeFormat = "2006-01-02T15:04:05.999999999Z07:00"

// FormatTime renders an instant the way errors and reasons show it (RFC 3339,
// UTC).
func FormatTime(t time.Time) string { return t.UTC().Format(timeFormat) }
