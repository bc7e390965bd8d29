package bench

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

// bigChain is a localnet started like e2e.StartLocalnet but with a start-up
// timeout fit for a genesis of 100,000 jobs (InitChain alone takes minutes
// on a loaded 2-core machine; e2e.StartLocalnet waits 90 s).
type bigChain struct {
	Home                       string
	RPCPort, APIPort, GRPCPort int
	cmd                        *exec.Cmd
	done                       chan struct{}
}

func startBigLocalnet(t *testing.T, bin string, timeout time.Duration, edit func(map[string]json.RawMessage)) *bigChain {
	t.Helper()
	ports := e2e.FreePorts(t, 5)
	c := &bigChain{Home: filepath.Join(t.TempDir(), "home"), RPCPort: ports[1], APIPort: ports[3], GRPCPort: ports[4], done: make(chan struct{})}
	logf, err := os.Create(filepath.Join(t.TempDir(), "node.log"))
	require.NoError(t, err)
	env := append(os.Environ(), "BIN="+bin, "LOCALNET_HOME="+c.Home,
		"P2P_PORT="+strconv.Itoa(ports[0]), "RPC_PORT="+strconv.Itoa(ports[1]), "PROXY_PORT="+strconv.Itoa(ports[2]),
		"API_PORT="+strconv.Itoa(ports[3]), "GRPC_PORT="+strconv.Itoa(ports[4]))
	script := filepath.Join(e2e.RepoRoot(), "scripts", "localnet.sh")
	initCmd := exec.Command("bash", script)
	initCmd.Env = append(env, "INIT_ONLY=1")
	initCmd.Stdout, initCmd.Stderr = logf, logf
	require.NoError(t, initCmd.Run())

	path := filepath.Join(c.Home, "config", "genesis.json")
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(bz, &doc))
	var appState map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(doc["app_state"], &appState))
	edit(appState)
	doc["app_state"], err = json.Marshal(appState)
	require.NoError(t, err)
	bz, err = json.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, bz, 0o600))
	t.Logf("genesis: %.1f MB", float64(len(bz))/1e6)

	c.cmd = exec.Command("bash", script)
	c.cmd.Env = append(env, "KEEP=1")
	c.cmd.Stdout, c.cmd.Stderr = logf, logf
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, c.cmd.Start())
	go func() { _ = c.cmd.Wait(); close(c.done) }()
	t.Cleanup(c.Stop)
	deadline := time.Now().Add(timeout)
	for c.Height() < 2 {
		select {
		case <-c.done:
			t.Fatalf("node exited; log in %s", logf.Name())
		default:
		}
		require.True(t, time.Now().Before(deadline), "height 2 not reached in %s; log in %s", timeout, logf.Name())
		time.Sleep(time.Second)
	}
	return c
}

// Height is the latest height, or 0 while the node does not answer.
func (c *bigChain) Height() int64 { return e2e.RPCHeight(c.RPCPort) }

// Stop ends the node's process group (SIGTERM, then SIGKILL).
func (c *bigChain) Stop() {
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
	c.cmd = nil
}
