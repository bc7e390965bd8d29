package app_test

import (
	"encoding/json"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/depinject"
	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"cosmossdk.io/x/nft"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/cosmos/cosmos-sdk/testutil/mock"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

const testChainID = "agij-test-1"

// funderCoins is the genesis balance of the one user account.
var funderCoins = sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100_000_000_000))

// testChain is an App driven block by block through ABCI, with bonded
// validators (mock private validators) and one funded account, which is also
// the only delegator.
type testChain struct {
	app    *app.App
	valSet *cmttypes.ValidatorSet
	funder sdk.AccAddress
	// initialHeight is the chain's first height; height and blockTime are
	// those of the next block.
	initialHeight int64
	height        int64
	blockTime     time.Time
}

func newApp() *app.App {
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{},
		baseapp.SetChainID(testChainID))
}

// setupChain starts a chain from the default genesis plus numValidators
// bonded validators (each with 1 unit of power, delegated by the funder) and
// the funded account; edit may change the genesis before InitChain. The
// genesis is committed in block 1.
func setupChain(t *testing.T, numValidators int, edit func(cdc codec.Codec, gs map[string]json.RawMessage)) *testChain {
	t.Helper()
	a := newApp()
	cdc := a.AppCodec()

	vals := make([]*cmttypes.Validator, numValidators)
	for i := range vals {
		pubKey, err := mock.NewPV().GetPubKey()
		require.NoError(t, err)
		vals[i] = cmttypes.NewValidator(pubKey, 1)
	}
	valSet := cmttypes.NewValidatorSet(vals)
	funder := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
	acc := authtypes.NewBaseAccount(funder, nil, 0, 0)

	gs, err := simtestutil.GenesisStateWithValSet(cdc, a.DefaultGenesis(), valSet,
		[]authtypes.GenesisAccount{acc},
		banktypes.Balance{Address: funder.String(), Coins: funderCoins})
	require.NoError(t, err)

	// GenesisStateWithValSet funds the bonded pool for one validator only
	// (the supply counts them all): fund it for every validator.
	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(gs[banktypes.ModuleName], &bankGen)
	bondedPool := authtypes.NewModuleAddress(stakingtypes.BondedPoolName).String()
	for i, b := range bankGen.Balances {
		if b.Address == bondedPool {
			bankGen.Balances[i].Coins = sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdk.DefaultPowerReduction.MulRaw(int64(numValidators))))
		}
	}
	gs[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	// GenesisStateWithValSet writes the validators as already bonded, so
	// slashing's bond hook never runs: give them the signing infos the hook
	// would have written, or the first vote fails the block.
	var slashingGen slashingtypes.GenesisState
	cdc.MustUnmarshalJSON(gs[slashingtypes.ModuleName], &slashingGen)
	for _, v := range valSet.Validators {
		consAddr := sdk.ConsAddress(v.Address)
		slashingGen.SigningInfos = append(slashingGen.SigningInfos, slashingtypes.SigningInfo{
			Address:              consAddr.String(),
			ValidatorSigningInfo: slashingtypes.NewValidatorSigningInfo(consAddr, 0, 0, time.Unix(0, 0).UTC(), false, 0),
		})
	}
	gs[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&slashingGen)

	if edit != nil {
		edit(cdc, gs)
	}
	stateBytes, err := json.Marshal(gs)
	require.NoError(t, err)

	genesisTime := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId:         testChainID,
		Time:            genesisTime,
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   stateBytes,
		InitialHeight:   1,
	})
	require.NoError(t, err)

	c := &testChain{app: a, valSet: valSet, funder: funder, initialHeight: 1, height: 1, blockTime: genesisTime}
	c.nextBlock(t)
	return c
}

