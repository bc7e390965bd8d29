// Package sim is the randomised simulation of the whole agij app (DESIGN §7,
// issue 7). It runs the real app block by block through ABCI (InitChain,
// FinalizeBlock, Commit) with real signed transactions from named accounts:
// employers, agents, validators, moderators and the consensus validator's
// operator, who also carries every governance proposal (pauses, parameter
// changes, delistings, dispute resolutions, role grants and revocations,
// blacklists) through a real vote.
//
// Everything is derived from one seed (math/rand/v2 PCG): keys, genesis,
// block times and operations, so a seed replays exactly. Before a block the
// harness reads the committed state and predicts the outcome of every
// transaction it sends (success, or the registered error the handlers'
// check order gives); after the block it compares, and then checks the
// invariants of invariants.go. Every failure names the seed and the height.
//
// Running it:
//
//	go test ./sim/ -count=1                      # make test: 2 seeds × 150 blocks, determinism, export/import, invariant self-test
//	AGIJ_SIM_LONG=1 go test ./sim/ -run TestSimulationLong -count=1 -v -timeout 60m
//	                                             # make test-long: 5 seeds × 500 blocks (+ export/import, 50 more blocks)
//	AGIJ_SIM_LONG=1 SIM_BLOCKS=2000 SIM_SEEDS=7,8 go test ./sim/ -run TestSimulationLong -count=1 -v -timeout 60m
package sim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/ed25519"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"cosmossdk.io/x/nft"

	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// ChainID is the simulated chain's id.
const ChainID = "agij-sim-1"

