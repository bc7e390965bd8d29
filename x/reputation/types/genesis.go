package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis returns the default genesis state: default params, no records.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state: valid params, and records with valid
// addresses, a scored role, a score within max_score, a consistent track
// record, and at most one record per (role, address).
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	// Looked up only, never iterated.
	seen := make(map[string]struct{}, len(gs.Records))
	for i, r := range gs.Records {
		addr, err := r.Validate(ac, gs.Params.MaxScore)
		if err != nil {
			return errorsmod.Wrapf(err, "record %d", i)
		}
		key := r.Role.String() + "/" + string(addr)
		if _, dup := seen[key]; dup {
			return errorsmod.Wrapf(ErrInvalidRecord, "record %d: a second %s record for %s", i, r.Role, r.Address)
		}
		seen[key] = struct{}{}
	}
	return nil
}