// nextBlock finalizes and commits one block in which every validator signed
// the previous one.
func (c *testChain) nextBlock(t *testing.T) {
	t.Helper()
	var votes []abci.VoteInfo
	if c.height > c.initialHeight {
		for _, v := range c.valSet.Validators {
			votes = append(votes, abci.VoteInfo{
				Validator:   abci.Validator{Address: v.Address, Power: v.VotingPower},
				BlockIdFlag: cmtproto.BlockIDFlagCommit,
			})
		}
	}
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height:             c.height,
		Time:               c.blockTime,
		ProposerAddress:    c.valSet.Validators[0].Address,
		NextValidatorsHash: c.valSet.Hash(),
		DecidedLastCommit:  abci.CommitInfo{Round: 0, Votes: votes},
	})
	require.NoError(t, err)
	require.Empty(t, res.TxResults)
	_, err = c.app.Commit()
	require.NoError(t, err)
	require.Equal(t, c.height, c.app.LastBlockHeight())
	c.height++
	c.blockTime = c.blockTime.Add(5 * time.Second)
}

// Non-default custom-module params, so that an export that dropped them
// (and an import that fell back to defaults) is caught.
var (
	customJobsParams = func() jobstypes.Params {
		p := jobstypes.DefaultParams()
		p.CompletionReviewPeriod = 3 * 24 * time.Hour
		p.MaxActiveJobsPerAgent = 5
		p.CertificateBaseUri = "https://certs.example/agij/"
		p.AgentTiers = []jobstypes.AgentTier{{NftClassId: "agij-gold", PayoutPct: 92}}
		return p
	}()
	customAllowlistParams  = allowlisttypes.Params{ProposerRoles: []allowlisttypes.Role{allowlisttypes.ROLE_MODERATOR}}
	customReputationParams = reputationtypes.Params{ReputationUnit: math.NewInt(2500), MaxScore: 1234}
)

func setCustomParams(cdc codec.Codec, gs map[string]json.RawMessage) {
	gs[jobstypes.ModuleName] = cdc.MustMarshalJSON(&jobstypes.GenesisState{Params: customJobsParams})
	gs[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&allowlisttypes.GenesisState{Params: customAllowlistParams})
	gs[reputationtypes.ModuleName] = cdc.MustMarshalJSON(&reputationtypes.GenesisState{Params: customReputationParams})
}

// certificateClass is the class x/jobs creates at genesis.
var certificateClass = nft.Class{
	Id:          jobstypes.CertificateClassID,
	Name:        jobstypes.CertificateClassName,
	Symbol:      jobstypes.CertificateClassSymbol,
	Description: jobstypes.CertificateClassDescription,
}

// requireCustomState checks the custom modules' params and the certificate
// class in ctx.
func requireCustomState(t *testing.T, a *app.App, ctx sdk.Context) {
	t.Helper()
	cdc := a.AppCodec()
	jobsParams, err := a.JobsKeeper.Params.Get(ctx)
	require.NoError(t, err)
	requireProtoEqual(t, cdc, &customJobsParams, &jobsParams)
	allowlistParams, err := a.AllowlistKeeper.Params.Get(ctx)
	require.NoError(t, err)
	requireProtoEqual(t, cdc, &customAllowlistParams, &allowlistParams)
	reputationParams, err := a.ReputationKeeper.Params.Get(ctx)
	require.NoError(t, err)
	requireProtoEqual(t, cdc, &customReputationParams, &reputationParams)

	class, found := a.NFTKeeper.GetClass(ctx, jobstypes.CertificateClassID)
	require.True(t, found, "certificate class missing")
	require.Equal(t, certificateClass, class)
	require.Len(t, a.NFTKeeper.GetClasses(ctx), 1)
}

// requireProtoEqual compares two messages by their canonical JSON, which
// treats a nil and an empty repeated field alike (a store round trip turns
// one into the other).
func requireProtoEqual(t *testing.T, cdc codec.JSONCodec, want, got proto.Message) {
	t.Helper()
	require.JSONEq(t, string(cdc.MustMarshalJSON(want)), string(cdc.MustMarshalJSON(got)))
}