// GenesisTime is the genesis time of every simulated chain.
var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TxGas is the gas limit of every transaction (fees are zero: the app's
// minimum gas price is only enforced in CheckTx, which the harness skips).
const TxGas = 5_000_000

// agi returns n AGI in uagi.
func agi(n int64) math.Int { return math.NewInt(n).MulRaw(1_000_000) }

// Config sets up a run.
type Config struct {
	// Seed drives everything.
	Seed uint64
	// MaxOpsPerBlock bounds the transactions of a block (0: 10).
	MaxOpsPerBlock int
	// MaxBlockStep is the longest gap between blocks (0: 30 s); each gap is
	// 1 s .. MaxBlockStep.
	MaxBlockStep time.Duration
	// Logf, when set, receives a line per block.
	Logf func(format string, args ...any)
}

// accountSpec names an account, its genesis roles and balance.
type accountSpec struct {
	name    string
	roles   []allowlisttypes.Role
	balance math.Int
}

var (
	richBalance = agi(50_000_000)
	// The pauper has too little for most jobs: its creates fail with the
	// bank's insufficient funds.
	pauperBalance = agi(60)
)

// accountSpecs are the simulated accounts. Overlapping roles make the
// self-dealing checks reachable: employer3 is also an agent, validator5 also
// an agent, moderator1 also a validator.
var accountSpecs = []accountSpec{
	{"operator", []allowlisttypes.Role{allowlisttypes.ROLE_CONSENSUS_VALIDATOR}, richBalance},
	{"employer0", nil, richBalance},
	{"employer1", nil, richBalance},
	{"employer2", nil, richBalance},
	{"employer3", []allowlisttypes.Role{allowlisttypes.ROLE_AGENT}, richBalance},
	{"pauper", nil, pauperBalance},
	{"agent0", []allowlisttypes.Role{allowlisttypes.ROLE_AGENT}, richBalance},
	{"agent1", []allowlisttypes.Role{allowlisttypes.ROLE_AGENT}, richBalance},
	{"agent2", []allowlisttypes.Role{allowlisttypes.ROLE_AGENT}, richBalance},
	{"agent3", []allowlisttypes.Role{allowlisttypes.ROLE_AGENT}, richBalance},
	{"agent4", []allowlisttypes.Role{allowlisttypes.ROLE_AGENT}, richBalance},
	{"validator0", []allowlisttypes.Role{allowlisttypes.ROLE_VALIDATOR}, richBalance},
	{"validator1", []allowlisttypes.Role{allowlisttypes.ROLE_VALIDATOR}, richBalance},
	{"validator2", []allowlisttypes.Role{allowlisttypes.ROLE_VALIDATOR}, richBalance},
	{"validator3", []allowlisttypes.Role{allowlisttypes.ROLE_VALIDATOR}, richBalance},
	{"validator4", []allowlisttypes.Role{allowlisttypes.ROLE_VALIDATOR}, richBalance},
	{"validator5", []allowlisttypes.Role{allowlisttypes.ROLE_VALIDATOR, allowlisttypes.ROLE_AGENT}, richBalance},
	{"moderator0", []allowlisttypes.Role{allowlisttypes.ROLE_MODERATOR}, richBalance},
	{"moderator1", []allowlisttypes.Role{allowlisttypes.ROLE_MODERATOR, allowlisttypes.ROLE_VALIDATOR}, richBalance},
	{"outsider", nil, richBalance},
	{"newcomer", nil, richBalance},
}

// Tier NFT: agent0 holds a token of the class of the genesis agent tier.
const (
	tierClassID = "agij-gold"
	tierHolder  = "agent0"
	tierPct     = 91
)

// selfBond is the operator's stake: 1000 units of consensus power.
var selfBond = sdk.DefaultPowerReduction.MulRaw(1000)

// SimJobsParams are x/jobs' genesis params: periods short enough that every
// deadline fires within the run, and a small settlement cap so the
// EndBlocker carries work over.
func SimJobsParams() jobstypes.Params {
	p := jobstypes.DefaultParams()
	p.RequiredApprovals = 3
	p.RequiredDisapprovals = 3
	p.VoteQuorum = 2
	p.CompletionReviewPeriod = 60 * time.Second
	p.ChallengePeriod = 15 * time.Second
	p.DisputeReviewPeriod = 120 * time.Second
	p.AgentTiers = []jobstypes.AgentTier{{NftClassId: tierClassID, PayoutPct: tierPct}}
	p.AgentBondMax = agi(1000)
	p.ValidatorBondMax = agi(1000)
	p.MaxJobPayout = agi(10_000)
	p.MaxJobDuration = 600 * time.Second
	p.MaxActiveJobsPerAgent = 3
	p.MaxValidatorsPerJob = 5
	p.MaxSettlementsPerBlock = 3
	p.CertificateBaseUri = "https://certs.agij.example/"
	return p
}

// Governance periods and deposits of the simulated chain.
var (
	votingPeriod          = 30 * time.Second
	expeditedVotingPeriod = 15 * time.Second
	minDeposit            = sdk.NewCoins(sdk.NewCoin(app.BondDenom, agi(10)))
	expeditedMinDeposit   = sdk.NewCoins(sdk.NewCoin(app.BondDenom, agi(50)))
)

// Account is a simulated account with its key and the account number and
// sequence the harness signs with.
type Account struct {
	Name   string
	Priv   *secp256k1.PrivKey
	Addr   sdk.AccAddress
	Str    string
	AccNum uint64
	Seq    uint64
}

// Sim is a running simulation.
type Sim struct {
	cfg Config
	rng *rand.Rand

	App       *app.App
	Accounts  []*Account
	byName    map[string]*Account
	byAddr    map[string]*Account
	Operator  *Account
	Authority sdk.AccAddress
	valSet    *cmttypes.ValidatorSet

	// InitialHeight is the first height of the current app; Height and
	// Time are those of the last committed block.
	InitialHeight int64
	Height        int64
	Time          time.Time

	// AppHashes are the app hashes FinalizeBlock returned, in block order.
	AppHashes [][]byte
	Stats     *Stats

	// ctxOverride, when set, replaces the committed state the invariants
	// read (tests corrupt a cached copy to see each invariant fail).
	ctxOverride *sdk.Context
	// lastPre and lastRes are the inputs of the last invariant check.
	lastPre Pre
	lastRes *abci.ResponseFinalizeBlock
	// firstHeight is the first height of the run (across imports).
	firstHeight int64
	// jobsMemo holds the committed jobs while the invariants run.
	jobsMemo *[]jobstypes.Job
}

// keySecret derives an account's private key from the seed and its name.
func keySecret(seed uint64, name string) []byte {
	return []byte(fmt.Sprintf("agij-sim/%d/%s", seed, name))
}

// New builds the genesis from cfg.Seed, starts a fresh app on it and commits
// block 1.
func New(cfg Config) (*Sim, error) {
	if cfg.MaxOpsPerBlock == 0 {
		cfg.MaxOpsPerBlock = 10
	}
	if cfg.MaxBlockStep == 0 {
		cfg.MaxBlockStep = 30 * time.Second
	}
	s := &Sim{
		cfg:       cfg,
		rng:       rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		byName:    map[string]*Account{},
		byAddr:    map[string]*Account{},
		Authority: authtypes.NewModuleAddress(govtypes.ModuleName),
		Stats:     newStats(),
	}
	for _, spec := range accountSpecs {
		priv := secp256k1.GenPrivKeyFromSecret(keySecret(cfg.Seed, spec.name))
		addr := sdk.AccAddress(priv.PubKey().Address())
		acc := &Account{Name: spec.name, Priv: priv, Addr: addr, Str: addr.String()}
		s.Accounts = append(s.Accounts, acc)
		s.byName[spec.name] = acc
		s.byAddr[acc.Str] = acc
	}
	s.Operator = s.byName["operator"]
	consKey := ed25519.GenPrivKeyFromSecret(keySecret(cfg.Seed, "consensus"))
	s.valSet = cmttypes.NewValidatorSet([]*cmttypes.Validator{
		cmttypes.NewValidator(consKey.PubKey(), selfBond.Quo(sdk.DefaultPowerReduction).Int64()),
	})

	s.App = newApp()
	stateBytes, err := s.genesis()
	if err != nil {
		return nil, err
	}
	if _, err := s.App.InitChain(&abci.RequestInitChain{
		ChainId: ChainID, Time: GenesisTime, ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes: stateBytes, InitialHeight: 1,
	}); err != nil {
		return nil, fmt.Errorf("seed %d: InitChain: %w", cfg.Seed, err)
	}
	s.InitialHeight, s.firstHeight = 1, 1
	if err := s.firstBlock(1, GenesisTime); err != nil {
		return nil, err
	}
	return s, nil
}

func newApp() *app.App {
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID(ChainID))
}

