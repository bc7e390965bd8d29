// Package bench is the node-level benchmark of DESIGN §8: it starts a real
// single-validator agijd node on loopback (testutil/e2e, as `make localnet`
// does) and measures, in one run,
//
//   - throughput: pre-signed bank sends, then pre-signed job lifecycles
//     (create, apply, request completion, three approvals; the EndBlocker
//     settles after a 1 s challenge period), broadcast as fast as the node
//     takes them, counted only when committed with code 0; tx/s of each and
//     their ratio, and the gas each message type used;
//   - query latency (REST, p50/p99) of jobs?agent=…, jobs?status=… (10-job
//     pages) and jobs/{id} with 1,000 and 100,000 jobs seeded through
//     genesis.
//
// It runs only with AGIJ_BENCH=1 (`make bench`), so `make test` skips it.
// AGIJ_BENCH_OUT names a file for the results as JSON. Sizes can be changed
// with AGIJ_BENCH_TXS (transactions per phase, default 3000) and
// AGIJ_BENCH_QUERY_JOBS (the large state, default 100000).
package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/agijobmanager/agij/app"
	"github.com/agijobmanager/agij/testutil/e2e"
	"github.com/agijobmanager/agij/testutil/jobsenv"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// Account pools of the throughput run.
const (
	nSenders    = 100
	nEmployers  = 50
	nAgents     = 100
	nValidators = 30
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// benchApp gives the codec and TxConfig of the real app.
func benchApp() *app.App {
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{})
}

// account is a benchmark key with its on-chain numbers.
type account struct {
	priv   *secp256k1.PrivKey
	addr   sdk.AccAddress
	number uint64
	seq    uint64
}

func pool(role string, n int) []*account {
	out := make([]*account, n)
	for i := range out {
		k := jobsenv.BenchKey(role, i)
		out[i] = &account{priv: k, addr: sdk.AccAddress(k.PubKey().Address())}
	}
	return out
}

func addrsOf(accs ...[]*account) []sdk.AccAddress {
	var out []sdk.AccAddress
	for _, p := range accs {
		for _, a := range p {
			out = append(out, a.addr)
		}
	}
	return out
}

func strs(accs []*account) []string {
	out := make([]string, len(accs))
	for i, a := range accs {
		out[i] = a.addr.String()
	}
	return out
}

// genesisEdit funds the pools, grants the roles, sets the benchmark's x/jobs
// params and seeds `seed` jobs (half OPEN, half IN_PROGRESS).
func genesisEdit(cdc codec.Codec, senders, employers, agents, validators []*account, seed int) e2e.GenesisEdit {
	return func(_ *e2e.Chain, gs map[string]json.RawMessage) {
		coins := sdk.NewCoins(sdk.NewCoin(app.BondDenom, jobsenv.AGI(1_000_000)))
		jobsenv.AddGenesisAccounts(cdc, gs, addrsOf(senders, employers, agents, validators), coins)

		var ag allowlisttypes.GenesisState
		cdc.MustUnmarshalJSON(gs[allowlisttypes.ModuleName], &ag)
		gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
		now := time.Now().UTC().Truncate(time.Second)
		grant := func(p []*account, role allowlisttypes.Role) {
			for _, a := range p {
				ag.Members = append(ag.Members, allowlisttypes.Member{Address: a.addr.String(), Role: role, Issuer: gov,
					GrantedAt: now, Source: allowlisttypes.ADMISSION_SOURCE_GENESIS})
			}
		}
		grant(agents, allowlisttypes.ROLE_AGENT)
		grant(validators, allowlisttypes.ROLE_VALIDATOR)
		gs[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&ag)

		var jg jobstypes.GenesisState
		cdc.MustUnmarshalJSON(gs[jobstypes.ModuleName], &jg)
		// The EndBlocker settles an approved job one second after approval
		// instead of 24 h, so settlement happens inside the run; agents may
		// hold as many jobs as the run gives them.
		jg.Params.ChallengePeriod = time.Second
		jg.Params.MaxActiveJobsPerAgent = jobstypes.MaxActiveJobsPerAgentLimit
		gs[jobstypes.ModuleName] = cdc.MustMarshalJSON(&jg)

		if seed > 0 {
			jobsenv.SeedGenesis(cdc, gs, jobsenv.Seed{
				Employers: strs(employers), Agents: strs(agents[:10]), Validators: strs(validators),
				Open: seed / 2, InProgress: seed - seed/2, Now: now, PayoutAGI: 10,
			})
		}
	}
}