func TestExportImport(t *testing.T) {
	src := setupChain(t, 2, setCustomParams)
	for range 5 {
		src.nextBlock(t)
	}
	lastHeight := src.app.LastBlockHeight()
	require.Equal(t, int64(6), lastHeight)

	// The committed state (checkState is reset to it on Commit), at its
	// height as the export reads it: distribution pays no rewards to a
	// delegation at the height it started.
	srcCtx := src.app.NewContextLegacy(true, cmtproto.Header{Height: lastHeight})
	requireCustomState(t, src.app, srcCtx)
	supply := src.app.BankKeeper.GetSupply(srcCtx, app.BondDenom)
	// Mint ran for five blocks: the supply grew past the genesis amount.
	genesisSupply := funderCoins.AmountOf(app.BondDenom).Add(sdk.DefaultPowerReduction.MulRaw(int64(src.valSet.Size())))
	require.True(t, supply.Amount.GT(genesisSupply), "supply %s, genesis %s", supply, genesisSupply)
	funderBefore := src.app.BankKeeper.GetBalance(srcCtx, src.funder, app.BondDenom)
	// What the zero-height prep pays the funder, the only delegator: each
	// delegation's rewards, rounded down.
	paidRewards := math.ZeroInt()
	wantValAddrs := make([][]byte, 0, src.valSet.Size())
	for _, v := range src.valSet.Validators {
		wantValAddrs = append(wantValAddrs, v.Address)
		delRewards, err := distrkeeper.NewQuerier(src.app.DistrKeeper).DelegationRewards(srcCtx, &distrtypes.QueryDelegationRewardsRequest{
			DelegatorAddress: src.funder.String(),
			ValidatorAddress: sdk.ValAddress(v.Address).String(),
		})
		require.NoError(t, err)
		earned := delRewards.Rewards.AmountOf(app.BondDenom).TruncateInt()
		require.True(t, earned.IsPositive(), "no delegation rewards: %s", delRewards.Rewards)
		paidRewards = paidRewards.Add(earned)
	}

	// The export without zero-height prep comes first: the prep writes to
	// the check state, which the second export would read.
	for _, tc := range []struct {
		name          string
		forZeroHeight bool
		wantHeight    int64
		wantFunder    sdk.Coin
	}{
		{"at height", false, lastHeight + 1, funderBefore},
		{"for zero height", true, 0, funderBefore.AddAmount(paidRewards)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exported, err := src.app.ExportAppStateAndValidators(tc.forZeroHeight, nil, nil)
			require.NoError(t, err)
			require.Equal(t, tc.wantHeight, exported.Height)
			gotValAddrs := make([][]byte, 0, len(exported.Validators))
			for _, v := range exported.Validators {
				gotValAddrs = append(gotValAddrs, v.Address)
				require.Equal(t, int64(1), v.Power)
			}
			require.ElementsMatch(t, wantValAddrs, gotValAddrs)
			require.NotNil(t, exported.ConsensusParams.Block)
			require.Equal(t, simtestutil.DefaultConsensusParams.Block.MaxGas, exported.ConsensusParams.Block.MaxGas)

			var appState map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(exported.AppState, &appState))
			cdc := src.app.AppCodec()
			var nftGen nft.GenesisState
			cdc.MustUnmarshalJSON(appState[nft.ModuleName], &nftGen)
			require.Equal(t, []*nft.Class{&certificateClass}, nftGen.Classes)
			var stakingGen stakingtypes.GenesisState
			cdc.MustUnmarshalJSON(appState[stakingtypes.ModuleName], &stakingGen)
			require.True(t, stakingGen.Exported)
			if tc.forZeroHeight {
				// Every reward was paid out: distribution keeps only the
				// community pool (the rounding dust).
				var distrGen distrtypes.GenesisState
				cdc.MustUnmarshalJSON(appState[distrtypes.ModuleName], &distrGen)
				require.Len(t, distrGen.OutstandingRewards, src.valSet.Size())
				for _, r := range distrGen.OutstandingRewards {
					require.True(t, r.OutstandingRewards.IsZero(), "outstanding rewards left: %s", r.OutstandingRewards)
				}
			}

			// Start a new chain from the exported state.
			initialHeight := max(exported.Height, 1)
			dst := &testChain{
				app: newApp(), valSet: src.valSet, funder: src.funder,
				initialHeight: initialHeight, height: initialHeight, blockTime: src.blockTime,
			}
			updates := make([]abci.ValidatorUpdate, 0, len(exported.Validators))
			for _, v := range exported.Validators {
				updates = append(updates, cmttypes.TM2PB.NewValidatorUpdate(v.PubKey, v.Power))
			}
			// BaseApp refuses the chain unless staking's validator set
			// equals the exported one.
			res, err := dst.app.InitChain(&abci.RequestInitChain{
				ChainId:         testChainID,
				Time:            src.blockTime,
				Validators:      updates,
				ConsensusParams: &exported.ConsensusParams,
				AppStateBytes:   exported.AppState,
				InitialHeight:   initialHeight,
			})
			require.NoError(t, err)
			require.Len(t, res.Validators, src.valSet.Size())

			// Genesis state before any block (and any inflation) ran.
			dstCtx := dst.app.NewContextLegacy(false, cmtproto.Header{Height: initialHeight, Time: src.blockTime})
			requireCustomState(t, dst.app, dstCtx)
			require.Equal(t, supply.String(), dst.app.BankKeeper.GetSupply(dstCtx, app.BondDenom).String())
			require.Equal(t, tc.wantFunder.String(), dst.app.BankKeeper.GetBalance(dstCtx, src.funder, app.BondDenom).String())
			jobsAcc := dst.app.AccountKeeper.GetAccount(dstCtx, authtypes.NewModuleAddress(jobstypes.ModuleName))
			require.NotNil(t, jobsAcc, "jobs module account lost")
			bonded, err := dst.app.StakingKeeper.GetBondedValidatorsByPower(dstCtx)
			require.NoError(t, err)
			require.Len(t, bonded, src.valSet.Size())
			for _, v := range bonded {
				require.Equal(t, sdk.DefaultPowerReduction.String(), v.Tokens.String())
				require.False(t, v.Jailed)
			}

			// The new chain runs and keeps the state.
			dst.nextBlock(t)
			dst.nextBlock(t)
			require.Equal(t, initialHeight+1, dst.app.LastBlockHeight())
			requireCustomState(t, dst.app, dst.app.NewContext(true))
		})
	}
}