// genesis returns the app state: the accounts funded, the operator's
// validator bonded with its signing info, the roles granted, the tier NFT,
// short governance periods and the simulation's x/jobs params.
func (s *Sim) genesis() ([]byte, error) {
	cdc := s.App.AppCodec()
	gs := s.App.DefaultGenesis()

	var accs []authtypes.GenesisAccount
	var balances []banktypes.Balance
	supply := sdk.NewCoins()
	for i, spec := range accountSpecs {
		acc := s.Accounts[i]
		accs = append(accs, authtypes.NewBaseAccount(acc.Addr, nil, uint64(i), 0))
		coins := sdk.NewCoins(sdk.NewCoin(app.BondDenom, spec.balance))
		balances = append(balances, banktypes.Balance{Address: acc.Str, Coins: coins})
		supply = supply.Add(coins...)
	}
	bondedPool := authtypes.NewModuleAddress(stakingtypes.BondedPoolName)
	bond := sdk.NewCoins(sdk.NewCoin(app.BondDenom, selfBond))
	balances = append(balances, banktypes.Balance{Address: bondedPool.String(), Coins: bond})
	supply = supply.Add(bond...)
	gs[authtypes.ModuleName] = cdc.MustMarshalJSON(authtypes.NewGenesisState(authtypes.DefaultParams(), accs))
	bankGen := banktypes.NewGenesisState(banktypes.DefaultGenesisState().Params, balances, supply, nil, nil)
	gs[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGen)

	// The operator's validator, self-bonded, with the deterministic
	// consensus key.
	cmtVal := s.valSet.Validators[0]
	pk, err := cryptocodec.FromCmtPubKeyInterface(cmtVal.PubKey)
	if err != nil {
		return nil, err
	}
	pkAny, err := codectypes.NewAnyWithValue(pk)
	if err != nil {
		return nil, err
	}
	valAddr := sdk.ValAddress(s.Operator.Addr)
	shares := math.LegacyNewDecFromInt(selfBond)
	val := stakingtypes.Validator{
		OperatorAddress:   valAddr.String(),
		ConsensusPubkey:   pkAny,
		Status:            stakingtypes.Bonded,
		Tokens:            selfBond,
		DelegatorShares:   shares,
		Description:       stakingtypes.Description{Moniker: "sim-operator"},
		UnbondingTime:     time.Unix(0, 0).UTC(),
		Commission:        stakingtypes.NewCommission(math.LegacyNewDecWithPrec(5, 2), math.LegacyNewDecWithPrec(20, 2), math.LegacyNewDecWithPrec(1, 2)),
		MinSelfDelegation: math.OneInt(),
	}
	stakingGen := stakingtypes.NewGenesisState(stakingtypes.DefaultParams(), []stakingtypes.Validator{val},
		[]stakingtypes.Delegation{stakingtypes.NewDelegation(s.Operator.Str, valAddr.String(), shares)})
	gs[stakingtypes.ModuleName] = cdc.MustMarshalJSON(stakingGen)

	// The validator is written as already bonded, so slashing's bond hook
	// never runs: give it the signing info the hook would have written.
	var slashingGen slashingtypes.GenesisState
	cdc.MustUnmarshalJSON(gs[slashingtypes.ModuleName], &slashingGen)
	consAddr := sdk.ConsAddress(cmtVal.Address)
	slashingGen.SigningInfos = append(slashingGen.SigningInfos, slashingtypes.SigningInfo{
		Address:              consAddr.String(),
		ValidatorSigningInfo: slashingtypes.NewValidatorSigningInfo(consAddr, 0, 0, time.Unix(0, 0).UTC(), false, 0),
	})
	gs[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&slashingGen)

	var govGen govv1.GenesisState
	cdc.MustUnmarshalJSON(gs[govtypes.ModuleName], &govGen)
	vp, evp := votingPeriod, expeditedVotingPeriod
	govGen.Params.VotingPeriod = &vp
	govGen.Params.ExpeditedVotingPeriod = &evp
	govGen.Params.MinDeposit = minDeposit
	govGen.Params.ExpeditedMinDeposit = expeditedMinDeposit
	gs[govtypes.ModuleName] = cdc.MustMarshalJSON(&govGen)

	var allowGen allowlisttypes.GenesisState
	cdc.MustUnmarshalJSON(gs[allowlisttypes.ModuleName], &allowGen)
	for i, spec := range accountSpecs {
		for _, role := range spec.roles {
			allowGen.Members = append(allowGen.Members, allowlisttypes.Member{
				Address: s.Accounts[i].Str, Role: role, Issuer: s.Authority.String(),
				GrantedAt: GenesisTime, Source: allowlisttypes.ADMISSION_SOURCE_GENESIS,
			})
		}
	}
	gs[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&allowGen)

	var nftGen nft.GenesisState
	cdc.MustUnmarshalJSON(gs[nft.ModuleName], &nftGen)
	nftGen.Classes = append(nftGen.Classes, &nft.Class{Id: tierClassID, Name: "Gold agents"})
	nftGen.Entries = append(nftGen.Entries, &nft.Entry{
		Owner: s.byName[tierHolder].Str,
		Nfts:  []*nft.NFT{{ClassId: tierClassID, Id: "gold-1"}},
	})
	gs[nft.ModuleName] = cdc.MustMarshalJSON(&nftGen)

	gs[jobstypes.ModuleName] = cdc.MustMarshalJSON(&jobstypes.GenesisState{Params: SimJobsParams()})
	return json.Marshal(gs)
}

