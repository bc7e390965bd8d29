package e2e_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

// crashTx is a transaction the stream saw committed, as the node it was
// found on reported it.
type crashTx struct {
	hash   string
	what   string
	height string
	code   uint32
	data   string
	log    string
	gas    string
}

// txStream sends a steady stream of transactions from node 0's keyring
// (which holds every funded development key) through the node `via`, one
// goroutine per signing key so account sequences never collide, and records
// every transaction it sees committed.
type txStream struct {
	t     *testing.T
	nodes []*e2e.Chain
	via   atomic.Int32
	stop  chan struct{}
	wg    sync.WaitGroup

	mu         sync.Mutex
	txs        []crashTx
	jobs       []uint64    // jobs that reached three approvals
	approvedAt []time.Time // when each of them got its third approval
	created    int

	refused, lost atomic.Int64
}

func newTxStream(t *testing.T, nodes []*e2e.Chain) *txStream {
	return &txStream{t: t, nodes: nodes, stop: make(chan struct{})}
}

func (s *txStream) stopped() bool {
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

func (s *txStream) pause(d time.Duration) bool {
	select {
	case <-s.stop:
		return false
	case <-time.After(d):
		return true
	}
}

// lookup finds a committed tx on the node we sent it through, or on any
// other that answers.
func (s *txStream) lookup(hash string, first int) (e2e.RPCTx, bool) {
	for i := range s.nodes {
		n := s.nodes[(first+i)%len(s.nodes)]
		if tx, err := n.TxByHash(hash); err == nil {
			return tx, true
		}
	}
	return e2e.RPCTx{}, false
}

// send broadcasts one tx (sync mode) and waits up to 20 s to see it
// committed; it records and returns the delivered result.
func (s *txStream) send(what string, args ...string) (e2e.RPCTx, bool) {
	via := int(s.via.Load())
	node := s.nodes[via]
	out, err := s.nodes[0].CLI(append(args, "--node", node.RPCNode(), "-y", "-o", "json", "--broadcast-mode", "sync")...)
	if err != nil {
		s.refused.Add(1)
		s.pause(time.Second)
		return e2e.RPCTx{}, false
	}
	var res e2e.TxResult
	if json.Unmarshal(out, &res) != nil || res.Code != 0 || res.TxHash == "" {
		s.refused.Add(1)
		s.pause(time.Second)
		return e2e.RPCTx{}, false
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if tx, ok := s.lookup(res.TxHash, via); ok {
			s.mu.Lock()
			s.txs = append(s.txs, crashTx{
				hash: res.TxHash, what: what, height: tx.Height, code: tx.TxResult.Code,
				data: tx.TxResult.Data, log: tx.TxResult.Log, gas: tx.TxResult.GasUsed,
			})
			s.mu.Unlock()
			return tx, true
		}
		if !s.pause(400 * time.Millisecond) {
			break
		}
	}
	// Broadcast but never seen committed (e.g. dropped with a killed
	// node's mempool): not part of what the checks cover.
	s.lost.Add(1)
	return e2e.RPCTx{}, false
}

// bankLoop sends 1uagi from key to `to` until stopped.
func (s *txStream) bankLoop(key, to string) {
	defer s.wg.Done()
	for !s.stopped() {
		s.send("bank send from "+key, "tx", "bank", "send", key, to, "1uagi")
		s.pause(300 * time.Millisecond)
	}
}

// jobLoop walks jobs through create, apply, request-completion and three
// approvals; the EndBlocker settles each 20 s (the challenge period) after
// its third approval, whatever the stream is doing then.
func (s *txStream) jobLoop() {
	defer s.wg.Done()
	// step retries one message a few times; a delivered failure (code != 0)
	// counts as done too: it is a committed result the checks compare.
	step := func(what string, args ...string) (e2e.RPCTx, bool) {
		for range 5 {
			if s.stopped() {
				return e2e.RPCTx{}, false
			}
			if tx, ok := s.send(what, args...); ok {
				return tx, tx.TxResult.Code == 0
			}
		}
		return e2e.RPCTx{}, false
	}
	for n := 0; !s.stopped(); n++ {
		tx, ok := step("create-job", "tx", "jobs", "create-job", fmt.Sprintf("ipfs://spec/crash-%d", n), "10000000uagi", "3600", "--from", "employer")
		if !ok {
			continue
		}
		var id uint64
		for _, ev := range tx.TxResult.Events {
			if ev.Type != "agij.jobs.v1.EventJobCreated" {
				continue
			}
			for _, a := range ev.Attributes {
				if a.Key == "job_id" {
					id, _ = strconv.ParseUint(strings.Trim(a.Value, `"`), 10, 64)
				}
			}
		}
		if id == 0 {
			continue
		}
		s.mu.Lock()
		s.created++
		s.mu.Unlock()
		ids := strconv.FormatUint(id, 10)
		if _, ok := step("apply "+ids, "tx", "jobs", "apply", ids, "--from", "agent1"); !ok {
			continue
		}
		if _, ok := step("request-completion "+ids, "tx", "jobs", "request-completion", ids, "ipfs://work/crash-"+ids, "--from", "agent1"); !ok {
			continue
		}
		approved := 0
		for _, v := range []string{"validator1", "validator2", "validator3"} {
			if _, ok := step("approve "+ids+" by "+v, "tx", "jobs", "approve", ids, "--from", v); ok {
				approved++
			}
		}
		if approved == 3 {
			s.mu.Lock()
			s.jobs = append(s.jobs, id)
			s.approvedAt = append(s.approvedAt, time.Now())
			s.mu.Unlock()
		}
	}
}

func (s *txStream) start() {
	n0 := s.nodes[0]
	employer := n0.KeyAddress("employer")
	s.wg.Add(4)
	go s.jobLoop()
	go s.bankLoop("agent2", employer)
	go s.bankLoop("moderator", employer)
	go s.bankLoop("validator", employer)
}

func (s *txStream) finish() {
	close(s.stop)
	s.wg.Wait()
}

func (s *txStream) snapshot() []crashTx {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]crashTx(nil), s.txs...)
}