// A zero-height export with a jail-allowed list jails every other validator
// (through the staking keeper, which also drops it from the power index), and
// a new chain starts from it with only the allowed validators.
func TestExportZeroHeightJailAllowed(t *testing.T) {
	src := setupChain(t, 2, nil)
	for range 3 {
		src.nextBlock(t)
	}
	lastHeight := src.app.LastBlockHeight()
	require.Equal(t, int64(4), lastHeight)

	allowedVal := src.valSet.Validators[0]
	jailedVal := src.valSet.Validators[1]
	allowedOper := sdk.ValAddress(allowedVal.Address)
	jailedOper := sdk.ValAddress(jailedVal.Address)
	require.Regexp(t, "^agijvaloper1", allowedOper.String())

	srcCtx := src.app.NewContextLegacy(true, cmtproto.Header{Height: lastHeight})
	supply := src.app.BankKeeper.GetSupply(srcCtx, app.BondDenom)
	requireBonded := func(t *testing.T, a *app.App, ctx sdk.Context, oper sdk.ValAddress) {
		t.Helper()
		val, err := a.StakingKeeper.GetValidator(ctx, oper)
		require.NoError(t, err)
		require.False(t, val.IsJailed(), "%s jailed", oper)
		require.True(t, val.IsBonded(), "%s is %s", oper, val.Status)
	}
	requireJailed := func(t *testing.T, a *app.App, ctx sdk.Context, oper sdk.ValAddress) {
		t.Helper()
		val, err := a.StakingKeeper.GetValidator(ctx, oper)
		require.NoError(t, err)
		require.True(t, val.IsJailed(), "%s not jailed", oper)
		require.False(t, val.IsBonded(), "%s is bonded", oper)
	}
	requireBondedSet := func(t *testing.T, a *app.App, ctx sdk.Context, want ...sdk.ValAddress) {
		t.Helper()
		bonded, err := a.StakingKeeper.GetBondedValidatorsByPower(ctx)
		require.NoError(t, err)
		got := make([]string, 0, len(bonded))
		for _, v := range bonded {
			got = append(got, v.GetOperator())
		}
		wantStrs := make([]string, 0, len(want))
		for _, v := range want {
			wantStrs = append(wantStrs, v.String())
		}
		require.ElementsMatch(t, wantStrs, got)
	}

	// An invalid jail-allowed address fails the export before the prep
	// changes anything (it writes to the check state, which the next
	// export reads): these cases come first.
	for _, bad := range []string{
		"not-an-address",
		src.funder.String(), // an account address, not a valoper one
		allowedOper.String() + "x",
	} {
		t.Run("invalid "+bad, func(t *testing.T) {
			_, err := src.app.ExportAppStateAndValidators(true, []string{allowedOper.String(), bad}, nil)
			require.Error(t, err)
			require.ErrorContains(t, err, bad)
			ctx := src.app.NewContextLegacy(true, cmtproto.Header{Height: lastHeight})
			requireBonded(t, src.app, ctx, allowedOper)
			requireBonded(t, src.app, ctx, jailedOper)
		})
	}

	exported, err := src.app.ExportAppStateAndValidators(true, []string{allowedOper.String()}, nil)
	require.NoError(t, err)
	require.Equal(t, int64(0), exported.Height)
	require.Len(t, exported.Validators, 1)
	require.Equal(t, allowedVal.Address.Bytes(), exported.Validators[0].Address.Bytes())
	require.Equal(t, int64(1), exported.Validators[0].Power)

	var appState map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &appState))
	cdc := src.app.AppCodec()
	var stakingGen stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(appState[stakingtypes.ModuleName], &stakingGen)
	require.True(t, stakingGen.Exported)
	require.Len(t, stakingGen.Validators, 2)
	for _, v := range stakingGen.Validators {
		switch v.OperatorAddress {
		case allowedOper.String():
			require.False(t, v.Jailed, "allowed validator jailed")
			require.Equal(t, stakingtypes.Bonded, v.Status)
		case jailedOper.String():
			require.True(t, v.Jailed, "validator not in the allowed list not jailed")
			require.NotEqual(t, stakingtypes.Bonded, v.Status)
		default:
			t.Fatalf("unexpected validator %s", v.OperatorAddress)
		}
	}
	require.Len(t, stakingGen.LastValidatorPowers, 1)
	require.Equal(t, allowedOper.String(), stakingGen.LastValidatorPowers[0].Address)
	require.Equal(t, int64(1), stakingGen.LastTotalPower.Int64())

	// Start a new chain from the exported state, with validator 0 only.
	dstValSet := cmttypes.NewValidatorSet([]*cmttypes.Validator{cmttypes.NewValidator(allowedVal.PubKey, 1)})
	dst := &testChain{
		app: newApp(), valSet: dstValSet, funder: src.funder,
		initialHeight: 1, height: 1, blockTime: src.blockTime,
	}
	res, err := dst.app.InitChain(&abci.RequestInitChain{
		ChainId:         testChainID,
		Time:            src.blockTime,
		Validators:      []abci.ValidatorUpdate{cmttypes.TM2PB.NewValidatorUpdate(allowedVal.PubKey, 1)},
		ConsensusParams: &exported.ConsensusParams,
		AppStateBytes:   exported.AppState,
		InitialHeight:   1,
	})
	require.NoError(t, err)
	require.Len(t, res.Validators, 1)

	dstCtx := dst.app.NewContextLegacy(false, cmtproto.Header{Height: 1, Time: src.blockTime})
	require.Equal(t, supply.String(), dst.app.BankKeeper.GetSupply(dstCtx, app.BondDenom).String())
	requireBonded(t, dst.app, dstCtx, allowedOper)
	requireJailed(t, dst.app, dstCtx, jailedOper)
	requireBondedSet(t, dst.app, dstCtx, allowedOper)

	// The new chain runs; validator 1 stays jailed and out of the set.
	dst.nextBlock(t)
	dst.nextBlock(t)
	require.Equal(t, int64(2), dst.app.LastBlockHeight())
	ctx := dst.app.NewContext(true)
	requireBonded(t, dst.app, ctx, allowedOper)
	requireJailed(t, dst.app, ctx, jailedOper)
	requireBondedSet(t, dst.app, ctx, allowedOper)
}

