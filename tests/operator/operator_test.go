// Package operator_test runs docs/guides/operator.md on real processes: four
// institutions on one machine bring up a network, admit a fourth institution
// and remove one by governance, and upgrade the chain with x/upgrade, with
// the guide's own ```sh blocks (see blocks_test.go for the convention).
//
// Each institution is a "machine": its own HOME (so its own ~/.agijd and
// keyring), its own ports, and its own copy of agijd first on PATH. The
// guide's per-machine variables (CHAIN_ID, MONIKER, PUBLIC_IP, the ports,
// SHARED, VOTING_SECONDS, UPGRADE_AFTER_BLOCKS) are set by the test. Four
// node settings differ from what the guide writes, through agijd's AGIJD_*
// environment overrides: p2p.allow_duplicate_ip, p2p.addr_book_strict and
// rpc.pprof_laddr, because every node is on 127.0.0.1, and
// consensus.timeout_commit = 1s (a block a second instead of five). `make
// build` runs with BINDIR set to a temporary directory.
//
// Between the guide's steps the test checks the chain itself (REST, RPC and
// the node logs): the validator set, the memberships, the proposals, the
// jailing, the halt at the upgrade height and the upgrade being applied.
package operator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

const (
	guidePath          = "docs/guides/operator.md"
	chainID            = "agij-de-1"
	votingSeconds      = 30
	upgradeAfterBlocks = 60
	upgradeName        = "v2-demo"
)

// institutions in the order the guide introduces them; inst-d joins later.
var institutions = []string{"inst-a", "inst-b", "inst-c", "inst-d"}

// guideVars are the variables the guide's norun block lists and the test sets.
var guideVars = []string{"CHAIN_ID", "MONIKER", "PUBLIC_IP", "P2P_PORT", "RPC_PORT", "API_PORT", "GRPC_PORT",
	"SHARED", "VOTING_SECONDS", "UPGRADE_AFTER_BLOCKS"}

// machine is where blocks run: an institution, or the repository.
type machine struct {
	name string
	home string // HOME; the working directory of its blocks
	dir  string
	env  []string
	// Ports on 127.0.0.1 (institutions only).
	p2p, rpc, api, grpc int
}

type runner struct {
	t        *testing.T
	blocks   []block
	headings map[string]int
	next     int // the next block to run

	root, shared, bindir string
	repo                 *machine
	machines             map[string]*machine
	deferred             map[string][]int // institution -> blocks it runs when it joins
	outputs              map[string]string
	txsChecked           int
}

