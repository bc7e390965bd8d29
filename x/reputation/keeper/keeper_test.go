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
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	keepertest "github.com/agijobmanager/agij/testutil/keeper"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation"
	"github.com/agijobmanager/agij/x/reputation/keeper"
	"github.com/agijobmanager/agij/x/reputation/types"
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
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	env := keepertest.NewEnv(t, types.StoreKey)
	enc := moduletestutil.MakeTestEncodingConfig(reputation.AppModule{})
	key, addrCodec, authority := env.Key, env.AddressCodec, env.Authority

	f := &fixture{
		ctx:       env.Ctx,
		key:       key,
		cdc:       enc.Codec,
		addrCodec: addrCodec,
		authority: authority,
	}
	f.keeper = keeper.NewKeeper(enc.Codec, addrCodec, runtime.NewKVStoreService(key), authority)
	f.msgServer = keeper.NewMsgServerImpl(f.keeper)
	f.queryServer = keeper.NewQueryServerImpl(f.keeper)
	return f
}

// storeDump lists every key and value of the module store, in key order.
func (f *fixture) storeDump(t *testing.T) []string {
	t.Helper()
	return keepertest.StoreDump(t, f.ctx, f.key)
}

// paramsJSON renders params for comparison: math.Int values that are equal
// need not be reflect.DeepEqual after a store round trip.
func paramsJSON(t *testing.T, cdc codec.Codec, p types.Params) string {
	t.Helper()
	return keepertest.JSON(t, cdc, &p)
}

// customParams differ from the defaults.
func customParams() types.Params {
	return types.Params{ReputationUnit: math.NewInt(1_000_000), MaxScore: 1_000}
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
		"custom":          customParams(),
		"smallest values": {ReputationUnit: math.OneInt(), MaxScore: 1},
	} {
		s.Run(name, func() {
			ctx := s.ctx.WithEventManager(sdk.NewEventManager())

			res, err := s.msgServer.UpdateParams(ctx, &types.MsgUpdateParams{Authority: s.authority, Params: want})
			s.Require().NoError(err)
			s.Require().NotNil(res)
			s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, s.storedParams()))

			events := ctx.EventManager().ABCIEvents()
			s.Require().Len(events, 1)
			s.Require().Equal("agij.reputation.v1.EventParamsUpdated", events[0].Type)
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
		{"another account with invalid params", other, types.Params{ReputationUnit: math.ZeroInt(), MaxScore: 1}, types.ErrUnauthorized},
		{"empty authority", "", customParams(), sdkerrors.ErrInvalidAddress},
		{"not bech32", "gov", customParams(), sdkerrors.ErrInvalidAddress},
		{"authority under the cosmos prefix", cosmosAuthority, customParams(), sdkerrors.ErrInvalidAddress},
		{"bad checksum", badChecksum, customParams(), sdkerrors.ErrInvalidAddress},
		{"malformed authority with invalid params", "gov", types.Params{ReputationUnit: math.ZeroInt(), MaxScore: 1}, sdkerrors.ErrInvalidAddress},
		{"zero reputation unit", s.authority, types.Params{ReputationUnit: math.ZeroInt(), MaxScore: 1}, types.ErrInvalidParams},
		{"negative reputation unit", s.authority, types.Params{ReputationUnit: math.NewInt(-1), MaxScore: 1}, types.ErrInvalidParams},
		{"nil reputation unit", s.authority, types.Params{MaxScore: 1}, types.ErrInvalidParams},
		{"zero max score", s.authority, types.Params{ReputationUnit: math.OneInt()}, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		s.Run(tc.name, func() {
			before := s.storeDump(s.T())
			ctx := s.ctx.WithEventManager(sdk.NewEventManager())

			res, err := s.msgServer.UpdateParams(ctx, &types.MsgUpdateParams{Authority: tc.authority, Params: tc.params})
			s.Require().ErrorIs(err, tc.wantErr)
			s.Require().Nil(res)

			s.Require().Equal(before, s.storeDump(s.T()), "store changed")
			s.Require().Equal(paramsJSON(s.T(), s.cdc, types.DefaultParams()), paramsJSON(s.T(), s.cdc, s.storedParams()))
			s.Require().Empty(ctx.EventManager().ABCIEvents())
		})
	}
}