// queryCtx is a context on the last committed state (the check state, which
// Commit resets to it) with the given header; the harness only reads it.
func (s *Sim) queryCtx(height int64, t time.Time) sdk.Context {
	return s.App.NewContextLegacy(true, cmtproto.Header{ChainID: ChainID, Height: height, Time: t})
}

// committedCtx is a query context at the last committed block.
func (s *Sim) committedCtx() sdk.Context {
	if s.ctxOverride != nil {
		return *s.ctxOverride
	}
	return s.queryCtx(s.Height, s.Time)
}

// syncAccounts reads every account's number and sequence; with check set, a
// sequence that differs from the harness's prediction is an error.
func (s *Sim) syncAccounts(check bool) error {
	ctx := s.committedCtx()
	for _, a := range s.Accounts {
		acc := s.App.AccountKeeper.GetAccount(ctx, a.Addr)
		if acc == nil {
			return s.failf("account %s (%s) missing", a.Name, a.Str)
		}
		if check && acc.GetSequence() != a.Seq {
			return s.failf("account %s: sequence %d, harness predicted %d", a.Name, acc.GetSequence(), a.Seq)
		}
		a.AccNum, a.Seq = acc.GetAccountNumber(), acc.GetSequence()
	}
	return nil
}

// failf formats an error that names the seed and the height.
func (s *Sim) failf(format string, args ...any) error {
	return fmt.Errorf("seed %d, height %d: %s", s.cfg.Seed, s.Height, fmt.Sprintf(format, args...))
}

