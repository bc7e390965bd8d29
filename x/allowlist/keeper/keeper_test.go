package keeper_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/stretchr/testify/suite"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/core/address"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	keepertest "github.com/agijobmanager/agij/testutil/keeper"
	"github.com/agijobmanager/agij/x/allowlist"
	"github.com/agijobmanager/agij/x/allowlist/keeper"
	"github.com/agijobmanager/agij/x/allowlist/types"
)

// fixture is one keeper on its own in-memory store.
type fixture struct {
	ctx         sdk.Context
	key         *storetypes.KVStoreKey
	cdc         codec.Codec
	addrCodec   address.Codec
	authority   string
	keeper      keeper.Keeper
	msgServer   types.MsgServer
	queryServer types.QueryServer
	// hooks records every AfterRoleLost call.
	hooks *hookRecorder
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	env := keepertest.NewEnv(t, types.StoreKey)
	enc := moduletestutil.MakeTestEncodingConfig(allowlist.AppModule{})
	key, addrCodec, authority := env.Key, env.AddressCodec, env.Authority

	f := &fixture{
		ctx:       env.Ctx,
		key:       key,
		cdc:       enc.Codec,
		addrCodec: addrCodec,
		authority: authority,
		hooks:     &hookRecorder{},
	}
	f.keeper = keeper.NewKeeper(enc.Codec, addrCodec, runtime.NewKVStoreService(key), authority).WithHooks(f.hooks)
	f.msgServer = keeper.NewMsgServerImpl(f.keeper)
	f.queryServer = keeper.NewQueryServerImpl(f.keeper)
	return f
}

// storeDump lists every key and value of the module store, in key order.
func (f *fixture) storeDump(t *testing.T) []string {
	t.Helper()
	return keepertest.StoreDump(t, f.ctx, f.key)
}

// paramsJSON renders params for comparison; an empty and a nil role list are
// the same state.
func paramsJSON(t *testing.T, cdc codec.Codec, p types.Params) string {
	t.Helper()
	return keepertest.JSON(t, cdc, &p)
}

// customParams differ from the defaults.
func customParams() types.Params {
	return types.Params{ProposerRoles: []types.Role{types.ROLE_CONSENSUS_VALIDATOR, types.ROLE_AGENT, types.ROLE_VALIDATOR}}
}

type KeeperTestSuite struct {
	suite.Suite
	*fixture
}

func TestKeeperTestSuite(t *testing.T) {
	suite.Run(t, new(KeeperTestSuite))
}

// SetupTest starts every case from the default genesis.
func (s *KeeperTestSuite) SetupTest() {
	s.fixture = newFixture(s.T())
	s.Require().NoError(s.keeper.InitGenesis(s.ctx, types.DefaultGenesis()))
}

func (s *KeeperTestSuite) storedParams() types.Params {
	p, err := s.keeper.Params.Get(s.ctx)
	s.Require().NoError(err)
	return p
}

func (s *KeeperTestSuite) TestUpdateParamsByAuthority() {
	for name, want := range map[string]types.Params{
		"custom roles":           customParams(),
		"empty: anyone proposes": {ProposerRoles: []types.Role{}},
	} {
		s.Run(name, func() {
			ctx := s.ctx.WithEventManager(sdk.NewEventManager())

			res, err := s.msgServer.UpdateParams(ctx, &types.MsgUpdateParams{Authority: s.authority, Params: want})
			s.Require().NoError(err)
			s.Require().NotNil(res)
			s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, s.storedParams()))

			events := ctx.EventManager().ABCIEvents()
			s.Require().Len(events, 1)
			s.Require().Equal("agij.allowlist.v1.EventParamsUpdated", events[0].Type)
			msg, err := sdk.ParseTypedEvent(events[0])
			s.Require().NoError(err)
			ev, ok := msg.(*types.EventParamsUpdated)
			s.Require().True(ok, "event is %T", msg)
			s.Require().Equal(s.authority, ev.Authority)
			s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, ev.Params))

			qres, err := s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
			s.Require().NoError(err)
			s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, qres.Params))
		})
	}
}

