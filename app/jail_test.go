package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	allowlistkeeper "github.com/agijobmanager/agij/x/allowlist/keeper"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// allowlistValidators grants every operator ROLE_CONSENSUS_VALIDATOR in
// genesis; expiresAt[i], when set, is operator i's expiry.
func allowlistValidators(cdc codec.Codec, gs map[string]json.RawMessage, operators []sdk.AccAddress, expiresAt map[int]time.Time) {
	var allowGen allowlisttypes.GenesisState
	cdc.MustUnmarshalJSON(gs[allowlisttypes.ModuleName], &allowGen)
	for i, op := range operators {
		m := allowlisttypes.Member{
			Address:   op.String(),
			Role:      allowlisttypes.ROLE_CONSENSUS_VALIDATOR,
			Issuer:    authtypes.NewModuleAddress(govtypes.ModuleName).String(),
			GrantedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			Source:    allowlisttypes.ADMISSION_SOURCE_GENESIS,
		}
		if t, ok := expiresAt[i]; ok {
			m.ExpiresAt = &t
		}
		allowGen.Members = append(allowGen.Members, m)
	}
	gs[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&allowGen)
}

// stakingOperators reads the staking genesis the chain helper wrote: the
// operator of each validator, in the order of the validator set.
func stakingOperators(cdc codec.Codec, gs map[string]json.RawMessage) []sdk.AccAddress {
	var stakingGen stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(gs[stakingtypes.ModuleName], &stakingGen)
	ops := make([]sdk.AccAddress, len(stakingGen.Validators))
	for i, v := range stakingGen.Validators {
		bz, err := sdk.ValAddressFromBech32(v.OperatorAddress)
		if err != nil {
			panic(err)
		}
		ops[i] = sdk.AccAddress(bz)
	}
	return ops
}

func validatorOf(t *testing.T, c *testChain, operator sdk.AccAddress) stakingtypes.Validator {
	t.Helper()
	v, err := c.app.StakingKeeper.GetValidator(c.app.NewContext(true), sdk.ValAddress(operator))
	require.NoError(t, err)
	return v
}

// An institution whose ROLE_CONSENSUS_VALIDATOR membership expires is jailed
// in the first block at or after the expiry and leaves the bonded set; the
// chain goes on with the others.
func TestExpiredConsensusValidatorIsJailed(t *testing.T) {
	var ops []sdk.AccAddress
	expiry := time.Date(2026, 1, 1, 0, 0, 12, 0, time.UTC) // genesis + 12 s; blocks are 5 s apart
	c := setupChain(t, 2, func(cdc codec.Codec, gs map[string]json.RawMessage) {
		ops = stakingOperators(cdc, gs)
		allowlistValidators(cdc, gs, ops, map[int]time.Time{1: expiry})
	})
	require.False(t, validatorOf(t, c, ops[1]).IsJailed())

	for c.blockTime.Before(expiry) {
		require.False(t, validatorOf(t, c, ops[1]).IsJailed(), "jailed before expiry")
		c.nextBlock(t)
	}
	c.nextBlock(t) // the first block at or after expiry
	jailed := validatorOf(t, c, ops[1])
	require.True(t, jailed.IsJailed())
	require.NotEqual(t, stakingtypes.Bonded, jailed.GetStatus())
	require.False(t, validatorOf(t, c, ops[0]).IsJailed())
	require.Equal(t, stakingtypes.Bonded, validatorOf(t, c, ops[0]).GetStatus())

	ctx := c.app.NewContext(true).WithBlockTime(c.blockTime)
	authorized, err := c.app.AllowlistKeeper.IsAuthorized(ctx, ops[1], allowlisttypes.ROLE_CONSENSUS_VALIDATOR)
	require.False(t, authorized)
	require.ErrorIs(t, err, allowlisttypes.ErrMembershipExpired)

	c.nextBlock(t)
	c.nextBlock(t)
}

// Revoking an institution's ROLE_CONSENSUS_VALIDATOR jails its validator at
// once, through the allowlist's hook.
func TestRevokedConsensusValidatorIsJailed(t *testing.T) {
	var ops []sdk.AccAddress
	c := setupChain(t, 2, func(cdc codec.Codec, gs map[string]json.RawMessage) {
		ops = stakingOperators(cdc, gs)
		allowlistValidators(cdc, gs, ops, nil)
	})
	ctx := c.app.NewUncachedContext(false, c.app.NewContext(true).BlockHeader()).WithBlockTime(c.blockTime)
	_, err := allowlistkeeper.NewMsgServerImpl(c.app.AllowlistKeeper).RevokeRole(ctx, &allowlisttypes.MsgRevokeRole{
		Signer:  authtypes.NewModuleAddress(govtypes.ModuleName).String(),
		Address: ops[1].String(),
		Role:    allowlisttypes.ROLE_CONSENSUS_VALIDATOR,
		Reason:  "accreditation withdrawn",
	})
	require.NoError(t, err)
	require.True(t, validatorOf(t, c, ops[1]).IsJailed())
	require.False(t, validatorOf(t, c, ops[0]).IsJailed())
	c.nextBlock(t)
	require.NotEqual(t, stakingtypes.Bonded, validatorOf(t, c, ops[1]).GetStatus())
	c.nextBlock(t)
}