// Seed returns the run's seed.
func (s *Sim) Seed() uint64 { return s.cfg.Seed }

// sign builds and signs a transaction of msgs from acc (direct mode, zero
// fee, no memo, so the bytes depend on the seed only).
func (s *Sim) sign(acc *Account, msgs ...sdk.Msg) ([]byte, error) {
	txCfg := s.App.TxConfig()
	b := txCfg.NewTxBuilder()
	if err := b.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	b.SetGasLimit(TxGas)
	b.SetFeeAmount(sdk.NewCoins())
	signMode, err := authsigning.APISignModeToInternal(txCfg.SignModeHandler().DefaultMode())
	if err != nil {
		return nil, err
	}
	sig := signing.SignatureV2{PubKey: acc.Priv.PubKey(), Data: &signing.SingleSignatureData{SignMode: signMode}, Sequence: acc.Seq}
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	signerData := authsigning.SignerData{
		Address: acc.Str, ChainID: ChainID, AccountNumber: acc.AccNum, Sequence: acc.Seq, PubKey: acc.Priv.PubKey(),
	}
	bz, err := authsigning.GetSignBytesAdapter(s.committedCtx(), txCfg.SignModeHandler(), signMode, signerData, b.GetTx())
	if err != nil {
		return nil, err
	}
	sigBz, err := acc.Priv.Sign(bz)
	if err != nil {
		return nil, err
	}
	sig.Data.(*signing.SingleSignatureData).Signature = sigBz
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	return txCfg.TxEncoder()(b.GetTx())
}