// routeAround makes the stream broadcast through a node other than k.
func (s *txStream) routeAround(k int) {
	if int(s.via.Load()) == k {
		s.via.Store(int32((k + 1) % len(s.nodes)))
	}
}

// settleMoment is when the EndBlocker should settle the latest approved job
// that is not settled yet (third approval + the 20 s challenge period), or
// zero when there is none ahead.
func (s *txStream) settleMoment() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.approvedAt) - 1; i >= 0; i-- {
		if at := s.approvedAt[i].Add(20 * time.Second); at.After(time.Now()) {
			return at
		}
	}
	return time.Time{}
}

// aimedDelay is a delay that makes a kill land around the block that settles
// a job: the next settlement moment plus a jitter of -1..+3 s. It waits up to
// 40 s for a job to reach three approvals; without one it returns fallback.
func aimedDelay(s *txStream, rng *rand.Rand, fallback time.Duration) time.Duration {
	deadline := time.Now().Add(40 * time.Second)
	for time.Now().Before(deadline) {
		if at := s.settleMoment(); !at.IsZero() {
			d := time.Until(at) + time.Duration(rng.Intn(4000)-1000)*time.Millisecond
			return max(d, 0)
		}
		time.Sleep(500 * time.Millisecond)
	}
	return fallback
}

func maxHeight(nodes []*e2e.Chain, skip int) int64 {
	var h int64
	for i, n := range nodes {
		if i == skip {
			continue
		}
		if nh := n.Height(); nh > h {
			h = nh
		}
	}
	return h
}

