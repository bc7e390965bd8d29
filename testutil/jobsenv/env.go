// Package jobsenv runs x/jobs on the real app for keeper tests: a chain with
// one bonded validator, named accounts funded and granted their roles in
// genesis, block time moved by hand, and messages delivered through the
// app's own Msg router as a transaction would (all or nothing).
package jobsenv

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/nft"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/testutil/mock"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// ChainID of the test chain.
const ChainID = "agij-jobs-test-1"

// GenesisTime is the chain's genesis time; Env starts one second later.
var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// AGI returns n AGI in uagi.
func AGI(n int64) math.Int { return math.NewInt(n).MulRaw(1_000_000) }

// StartingBalance is every named account's genesis balance: 1,000,000 AGI.
var StartingBalance = AGI(1_000_000)

// Accounts are the named accounts and the roles genesis grants them. The
// "outsider" holds no role.
var Accounts = map[string][]allowlisttypes.Role{
	"employer":   nil,
	"employer2":  nil,
	"agent1":     {allowlisttypes.ROLE_AGENT},
	"agent2":     {allowlisttypes.ROLE_AGENT},
	"agent3":     {allowlisttypes.ROLE_AGENT},
	"validator1": {allowlisttypes.ROLE_VALIDATOR},
	"validator2": {allowlisttypes.ROLE_VALIDATOR},
	"validator3": {allowlisttypes.ROLE_VALIDATOR},
	"validator4": {allowlisttypes.ROLE_VALIDATOR},
	"validator5": {allowlisttypes.ROLE_VALIDATOR},
	"moderator":  {allowlisttypes.ROLE_MODERATOR},
	"moderator2": {allowlisttypes.ROLE_MODERATOR},
	"outsider":   nil,
}

// Env is a running app with a context whose block time the test moves.
type Env struct {
	App *app.App
	Ctx sdk.Context
	// Addr maps each name of Accounts to its address.
	Addr map[string]sdk.AccAddress
	// Authority is the gov module account, x/jobs' authority.
	Authority sdk.AccAddress
}

// Option edits the genesis state before the chain starts.
type Option func(cdc codec.Codec, gs map[string]json.RawMessage)

// WithJobsParams sets the x/jobs params of genesis.
func WithJobsParams(p jobstypes.Params) Option {
	return func(cdc codec.Codec, gs map[string]json.RawMessage) {
		var jg jobstypes.GenesisState
		cdc.MustUnmarshalJSON(gs[jobstypes.ModuleName], &jg)
		jg.Params = p
		gs[jobstypes.ModuleName] = cdc.MustMarshalJSON(&jg)
	}
}

// New starts a chain with the named accounts and returns it at
// GenesisTime + 1 s, height 2.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID(ChainID))
	cdc := a.AppCodec()

	pubKey, err := mock.NewPV().GetPubKey()
	require.NoError(t, err)
	valSet := cmttypes.NewValidatorSet([]*cmttypes.Validator{cmttypes.NewValidator(pubKey, 1)})

	names := accountNames()
	env := &Env{App: a, Addr: AccountAddresses(), Authority: authtypes.NewModuleAddress(govtypes.ModuleName)}
	var accs []authtypes.GenesisAccount
	var balances []banktypes.Balance
	for _, n := range names {
		addr := env.Addr[n]
		accs = append(accs, authtypes.NewBaseAccount(addr, nil, 0, 0))
		balances = append(balances, banktypes.Balance{Address: addr.String(), Coins: sdk.NewCoins(sdk.NewCoin(app.BondDenom, StartingBalance))})
	}
	gs, err := simtestutil.GenesisStateWithValSet(cdc, a.DefaultGenesis(), valSet, accs, balances...)
	require.NoError(t, err)

	var allowGen allowlisttypes.GenesisState
	cdc.MustUnmarshalJSON(gs[allowlisttypes.ModuleName], &allowGen)
	for _, n := range names {
		for _, role := range Accounts[n] {
			allowGen.Members = append(allowGen.Members, allowlisttypes.Member{
				Address: env.Addr[n].String(), Role: role, Issuer: env.Authority.String(),
				GrantedAt: GenesisTime, Source: allowlisttypes.ADMISSION_SOURCE_GENESIS,
			})
		}
	}
	gs[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&allowGen)
	for _, o := range opts {
		o(cdc, gs)
	}
	stateBytes, err := json.Marshal(gs)
	require.NoError(t, err)
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId: ChainID, Time: GenesisTime, ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes: stateBytes, InitialHeight: 1,
	})
	require.NoError(t, err)
	_, err = a.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: 1, Time: GenesisTime, ProposerAddress: valSet.Validators[0].Address, NextValidatorsHash: valSet.Hash(),
	})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)

	env.Ctx = a.NewUncachedContext(false, cmtproto.Header{ChainID: ChainID, Height: 2, Time: GenesisTime.Add(time.Second)})
	return env
}