// max_score may not drop below a score already earned: scores never
// decrease, and genesis refuses a score above max_score.
func (s *KeeperTestSuite) TestUpdateParamsMaxScoreBelowAScore() {
	s.seed(s.agentRec("alice", 40, 1, 0, 0, agi(1)), s.validatorRec("bob", 41, 1, 0, agi(1), math.ZeroInt()))
	before := s.storeDump(s.T())
	_, err := s.msgServer.UpdateParams(s.ctx, &types.MsgUpdateParams{Authority: s.authority,
		Params: types.Params{ReputationUnit: math.NewInt(1000), MaxScore: 40}})
	s.Require().ErrorIs(err, types.ErrInvalidParams)
	s.Require().ErrorContains(err, "max_score 40 is below the highest score 41")
	s.Require().Equal(before, s.storeDump(s.T()))

	_, err = s.msgServer.UpdateParams(s.ctx, &types.MsgUpdateParams{Authority: s.authority,
		Params: types.Params{ReputationUnit: math.NewInt(1000), MaxScore: 41}})
	s.Require().NoError(err)
	s.Require().Equal(uint64(41), s.storedParams().MaxScore)
}

func (s *KeeperTestSuite) TestQueryParams() {
	res, err := s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
	s.Require().NoError(err)
	s.Require().Equal("1000", res.Params.ReputationUnit.String())
	s.Require().Equal(uint64(88888), res.Params.MaxScore)

	s.Require().NoError(s.keeper.Params.Set(s.ctx, customParams()))
	res, err = s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
	s.Require().NoError(err)
	s.Require().Equal(paramsJSON(s.T(), s.cdc, customParams()), paramsJSON(s.T(), s.cdc, res.Params))

	res, err = s.queryServer.Params(s.ctx, nil)
	s.Require().Error(err)
	s.Require().Equal(codes.InvalidArgument, status.Code(err))
	s.Require().Nil(res)
}

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t) // for addresses only
	zero := math.ZeroInt()
	records := []types.Record{
		f.validatorRec("val1", 3, 2, 1, agi(80), agi(144)),
		f.agentRec("agent2", 13, 1, 0, 0, agi(9)),
		f.agentRec("agent1", 40, 2, 1, 1, agi(1080)),
		f.validatorRec("agent1", 0, 0, 0, zero, zero),
		f.agentRec("capped", 88_888, 5000, 0, 0, agi(1_000_000)),
	}
	for name, gs := range map[string]*types.GenesisState{
		"default":      types.DefaultGenesis(),
		"custom":       {Params: customParams()},
		"with records": {Params: types.DefaultParams(), Records: records},
	} {
		t.Run(name, func(t *testing.T) {
			a := newFixture(t)
			require.NoError(t, a.keeper.InitGenesis(a.ctx, gs))
			exported, err := a.keeper.ExportGenesis(a.ctx)
			require.NoError(t, err)
			require.Equal(t, paramsJSON(t, a.cdc, gs.Params), paramsJSON(t, a.cdc, exported.Params))
			// Every record comes back, in store order (role, then address bytes).
			require.ElementsMatch(t, a.recordsJSON(gs.Records), a.recordsJSON(exported.Records))
			for i := 1; i < len(exported.Records); i++ {
				prev, cur := exported.Records[i-1], exported.Records[i]
				pa, err := a.addrCodec.StringToBytes(prev.Address)
				require.NoError(t, err)
				ca, err := a.addrCodec.StringToBytes(cur.Address)
				require.NoError(t, err)
				require.True(t, prev.Role < cur.Role || (prev.Role == cur.Role && string(pa) < string(ca)))
			}
			_, err = a.checkIndex()
			require.NoError(t, err)

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

// A genesis record may leave out its track record and amounts; the stored
// record has them at zero, and its address in canonical (lower-case) form.
func TestInitGenesisNormalizesRecords(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.keeper.InitGenesis(f.ctx, &types.GenesisState{Params: types.DefaultParams(), Records: []types.Record{
		{Address: strings.ToUpper(f.addr("alice")), Role: allowlisttypes.ROLE_AGENT, Score: 7},
		{Address: f.addr("alice"), Role: allowlisttypes.ROLE_VALIDATOR, Score: 2, Validator: &types.ValidatorTrackRecord{Votes: 1, Correct: 1}},
	}}))
	exported, err := f.keeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	zero := math.ZeroInt()
	require.Equal(t, f.recordsJSON([]types.Record{
		f.agentRec("alice", 7, 0, 0, 0, zero),
		f.validatorRec("alice", 2, 1, 0, zero, zero),
	}), f.recordsJSON(exported.Records))
	top, err := f.keeper.Leaderboard(f.ctx, allowlisttypes.ROLE_AGENT, 10)
	require.NoError(t, err)
	require.Equal(t, f.recordsJSON(exported.Records[:1]), f.recordsJSON(top))
}

func TestInitGenesisInvalidRecords(t *testing.T) {
	f := newFixture(t)
	good := f.agentRec("alice", 40, 1, 0, 0, agi(1))
	for name, rec := range map[string]types.Record{
		"duplicate":      f.agentRec("alice", 1, 0, 0, 0, math.ZeroInt()),
		"unknown role":   {Address: f.addr("bob"), Role: allowlisttypes.ROLE_MODERATOR, Score: 1},
		"above max":      f.agentRec("bob", 88_889, 0, 0, 0, math.ZeroInt()),
		"bad address":    {Address: "bob", Role: allowlisttypes.ROLE_AGENT, Score: 1},
		"bad validator":  f.validatorRec("bob", 1, 1, 0, math.NewInt(-1), math.ZeroInt()),
		"wrong track":    {Address: f.addr("bob"), Role: allowlisttypes.ROLE_AGENT, Validator: &types.ValidatorTrackRecord{}},
		"role zero":      {Address: f.addr("bob"), Score: 1},
		"votes mismatch": {Address: f.addr("bob"), Role: allowlisttypes.ROLE_VALIDATOR, Validator: &types.ValidatorTrackRecord{Votes: 2, Correct: 1}},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			err := f.keeper.InitGenesis(f.ctx, &types.GenesisState{Params: types.DefaultParams(), Records: []types.Record{good, rec}})
			require.ErrorIs(t, err, types.ErrInvalidRecord)
			require.Empty(t, f.storeDump(t))

			// The module's ValidateGenesis, as `agijd genesis validate` runs it.
			am := reputation.NewAppModule(f.cdc, f.keeper)
			bz := f.cdc.MustMarshalJSON(&types.GenesisState{Params: types.DefaultParams(), Records: []types.Record{good, rec}})
			require.ErrorIs(t, am.ValidateGenesis(f.cdc, nil, bz), types.ErrInvalidRecord)
		})
	}
}

func TestInitGenesisInvalidParams(t *testing.T) {
	for name, p := range map[string]types.Params{
		"zero reputation unit": {ReputationUnit: math.ZeroInt(), MaxScore: 88888},
		"nil reputation unit":  {MaxScore: 88888},
		"zero max score":       {ReputationUnit: math.NewInt(1000)},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			err := f.keeper.InitGenesis(f.ctx, &types.GenesisState{Params: p})
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
			keepertest.RequirePanicsContaining(t, fmt.Sprintf("invalid x/reputation authority %q", authority), func() {
				keeper.NewKeeper(f.cdc, f.addrCodec, runtime.NewKVStoreService(key), authority)
			})
		})
	}
}