// waitAll waits until every node has height h; a node process that exits
// (e.g. panics on an app hash mismatch at restart) fails the test.
func waitAll(t *testing.T, nodes []*e2e.Chain, h int64, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		behind := ""
		for i, n := range nodes {
			require.False(t, n.Exited(), "node%d exited; see its log", i)
			if nh := n.Height(); nh < h {
				behind += fmt.Sprintf(" node%d=%d", i, nh)
			}
		}
		if behind == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("height %d not reached by all nodes in %s:%s", h, timeout, behind)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// crashVerify checks that the four nodes agree: every recorded transaction is
// on each node at the same height with the same result, every node's block
// headers (and so app hashes and results hashes) are identical up to a
// common height, and each node's application reports the app hash that the
// next block's header carries on all the others. It returns the common height
// and the number of transactions checked.
func crashVerify(t *testing.T, nodes []*e2e.Chain, s *txStream) (int64, string, int) {
	t.Helper()
	waitAll(t, nodes, maxHeight(nodes, -1)+2, 120*time.Second)

	// Every node's own application state at its last height, against the
	// headers of the next block on every node.
	heights := make([]int64, len(nodes))
	apps := make([]string, len(nodes))
	for i, n := range nodes {
		h, a, err := n.AppInfo()
		require.NoError(t, err, "node%d abci_info", i)
		bz, err := base64.StdEncoding.DecodeString(a)
		require.NoError(t, err)
		heights[i], apps[i] = h, strings.ToUpper(hex.EncodeToString(bz))
	}
	top := int64(0)
	for _, h := range heights {
		top = max(top, h)
	}
	waitAll(t, nodes, top+1, 60*time.Second)
	for i := range nodes {
		for j, m := range nodes {
			meta, err := m.BlockMetas(heights[i]+1, heights[i]+1)
			require.NoError(t, err)
			require.Len(t, meta, 1)
			require.Equal(t, apps[i], meta[0].AppHash,
				"node%d's app hash after height %d differs from the header of block %d on node%d", i, heights[i], heights[i]+1, j)
		}
	}

	// Identical chains: every block hash from 1 to a common height.
	common := nodes[0].Height()
	for _, n := range nodes[1:] {
		common = min(common, n.Height())
	}
	ref, err := nodes[0].BlockMetas(1, common)
	require.NoError(t, err)
	require.Len(t, ref, int(common))
	for i, n := range nodes[1:] {
		metas, err := n.BlockMetas(1, common)
		require.NoError(t, err)
		require.Len(t, metas, int(common))
		for k := range ref {
			require.Equal(t, ref[k], metas[k], "node%d differs from node0 at height %d", i+1, ref[k].Height)
		}
	}

	// Every committed transaction, on every node, in the same block with the
	// same result, read from the block store and the stored block results.
	txs := s.snapshot()
	blocks := make([]map[int64]map[string]e2e.RPCTx, len(nodes))
	for i, n := range nodes {
		blocks[i] = map[int64]map[string]e2e.RPCTx{}
		for _, tx := range txs {
			h, err := strconv.ParseInt(tx.height, 10, 64)
			require.NoError(t, err)
			if _, ok := blocks[i][h]; !ok {
				blocks[i][h], err = n.BlockTxs(h)
				require.NoError(t, err, "node%d: block %d", i, h)
			}
		}
	}
	indexGaps := 0
	for _, tx := range txs {
		h, _ := strconv.ParseInt(tx.height, 10, 64)
		for i, n := range nodes {
			got, ok := blocks[i][h][tx.hash]
			require.True(t, ok, "node%d: tx %s (%s) missing from block %d", i, tx.hash, tx.what, h)
			require.Equal(t, tx.code, got.TxResult.Code, "node%d: tx %s (%s) code", i, tx.hash, tx.what)
			require.Equal(t, tx.data, got.TxResult.Data, "node%d: tx %s (%s) data", i, tx.hash, tx.what)
			require.Equal(t, tx.log, got.TxResult.Log, "node%d: tx %s (%s) log", i, tx.hash, tx.what)
			require.Equal(t, tx.gas, got.TxResult.GasUsed, "node%d: tx %s (%s) gas used", i, tx.hash, tx.what)
			// The tx index (/tx, `agijd q tx`) is filled after the commit
			// and can lose the last block's entries to a kill -9; count
			// the gaps rather than fail on them.
			if _, err := n.TxByHash(tx.hash); err != nil {
				indexGaps++
				t.Logf("node%d: tx %s (%s, height %d) is committed but not in the tx index: %v", i, tx.hash, tx.what, h, err)
			}
		}
	}
	if indexGaps > 0 {
		t.Logf("tx index gaps: %d (committed txs /tx cannot find on some node; the block store and block results hold them)", indexGaps)
	}
	// The app hash all four agree on at the common height (in block common+1
	// when it exists everywhere; the header of `common` otherwise).
	return common, ref[len(ref)-1].AppHash, len(txs)
}

func envInt(t *testing.T, name string, def int64) int64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	require.NoError(t, err, "%s=%q", name, v)
	return n
}

