package types

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// Input limits of DESIGN §3.2, in bytes.
const (
	MaxSpecURILength       = 2048
	MaxCompletionURILength = 1024
	MaxDetailsLength       = 2048
	MaxReasonLength        = 2048
	// HashLength is the length of a sha256 in hex.
	HashLength = 64
)

var (
	_ sdk.HasValidateBasic = (*MsgCreateJob)(nil)
	_ sdk.HasValidateBasic = (*MsgCancelJob)(nil)
	_ sdk.HasValidateBasic = (*MsgDelistJob)(nil)
	_ sdk.HasValidateBasic = (*MsgApplyForJob)(nil)
	_ sdk.HasValidateBasic = (*MsgRequestCompletion)(nil)
	_ sdk.HasValidateBasic = (*MsgApproveJob)(nil)
	_ sdk.HasValidateBasic = (*MsgDisapproveJob)(nil)
	_ sdk.HasValidateBasic = (*MsgDisputeJob)(nil)
	_ sdk.HasValidateBasic = (*MsgResolveDispute)(nil)
	_ sdk.HasValidateBasic = (*MsgFinalizeJob)(nil)
	_ sdk.HasValidateBasic = (*MsgExpireJob)(nil)
	_ sdk.HasValidateBasic = (*MsgSetPause)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
)

// ValidateBasic checks the fields that need no state. The handler runs it
// again, since a direct-mode client may skip it; the checks against the
// current params (denom, max payout, max duration) are in the handler.
func (m *MsgCreateJob) ValidateBasic() error {
	if err := validateAddress("employer", m.Employer); err != nil {
		return err
	}
	if err := ValidateURI("spec_uri", m.SpecUri, MaxSpecURILength); err != nil {
		return err
	}
	if err := ValidateHash("spec_hash", m.SpecHash); err != nil {
		return err
	}
	if err := m.Payout.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "payout %s: %s", m.Payout, err)
	}
	if !m.Payout.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidParams, "payout must be positive, got %s", m.Payout)
	}
	if m.DurationSeconds == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "duration_seconds must be positive")
	}
	if len(m.Details) > MaxDetailsLength {
		return errorsmod.Wrapf(ErrInvalidParams, "details must be at most %d bytes, got %d", MaxDetailsLength, len(m.Details))
	}
	return nil
}

// ValidateBasic checks the signer and the job id.
func (m *MsgCancelJob) ValidateBasic() error {
	return validateSignerAndJob("employer", m.Employer, m.JobId)
}

// ValidateBasic checks the authority, the job id and the reason.
func (m *MsgDelistJob) ValidateBasic() error {
	if err := validateSignerAndJob("authority", m.Authority, m.JobId); err != nil {
		return err
	}
	return validateReason(m.Reason)
}

// ValidateBasic checks the signer and the job id.
func (m *MsgApplyForJob) ValidateBasic() error {
	return validateSignerAndJob("agent", m.Agent, m.JobId)
}

// ValidateBasic checks the signer, the job id, the URI and the hash.
func (m *MsgRequestCompletion) ValidateBasic() error {
	if err := validateSignerAndJob("agent", m.Agent, m.JobId); err != nil {
		return err
	}
	if err := ValidateURI("completion_uri", m.CompletionUri, MaxCompletionURILength); err != nil {
		return err
	}
	return ValidateHash("completion_hash", m.CompletionHash)
}

// ValidateBasic checks the signer and the job id.
func (m *MsgApproveJob) ValidateBasic() error {
	return validateSignerAndJob("validator", m.Validator, m.JobId)
}

// ValidateBasic checks the signer and the job id.
func (m *MsgDisapproveJob) ValidateBasic() error {
	return validateSignerAndJob("validator", m.Validator, m.JobId)
}

// ValidateBasic checks the signer, the job id and the reason.
func (m *MsgDisputeJob) ValidateBasic() error {
	if err := validateSignerAndJob("disputant", m.Disputant, m.JobId); err != nil {
		return err
	}
	return validateReason(m.Reason)
}

// ValidateBasic checks the signer, the job id, the outcome and the reason.
func (m *MsgResolveDispute) ValidateBasic() error {
	if err := validateSignerAndJob("resolver", m.Resolver, m.JobId); err != nil {
		return err
	}
	switch m.Outcome {
	case DISPUTE_OUTCOME_AGENT_WINS, DISPUTE_OUTCOME_EMPLOYER_WINS, DISPUTE_OUTCOME_NO_ACTION:
	default:
		return errorsmod.Wrapf(ErrInvalidParams, "outcome must be DISPUTE_OUTCOME_AGENT_WINS, _EMPLOYER_WINS or _NO_ACTION, got %s", m.Outcome)
	}
	return validateReason(m.Reason)
}

// ValidateBasic checks the signer and the job id.
func (m *MsgFinalizeJob) ValidateBasic() error {
	return validateSignerAndJob("sender", m.Sender, m.JobId)
}

// ValidateBasic checks the signer and the job id.
func (m *MsgExpireJob) ValidateBasic() error {
	return validateSignerAndJob("sender", m.Sender, m.JobId)
}

// ValidateBasic checks the authority.
func (m *MsgSetPause) ValidateBasic() error { return validateAddress("authority", m.Authority) }

// ValidateBasic lets x/gov refuse a proposal whose parameters are invalid
// when it is submitted, instead of failing it after the vote. The handler
// checks the same again: a direct-mode client may skip this.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := validateAddress("authority", m.Authority); err != nil {
		return err
	}
	if err := m.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}

func validateAddress(field, addr string) error {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q: %s", field, addr, err)
	}
	return nil
}

func validateSignerAndJob(field, signer string, jobID uint64) error {
	if err := validateAddress(field, signer); err != nil {
		return err
	}
	if jobID == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "job_id must be positive (ids start at 1)")
	}
	return nil
}

func validateReason(reason string) error {
	if len(reason) > MaxReasonLength {
		return errorsmod.Wrapf(ErrInvalidParams, "reason must be at most %d bytes, got %d", MaxReasonLength, len(reason))
	}
	return nil
}

// ValidateURI wants 1..maxLen bytes of valid UTF-8 with no whitespace or
// control characters.
func ValidateURI(field, uri string, maxLen int) error {
	if len(uri) == 0 || len(uri) > maxLen {
		return errorsmod.Wrapf(ErrInvalidParams, "%s must be 1..%d bytes, got %d", field, maxLen, len(uri))
	}
	if !utf8.ValidString(uri) || strings.IndexFunc(uri, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar
	}) >= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "%s must be valid UTF-8 without whitespace or control characters, got %q", field, truncate(uri))
	}
	return nil
}

// ValidateHash wants an empty string or a sha256 as 64 lowercase hex digits.
func ValidateHash(field, h string) error {
	if h == "" {
		return nil
	}
	if len(h) != HashLength || strings.IndexFunc(h, func(r rune) bool {
		return (r < '0' || r > '9') && (r < 'a' || r > 'f')
	}) >= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "%s must be empty or %d lowercase hex digits, got %q", field, HashLength, truncate(h))
	}
	return nil
}

// truncate keeps error messages short for hostile input.
func truncate(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%s… (%d bytes)", s[:80], len(s))
	}
	return s
}
