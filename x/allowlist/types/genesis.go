package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis returns the default genesis state: default params, nothing
// else. Networks name their members in genesis (agijd genesis grant-role).
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state with the process's bech32 prefix.
func (gs GenesisState) Validate() error {
	return gs.ValidateWith(globalAddressCodec())
}

// ValidateWith checks the genesis state, decoding addresses with ac: valid
// params; every entry well formed; no two members per (role, address), issuers
// per address, bars per (role, address) or roots per (issuer, role). A
// membership may be expired or claimed under a rotated root: it is state like
// any other, and IsAuthorized decides.
func (gs GenesisState) ValidateWith(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}

	type roleAddr struct {
		role Role
		addr string
	}
	members := make(map[roleAddr]bool, len(gs.Members))
	expiring := make(map[roleAddr]bool)
	for i, m := range gs.Members {
		addr, err := ValidateMember(ac, m)
		if err != nil {
			return errorsmod.Wrapf(err, "members[%d]", i)
		}
		k := roleAddr{m.Role, string(addr)}
		if members[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "members[%d]: %s holds %s twice", i, m.Address, m.Role)
		}
		members[k] = true
		expiring[k] = m.ExpiresAt != nil
	}

	issuers := make(map[string]bool, len(gs.Issuers))
	for i, is := range gs.Issuers {
		addr, err := ValidateIssuer(ac, is)
		if err != nil {
			return errorsmod.Wrapf(err, "issuers[%d]", i)
		}
		if issuers[string(addr)] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "issuers[%d]: issuer %s listed twice", i, is.Address)
		}
		issuers[string(addr)] = true
	}

	bars := make(map[roleAddr]bool, len(gs.Blacklist))
	for i, b := range gs.Blacklist {
		addr, err := ValidateAddress(ac, "address", b.Address)
		if err != nil {
			return errorsmod.Wrapf(err, "blacklist[%d]", i)
		}
		if err := ValidateRole(b.Role); err != nil {
			return errorsmod.Wrapf(err, "blacklist[%d]", i)
		}
		k := roleAddr{b.Role, string(addr)}
		if bars[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "blacklist[%d]: %s is barred from %s twice", i, b.Address, b.Role)
		}
		bars[k] = true
	}

	roots := make(map[roleAddr]bool, len(gs.MerkleRoots))
	for i, r := range gs.MerkleRoots {
		addr, err := ValidateMerkleRootEntry(ac, r)
		if err != nil {
			return errorsmod.Wrapf(err, "merkle_roots[%d]", i)
		}
		k := roleAddr{r.Role, string(addr)}
		if roots[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "merkle_roots[%d]: %s has two roots for %s", i, r.Issuer, r.Role)
		}
		roots[k] = true
	}

	processed := make(map[roleAddr]bool, len(gs.ProcessedExpiries))
	for i, pe := range gs.ProcessedExpiries {
		addr, err := ValidateAddress(ac, "address", pe.Address)
		if err != nil {
			return errorsmod.Wrapf(err, "processed_expiries[%d]", i)
		}
		k := roleAddr{pe.Role, string(addr)}
		if !expiring[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "processed_expiries[%d]: %s holds no %s membership with an expiry", i, pe.Address, pe.Role)
		}
		if processed[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "processed_expiries[%d]: the %s expiry of %s is listed twice", i, pe.Role, pe.Address)
		}
		processed[k] = true
	}
	return nil
}

// ValidateMember checks one stored membership and returns its address bytes.
func ValidateMember(ac address.Codec, m Member) ([]byte, error) {
	addr, err := ValidateAddress(ac, "address", m.Address)
	if err != nil {
		return nil, err
	}
	if err := ValidateRole(m.Role); err != nil {
		return nil, err
	}
	if _, err := ValidateAddress(ac, "issuer", m.Issuer); err != nil {
		return nil, err
	}
	if err := ValidateJurisdiction(m.Jurisdiction); err != nil {
		return nil, err
	}
	if err := ValidateMetadataURI(m.MetadataUri); err != nil {
		return nil, err
	}
	if m.ExpiresAt != nil && !m.ExpiresAt.After(m.GrantedAt) {
		return nil, errorsmod.Wrapf(ErrInvalidExpiry, "expires_at %s is not after granted_at %s",
			FormatTime(*m.ExpiresAt), FormatTime(m.GrantedAt))
	}
	switch m.Source {
	case ADMISSION_SOURCE_MERKLE_CLAIM:
		if err := ValidateClaimableRole(m.Role); err != nil {
			return nil, err
		}
		if _, err := ParseMerkleRoot(m.MerkleRoot); err != nil {
			return nil, err
		}
	case ADMISSION_SOURCE_GOVERNANCE, ADMISSION_SOURCE_ISSUER, ADMISSION_SOURCE_GENESIS:
		if m.MerkleRoot != "" {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "merkle_root is set on a %s membership; only Merkle claims have one", m.Source)
		}
	default:
		return nil, errorsmod.Wrapf(ErrInvalidGenesis, "source %s is not a valid admission source", m.Source)
	}
	return addr, nil
}

// ValidateIssuer checks one issuer record and returns its address bytes.
func ValidateIssuer(ac address.Codec, is Issuer) ([]byte, error) {
	addr, err := ValidateAddress(ac, "address", is.Address)
	if err != nil {
		return nil, err
	}
	if err := ValidateIssuerName(is.Name); err != nil {
		return nil, err
	}
	if err := ValidateJurisdiction(is.Jurisdiction); err != nil {
		return nil, err
	}
	if err := ValidateIssuerRoles(is.Roles); err != nil {
		return nil, err
	}
	return addr, nil
}

// ValidateMerkleRootEntry checks one root and returns its issuer's address
// bytes.
func ValidateMerkleRootEntry(ac address.Codec, r MerkleRootEntry) ([]byte, error) {
	addr, err := ValidateAddress(ac, "issuer", r.Issuer)
	if err != nil {
		return nil, err
	}
	if err := ValidateClaimableRole(r.Role); err != nil {
		return nil, err
	}
	if _, err := ParseMerkleRoot(r.Root); err != nil {
		return nil, err
	}
	return addr, nil
}
