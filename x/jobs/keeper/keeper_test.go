package keeper_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/stretchr/testify/suite"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/nft"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	keepertest "github.com/agijobmanager/agij/testutil/keeper"
	"github.com/agijobmanager/agij/x/jobs"
	"github.com/agijobmanager/agij/x/jobs/keeper"
	"github.com/agijobmanager/agij/x/jobs/types"
)

// fakeAccountKeeper records which module accounts x/jobs asks for.
type fakeAccountKeeper struct {
	moduleAccountCalls []string
}

func (f *fakeAccountKeeper) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

func (f *fakeAccountKeeper) GetModuleAccount(_ context.Context, name string) sdk.ModuleAccountI {
	f.moduleAccountCalls = append(f.moduleAccountCalls, name)
	return authtypes.NewEmptyModuleAccount(name)
}

// fakeNFTKeeper holds classes in memory and, like x/nft, refuses to save a
// class twice. saveErr, when set, is returned by every SaveClass.
type fakeNFTKeeper struct {
	classes   map[string]nft.Class
	saveCalls []nft.Class
	saveErr   error
}

func newFakeNFTKeeper() *fakeNFTKeeper {
	return &fakeNFTKeeper{classes: map[string]nft.Class{}}
}

func (f *fakeNFTKeeper) HasClass(_ context.Context, id string) bool {
	_, ok := f.classes[id]
	return ok
}

func (f *fakeNFTKeeper) SaveClass(_ context.Context, class nft.Class) error {
	f.saveCalls = append(f.saveCalls, class)
	if f.saveErr != nil {
		return f.saveErr
	}
	if _, ok := f.classes[class.Id]; ok {
		return fmt.Errorf("class %s already exists", class.Id)
	}
	f.classes[class.Id] = class
	return nil
}

func (f *fakeNFTKeeper) Mint(context.Context, nft.NFT, sdk.AccAddress) error {
	return errors.New("not in fake")
}
func (f *fakeNFTKeeper) GetNFT(context.Context, string, string) (nft.NFT, bool) {
	return nft.NFT{}, false
}
func (f *fakeNFTKeeper) GetOwner(context.Context, string, string) sdk.AccAddress   { return nil }
func (f *fakeNFTKeeper) GetBalance(context.Context, string, sdk.AccAddress) uint64 { return 0 }

func (f *fakeNFTKeeper) GetClass(_ context.Context, id string) (nft.Class, bool) {
	c, ok := f.classes[id]
	return c, ok
}

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
	accounts    *fakeAccountKeeper
	nfts        *fakeNFTKeeper
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	env := keepertest.NewEnv(t, types.StoreKey)
	enc := moduletestutil.MakeTestEncodingConfig(jobs.AppModule{})
	key, addrCodec, authority := env.Key, env.AddressCodec, env.Authority

	f := &fixture{
		ctx:       env.Ctx,
		key:       key,
		cdc:       enc.Codec,
		addrCodec: addrCodec,
		authority: authority,
		accounts:  &fakeAccountKeeper{},
		nfts:      newFakeNFTKeeper(),
	}
	f.keeper = keeper.NewKeeper(enc.Codec, addrCodec, runtime.NewKVStoreService(key), f.accounts, zeroBank{}, nil, f.nfts, nil, nil, authority)
	f.msgServer = keeper.NewMsgServerImpl(f.keeper)
	f.queryServer = keeper.NewQueryServerImpl(f.keeper)
	return f
}

// storeDump lists every key and value of the module store, in key order.
func (f *fixture) storeDump(t *testing.T) []string {
	t.Helper()
	return keepertest.StoreDump(t, f.ctx, f.key)
}

// paramsJSON renders params for comparison: math.Int and empty-vs-nil slices
// make reflect.DeepEqual unreliable after a store round trip.
func paramsJSON(t *testing.T, cdc codec.Codec, p types.Params) string {
	t.Helper()
	return keepertest.JSON(t, cdc, &p)
}

// customParams differ from the defaults in every kind of field.
func customParams() types.Params {
	p := types.DefaultParams()
	p.PaymentDenom = "uusdc"
	p.RequiredApprovals = 4
	p.RequiredDisapprovals = 2
	p.VoteQuorum = 5
	p.CompletionReviewPeriod = 3 * 24 * time.Hour
	p.ChallengePeriod = 2 * time.Hour
	p.DisputeReviewPeriod = 30 * 24 * time.Hour
	p.ValidatorRewardPct = 5
	p.DefaultAgentPayoutPct = 80
	p.AgentTiers = []types.AgentTier{{NftClassId: "tier/gold", PayoutPct: 95}, {NftClassId: "tier/silver", PayoutPct: 85}}
	p.AgentBondMin = math.NewInt(2_000_000)
	p.ValidatorSlashBps = 5000
	p.DisputeBondBps = 0
	p.DisputeBondMin = math.ZeroInt()
	p.DisputeBondMax = math.ZeroInt()
	p.MaxJobPayout = math.NewInt(1_000_000_000_000)
	p.MaxJobDuration = 30 * 24 * time.Hour
	p.MaxActiveJobsPerAgent = 10
	p.MaxValidatorsPerJob = 20
	p.MaxSettlementsPerBlock = 250
	p.CertificateBaseUri = "ipfs://"
	return p
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
	s.Require().NoError(customParams().Validate())
}