func (s *KeeperTestSuite) TestUpdateParamsRefused() {
	other, err := s.addrCodec.BytesToString(sdk.AccAddress("not-the-authority___"))
	s.Require().NoError(err)
	authBytes, err := s.addrCodec.StringToBytes(s.authority)
	s.Require().NoError(err)
	cosmosAuthority, err := addresscodec.NewBech32Codec("cosmos").BytesToString(authBytes)
	s.Require().NoError(err)
	badChecksum := s.authority[:len(s.authority)-1] + keepertest.FlipBech32Char(s.authority[len(s.authority)-1])

	cases := []struct {
		name      string
		authority string
		params    types.Params
		wantErr   error
	}{
		{"another account", other, customParams(), types.ErrUnauthorized},
		// The authority is checked before the params.
		{"another account with invalid params", other, types.Params{ProposerRoles: []types.Role{types.ROLE_UNSPECIFIED}}, types.ErrUnauthorized},
		{"empty authority", "", customParams(), sdkerrors.ErrInvalidAddress},
		{"not bech32", "gov", customParams(), sdkerrors.ErrInvalidAddress},
		{"authority under the cosmos prefix", cosmosAuthority, customParams(), sdkerrors.ErrInvalidAddress},
		{"bad checksum", badChecksum, customParams(), sdkerrors.ErrInvalidAddress},
		{"malformed authority with invalid params", "gov", types.Params{ProposerRoles: []types.Role{types.ROLE_UNSPECIFIED}}, sdkerrors.ErrInvalidAddress},
		{"unspecified role", s.authority, types.Params{ProposerRoles: []types.Role{types.ROLE_MODERATOR, types.ROLE_UNSPECIFIED}}, types.ErrInvalidParams},
		{"unknown role", s.authority, types.Params{ProposerRoles: []types.Role{types.Role(9)}}, types.ErrInvalidParams},
		{"duplicate role", s.authority, types.Params{ProposerRoles: []types.Role{types.ROLE_AGENT, types.ROLE_AGENT}}, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		s.Run(tc.name, func() {
			before := s.storeDump(s.T())
			ctx := s.ctx.WithEventManager(sdk.NewEventManager())

			res, err := s.msgServer.UpdateParams(ctx, &types.MsgUpdateParams{Authority: tc.authority, Params: tc.params})
			s.Require().ErrorIs(err, tc.wantErr)
			s.Require().Nil(res)

			s.Require().Equal(before, s.storeDump(s.T()), "store changed")
			s.Require().Equal(types.DefaultParams(), s.storedParams())
			s.Require().Empty(ctx.EventManager().ABCIEvents())
		})
	}
}

func (s *KeeperTestSuite) TestQueryParams() {
	res, err := s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
	s.Require().NoError(err)
	s.Require().Equal([]types.Role{types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR}, res.Params.ProposerRoles)

	s.Require().NoError(s.keeper.Params.Set(s.ctx, customParams()))
	res, err = s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
	s.Require().NoError(err)
	s.Require().Equal(customParams(), res.Params)

	res, err = s.queryServer.Params(s.ctx, nil)
	s.Require().Error(err)
	s.Require().Equal(codes.InvalidArgument, status.Code(err))
	s.Require().Nil(res)
}

func TestGenesisRoundTrip(t *testing.T) {
	for name, gs := range map[string]*types.GenesisState{
		"default": types.DefaultGenesis(),
		"custom":  {Params: customParams()},
		"empty":   {Params: types.Params{}},
	} {
		t.Run(name, func(t *testing.T) {
			a := newFixture(t)
			require.NoError(t, a.keeper.InitGenesis(a.ctx, gs))
			exported, err := a.keeper.ExportGenesis(a.ctx)
			require.NoError(t, err)
			require.Equal(t, paramsJSON(t, a.cdc, gs.Params), paramsJSON(t, a.cdc, exported.Params))

			// Import the export into a fresh chain: same store, same export.
			b := newFixture(t)
			require.NoError(t, b.keeper.InitGenesis(b.ctx, exported))
			again, err := b.keeper.ExportGenesis(b.ctx)
			require.NoError(t, err)
			require.Equal(t, a.cdc.MustMarshalJSON(exported), b.cdc.MustMarshalJSON(again))
			require.Equal(t, a.storeDump(t), b.storeDump(t))
		})
	}
}

func TestInitGenesisInvalidParams(t *testing.T) {
	for name, roles := range map[string][]types.Role{
		"unspecified": {types.ROLE_UNSPECIFIED},
		"unknown":     {types.ROLE_MODERATOR, types.Role(5)},
		"duplicate":   {types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR, types.ROLE_MODERATOR},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			err := f.keeper.InitGenesis(f.ctx, &types.GenesisState{Params: types.Params{ProposerRoles: roles}})
			require.ErrorIs(t, err, types.ErrInvalidParams)

			has, err := f.keeper.Params.Has(f.ctx)
			require.NoError(t, err)
			require.False(t, has)
			require.Empty(t, f.storeDump(t))
		})
	}
}

func TestNewKeeper(t *testing.T) {
	f := newFixture(t)
	require.Equal(t, f.authority, f.keeper.Authority())
	require.True(t, strings.HasPrefix(f.authority, "agij1"))

	authBytes, err := f.addrCodec.StringToBytes(f.authority)
	require.NoError(t, err)
	cosmosAuthority, err := addresscodec.NewBech32Codec("cosmos").BytesToString(authBytes)
	require.NoError(t, err)

	for name, authority := range map[string]string{
		"empty":         "",
		"not bech32":    "gov",
		"cosmos prefix": cosmosAuthority,
	} {
		t.Run(name, func(t *testing.T) {
			key := storetypes.NewKVStoreKey(types.StoreKey)
			keepertest.RequirePanicsContaining(t, fmt.Sprintf("invalid x/allowlist authority %q", authority), func() {
				keeper.NewKeeper(f.cdc, f.addrCodec, runtime.NewKVStoreService(key), authority)
			})
		})
	}
}
