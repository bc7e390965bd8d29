// Package e2e drives a real agijd binary and real CometBFT nodes from Go
// tests: it builds the binary, starts a local chain the way `make localnet`
// does (scripts/localnet.sh on free ports) and talks to it over the CLI,
// REST and gRPC.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
)

// RepoRoot is the repository's top directory.
func RepoRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("cannot locate testutil/e2e")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

// RemoveBinary deletes what BuildBinary built; call it from TestMain after
// m.Run.
func RemoveBinary() {
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
}

// Main is the TestMain of a package that uses BuildBinary: it runs the
// tests, deletes the binary and exits with their code.
func Main(m *testing.M) {
	code := m.Run()
	RemoveBinary()
	os.Exit(code)
}

// BuildBinary builds agijd once per test process (make build) into a
// temporary directory and returns its path.
func BuildBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "agijd-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		buildDir = dir
		buildBin = filepath.Join(dir, "agijd")
		// The same build as a user's: make build, with version information.
		cmd := exec.Command("make", "build", "BINDIR="+dir)
		cmd.Dir = RepoRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("make build: %w\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return buildBin
}

// Chain is a running single-validator local chain.
type Chain struct {
	t    testing.TB
	Bin  string
	Home string
	// Ports on 127.0.0.1.
	RPCPort, APIPort, GRPCPort int

	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
}

// FreePorts returns n distinct TCP ports on loopback that were free a moment
// ago (each was bound, then released), for nodes a test starts.
func FreePorts(t testing.TB, n int) []int {
	t.Helper()
	ports := make([]int, 0, n)
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		require.NoError(t, l.Close())
	}
	return ports
}

// GenesisEdit changes the localnet's genesis before its first start.
// appState maps each module name to its genesis JSON; the edit may replace
// entries. c.Home holds the keys, so c.KeyAddress works inside an edit.
type GenesisEdit func(c *Chain, appState map[string]json.RawMessage)

// StartLocalnet runs scripts/localnet.sh, as `make localnet` does, in a fresh
// home on free ports, and waits for the second block. With edits, it first
// creates the chain without starting it (INIT_ONLY=1), applies the edits to
// config/genesis.json, then starts it (KEEP=1). The node is stopped when the
// test ends; its log is printed if the test failed.
func StartLocalnet(t testing.TB, bin string, edits ...GenesisEdit) *Chain {
	t.Helper()
	return startLocalnet(t, bin, nil, edits)
}

// StartDemoLocalnet is StartLocalnet with DEMO=1, as `make localnet` runs
// it: scripts/localnet-demo.sh posts the demo jobs in the background
// (c.Home/demo.log says when it is done).
func StartDemoLocalnet(t testing.TB, bin string) *Chain {
	t.Helper()
	return startLocalnet(t, bin, []string{"DEMO=1"}, nil)
}

func startLocalnet(t testing.TB, bin string, extraEnv []string, edits []GenesisEdit) *Chain {
	t.Helper()
	ports := FreePorts(t, 5)
	c := &Chain{
		t:        t,
		Bin:      bin,
		Home:     filepath.Join(t.TempDir(), "home"),
		RPCPort:  ports[1],
		APIPort:  ports[3],
		GRPCPort: ports[4],
		done:     make(chan struct{}),
	}
	logPath := filepath.Join(t.TempDir(), "node.log")
	f, err := os.Create(logPath)
	require.NoError(t, err)
	c.log = f
	env := append(os.Environ(),
		"BIN="+bin,
		"LOCALNET_HOME="+c.Home,
		"P2P_PORT="+strconv.Itoa(ports[0]),
		"RPC_PORT="+strconv.Itoa(ports[1]),
		"PROXY_PORT="+strconv.Itoa(ports[2]),
		"API_PORT="+strconv.Itoa(ports[3]),
		"GRPC_PORT="+strconv.Itoa(ports[4]),
	)
	env = append(env, extraEnv...)
	script := filepath.Join(RepoRoot(), "scripts", "localnet.sh")

	if len(edits) > 0 {
		initCmd := exec.Command("bash", script)
		initCmd.Env = append(env, "INIT_ONLY=1")
		initCmd.Stdout, initCmd.Stderr = f, f
		require.NoError(t, initCmd.Run(), "localnet.sh INIT_ONLY=1 failed; see %s", logPath)
		c.editGenesis(edits)
		env = append(env, "KEEP=1")
	}

	c.cmd = exec.Command("bash", script)
	c.cmd.Env = env
	c.cmd.Stdout, c.cmd.Stderr = f, f
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, c.cmd.Start())
	go func() {
		_ = c.cmd.Wait() // the exit status is in the log
		close(c.done)
	}()
	t.Cleanup(c.Stop)

	c.WaitForHeight(2, 90*time.Second)
	return c
}