func TestOperatorGuide(t *testing.T) {
	if testing.Short() {
		t.Skip("starts four nodes and builds agijd twice")
	}
	for _, tool := range []string{"bash", "jq", "curl", "sha256sum", "make", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	start := time.Now()
	r := newRunner(t)

	// Build: the guide's `make build`, then agijd on every machine's PATH.
	r.runUntilHeading("## Try it locally")
	r.installBinary(filepath.Join(r.bindir, "agijd"))

	// A national network of inst-a, inst-b, inst-c.
	r.runUntilHeading("## Adding an institution")
	a := r.machines["inst-a"]
	r.requireValidators(a, map[string]string{"inst-a": bonded, "inst-b": bonded, "inst-c": bonded})
	for _, name := range institutions[:3] {
		m := r.machines[name]
		require.True(t, r.authorized(a, r.address(m), "ROLE_CONSENSUS_VALIDATOR"), name)
		require.True(t, r.authorized(a, r.address(m), "ROLE_MODERATOR"), name)
		waitHeight(t, m, height(m)+2, time.Minute)
	}
	var gov struct {
		Params struct {
			VotingPeriod          string `json:"voting_period"`
			ExpeditedVotingPeriod string `json:"expedited_voting_period"`
		} `json:"params"`
	}
	r.rest(a, "/cosmos/gov/v1/params/voting", &gov)
	require.Equal(t, fmt.Sprintf("%ds", votingSeconds), gov.Params.VotingPeriod)
	require.Equal(t, fmt.Sprintf("%ds", votingSeconds/2), gov.Params.ExpeditedVotingPeriod)
	t.Logf("network up after %s", time.Since(start).Round(time.Second))

	// inst-d joins by governance.
	r.join("inst-d")
	r.runUntilHeading("## Removing an institution")
	refused := r.outputOf(`create-validator validator.json --from "$MONIKER" --gas 300000 -y -o json`, "inst-d")
	require.Contains(t, refused, `[5,"allowlist",`)
	require.Contains(t, refused, "may not create a validator")
	require.Equal(t, "PROPOSAL_STATUS_PASSED", r.proposalStatus(a, 1))
	// Every institution installed the same genesis file.
	genesisHash := strings.Fields(r.outputOf("sha256sum", "inst-a"))[0]
	for _, name := range institutions[1:] {
		require.Equal(t, genesisHash, strings.Fields(r.outputOf("sha256sum", name))[0], name)
	}
	r.requireValidators(a, map[string]string{"inst-a": bonded, "inst-b": bonded, "inst-c": bonded, "inst-d": bonded})
	require.Equal(t, 4, r.cometSetSize(a))
	t.Logf("inst-d joined after %s", time.Since(start).Round(time.Second))

	// inst-c is removed by governance: jailed, out of the set, no unjail.
	r.runUntilHeading("## Upgrades")
	require.Equal(t, "PROPOSAL_STATUS_PASSED", r.proposalStatus(a, 2))
	c := r.machines["inst-c"]
	require.False(t, r.authorized(a, r.address(c), "ROLE_CONSENSUS_VALIDATOR"))
	require.False(t, r.authorized(a, r.address(c), "ROLE_MODERATOR"))
	vals := r.validators(a)
	require.True(t, vals["inst-c"].Jailed)
	require.Equal(t, "BOND_STATUS_UNBONDING", vals["inst-c"].Status)
	require.Equal(t, 3, r.cometSetSize(a))
	unjail := r.outputOf("slashing unjail", "inst-c")
	require.Contains(t, unjail, `[5,"allowlist",`)
	require.Contains(t, unjail, "may not unjail")
	require.Contains(t, unjail, "does not hold ROLE_CONSENSUS_VALIDATOR")
	require.Eventually(t, func() bool { return height(c) == 0 }, 30*time.Second, time.Second, "inst-c's node still answers")
	t.Logf("inst-c removed after %s", time.Since(start).Round(time.Second))

	// The upgrade: the old binary halts at the plan's height.
	r.runUntilBlock(`until grep -q 'UPGRADE "v2-demo" NEEDED'`)
	var plan struct {
		Plan struct {
			Name   string `json:"name"`
			Height string `json:"height"`
		} `json:"plan"`
	}
	r.rest(a, "/cosmos/upgrade/v1beta1/current_plan", &plan)
	require.Equal(t, upgradeName, plan.Plan.Name)
	upgradeHeight, err := strconv.ParseInt(plan.Plan.Height, 10, 64)
	require.NoError(t, err)
	upgraders := []*machine{a, r.machines["inst-b"], r.machines["inst-d"]}
	needed := fmt.Sprintf(`UPGRADE "%s" NEEDED at height: %d`, upgradeName, upgradeHeight)
	for _, m := range upgraders {
		r.waitLog(m, needed, 4*time.Minute)
	}
	// Block H is stored (CometBFT saves it before it applies it) but not
	// applied: the app stays at H-1, and no further block comes.
	time.Sleep(3 * time.Second)
	for _, m := range upgraders {
		require.Equal(t, upgradeHeight, height(m), "%s: the last stored block", m.name)
		require.Equal(t, upgradeHeight-1, appHeight(t, m), "%s: the app's last block", m.name)
		require.True(t, r.nodeRunning(m), "%s: the halted node's process stays up", m.name)
		var info struct {
			Name   string `json:"name"`
			Height int64  `json:"height"`
		}
		bz, err := os.ReadFile(filepath.Join(m.home, ".agijd", "data", "upgrade-info.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(bz, &info), "%s", bz)
		require.Equal(t, upgradeName, info.Name)
		require.Equal(t, upgradeHeight, info.Height)
	}
	t.Logf("halted at %d after %s", upgradeHeight-1, time.Since(start).Round(time.Second))

	// The new binary applies the upgrade and the chain goes on.
	r.runUntilHeading("## The API server: REST, OpenAPI and the dashboard")
	var applied struct {
		Height string `json:"height"`
	}
	r.rest(a, "/cosmos/upgrade/v1beta1/applied_plan/"+upgradeName, &applied)
	require.Equal(t, strconv.FormatInt(upgradeHeight, 10), applied.Height)
	for _, m := range upgraders {
		waitHeight(t, m, upgradeHeight+3, 2*time.Minute)
		r.waitLog(m, fmt.Sprintf(`applying upgrade "%s" at height: %d`, upgradeName, upgradeHeight), 10*time.Second)
		require.Contains(t, r.outputOf("agijd version", m.name), upgradeName)
	}
	require.Contains(t, r.outputOf("q upgrade applied", "inst-a"), strconv.FormatInt(upgradeHeight, 10))
	t.Logf("upgraded after %s", time.Since(start).Round(time.Second))

	// The API server and what to watch.
	r.runRest()
	var accounting struct {
		Balanced bool `json:"balanced"`
	}
	r.rest(a, "/agij/jobs/v1/accounting", &accounting)
	require.True(t, accounting.Balanced)
	require.Contains(t, r.outputOf("/agij/jobs/v1/accounting", "inst-a"), "true")
	r.requireAllRun()
	t.Logf("operator guide: %d blocks, %d transactions checked, %s", len(r.blocks), r.txsChecked, time.Since(start).Round(time.Second))
}

func newRunner(t *testing.T) *runner {
	t.Helper()
	bz, err := os.ReadFile(filepath.Join(e2e.RepoRoot(), guidePath))
	require.NoError(t, err)
	blocks, headings, err := parseBlocks(guidePath, string(bz))
	require.NoError(t, err)
	requireGuideVars(t, blocks)

	// Not t.TempDir: its long names make long paths in every command.
	root, err := os.MkdirTemp("", "agij-operator-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	r := &runner{
		t: t, blocks: blocks, headings: headings,
		root: root, shared: filepath.Join(root, "shared"), bindir: filepath.Join(root, "build"),
		machines: map[string]*machine{}, deferred: map[string][]int{}, outputs: map[string]string{},
	}
	require.NoError(t, os.MkdirAll(r.shared, 0o755))

	base := baseEnv()
	r.repo = &machine{name: "repository", dir: e2e.RepoRoot(),
		env: append(append([]string{}, os.Environ()...), "BINDIR="+r.bindir, "SHARED="+r.shared)}
	ports := e2e.FreePorts(t, 4*len(institutions))
	for i, name := range institutions {
		home := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Join(home, "bin"), 0o755))
		m := &machine{name: name, home: home, dir: home,
			p2p: ports[4*i], rpc: ports[4*i+1], api: ports[4*i+2], grpc: ports[4*i+3]}
		m.env = append(append([]string{}, base...),
			"HOME="+home,
			"PATH="+filepath.Join(home, "bin")+":"+os.Getenv("PATH"),
			"CHAIN_ID="+chainID,
			"MONIKER="+name,
			"PUBLIC_IP=127.0.0.1",
			"P2P_PORT="+strconv.Itoa(m.p2p),
			"RPC_PORT="+strconv.Itoa(m.rpc),
			"API_PORT="+strconv.Itoa(m.api),
			"GRPC_PORT="+strconv.Itoa(m.grpc),
			"SHARED="+r.shared,
			"VOTING_SECONDS="+strconv.Itoa(votingSeconds),
			"UPGRADE_AFTER_BLOCKS="+strconv.Itoa(upgradeAfterBlocks),
			// One machine, many nodes (see the package comment).
			"AGIJD_P2P_ALLOW_DUPLICATE_IP=true",
			"AGIJD_P2P_ADDR_BOOK_STRICT=false",
			"AGIJD_CONSENSUS_TIMEOUT_COMMIT=1s",
			"AGIJD_RPC_PPROF_LADDR=127.0.0.1:0",
		)
		r.machines[name] = m
	}
	t.Cleanup(r.stopNodes)
	return r
}

// baseEnv is the test's environment without what a machine sets itself.
func baseEnv() []string {
	own := map[string]bool{"HOME": true, "PATH": true}
	for _, v := range guideVars {
		own[v] = true
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if own[k] || strings.HasPrefix(k, "AGIJD_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// requireGuideVars checks that the guide's variable block lists exactly the
// variables the test sets for each machine.
func requireGuideVars(t *testing.T, blocks []block) {
	t.Helper()
	exportRe := regexp.MustCompile(`\b([A-Z][A-Z0-9_]*)=`)
	for _, b := range blocks {
		if !b.NoRun || !strings.Contains(b.Text, "export CHAIN_ID=") {
			continue
		}
		var names []string
		for _, line := range strings.Split(b.Text, "\n") {
			if strings.HasPrefix(line, "export ") {
				code, _, _ := strings.Cut(line, "#")
				for _, m := range exportRe.FindAllStringSubmatch(code, -1) {
					names = append(names, m[1])
				}
			}
		}
		require.ElementsMatch(t, guideVars, names, "the guide's variables (block %d) and the test's differ", b.N)
		return
	}
	t.Fatal("the guide has no norun block that exports CHAIN_ID and the other per-machine variables")
}

// installBinary puts agijd first on every institution's PATH. A hard link
// where possible: the guide's `install` replaces the file, not its content.
func (r *runner) installBinary(bin string) {
	r.t.Helper()
	for _, name := range institutions {
		dst := filepath.Join(r.machines[name].home, "bin", "agijd")
		if err := os.Link(bin, dst); err != nil {
			bz, err := os.ReadFile(bin)
			require.NoError(r.t, err)
			require.NoError(r.t, os.WriteFile(dst, bz, 0o755))
		}
	}
}

// runUntil runs the guide's blocks from the next one up to, not including,
// the first for which stop is true.
func (r *runner) runUntil(what string, stop func(b block) bool) {
	r.t.Helper()
	for r.next < len(r.blocks) {
		b := r.blocks[r.next]
		if stop != nil && stop(b) {
			return
		}
		r.next++
		if !b.Run {
			continue
		}
		if b.Repo {
			r.runOn(b, r.repo)
			continue
		}
		for _, name := range b.On {
			m, ok := r.machines[name]
			require.True(r.t, ok, "block %d (line %d) runs on unknown %s", b.N, b.Line, name)
			r.runOn(b, m)
		}
		for _, name := range b.Later {
			r.deferred[name] = append(r.deferred[name], r.next-1)
		}
	}
	if stop != nil {
		r.t.Fatalf("the guide has no %s", what)
	}
}

// runUntilHeading runs every block before the heading.
func (r *runner) runUntilHeading(heading string) {
	r.t.Helper()
	line, ok := r.headings[heading]
	require.True(r.t, ok, "the guide has no heading %q", heading)
	r.runUntil("heading "+heading, func(b block) bool { return b.Line > line })
}

// runUntilBlock runs every block before the first whose text contains s.
func (r *runner) runUntilBlock(s string) {
	r.t.Helper()
	r.runUntil("block with "+s, func(b block) bool { return strings.Contains(b.Text, s) })
}

func (r *runner) runRest() {
	r.t.Helper()
	r.runUntil("", nil)
}

// join runs, on the institution, the blocks it was deferred from.
func (r *runner) join(name string) {
	r.t.Helper()
	require.NotEmpty(r.t, r.deferred[name], "no block runs on %s when it joins", name)
	for _, i := range r.deferred[name] {
		r.runOn(r.blocks[i], r.machines[name])
	}
	delete(r.deferred, name)
}

func (r *runner) requireAllRun() {
	r.t.Helper()
	require.Equal(r.t, len(r.blocks), r.next)
	require.Empty(r.t, r.deferred, "deferred blocks never run")
}

var txHashRe = regexp.MustCompile(`(?m)(?:^txhash: |"txhash":\s*")([0-9A-F]{64})`)

// runOn runs one block with bash on a machine; the block must succeed, and
// every transaction whose hash it prints must be in a block with code 0.
func (r *runner) runOn(b block, m *machine) {
	r.t.Helper()
	timeout := 5 * time.Minute
	if m == r.repo {
		timeout = 12 * time.Minute // a build on a busy machine
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", b.Text)
	cmd.Dir, cmd.Env = m.dir, m.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	began := time.Now()
	err := cmd.Run()
	text := out.String()
	r.outputs[fmt.Sprintf("%d/%s", b.N, m.name)] = text
	shown := text
	if len(shown) > 4000 {
		shown = "…" + shown[len(shown)-4000:]
	}
	r.t.Logf("block %d (line %d, %s) on %s: %s\n%s", b.N, b.Line, b.Heading, m.name, time.Since(began).Round(100*time.Millisecond), shown)
	require.NoError(r.t, err, "%s block %d (line %d) on %s failed:\n%s", guidePath, b.N, b.Line, m.name, b.Text)

	seen := map[string]bool{}
	for _, match := range txHashRe.FindAllStringSubmatch(text, -1) {
		if hash := match[1]; !seen[hash] {
			seen[hash] = true
			r.requireTxOK(m, hash, b)
		}
	}
}

// requireTxOK waits until the transaction is in a block and requires code 0.
func (r *runner) requireTxOK(m *machine, hash string, b block) {
	r.t.Helper()
	var res struct {
		Code   uint32 `json:"code"`
		RawLog string `json:"raw_log"`
	}
	deadline := time.Now().Add(45 * time.Second)
	for {
		out, err := r.cli(m, "q", "tx", hash, "-o", "json")
		if err == nil {
			require.NoError(r.t, json.Unmarshal(out, &res))
			require.Zero(r.t, res.Code, "tx %s of block %d (line %d) on %s failed: %s", hash, b.N, b.Line, m.name, res.RawLog)
			r.txsChecked++
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("tx %s of block %d (line %d) on %s is not in a block: %v", hash, b.N, b.Line, m.name, err)
		}
		time.Sleep(time.Second)
	}
}

// outputOf is the output of the first block containing s, run on the machine.
func (r *runner) outputOf(s, machineName string) string {
	r.t.Helper()
	for _, b := range r.blocks {
		if out, ok := r.outputs[fmt.Sprintf("%d/%s", b.N, machineName)]; ok && strings.Contains(b.Text, s) {
			return out
		}
	}
	r.t.Fatalf("no block with %q ran on %s", s, machineName)
	return ""
}

// cli runs the machine's agijd (as its blocks do) and returns stdout.
func (r *runner) cli(m *machine, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(m.home, "bin", "agijd"), args...)
	cmd.Dir, cmd.Env = m.dir, m.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("agijd %s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes(), nil
}

func (r *runner) address(m *machine) string {
	r.t.Helper()
	bz, err := os.ReadFile(filepath.Join(r.shared, m.name+".address"))
	require.NoError(r.t, err)
	return strings.TrimSpace(string(bz))
}

// rest GETs a path from the machine's REST API and decodes the JSON body.
func (r *runner) rest(m *machine, path string, out any) {
	r.t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d%s", m.api, path))
	require.NoError(r.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(r.t, err)
	require.Equal(r.t, http.StatusOK, resp.StatusCode, "GET %s: %s", path, body)
	require.NoError(r.t, json.Unmarshal(body, out), "GET %s: %s", path, body)
}

func (r *runner) authorized(m *machine, addr, role string) bool {
	r.t.Helper()
	var res struct {
		Authorized bool `json:"authorized"`
	}
	r.rest(m, "/agij/allowlist/v1/authorized/"+role+"/"+addr, &res)
	return res.Authorized
}

func (r *runner) proposalStatus(m *machine, id int) string {
	r.t.Helper()
	var res struct {
		Proposal struct {
			Status string `json:"status"`
		} `json:"proposal"`
	}
	r.rest(m, fmt.Sprintf("/cosmos/gov/v1/proposals/%d", id), &res)
	return res.Proposal.Status
}

const bonded = "BOND_STATUS_BONDED"

type validator struct {
	Status string `json:"status"`
	Jailed bool   `json:"jailed"`
}

// validators maps each validator's moniker to its status.
func (r *runner) validators(m *machine) map[string]validator {
	r.t.Helper()
	var res struct {
		Validators []struct {
			validator
			Description struct {
				Moniker string `json:"moniker"`
			} `json:"description"`
		} `json:"validators"`
	}
	r.rest(m, "/cosmos/staking/v1beta1/validators", &res)
	out := map[string]validator{}
	for _, v := range res.Validators {
		out[v.Description.Moniker] = v.validator
	}
	return out
}

func (r *runner) requireValidators(m *machine, want map[string]string) {
	r.t.Helper()
	got := map[string]string{}
	for moniker, v := range r.validators(m) {
		got[moniker] = v.Status
	}
	require.Equal(r.t, want, got)
}

func (r *runner) cometSetSize(m *machine) int {
	r.t.Helper()
	var res struct {
		Validators []json.RawMessage `json:"validators"`
	}
	r.rest(m, "/cosmos/base/tendermint/v1beta1/validatorsets/latest", &res)
	return len(res.Validators)
}

func height(m *machine) int64 { return e2e.RPCHeight(m.rpc) }

// appHeight is the last height the app committed (CometBFT RPC /abci_info).
func appHeight(t *testing.T, m *machine) int64 {
	t.Helper()
	var res struct {
		Response struct {
			LastBlockHeight string `json:"last_block_height"`
		} `json:"response"`
	}
	require.NoError(t, e2e.RPCGet(m.rpc, "/abci_info", &res))
	h, err := strconv.ParseInt(res.Response.LastBlockHeight, 10, 64)
	require.NoError(t, err)
	return h
}

func waitHeight(t *testing.T, m *machine, h int64, timeout time.Duration) {
	t.Helper()
	require.Eventually(t, func() bool { return height(m) >= h }, timeout, 500*time.Millisecond,
		"%s did not reach height %d (at %d)", m.name, h, height(m))
}

func (r *runner) logPath(m *machine) string { return filepath.Join(m.home, "agijd.log") }

func (r *runner) waitLog(m *machine, s string, timeout time.Duration) {
	r.t.Helper()
	require.Eventually(r.t, func() bool {
		bz, _ := os.ReadFile(r.logPath(m))
		return bytes.Contains(bz, []byte(s))
	}, timeout, time.Second, "%s's log has no %q", m.name, s)
}

// nodePID is the pid in the machine's ~/agijd.pid when that process is an
// `agijd start` still running, else 0.
func nodePID(m *machine) int {
	bz, err := os.ReadFile(filepath.Join(m.home, "agijd.pid"))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(bz)))
	if err != nil || pid <= 0 {
		return 0
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !bytes.Contains(cmdline, []byte("agijd\x00start")) {
		return 0
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err == nil {
		// A zombie (state Z) has exited.
		if fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:])); len(fields) > 0 && fields[0] == "Z" {
			return 0
		}
	}
	return pid
}

func (r *runner) nodeRunning(m *machine) bool { return nodePID(m) != 0 }

// stopNodes ends the nodes the guide started (by the pids in their pid
// files) and prints their logs' tails if the test failed.
func (r *runner) stopNodes() {
	names := make([]string, 0, len(r.machines))
	for name := range r.machines {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		m := r.machines[name]
		if pid := nodePID(m); pid != 0 {
			_ = syscall.Kill(pid, syscall.SIGTERM)
			deadline := time.Now().Add(15 * time.Second)
			for nodePID(m) != 0 && time.Now().Before(deadline) {
				time.Sleep(200 * time.Millisecond)
			}
			if nodePID(m) != 0 {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		if r.t.Failed() {
			if bz, err := os.ReadFile(r.logPath(m)); err == nil {
				if len(bz) > 12000 {
					bz = bz[len(bz)-12000:]
				}
				r.t.Logf("%s: ~/agijd.log (tail):\n%s", name, bz)
			}
		}
	}
}