// firstBlock finalizes and commits the first block of a freshly started app
// at height h and time t, without transactions (the harness reads account
// numbers and sequences from committed state, which a fresh app has only
// after its first commit), and checks the invariants against the genesis
// state.
func (s *Sim) firstBlock(h int64, t time.Time) error {
	// Before its first commit, an app's genesis state is in its
	// finalize-block state.
	ctx := s.App.NewContextLegacy(false, cmtproto.Header{ChainID: ChainID, Height: h, Time: t})
	pre := Pre{
		Supply: s.App.BankKeeper.GetSupply(ctx, app.BondDenom).Amount,
		Escrow: s.App.BankKeeper.GetBalance(ctx, s.App.JobsKeeper.ModuleAddress(), app.BondDenom).Amount,
	}
	res, err := s.App.FinalizeBlock(s.blockRequest(h, t, nil))
	if err != nil {
		return fmt.Errorf("seed %d, height %d: FinalizeBlock: %w", s.cfg.Seed, h, err)
	}
	s.AppHashes = append(s.AppHashes, res.AppHash)
	if _, err := s.App.Commit(); err != nil {
		return fmt.Errorf("seed %d, height %d: Commit: %w", s.cfg.Seed, h, err)
	}
	s.Height, s.Time = h, t
	s.Stats.Blocks++
	if err := s.syncAccounts(false); err != nil {
		return err
	}
	if err := s.recordBlockEvents(res); err != nil {
		return err
	}
	return s.CheckInvariants(pre, res)
}

// blockRequest is the FinalizeBlock request of height h: the operator's
// validator proposed it and signed the previous block.
func (s *Sim) blockRequest(h int64, t time.Time, txs [][]byte) *abci.RequestFinalizeBlock {
	var votes []abci.VoteInfo
	if h > s.InitialHeight {
		for _, v := range s.valSet.Validators {
			votes = append(votes, abci.VoteInfo{
				Validator:   abci.Validator{Address: v.Address, Power: v.VotingPower},
				BlockIdFlag: cmtproto.BlockIDFlagCommit,
			})
		}
	}
	return &abci.RequestFinalizeBlock{
		Height:             h,
		Time:               t,
		Txs:                txs,
		ProposerAddress:    s.valSet.Validators[0].Address,
		NextValidatorsHash: s.valSet.Hash(),
		DecidedLastCommit:  abci.CommitInfo{Round: 0, Votes: votes},
	}
}

// Run simulates n blocks.
func (s *Sim) Run(n int) error {
	for range n {
		if err := s.Step(); err != nil {
			return err
		}
	}
	return nil
}

// Step simulates one block: random operations as signed transactions, the
// block, the comparison of every result with its prediction, the commit and
// the invariants.
func (s *Sim) Step() error {
	h := s.Height + 1
	t := s.Time.Add(time.Duration(1+s.rng.Int64N(int64(s.cfg.MaxBlockStep/time.Second))) * time.Second)

	v, err := s.newView(h, t)
	if err != nil {
		return s.failf("reading state: %v", err)
	}
	ops := s.genOps(v)
	txs := make([][]byte, 0, len(ops))
	for _, o := range ops {
		bz, err := s.sign(o.signer, o.msgs...)
		if err != nil {
			return s.failf("signing %s: %v", o.name, err)
		}
		txs = append(txs, bz)
		// BaseApp runs the messages' ValidateBasic before the ante handler.
		for _, m := range o.msgs {
			if vb, ok := m.(sdk.HasValidateBasic); ok && vb.ValidateBasic() != nil {
				o.anteFails = true
			}
		}
		// A transaction that passes the ante handler uses its sequence,
		// whatever its messages do.
		if !o.anteFails {
			o.signer.Seq++
		}
	}
	pre, err := s.preBlock()
	if err != nil {
		return s.failf("reading state: %v", err)
	}

	res, err := s.App.FinalizeBlock(s.blockRequest(h, t, txs))
	if err != nil {
		return fmt.Errorf("seed %d, height %d: FinalizeBlock: %w", s.cfg.Seed, h, err)
	}
	s.AppHashes = append(s.AppHashes, res.AppHash)
	if _, err := s.App.Commit(); err != nil {
		return fmt.Errorf("seed %d, height %d: Commit: %w", s.cfg.Seed, h, err)
	}
	s.Height, s.Time = h, t
	s.Stats.Blocks++

	if len(res.TxResults) != len(ops) {
		return s.failf("%d transactions sent, %d results", len(ops), len(res.TxResults))
	}
	for i, o := range ops {
		if err := s.checkResult(o, res.TxResults[i]); err != nil {
			return err
		}
	}
	if err := s.syncAccounts(true); err != nil {
		return err
	}
	if err := s.recordBlockEvents(res); err != nil {
		return err
	}
	if err := s.CheckInvariants(pre, res); err != nil {
		return err
	}
	if s.cfg.Logf != nil {
		s.cfg.Logf("seed %d height %d time %s: %d txs", s.cfg.Seed, h, t.Format(time.RFC3339), len(txs))
	}
	return nil
}