func TestModuleAccounts(t *testing.T) {
	c := setupChain(t, 1, nil)
	ctx := c.app.NewContext(true)

	blocked := map[string]bool{
		authtypes.FeeCollectorName:     true,
		distrtypes.ModuleName:          true,
		minttypes.ModuleName:           true,
		stakingtypes.BondedPoolName:    true,
		stakingtypes.NotBondedPoolName: true,
		nft.ModuleName:                 true,
		jobstypes.ModuleName:           true,
		govtypes.ModuleName:            false,
	}
	var wantBlocked []string
	for name, isBlocked := range blocked {
		if isBlocked {
			wantBlocked = append(wantBlocked, name)
		}
	}
	require.ElementsMatch(t, wantBlocked, app.BlockedModuleAccounts())

	perms := c.app.AccountKeeper.GetModulePermissions()
	require.Len(t, perms, len(blocked), "module accounts: %v", perms)

	msgServer := bankkeeper.NewMsgServerImpl(c.app.BankKeeper)
	amount := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1000))
	for name, isBlocked := range blocked {
		t.Run(name, func(t *testing.T) {
			addr := authtypes.NewModuleAddress(name)
			require.Contains(t, perms, name)
			require.Equal(t, isBlocked, c.app.BankKeeper.BlockedAddr(addr))

			before := c.app.BankKeeper.GetBalance(ctx, addr, app.BondDenom)
			_, err := msgServer.Send(ctx, banktypes.NewMsgSend(c.funder, addr, amount))
			after := c.app.BankKeeper.GetBalance(ctx, addr, app.BondDenom)
			if isBlocked {
				require.ErrorIs(t, err, sdkerrors.ErrUnauthorized)
				require.Equal(t, before.String(), after.String())
			} else {
				require.NoError(t, err)
				require.Equal(t, before.Add(amount[0]).String(), after.String())
			}
		})
	}
	require.False(t, c.app.BankKeeper.BlockedAddr(c.funder))

	// x/jobs holds escrow only: it may neither mint nor burn.
	jobsAddr := authtypes.NewModuleAddress(jobstypes.ModuleName)
	require.Empty(t, perms[jobstypes.ModuleName].GetPermissions())
	acc := c.app.AccountKeeper.GetAccount(ctx, jobsAddr)
	require.NotNil(t, acc, "x/jobs InitGenesis must create its module account")
	modAcc, ok := acc.(sdk.ModuleAccountI)
	require.True(t, ok, "%T is not a module account", acc)
	require.Equal(t, jobstypes.ModuleName, modAcc.GetName())
	require.Empty(t, modAcc.GetPermissions())
	require.False(t, modAcc.HasPermission(authtypes.Minter))
	require.False(t, modAcc.HasPermission(authtypes.Burner))

	// The others keep exactly the SDK's permissions.
	require.Equal(t, []string{authtypes.Minter}, perms[minttypes.ModuleName].GetPermissions())
	require.Equal(t, []string{authtypes.Burner}, perms[govtypes.ModuleName].GetPermissions())
	require.Equal(t, []string{authtypes.Burner, authtypes.Staking}, perms[stakingtypes.BondedPoolName].GetPermissions())
	require.Equal(t, []string{authtypes.Burner, authtypes.Staking}, perms[stakingtypes.NotBondedPoolName].GetPermissions())
	require.Empty(t, perms[nft.ModuleName].GetPermissions())
	require.Empty(t, perms[authtypes.FeeCollectorName].GetPermissions())
	require.Empty(t, perms[distrtypes.ModuleName].GetPermissions())
}