func (s *KeeperTestSuite) storedParams() types.Params {
	p, err := s.keeper.Params.Get(s.ctx)
	s.Require().NoError(err)
	return p
}

func (s *KeeperTestSuite) TestUpdateParamsByAuthority() {
	want := customParams()
	ctx := s.ctx.WithEventManager(sdk.NewEventManager())

	res, err := s.msgServer.UpdateParams(ctx, &types.MsgUpdateParams{Authority: s.authority, Params: want})
	s.Require().NoError(err)
	s.Require().NotNil(res)
	s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, s.storedParams()))

	events := ctx.EventManager().ABCIEvents()
	s.Require().Len(events, 1)
	s.Require().Equal("agij.jobs.v1.EventParamsUpdated", events[0].Type)
	msg, err := sdk.ParseTypedEvent(events[0])
	s.Require().NoError(err)
	ev, ok := msg.(*types.EventParamsUpdated)
	s.Require().True(ok, "event is %T", msg)
	s.Require().Equal(s.authority, ev.Authority)
	s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, ev.Params))

	// Query/Params reads what the update stored.
	qres, err := s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
	s.Require().NoError(err)
	s.Require().Equal(paramsJSON(s.T(), s.cdc, want), paramsJSON(s.T(), s.cdc, qres.Params))
}

// TestUpdateParamsReplacesEveryField: a second update replaces the first one
// whole, including the tier list shrinking to empty.
func (s *KeeperTestSuite) TestUpdateParamsReplacesEveryField() {
	_, err := s.msgServer.UpdateParams(s.ctx, &types.MsgUpdateParams{Authority: s.authority, Params: customParams()})
	s.Require().NoError(err)

	want := types.DefaultParams()
	want.AgentTiers = nil
	_, err = s.msgServer.UpdateParams(s.ctx, &types.MsgUpdateParams{Authority: s.authority, Params: want})
	s.Require().NoError(err)

	got := s.storedParams()
	s.Require().Empty(got.AgentTiers)
	s.Require().Equal(paramsJSON(s.T(), s.cdc, types.DefaultParams()), paramsJSON(s.T(), s.cdc, got))
}