// checkResult compares a transaction's result with the prediction.
func (s *Sim) checkResult(o *op, r *abci.ExecTxResult) error {
	got := "ok"
	if r.Code != 0 {
		got = errName(r.Codespace, r.Code)
	}
	s.Stats.record(o.name, got)
	want := "ok"
	if o.expect != nil {
		want = errNameOf(o.expect)
	}
	if got != want {
		return s.failf("%s: %s\n  predicted %s, got %s (%s)", o.name, o.desc, want, got, r.Log)
	}
	if r.Code != 0 {
		// A failed transaction changes nothing: beyond the ante handler's
		// own "tx" event (fee payer, sequence, signature), it emits nothing.
		for _, ev := range r.Events {
			if ev.Type != "tx" {
				return s.failf("%s failed (%s) but emitted a %q event", o.name, got, ev.Type)
			}
		}
	}
	return nil
}

// Stats counts what a run did.
type Stats struct {
	Blocks int
	// Ops counts the transactions by message and outcome ("ok" or the
	// registered error).
	Ops map[string]map[string]int
	// Paths counts the settlement paths and other events seen.
	Paths map[string]int
	// InvariantChecks counts invariant checks passed (invariant × block).
	InvariantChecks int
}

func newStats() *Stats {
	return &Stats{Ops: map[string]map[string]int{}, Paths: map[string]int{}}
}

func (st *Stats) record(name, outcome string) {
	if st.Ops[name] == nil {
		st.Ops[name] = map[string]int{}
	}
	st.Ops[name][outcome]++
}

// TotalOps is the number of transactions executed.
func (st *Stats) TotalOps() int {
	n := 0
	for _, m := range st.Ops {
		for _, c := range m {
			n += c
		}
	}
	return n
}

// Summary is a one-line account of the run plus the breakdowns.
func (s *Sim) Summary() string {
	st := s.Stats
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d: %d blocks (heights %d..%d), %d operations, %d invariant checks passed\n",
		s.cfg.Seed, st.Blocks, s.firstHeight, s.Height, st.TotalOps(), st.InvariantChecks)
	names := make([]string, 0, len(st.Ops))
	for n := range st.Ops {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		outs := make([]string, 0, len(st.Ops[n]))
		for o, c := range st.Ops[n] {
			outs = append(outs, fmt.Sprintf("%s=%d", o, c))
		}
		sort.Strings(outs)
		fmt.Fprintf(&b, "  %-24s %s\n", n, strings.Join(outs, " "))
	}
	paths := make([]string, 0, len(st.Paths))
	for p := range st.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var ps []string
	for _, p := range paths {
		ps = append(ps, fmt.Sprintf("%s=%d", p, st.Paths[p]))
	}
	fmt.Fprintf(&b, "  paths: %s", strings.Join(ps, " "))
	return b.String()
}

// MissingPaths lists the paths of want that the run never took.
func (st *Stats) MissingPaths(want []string) []string {
	var out []string
	for _, p := range want {
		if st.Paths[p] == 0 {
			out = append(out, p)
		}
	}
	return out
}

// sortedIDs returns the keys of m in order.
func sortedIDs[V any](m map[uint64]V) []uint64 {
	ids := make([]uint64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