func TestDefaultGenesis(t *testing.T) {
	var (
		basics   module.BasicManager
		cdc      codec.Codec
		txConfig client.TxConfig
	)
	require.NoError(t, depinject.Inject(
		depinject.Configs(app.AppConfig(), depinject.Supply(log.NewNopLogger())),
		&basics, &cdc, &txConfig,
	))
	gs := basics.DefaultGenesis(cdc)
	require.NoError(t, basics.ValidateGenesis(cdc, txConfig, gs))

	var jobsGen jobstypes.GenesisState
	cdc.MustUnmarshalJSON(gs[jobstypes.ModuleName], &jobsGen)
	requireProtoEqual(t, cdc, jobstypes.DefaultGenesis(), &jobsGen)
	require.Equal(t, "uagi", jobsGen.Params.PaymentDenom)
	require.Equal(t, 7*24*time.Hour, jobsGen.Params.CompletionReviewPeriod)

	var allowlistGen allowlisttypes.GenesisState
	cdc.MustUnmarshalJSON(gs[allowlisttypes.ModuleName], &allowlistGen)
	requireProtoEqual(t, cdc, allowlisttypes.DefaultGenesis(), &allowlistGen)
	require.Equal(t, []allowlisttypes.Role{allowlisttypes.ROLE_MODERATOR, allowlisttypes.ROLE_CONSENSUS_VALIDATOR},
		allowlistGen.Params.ProposerRoles)

	var reputationGen reputationtypes.GenesisState
	cdc.MustUnmarshalJSON(gs[reputationtypes.ModuleName], &reputationGen)
	requireProtoEqual(t, cdc, reputationtypes.DefaultGenesis(), &reputationGen)
	require.Equal(t, math.NewInt(1000), reputationGen.Params.ReputationUnit)
	require.Equal(t, uint64(88_888), reputationGen.Params.MaxScore)

	// The SDK modules' defaults use the chain's denom, not "stake".
	var stakingGen stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(gs[stakingtypes.ModuleName], &stakingGen)
	require.Equal(t, app.BondDenom, stakingGen.Params.BondDenom)
	var mintGen minttypes.GenesisState
	cdc.MustUnmarshalJSON(gs[minttypes.ModuleName], &mintGen)
	require.Equal(t, app.BondDenom, mintGen.Params.MintDenom)
	var govGen govv1.GenesisState
	cdc.MustUnmarshalJSON(gs[govtypes.ModuleName], &govGen)
	require.Len(t, govGen.Params.MinDeposit, 1)
	require.Equal(t, app.BondDenom, govGen.Params.MinDeposit[0].Denom)

	// Each custom module's ValidateGenesis really checks the params.
	for _, tc := range []struct {
		module  string
		genesis proto.Message
		wantErr error
	}{
		{jobstypes.ModuleName, &jobstypes.GenesisState{Params: func() jobstypes.Params {
			p := jobstypes.DefaultParams()
			p.PaymentDenom = ""
			return p
		}()}, jobstypes.ErrInvalidParams},
		{allowlisttypes.ModuleName, &allowlisttypes.GenesisState{Params: allowlisttypes.Params{
			ProposerRoles: []allowlisttypes.Role{allowlisttypes.ROLE_MODERATOR, allowlisttypes.ROLE_MODERATOR},
		}}, allowlisttypes.ErrInvalidParams},
		{reputationtypes.ModuleName, &reputationtypes.GenesisState{Params: reputationtypes.Params{
			ReputationUnit: math.NewInt(1000), MaxScore: 0,
		}}, reputationtypes.ErrInvalidParams},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mod, ok := basics[tc.module].(module.HasGenesisBasics)
			require.True(t, ok, "%s has no genesis", tc.module)
			require.NoError(t, mod.ValidateGenesis(cdc, txConfig, gs[tc.module]))
			err := mod.ValidateGenesis(cdc, txConfig, cdc.MustMarshalJSON(tc.genesis))
			require.ErrorIs(t, err, tc.wantErr)
		})
	}
}