// TestCrashRecovery kills validators with SIGKILL on a real 4-validator
// network under a steady stream of job and bank transactions: first node3
// alone (the stream goes on through the others; node3 restarts and catches
// up), then all four at once. After each restart every node must hold every
// transaction the stream saw committed, with the same height and result, and
// the same block headers and app hashes. With AGIJ_CRASH_CYCLES=N (N > 1)
// it goes on with N-1 more kills at random moments (a random node, or all
// four), seeded by AGIJ_CRASH_SEED (printed).
func TestCrashRecovery(t *testing.T) {
	cycles := envInt(t, "AGIJ_CRASH_CYCLES", 1)
	seed := envInt(t, "AGIJ_CRASH_SEED", time.Now().UnixNano())
	t.Logf("crash test: cycles=%d seed=%d (rerun with AGIJ_CRASH_SEED=%d)", cycles, seed, seed)
	rng := rand.New(rand.NewSource(seed))
	began := time.Now()
	var killHeights []int64 // the last height seen before each kill

	nw := e2e.StartNetwork(t, e2e.BuildBinary(t), 4)
	nodes := nw.Nodes
	s := newTxStream(t, nodes)
	s.start()
	stopped := false
	defer func() {
		if !stopped {
			s.finish()
		}
	}()

	// One validator: kill -9, keep streaming through the others, restart,
	// catch up.
	killOne := func(k int, delay, outage time.Duration) {
		t.Helper()
		s.routeAround(k)
		time.Sleep(delay)
		at := nodes[k].Height()
		nodes[k].Kill()
		killHeights = append(killHeights, at)
		before := len(s.snapshot())
		time.Sleep(outage)
		during := len(s.snapshot()) - before
		nodes[k].Restart()
		target := maxHeight(nodes, k)
		restart := time.Now()
		waitAll(t, nodes[k:k+1], target, 120*time.Second)
		t.Logf("kill -9 node%d at height %d; %d txs committed during the %s outage; restarted, caught up to %d in %s",
			k, at, during, outage, target, time.Since(restart).Round(100*time.Millisecond))
	}
	// All four at once.
	killAll := func(delay, outage time.Duration) {
		t.Helper()
		time.Sleep(delay)
		at := maxHeight(nodes, -1)
		e2e.KillAll(nodes)
		killHeights = append(killHeights, at)
		time.Sleep(outage)
		for _, n := range nodes {
			n.Restart()
		}
		restart := time.Now()
		waitAll(t, nodes, at+2, 180*time.Second)
		t.Logf("kill -9 all four at height %d; restarted, all at %d in %s", at, at+2, time.Since(restart).Round(100*time.Millisecond))
	}
	verify := func(label string) {
		t.Helper()
		h, app, n := crashVerify(t, nodes, s)
		s.mu.Lock()
		jobs := len(s.jobs)
		s.mu.Unlock()
		t.Logf("%s: verified %d txs on all 4 nodes; identical headers to height %d (app hash in that header %s); jobs approved so far %d; refused %d, lost %d",
			label, n, h, app, jobs, s.refused.Load(), s.lost.Load())
	}

	// Let the stream get going: a job in flight and a few transfers.
	deadline := time.Now().Add(60 * time.Second)
	for len(s.snapshot()) < 6 && time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
	}
	require.GreaterOrEqual(t, len(s.snapshot()), 6, "the stream committed nothing")

	killOne(3, 2*time.Second, 10*time.Second)
	verify("cycle 1, node3 killed")
	// All four at once, aimed at the block whose EndBlocker settles a job.
	killAll(aimedDelay(s, rng, time.Duration(rng.Int63n(int64(3*time.Second)))), 2*time.Second)
	verify("cycle 1, all killed")

	for c := int64(2); c <= cycles; c++ {
		delay := time.Duration(500+rng.Intn(8000)) * time.Millisecond
		if rng.Intn(2) == 0 { // half the kills aim at a settlement block
			delay = aimedDelay(s, rng, delay)
		}
		outage := time.Duration(1000+rng.Intn(9000)) * time.Millisecond
		if rng.Intn(3) == 0 {
			killAll(delay, outage)
			verify(fmt.Sprintf("cycle %d, all killed", c))
		} else {
			k := rng.Intn(len(nodes))
			killOne(k, delay, outage)
			verify(fmt.Sprintf("cycle %d, node%d killed", c, k))
		}
	}

	s.finish()
	stopped = true
	h, app, n := crashVerify(t, nodes, s)

	// Jobs settled by the EndBlocker while nodes were dying: each is the same
	// everywhere (already implied by the app hashes); count them.
	s.mu.Lock()
	jobs := append([]uint64(nil), s.jobs...)
	created := s.created
	s.mu.Unlock()
	settled := 0
	for _, id := range jobs {
		if getJob(t, nodes[0], id).Status == "JOB_STATUS_COMPLETED" {
			settled++
		}
	}
	// The blocks whose EndBlocker settled a job: the same block-level events
	// on all four nodes, whether or not a node died around them.
	var settleHeights []int64
	for height := int64(1); height <= h; height++ {
		evs, err := nodes[0].FinalizeBlockEvents(height)
		require.NoError(t, err)
		settles := false
		for _, ev := range evs {
			if strings.Contains(string(ev), `"agij.jobs.v1.EventJob`) &&
				(strings.Contains(string(ev), "EventJobCompleted") || strings.Contains(string(ev), "EventJobRefunded") ||
					strings.Contains(string(ev), "EventJobExpired") || strings.Contains(string(ev), "EventJobCancelled")) {
				settles = true
			}
		}
		if !settles {
			continue
		}
		settleHeights = append(settleHeights, height)
		for i, other := range nodes[1:] {
			got, err := other.FinalizeBlockEvents(height)
			require.NoError(t, err)
			require.Equal(t, len(evs), len(got), "node%d: block-level events at settlement height %d", i+1, height)
			for k := range evs {
				require.JSONEq(t, string(evs[k]), string(got[k]), "node%d: block-level event %d at settlement height %d", i+1, k, height)
			}
		}
	}
	near := 0
	for _, kh := range killHeights {
		for _, sh := range settleHeights {
			if sh >= kh && sh <= kh+2 {
				near++
				break
			}
		}
	}
	t.Logf("kill heights %v; EndBlocker settlement heights %v (identical block events on all 4); kills whose last seen height h has a settlement at h, h+1 or h+2: %d", killHeights, settleHeights, near)
	t.Logf("survived %d cycle(s) (seed %d) in %s: %d txs verified on all 4 nodes, common height %d, app hash %s; jobs created %d, approved %d, settled by the EndBlocker %d; broadcasts refused %d, lost %d",
		cycles, seed, time.Since(began).Round(time.Second), n, h, app, created, len(jobs), settled, s.refused.Load(), s.lost.Load())
}