func (s *KeeperTestSuite) TestUpdateParamsRefused() {
	other, err := s.addrCodec.BytesToString(sdk.AccAddress("not-the-authority___"))
	s.Require().NoError(err)
	authBytes, err := s.addrCodec.StringToBytes(s.authority)
	s.Require().NoError(err)
	cosmosAuthority, err := addresscodec.NewBech32Codec("cosmos").BytesToString(authBytes)
	s.Require().NoError(err)
	valoperAuthority, err := addresscodec.NewBech32Codec("agijvaloper").BytesToString(authBytes)
	s.Require().NoError(err)
	badChecksum := s.authority[:len(s.authority)-1] + keepertest.FlipBech32Char(s.authority[len(s.authority)-1])

	invalid := customParams()
	invalid.VoteQuorum = 0

	cases := []struct {
		name      string
		authority string
		params    types.Params
		wantErr   error
	}{
		{"another account", other, customParams(), types.ErrUnauthorized},
		{"module account that is not gov", keepertest.Bech32(s.T(), s.addrCodec, authtypes.NewModuleAddress(types.ModuleName)), customParams(), types.ErrUnauthorized},
		// The authority is checked before the params.
		{"another account with invalid params", other, invalid, types.ErrUnauthorized},
		{"empty authority", "", customParams(), sdkerrors.ErrInvalidAddress},
		{"not bech32", "gov", customParams(), sdkerrors.ErrInvalidAddress},
		{"authority under the cosmos prefix", cosmosAuthority, customParams(), sdkerrors.ErrInvalidAddress},
		{"authority under the valoper prefix", valoperAuthority, customParams(), sdkerrors.ErrInvalidAddress},
		{"bad checksum", badChecksum, customParams(), sdkerrors.ErrInvalidAddress},
		// The address is decoded before anything else.
		{"malformed authority with invalid params", "gov", invalid, sdkerrors.ErrInvalidAddress},
		{"authority with invalid params", s.authority, invalid, types.ErrInvalidParams},
		{"authority with nil max_job_payout", s.authority, func() types.Params {
			p := customParams()
			p.MaxJobPayout = math.Int{}
			return p
		}(), types.ErrInvalidParams},
		{"authority with zero params", s.authority, types.Params{}, types.ErrInvalidParams},
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

func (s *KeeperTestSuite) TestQueryParams() {
	res, err := s.queryServer.Params(s.ctx, &types.QueryParamsRequest{})
	s.Require().NoError(err)
	s.Require().Equal(paramsJSON(s.T(), s.cdc, types.DefaultParams()), paramsJSON(s.T(), s.cdc, res.Params))

	// A value written straight to the store is what the query returns.
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
	for name, gs := range map[string]*types.GenesisState{
		"default": types.DefaultGenesis(),
		"custom":  {Params: customParams()},
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

func TestInitGenesisCreatesCertificateClass(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.keeper.InitGenesis(f.ctx, types.DefaultGenesis()))

	want := nft.Class{
		Id:          "agijobs",
		Name:        "AGIJobs",
		Symbol:      "Job",
		Description: types.CertificateClassDescription,
	}
	require.NotEmpty(t, want.Description)
	require.Equal(t, []nft.Class{want}, f.nfts.saveCalls)
	got, ok := f.nfts.GetClass(f.ctx, "agijobs")
	require.True(t, ok)
	require.Equal(t, want, got)

	// The escrow module account is created at genesis.
	require.Equal(t, []string{types.ModuleName}, f.accounts.moduleAccountCalls)

	// A second InitGenesis (the class now exists) does not save it again.
	require.NoError(t, f.keeper.InitGenesis(f.ctx, types.DefaultGenesis()))
	require.Len(t, f.nfts.saveCalls, 1)
	require.Len(t, f.nfts.classes, 1)
}

// TestInitGenesisKeepsExistingClass: on an exported chain x/nft's genesis
// already holds the class; x/jobs must leave it as it is.
func TestInitGenesisKeepsExistingClass(t *testing.T) {
	f := newFixture(t)
	existing := nft.Class{Id: "agijobs", Name: "renamed by governance", Symbol: "JOB", Uri: "ipfs://class"}
	f.nfts.classes["agijobs"] = existing

	require.NoError(t, f.keeper.InitGenesis(f.ctx, types.DefaultGenesis()))
	require.Empty(t, f.nfts.saveCalls)
	got, ok := f.nfts.GetClass(f.ctx, "agijobs")
	require.True(t, ok)
	require.Equal(t, existing, got)
	require.Equal(t, []string{types.ModuleName}, f.accounts.moduleAccountCalls)
}

func TestInitGenesisSaveClassError(t *testing.T) {
	f := newFixture(t)
	errBoom := errors.New("nft store unavailable")
	f.nfts.saveErr = errBoom

	require.ErrorIs(t, f.keeper.InitGenesis(f.ctx, types.DefaultGenesis()), errBoom)
}

func TestInitGenesisInvalidParams(t *testing.T) {
	for name, mutate := range map[string]func(p *types.Params){
		"vote quorum 0":      func(p *types.Params) { p.VoteQuorum = 0 },
		"bad denom":          func(p *types.Params) { p.PaymentDenom = "" },
		"nil agent bond min": func(p *types.Params) { p.AgentBondMin = math.Int{} },
		"half-second period": func(p *types.Params) { p.ChallengePeriod = 1500 * time.Millisecond },
		"whitespace in URI":  func(p *types.Params) { p.CertificateBaseUri = "ipfs:// x" },
		"duplicate tier": func(p *types.Params) {
			p.AgentTiers = []types.AgentTier{{NftClassId: "gold", PayoutPct: 91}, {NftClassId: "gold", PayoutPct: 91}}
		},
		"zero max job payout": func(p *types.Params) { p.MaxJobPayout = math.ZeroInt() },
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			p := types.DefaultParams()
			mutate(&p)

			require.ErrorIs(t, f.keeper.InitGenesis(f.ctx, &types.GenesisState{Params: p}), types.ErrInvalidParams)

			has, err := f.keeper.Params.Has(f.ctx)
			require.NoError(t, err)
			require.False(t, has)
			require.Empty(t, f.storeDump(t))
			require.Empty(t, f.nfts.saveCalls)
			require.Empty(t, f.accounts.moduleAccountCalls)
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
			keepertest.RequirePanicsContaining(t, fmt.Sprintf("invalid x/jobs authority %q", authority), func() {
				keeper.NewKeeper(f.cdc, f.addrCodec, runtime.NewKVStoreService(key), f.accounts, zeroBank{}, nil, f.nfts, nil, nil, authority)
			})
		})
	}
}

// zeroBank is a bank with no balances: the tests with fakes hold no jobs.
type zeroBank struct{}

func (zeroBank) SendCoins(context.Context, sdk.AccAddress, sdk.AccAddress, sdk.Coins) error {
	return errors.New("zeroBank moves no coins")
}

func (zeroBank) InputOutputCoins(context.Context, banktypes.Input, []banktypes.Output) error {
	return errors.New("zeroBank moves no coins")
}

func (zeroBank) BlockedAddr(sdk.AccAddress) bool { return false }

func (zeroBank) GetBalance(_ context.Context, _ sdk.AccAddress, denom string) sdk.Coin {
	return sdk.NewCoin(denom, math.ZeroInt())
}
