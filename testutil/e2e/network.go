package e2e

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Network is a local multi-validator network: one process per node, homes
// written by `agijd testnet init-files` as `make localnet-4` does.
type Network struct {
	Nodes []*Chain
}

// portsFree reports whether every port can be bound on loopback now.
func portsFree(ports ...int) bool {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	for _, p := range ports {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			return false
		}
		ls = append(ls, l)
	}
	return true
}

// networkPorts finds bases for n nodes laid out as init-files does: CometBFT
// ports step by 10 per node (P2P base, RPC base+1, ABCI base+2), REST and
// gRPC by 1.
func networkPorts(t testing.TB, n int) (comet, api, grpc int) {
	t.Helper()
	for range 50 {
		bases := FreePorts(t, 3)
		comet, api, grpc = bases[0], bases[1], bases[2]
		var all []int
		for i := range n {
			all = append(all, comet+10*i, comet+10*i+1, comet+10*i+2, api+i, grpc+i)
		}
		if comet+10*n < 65535 && api+n < 65535 && grpc+n < 65535 && portsFree(all...) {
			return comet, api, grpc
		}
	}
	t.Fatal("no free port range for the network")
	return 0, 0, 0
}

// StartNetwork writes the homes of an n-validator network on free ports,
// starts every node, and waits until all of them have made block 2. The
// nodes stop when the test ends.
func StartNetwork(t testing.TB, bin string, n int) *Network {
	t.Helper()
	root := t.TempDir()
	comet, api, grpcPort := networkPorts(t, n)
	homes := ""
	nw := &Network{}
	for i := range n {
		home := filepath.Join(root, fmt.Sprintf("node%d", i))
		if i > 0 {
			homes += ","
		}
		homes += home
		nw.Nodes = append(nw.Nodes, &Chain{
			t: t, Bin: bin, Home: home,
			RPCPort: comet + 10*i + 1, APIPort: api + i, GRPCPort: grpcPort + i,
			done: make(chan struct{}),
		})
	}
	out, err := exec.Command(bin, "testnet", "init-files", "--homes", homes,
		"--p2p-port", strconv.Itoa(comet), "--rpc-port", strconv.Itoa(comet+1), "--proxy-port", strconv.Itoa(comet+2),
		"--api-port", strconv.Itoa(api), "--grpc-port", strconv.Itoa(grpcPort)).CombinedOutput()
	require.NoError(t, err, "init-files: %s", out)

	for i, c := range nw.Nodes {
		f, err := os.Create(filepath.Join(root, fmt.Sprintf("node%d.log", i)))
		require.NoError(t, err)
		c.log = f
		c.cmd = exec.Command(bin, "start", "--home", c.Home)
		c.cmd.Stdout, c.cmd.Stderr = f, f
		c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		require.NoError(t, c.cmd.Start())
		go func(c *Chain) {
			_ = c.cmd.Wait() // the exit status is in the log
			close(c.done)
		}(c)
		t.Cleanup(c.Stop)
	}
	for _, c := range nw.Nodes {
		c.WaitForHeight(2, 120*time.Second)
	}
	return nw
}