// chain is what the benchmark needs of a running node.
type chain interface {
	Height() int64
}

type ports struct {
	Home             string
	RPCPort, APIPort int
}

// node wraps a running chain for the benchmark.
type node struct {
	t       *testing.T
	c       ports
	h       chain
	chainID string
	http    *http.Client
}

func newNode(t *testing.T, h chain, c ports) *node {
	bz, err := os.ReadFile(filepath.Join(c.Home, "config", "genesis.json"))
	require.NoError(t, err)
	var doc struct {
		ChainID string `json:"chain_id"`
	}
	require.NoError(t, json.Unmarshal(bz, &doc))
	return &node{t: t, c: c, h: h, chainID: doc.ChainID, http: &http.Client{Timeout: 30 * time.Second}}
}

func (n *node) get(url string, out any) {
	n.t.Helper()
	resp, err := n.http.Get(url)
	require.NoError(n.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(n.t, err)
	require.Equal(n.t, http.StatusOK, resp.StatusCode, "GET %s: %s", url, body)
	require.NoError(n.t, json.Unmarshal(body, out), "GET %s", url)
}

func (n *node) rpc(path string, out any) {
	n.get(fmt.Sprintf("http://127.0.0.1:%d/%s", n.c.RPCPort, path), out)
}

// loadNumbers reads each account's number and sequence from the node.
func (n *node) loadNumbers(accs []*account) {
	for _, a := range accs {
		var res struct {
			Info struct {
				AccountNumber string `json:"account_number"`
				Sequence      string `json:"sequence"`
			} `json:"info"`
		}
		n.get(fmt.Sprintf("http://127.0.0.1:%d/cosmos/auth/v1beta1/account_info/%s", n.c.APIPort, a.addr), &res)
		a.number, _ = strconv.ParseUint(res.Info.AccountNumber, 10, 64)
		a.seq, _ = strconv.ParseUint(res.Info.Sequence, 10, 64)
	}
}

// signedTx is one pre-signed transaction.
type signedTx struct {
	kind string
	bz   []byte
	hash string
}

func sign(t *testing.T, txCfg client.TxConfig, chainID string, a *account, gas uint64, kind string, msg sdk.Msg) signedTx {
	t.Helper()
	b := txCfg.NewTxBuilder()
	require.NoError(t, b.SetMsgs(msg))
	b.SetGasLimit(gas)
	pub := a.priv.PubKey()
	require.NoError(t, b.SetSignatures(signingtypes.SignatureV2{PubKey: pub,
		Data: &signingtypes.SingleSignatureData{SignMode: signingtypes.SignMode_SIGN_MODE_DIRECT}, Sequence: a.seq}))
	sig, err := clienttx.SignWithPrivKey(context.Background(), signingtypes.SignMode_SIGN_MODE_DIRECT,
		authsigning.SignerData{Address: a.addr.String(), ChainID: chainID, AccountNumber: a.number, Sequence: a.seq, PubKey: pub},
		b, a.priv, txCfg, a.seq)
	require.NoError(t, err)
	require.NoError(t, b.SetSignatures(sig))
	bz, err := txCfg.TxEncoder()(b.GetTx())
	require.NoError(t, err)
	a.seq++
	h := sha256.Sum256(bz)
	return signedTx{kind: kind, bz: bz, hash: strings.ToUpper(hex.EncodeToString(h[:]))}
}

// broadcastBatch is how many broadcast_tx_sync calls go in one JSON-RPC
// batch request; CometBFT runs a batch's calls in order, so the order of
// CheckTx (and of the mempool, and of the block) is the order of txs.
const broadcastBatch = 10 // CometBFT rpc.max_request_batch_size (default 10)

// broadcast sends txs in order with broadcast_tx_sync in JSON-RPC batches,
// waiting and resending from the first refused one while the mempool is
// full. It returns how many CheckTx refused.
func (n *node) broadcast(txs []signedTx) (refused int, firstErr string) {
	url := fmt.Sprintf("http://127.0.0.1:%d", n.c.RPCPort)
	for i := 0; i < len(txs); {
		end := min(i+broadcastBatch, len(txs))
		var body bytes.Buffer
		body.WriteByte('[')
		for j := i; j < end; j++ {
			if j > i {
				body.WriteByte(',')
			}
			fmt.Fprintf(&body, `{"jsonrpc":"2.0","id":%d,"method":"broadcast_tx_sync","params":{"tx":"%s"}}`,
				j, base64.StdEncoding.EncodeToString(txs[j].bz))
		}
		body.WriteByte(']')
		resp, err := n.http.Post(url, "application/json", &body)
		require.NoError(n.t, err)
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(n.t, err)
		var rs []struct {
			ID     int `json:"id"`
			Result *struct {
				Code uint32 `json:"code"`
				Log  string `json:"log"`
			} `json:"result"`
			Error *struct {
				Data string `json:"data"`
			} `json:"error"`
		}
		require.NoError(n.t, json.Unmarshal(raw, &rs), "%.2000s", raw)
		slices.SortFunc(rs, func(a, b struct {
			ID     int `json:"id"`
			Result *struct {
				Code uint32 `json:"code"`
				Log  string `json:"log"`
			} `json:"result"`
			Error *struct {
				Data string `json:"data"`
			} `json:"error"`
		}) int {
			return a.ID - b.ID
		})
		next := end
		for _, r := range rs {
			if r.Error != nil && strings.Contains(r.Error.Data, "mempool is full") {
				next = r.ID // resend from here
				time.Sleep(20 * time.Millisecond)
				break
			}
			if r.Error != nil || r.Result == nil || r.Result.Code != 0 {
				refused++
				if firstErr == "" {
					bz, _ := json.Marshal(r)
					firstErr = string(bz)
				}
			}
		}
		i = next
	}
	return refused, firstErr
}

func (n *node) height() int64 { return n.h.Height() }

type blockInfo struct {
	time   time.Time
	hashes []string
	codes  []uint32
	gas    []int64
	events []string
}

func (n *node) block(h int64) blockInfo {
	var b struct {
		Result struct {
			Block struct {
				Header struct {
					Time time.Time `json:"time"`
				} `json:"header"`
				Data struct {
					Txs []string `json:"txs"`
				} `json:"data"`
			} `json:"block"`
		} `json:"result"`
	}
	n.rpc(fmt.Sprintf("block?height=%d", h), &b)
	var r struct {
		Result struct {
			TxsResults []struct {
				Code    uint32 `json:"code"`
				GasUsed string `json:"gas_used"`
			} `json:"txs_results"`
			FinalizeBlockEvents []struct {
				Type string `json:"type"`
			} `json:"finalize_block_events"`
		} `json:"result"`
	}
	n.rpc(fmt.Sprintf("block_results?height=%d", h), &r)
	info := blockInfo{time: b.Result.Block.Header.Time}
	for i, tx := range b.Result.Block.Data.Txs {
		bz, err := base64.StdEncoding.DecodeString(tx)
		require.NoError(n.t, err)
		s := sha256.Sum256(bz)
		info.hashes = append(info.hashes, strings.ToUpper(hex.EncodeToString(s[:])))
		res := r.Result.TxsResults[i]
		info.codes = append(info.codes, res.Code)
		g, _ := strconv.ParseInt(res.GasUsed, 10, 64)
		info.gas = append(info.gas, g)
	}
	for _, e := range r.Result.FinalizeBlockEvents {
		info.events = append(info.events, e.Type)
	}
	return info
}

// PhaseResult is one throughput phase.
type PhaseResult struct {
	Name      string `json:"name"`
	Txs       int    `json:"txs_broadcast"`
	Refused   int    `json:"refused_by_checktx"`
	Committed int    `json:"committed_code0"`
	Failed    int    `json:"committed_failed"`
	Settled   int    `json:"settled_by_endblocker,omitempty"`
	Blocks    int    `json:"blocks"`
	// Seconds runs from the first broadcast to the commit of the last block
	// holding one of the phase's transactions; TPS = Committed / Seconds.
	Seconds float64 `json:"seconds"`
	TPS     float64 `json:"tx_per_s"`
	// SettledSeconds runs to the commit of the block of the last settlement
	// (job phase only); SettledTPS = Committed / SettledSeconds.
	SettledSeconds float64          `json:"seconds_to_last_settlement,omitempty"`
	SettledTPS     float64          `json:"tx_per_s_to_last_settlement,omitempty"`
	Intake         float64          `json:"broadcast_tx_per_s"`
	GasByKind      map[string]int64 `json:"avg_gas_used_by_kind"`
}

// watchCommits records, every 10 ms, the wall-clock time at which each
// height is first reported committed by /status, until stop is closed.
func (n *node) watchCommits(stop <-chan struct{}) func(h int64) time.Time {
	var mu sync.Mutex
	seen := map[int64]time.Time{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			h := n.height()
			now := time.Now()
			if h == 0 {
				h = -1
			}
			mu.Lock()
			for x := h; x > 0; x-- {
				if _, ok := seen[x]; ok {
					break
				}
				seen[x] = now
			}
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func(h int64) time.Time {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return seen[h]
	}
}

// run broadcasts txs and follows the chain until every one is committed (and,
// with settle > 0, until that many EventJobCompleted were emitted). The
// windows run from the first broadcast to the time the node first reported
// the block of the last counted transaction (or settlement) committed.
func (n *node) run(name string, txs []signedTx, settle int) PhaseResult {
	kinds := make(map[string]string, len(txs))
	for _, tx := range txs {
		kinds[tx.hash] = tx.kind
	}
	startHeight := n.height()
	stop := make(chan struct{})
	committedAt := n.watchCommits(stop)
	start := time.Now()
	refused, firstErr := n.broadcast(txs)
	intake := time.Since(start)
	if refused > 0 {
		n.t.Logf("%s: CheckTx refused %d txs; first: %s", name, refused, firstErr)
	}
	res := PhaseResult{Name: name, Txs: len(txs), Refused: refused, GasByKind: map[string]int64{}}
	gasN := map[string]int64{}
	var lastTx, lastSettle int64
	deadline := time.Now().Add(5 * time.Minute)
	h := startHeight + 1
	seen := 0
	for seen < len(txs)-refused || res.Settled < settle {
		require.True(n.t, time.Now().Before(deadline), "%s: %d of %d txs committed, %d of %d settled", name, seen, len(txs)-refused, res.Settled, settle)
		if n.height() <= h { // the results of the latest block may not be stored yet
			time.Sleep(100 * time.Millisecond)
			continue
		}
		b := n.block(h)
		counted := false
		for i, hash := range b.hashes {
			kind, ok := kinds[hash]
			if !ok {
				continue
			}
			seen++
			counted = true
			lastTx = h
			if b.codes[i] != 0 {
				res.Failed++
				continue
			}
			res.Committed++
			res.GasByKind[kind] += b.gas[i]
			gasN[kind]++
		}
		for _, e := range b.events {
			if e == "agij.jobs.v1.EventJobCompleted" {
				res.Settled++
				counted = true
				lastSettle = h
			}
		}
		if counted {
			res.Blocks++
		}
		h++
	}
	close(stop)
	for k, g := range res.GasByKind {
		res.GasByKind[k] = g / gasN[k]
	}
	res.Seconds = committedAt(lastTx).Sub(start).Seconds()
	res.TPS = float64(res.Committed) / res.Seconds
	if settle > 0 {
		res.SettledSeconds = committedAt(lastSettle).Sub(start).Seconds()
		res.SettledTPS = float64(res.Committed) / res.SettledSeconds
	}
	res.Intake = float64(len(txs)) / intake.Seconds()
	return res
}

// Latency is one query's latency distribution.
type Latency struct {
	Query string  `json:"query"`
	Jobs  int     `json:"jobs"`
	N     int     `json:"requests"`
	P50ms float64 `json:"p50_ms"`
	P99ms float64 `json:"p99_ms"`
}

func (n *node) latency(name, path string, jobs, reqs int) Latency {
	url := fmt.Sprintf("http://127.0.0.1:%d%s", n.c.APIPort, path)
	var out struct {
		Jobs []json.RawMessage `json:"jobs"`
		Job  json.RawMessage   `json:"job"`
	}
	n.get(url, &out) // warm-up, and check it answers
	require.True(n.t, len(out.Jobs) == 10 || out.Job != nil, "%s: %d jobs", path, len(out.Jobs))
	d := make([]time.Duration, reqs)
	for i := range d {
		s := time.Now()
		resp, err := n.http.Get(url)
		require.NoError(n.t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d[i] = time.Since(s)
	}
	slices.Sort(d)
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	return Latency{Query: name, Jobs: jobs, N: reqs, P50ms: ms(d[reqs/2]), P99ms: ms(d[reqs*99/100])}
}

func (n *node) latencies(agent string, jobs int) []Latency {
	const reqs = 500
	return []Latency{
		n.latency("jobs?agent=…&limit=10", "/agij/jobs/v1/jobs?agent="+agent+"&pagination.limit=10", jobs, reqs),
		n.latency("jobs?status=OPEN&limit=10", "/agij/jobs/v1/jobs?status=JOB_STATUS_OPEN&pagination.limit=10", jobs, reqs),
		n.latency("jobs/{id}", fmt.Sprintf("/agij/jobs/v1/jobs/%d", jobs/2), jobs, reqs),
	}
}

// Results is everything the run measured.
type Results struct {
	Machine    string        `json:"machine"`
	Throughput []PhaseResult `json:"throughput"`
	Ratio      float64       `json:"job_to_bank_ratio"`
	// RatioSettled counts the job phase up to its last settlement.
	RatioSettled float64   `json:"job_to_bank_ratio_to_last_settlement"`
	Queries      []Latency `json:"queries"`
}

func TestNodeBenchmark(t *testing.T) {
	if os.Getenv("AGIJ_BENCH") != "1" {
		t.Skip("node benchmark: set AGIJ_BENCH=1 (make bench)")
	}
	defer e2e.RemoveBinary()
	bin := e2e.BuildBinary(t)
	a := benchApp()
	cdc, txCfg := a.AppCodec(), a.TxConfig()
	senders, employers, agents, validators := pool("sender", nSenders), pool("employer", nEmployers), pool("agent", nAgents), pool("validator", nValidators)
	all := slices.Concat(senders, employers, agents, validators)
	txsPerPhase := envInt("AGIJ_BENCH_TXS", 3000)
	lifecycles := txsPerPhase / 6
	const smallSeed = 1_000
	res := Results{Machine: fmt.Sprintf("%s/%s, %d CPUs (GOMAXPROCS %d)", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))}

	// Node 1: 1,000 seeded jobs; queries, then bank sends, then job lifecycles.
	c := e2e.StartLocalnet(t, bin, genesisEdit(cdc, senders, employers, agents, validators, smallSeed))
	n := newNode(t, c, ports{c.Home, c.RPCPort, c.APIPort})
	n.loadNumbers(all)
	res.Queries = append(res.Queries, n.latencies(agents[0].addr.String(), smallSeed)...)

	bank := make([]signedTx, 0, txsPerPhase)
	for i := range txsPerPhase {
		from := senders[i%nSenders]
		to := senders[(i+1)%nSenders]
		bank = append(bank, sign(t, txCfg, n.chainID, from, 200_000, "bank-send",
			banktypes.NewMsgSend(from.addr, to.addr, sdk.NewCoins(sdk.NewCoin(app.BondDenom, math.NewInt(1))))))
	}
	jobsTxs := make([]signedTx, 0, lifecycles*6)
	firstID := uint64(smallSeed + 1)
	payout := sdk.NewCoin(app.BondDenom, jobsenv.AGI(10))
	for l := range lifecycles {
		id := firstID + uint64(l)
		emp, ag := employers[l%nEmployers], agents[l%nAgents]
		jobsTxs = append(jobsTxs,
			sign(t, txCfg, n.chainID, emp, 400_000, "create", &jobstypes.MsgCreateJob{Employer: emp.addr.String(),
				SpecUri: "ipfs://bench-spec", Payout: payout, DurationSeconds: 3600}),
			sign(t, txCfg, n.chainID, ag, 400_000, "apply", &jobstypes.MsgApplyForJob{Agent: ag.addr.String(), JobId: id}),
			sign(t, txCfg, n.chainID, ag, 400_000, "request", &jobstypes.MsgRequestCompletion{Agent: ag.addr.String(), JobId: id,
				CompletionUri: "ipfs://bench-done"}))
		for v := range 3 {
			val := validators[(3*l+v)%nValidators]
			jobsTxs = append(jobsTxs, sign(t, txCfg, n.chainID, val, 400_000, "approve",
				&jobstypes.MsgApproveJob{Validator: val.addr.String(), JobId: id}))
		}
	}

	bankRes := n.run("bank-send", bank, 0)
	t.Logf("bank sends: %+v", bankRes)
	jobRes := n.run("job-lifecycle", jobsTxs, lifecycles)
	t.Logf("job lifecycles: %+v", jobRes)
	res.Throughput = []PhaseResult{bankRes, jobRes}
	res.Ratio = jobRes.TPS / bankRes.TPS
	res.RatioSettled = jobRes.SettledTPS / bankRes.TPS
	c.Stop()

	// Node 2: the large state, for queries only.
	big := envInt("AGIJ_BENCH_QUERY_JOBS", 100_000)
	start := time.Now()
	edit := genesisEdit(cdc, senders, employers, agents, validators, big)
	c2 := startBigLocalnet(t, bin, 15*time.Minute, func(gs map[string]json.RawMessage) { edit(nil, gs) })
	t.Logf("node with %d jobs started in %s", big, time.Since(start).Round(time.Second))
	n2 := newNode(t, c2, ports{c2.Home, c2.RPCPort, c2.APIPort})
	res.Queries = append(res.Queries, n2.latencies(agents[0].addr.String(), big)...)
	c2.Stop()

	report(t, res)
}

func report(t *testing.T, r Results) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "machine: %s\n", r.Machine)
	for _, p := range r.Throughput {
		fmt.Fprintf(&b, "%-14s %6d txs  %6d ok  %4d failed  %4d refused  %3d blocks  %7.2f s  %8.1f tx/s  (broadcast %.0f tx/s)",
			p.Name, p.Txs, p.Committed, p.Failed, p.Refused, p.Blocks, p.Seconds, p.TPS, p.Intake)
		if p.Settled > 0 {
			fmt.Fprintf(&b, "  settled %d (last at %.2f s: %.1f tx/s)", p.Settled, p.SettledSeconds, p.SettledTPS)
		}
		fmt.Fprintf(&b, "  gas %v\n", p.GasByKind)
	}
	fmt.Fprintf(&b, "job/bank throughput ratio: %.3f (target ≥ 0.80); to the last settlement: %.3f\n", r.Ratio, r.RatioSettled)
	for _, q := range r.Queries {
		fmt.Fprintf(&b, "%-28s jobs=%-7d p50 %7.2f ms  p99 %7.2f ms  (%d requests)\n", q.Query, q.Jobs, q.P50ms, q.P99ms, q.N)
	}
	t.Log("\n" + b.String())
	fmt.Print(b.String())
	if out := os.Getenv("AGIJ_BENCH_OUT"); out != "" {
		bz, err := json.MarshalIndent(r, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(out, bz, 0o644))
	}
}