// accountNames lists the names of Accounts in sorted order.
func accountNames() []string {
	names := make([]string, 0, len(Accounts))
	for n := range Accounts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// AccountAddresses returns the address New gives each name of Accounts. The
// addresses are fixed (incremental test accounts in name order), so options
// can refer to an account before the chain starts.
func AccountAddresses() map[string]sdk.AccAddress {
	names := accountNames()
	addrs := simtestutil.CreateIncrementalAccounts(len(names))
	out := make(map[string]sdk.AccAddress, len(names))
	for i, n := range names {
		out[n] = addrs[i]
	}
	return out
}

// WithBlacklist bars the named account from role in x/allowlist's genesis.
func WithBlacklist(name string, role allowlisttypes.Role) Option {
	return func(cdc codec.Codec, gs map[string]json.RawMessage) {
		var ag allowlisttypes.GenesisState
		cdc.MustUnmarshalJSON(gs[allowlisttypes.ModuleName], &ag)
		ag.Blacklist = append(ag.Blacklist, allowlisttypes.BlacklistEntry{Role: role, Address: AccountAddresses()[name].String()})
		gs[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&ag)
	}
}

// WithNFT adds to x/nft's genesis the class classID (unless it is there) and
// an NFT nftID of that class owned by the named account.
func WithNFT(classID, nftID, owner string) Option {
	return func(cdc codec.Codec, gs map[string]json.RawMessage) {
		var ng nft.GenesisState
		cdc.MustUnmarshalJSON(gs[nft.ModuleName], &ng)
		if !slices.ContainsFunc(ng.Classes, func(c *nft.Class) bool { return c.Id == classID }) {
			ng.Classes = append(ng.Classes, &nft.Class{Id: classID, Name: classID})
		}
		ownerStr := AccountAddresses()[owner].String()
		token := &nft.NFT{ClassId: classID, Id: nftID}
		i := slices.IndexFunc(ng.Entries, func(en *nft.Entry) bool { return en.Owner == ownerStr })
		if i < 0 {
			ng.Entries = append(ng.Entries, &nft.Entry{Owner: ownerStr, Nfts: []*nft.NFT{token}})
		} else {
			ng.Entries[i].Nfts = append(ng.Entries[i].Nfts, token)
		}
		gs[nft.ModuleName] = cdc.MustMarshalJSON(&ng)
	}
}

// JobsStoreDump returns every key and value of the x/jobs store, in key
// order, to show that a failed message wrote nothing.
func (e *Env) JobsStoreDump() [][2][]byte {
	return StoreDump(e.Ctx, e.App.GetKey(jobstypes.StoreKey))
}

// Now is the block time.
func (e *Env) Now() time.Time { return e.Ctx.BlockTime() }

// SetTime moves the block time (and the height by one).
func (e *Env) SetTime(t time.Time) {
	e.Ctx = e.Ctx.WithBlockTime(t).WithBlockHeight(e.Ctx.BlockHeight() + 1)
}

// Advance moves the block time forward by d.
func (e *Env) Advance(d time.Duration) { e.SetTime(e.Now().Add(d)) }

// Deliver runs msg through the app's Msg router in a cache context, as a
// transaction would: on success its writes and events are kept and the
// response returned; on failure nothing changes.
func (e *Env) Deliver(msg sdk.Msg) (*sdk.Result, error) {
	handler := e.App.MsgServiceRouter().Handler(msg)
	if handler == nil {
		panic("no handler for " + sdk.MsgTypeURL(msg))
	}
	cache, write := e.Ctx.CacheContext()
	cache = cache.WithEventManager(sdk.NewEventManager())
	res, err := handler(cache, msg)
	if err != nil {
		return nil, err
	}
	write()
	e.Ctx.EventManager().EmitEvents(cache.EventManager().Events())
	return res, nil
}

// MustDeliver delivers msg and fails the test on an error.
func (e *Env) MustDeliver(t testing.TB, msg sdk.Msg) *sdk.Result {
	t.Helper()
	res, err := e.Deliver(msg)
	require.NoError(t, err, "%s", sdk.MsgTypeURL(msg))
	return res
}

// Balance is addr's balance in uagi.
func (e *Env) Balance(addr sdk.AccAddress) math.Int {
	return e.App.BankKeeper.GetBalance(e.Ctx, addr, app.BondDenom).Amount
}

// Balances returns the uagi balance of every named account, the escrow
// account and the community pool, for before/after comparisons.
func (e *Env) Balances() map[string]math.Int {
	out := map[string]math.Int{}
	for n, a := range e.Addr {
		out[n] = e.Balance(a)
	}
	out["escrow"] = e.Balance(e.App.JobsKeeper.ModuleAddress())
	out["community_pool"] = e.CommunityPool()
	return out
}

// CommunityPool is the community pool's uagi, rounded down.
func (e *Env) CommunityPool() math.Int {
	pool, err := e.App.DistrKeeper.FeePool.Get(e.Ctx)
	if err != nil {
		return math.ZeroInt()
	}
	return pool.CommunityPool.AmountOf(app.BondDenom).TruncateInt()
}

// Job reads a job.
func (e *Env) Job(t testing.TB, id uint64) jobstypes.Job {
	t.Helper()
	j, err := e.App.JobsKeeper.Jobs.Get(e.Ctx, id)
	require.NoError(t, err)
	return j
}

// CheckInvariants asserts the escrow invariant (the module balance equals
// the locked totals, and the totals equal the sum over unsettled jobs) and
// that exporting x/jobs' genesis and importing it into an emptied store
// rebuilds exactly the same store (indexes, queues, totals, counters).
func (e *Env) CheckInvariants(t testing.TB) {
	t.Helper()
	k := e.App.JobsKeeper
	acc, err := k.Accounting(e.Ctx)
	require.NoError(t, err)
	require.True(t, acc.Balanced, "escrow %s holds %s, jobs lock %s", acc.ModuleAddress, acc.ModuleBalance, acc.LockedTotal)

	sum := jobstypes.LockedTotals{}
	require.NoError(t, k.Jobs.Walk(e.Ctx, nil, func(_ uint64, j jobstypes.Job) (bool, error) {
		sum = sum.Add(j.Locked())
		return false, nil
	}))
	require.True(t, sum.Total().Equal(acc.LockedTotal), "jobs lock %s, totals say %s", sum.Total(), acc.LockedTotal)

	key := e.App.GetKey(jobstypes.StoreKey)
	before := StoreDump(e.Ctx, key)
	gs, err := k.ExportGenesis(e.Ctx)
	require.NoError(t, err)
	cache, _ := e.Ctx.CacheContext()
	st := cache.KVStore(key)
	for _, kv := range before {
		st.Delete(kv[0])
	}
	require.NoError(t, k.InitGenesis(cache, gs))
	require.Equal(t, before, StoreDump(cache, key), "x/jobs genesis export → import does not rebuild the same store")
}

// StoreDump copies every key and value of a store, in key order.
func StoreDump(ctx sdk.Context, key storetypes.StoreKey) [][2][]byte {
	it := ctx.KVStore(key).Iterator(nil, nil)
	defer it.Close()
	var out [][2][]byte
	for ; it.Valid(); it.Next() {
		out = append(out, [2][]byte{append([]byte{}, it.Key()...), append([]byte{}, it.Value()...)})
	}
	return out
}
