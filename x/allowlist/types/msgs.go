package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

var (
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
	_ sdk.HasValidateBasic = (*MsgGrantRole)(nil)
	_ sdk.HasValidateBasic = (*MsgRevokeRole)(nil)
	_ sdk.HasValidateBasic = (*MsgSetBlacklist)(nil)
	_ sdk.HasValidateBasic = (*MsgSetIssuer)(nil)
	_ sdk.HasValidateBasic = (*MsgRemoveIssuer)(nil)
	_ sdk.HasValidateBasic = (*MsgSetMerkleRoot)(nil)
	_ sdk.HasValidateBasic = (*MsgClaimRole)(nil)
)

// Every message below has Validate(ac), the stateless checks with a given
// address codec, which the handler runs first, and ValidateBasic, the same
// checks with the chain's bech32 prefix, which lets the SDK refuse a bad
// transaction (and x/gov a bad proposal) before it is included. The handler
// checks again: a message executed by x/gov or x/authz skips ValidateBasic.

// globalAddressCodec decodes with the process's bech32 account prefix.
func globalAddressCodec() address.Codec {
	return addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
}

// ValidateBasic lets x/gov refuse a proposal whose parameters are invalid
// when it is submitted, instead of failing it after the vote. The handler
// checks the same again: a direct-mode client may skip this.
func (m *MsgUpdateParams) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "authority %q: %s", m.Authority, err)
	}
	if err := m.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}

// Validate checks addresses, role, jurisdiction and metadata URI. The expiry
// is checked against the block time by the handler.
func (m *MsgGrantRole) Validate(ac address.Codec) error {
	if err := validateSignerAndAddress(ac, "signer", m.Signer, m.Address); err != nil {
		return err
	}
	if err := ValidateRole(m.Role); err != nil {
		return err
	}
	if err := ValidateJurisdiction(m.Jurisdiction); err != nil {
		return err
	}
	return ValidateMetadataURI(m.MetadataUri)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgGrantRole) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// Validate checks addresses, role and reason.
func (m *MsgRevokeRole) Validate(ac address.Codec) error {
	if err := validateSignerAndAddress(ac, "signer", m.Signer, m.Address); err != nil {
		return err
	}
	if err := ValidateRole(m.Role); err != nil {
		return err
	}
	return ValidateReason(m.Reason)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgRevokeRole) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// Validate checks addresses and role.
func (m *MsgSetBlacklist) Validate(ac address.Codec) error {
	if err := validateSignerAndAddress(ac, "authority", m.Authority, m.Address); err != nil {
		return err
	}
	return ValidateRole(m.Role)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgSetBlacklist) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// Validate checks addresses, name, jurisdiction and roles.
func (m *MsgSetIssuer) Validate(ac address.Codec) error {
	if err := validateSignerAndAddress(ac, "authority", m.Authority, m.Address); err != nil {
		return err
	}
	if err := ValidateIssuerName(m.Name); err != nil {
		return err
	}
	if err := ValidateJurisdiction(m.Jurisdiction); err != nil {
		return err
	}
	return ValidateIssuerRoles(m.Roles)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgSetIssuer) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// Validate checks the addresses.
func (m *MsgRemoveIssuer) Validate(ac address.Codec) error {
	return validateSignerAndAddress(ac, "authority", m.Authority, m.Address)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgRemoveIssuer) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// Validate checks the signer, the role (claimable) and the root.
func (m *MsgSetMerkleRoot) Validate(ac address.Codec) error {
	if _, err := ValidateAddress(ac, "signer", m.Signer); err != nil {
		return err
	}
	if err := ValidateClaimableRole(m.Role); err != nil {
		return err
	}
	_, err := ParseMerkleRoot(m.Root)
	return err
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgSetMerkleRoot) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// Validate checks the addresses, the role (claimable) and the form of the
// proof; the proof itself is verified by the handler against the stored root.
func (m *MsgClaimRole) Validate(ac address.Codec) error {
	if _, err := ValidateAddress(ac, "claimant", m.Claimant); err != nil {
		return err
	}
	if _, err := ValidateAddress(ac, "issuer", m.Issuer); err != nil {
		return err
	}
	if err := ValidateClaimableRole(m.Role); err != nil {
		return err
	}
	_, err := ParseMerkleProof(m.Proof)
	return err
}

// ValidateBasic implements sdk.HasValidateBasic.
func (m *MsgClaimRole) ValidateBasic() error { return m.Validate(globalAddressCodec()) }

// validateSignerAndAddress checks the signer (or authority) of a message and
// the address it acts on.
func validateSignerAndAddress(ac address.Codec, signerField, signer, addr string) error {
	if _, err := ValidateAddress(ac, signerField, signer); err != nil {
		return err
	}
	_, err := ValidateAddress(ac, "address", addr)
	return err
}