// editGenesis applies edits to the app state of config/genesis.json; the
// other top-level fields are kept as they are.
func (c *Chain) editGenesis(edits []GenesisEdit) {
	c.t.Helper()
	path := filepath.Join(c.Home, "config", "genesis.json")
	bz, err := os.ReadFile(path)
	require.NoError(c.t, err)
	var doc map[string]json.RawMessage
	require.NoError(c.t, json.Unmarshal(bz, &doc))
	var appState map[string]json.RawMessage
	require.NoError(c.t, json.Unmarshal(doc["app_state"], &appState))
	for _, edit := range edits {
		edit(c, appState)
	}
	doc["app_state"], err = json.Marshal(appState)
	require.NoError(c.t, err)
	bz, err = json.MarshalIndent(doc, "", "  ")
	require.NoError(c.t, err)
	require.NoError(c.t, os.WriteFile(path, bz, 0o600))
}

// Stop ends the node (SIGTERM, then SIGKILL) and dumps its log on failure.
func (c *Chain) Stop() {
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
	_ = c.log.Close()
	if c.t.Failed() {
		if bz, err := os.ReadFile(c.log.Name()); err == nil {
			if len(bz) > 20000 {
				bz = bz[len(bz)-20000:]
			}
			c.t.Logf("node log (tail):\n%s", bz)
		}
	}
	c.cmd = nil
}

// Height is the latest block height over CometBFT RPC, or 0 when the node
// does not answer yet.
func (c *Chain) Height() int64 { return RPCHeight(c.RPCPort) }

// RPCHeight is the latest block height of the node whose CometBFT RPC listens
// on 127.0.0.1:rpcPort, or 0 when it does not answer.
func RPCHeight(rpcPort int) int64 {
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/status", rpcPort))
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	var st struct {
		Result struct {
			SyncInfo struct {
				LatestBlockHeight string `json:"latest_block_height"`
			} `json:"sync_info"`
		} `json:"result"`
	}
	if json.NewDecoder(resp.Body).Decode(&st) != nil {
		return 0
	}
	h, _ := strconv.ParseInt(st.Result.SyncInfo.LatestBlockHeight, 10, 64)
	return h
}

// WaitForHeight waits until the chain reaches height h.
func (c *Chain) WaitForHeight(h int64, timeout time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-c.done:
			c.t.Fatalf("node exited before height %d", h)
		default:
		}
		if c.Height() >= h {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.t.Fatalf("height %d not reached in %s (at %d)", h, timeout, c.Height())
}

// CLI runs agijd with the node's home and returns stdout; stderr goes into the error.
func (c *Chain) CLI(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Bin, append(args, "--home", c.Home)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("agijd %s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// MustCLI is CLI that fails the test on error.
func (c *Chain) MustCLI(args ...string) []byte {
	c.t.Helper()
	out, err := c.CLI(args...)
	require.NoError(c.t, err)
	return out
}

// KeyAddress returns the address of a key in the node's test keyring.
func (c *Chain) KeyAddress(name string) string {
	c.t.Helper()
	return strings.TrimSpace(string(c.MustCLI("keys", "show", name, "-a")))
}

// TxResult is the part of a transaction result the tests read.
type TxResult struct {
	TxHash string `json:"txhash"`
	Code   uint32 `json:"code"`
	RawLog string `json:"raw_log"`
	Height string `json:"height"`
}

// Tx broadcasts a transaction with the CLI (adding -y and JSON output),
// waits until it is in a block and returns its result. CheckTx failures
// fail the test; the delivered code is returned for the caller to check.
func (c *Chain) Tx(args ...string) TxResult {
	c.t.Helper()
	out := c.MustCLI(append(args, "-y", "-o", "json")...)
	var res TxResult
	require.NoError(c.t, json.Unmarshal(out, &res), "tx output: %s", out)
	require.Zero(c.t, res.Code, "CheckTx refused the tx: %s", res.RawLog)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		out, err := c.CLI("query", "tx", res.TxHash, "-o", "json")
		if err == nil {
			var delivered TxResult
			require.NoError(c.t, json.Unmarshal(out, &delivered))
			return delivered
		}
		time.Sleep(300 * time.Millisecond)
	}
	c.t.Fatalf("tx %s not included within 30s", res.TxHash)
	return TxResult{}
}

// REST GETs a path from the node's REST API and decodes the JSON body into
// out; it returns the HTTP status.
func (c *Chain) REST(path string, out any) int {
	c.t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d%s", c.APIPort, path))
	require.NoError(c.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	if out != nil && resp.StatusCode == http.StatusOK {
		require.NoError(c.t, json.Unmarshal(body, out), "GET %s: %s", path, body)
	}
	return resp.StatusCode
}

// GRPC dials the node's gRPC server; the connection closes with the test.
func (c *Chain) GRPC() *grpc.ClientConn {
	c.t.Helper()
	// The SDK's codec, which knows gogoproto types such as math.Int.
	protoCodec := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", c.GRPCPort),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(protoCodec.GRPCCodec())))
	require.NoError(c.t, err)
	c.t.Cleanup(func() { _ = conn.Close() })
	return conn
}
