package e2e

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Kill ends the node at once with SIGKILL to its whole process group, as a
// power cut would, and waits until the process is gone. Its home and log stay
// as they are, for Restart.
func (c *Chain) Kill() {
	c.t.Helper()
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		c.t.Fatalf("node %s did not exit after SIGKILL", c.Home)
	}
}

// Running reports whether the node's process is alive.
func (c *Chain) Running() bool {
	if c.cmd == nil {
		return false
	}
	select {
	case <-c.done:
		return false
	default:
		return true
	}
}

// Restart starts a killed node again with the same command and home
// (`agijd start --home`), appending to the same log. It does not wait for
// blocks.
func (c *Chain) Restart() {
	c.t.Helper()
	if c.Running() {
		c.t.Fatalf("restart of %s: still running", c.Home)
	}
	_, _ = fmt.Fprintf(c.log, "\n===== restart after SIGKILL at %s =====\n", time.Now().Format(time.RFC3339Nano))
	done := make(chan struct{})
	cmd := exec.Command(c.Bin, "start", "--home", c.Home)
	cmd.Stdout, cmd.Stderr = c.log, c.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("restart of %s: %v", c.Home, err)
	}
	c.cmd, c.done = cmd, done
	go func() {
		_ = cmd.Wait() // the exit status is in the log
		close(done)
	}()
}

// Exited reports whether the node's process ended (a crash after restart,
// e.g. an app hash mismatch panics).
func (c *Chain) Exited() bool { return c.cmd != nil && !c.Running() }

// RPCNode is the --node flag value for the node's CometBFT RPC.
func (c *Chain) RPCNode() string { return fmt.Sprintf("tcp://127.0.0.1:%d", c.RPCPort) }

// RPCGet GETs a CometBFT RPC path (e.g. "/tx?hash=0x..") from the node and
// decodes the JSON-RPC "result" into out. It returns an error when the node
// does not answer or answers with a JSON-RPC error.
func (c *Chain) RPCGet(path string, out any) error { return RPCGet(c.RPCPort, path, out) }

// RPCGet is Chain.RPCGet for the CometBFT RPC on loopback port rpcPort.
func RPCGet(rpcPort int, path string, out any) error {
	client := http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(fmt.Sprintf("http://127.0.0.1:%d%s", rpcPort, path))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Data    string `json:"data"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("GET %s: %w: %s", path, err, body)
	}
	if env.Error != nil {
		return fmt.Errorf("GET %s: %s: %s", path, env.Error.Message, env.Error.Data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Result, out)
}

// RPCTx is a delivered transaction as CometBFT's /tx reports it.
type RPCTx struct {
	Hash     string       `json:"hash"`
	Height   string       `json:"height"`
	Index    uint32       `json:"index"`
	TxResult ExecTxResult `json:"tx_result"`
}

// ExecTxResult is the result of one delivered transaction, as /tx and
// /block_results report it.
type ExecTxResult struct {
	Code      uint32 `json:"code"`
	Data      string `json:"data"`
	Log       string `json:"log"`
	GasWanted string `json:"gas_wanted"`
	GasUsed   string `json:"gas_used"`
	Codespace string `json:"codespace"`
	Events    []struct {
		Type       string `json:"type"`
		Attributes []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"attributes"`
	} `json:"events"`
}

// TxByHash looks a transaction up by its hex hash over CometBFT RPC, in the
// node's tx index.
func (c *Chain) TxByHash(hash string) (RPCTx, error) {
	var tx RPCTx
	err := c.RPCGet("/tx?hash=0x"+hash, &tx)
	return tx, err
}

// BlockTxs returns the transactions of block h with their results, keyed by
// upper-case hex hash. It reads /block and /block_results: the node's block
// store and the FinalizeBlock response CometBFT saves before the block
// commits. Unlike the tx index behind /tx, which CometBFT fills after the
// commit, asynchronously, these cannot miss a committed block's
// transactions when the node is killed.
func (c *Chain) BlockTxs(h int64) (map[string]RPCTx, error) {
	var block struct {
		Block struct {
			Data struct {
				Txs []string `json:"txs"` // base64
			} `json:"data"`
		} `json:"block"`
	}
	if err := c.RPCGet(fmt.Sprintf("/block?height=%d", h), &block); err != nil {
		return nil, err
	}
	var results struct {
		TxsResults []ExecTxResult `json:"txs_results"`
	}
	if err := c.RPCGet(fmt.Sprintf("/block_results?height=%d", h), &results); err != nil {
		return nil, err
	}
	txs := block.Block.Data.Txs
	if len(results.TxsResults) != len(txs) {
		return nil, fmt.Errorf("block %d holds %d txs but %d results", h, len(txs), len(results.TxsResults))
	}
	out := make(map[string]RPCTx, len(txs))
	for i, b64 := range txs {
		bz, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("block %d tx %d: %w", h, i, err)
		}
		sum := sha256.Sum256(bz)
		hash := strings.ToUpper(hex.EncodeToString(sum[:]))
		out[hash] = RPCTx{Hash: hash, Height: strconv.FormatInt(h, 10), Index: uint32(i), TxResult: results.TxsResults[i]}
	}
	return out, nil
}

// AppInfo is the application's own view of its last commit (/abci_info).
func (c *Chain) AppInfo() (height int64, appHash string, err error) {
	var info struct {
		Response struct {
			LastBlockHeight  string `json:"last_block_height"`
			LastBlockAppHash string `json:"last_block_app_hash"` // base64
		} `json:"response"`
	}
	if err = c.RPCGet("/abci_info", &info); err != nil {
		return 0, "", err
	}
	height, _ = strconv.ParseInt(info.Response.LastBlockHeight, 10, 64)
	return height, info.Response.LastBlockAppHash, nil
}

// BlockMeta is one block's header digest, from /blockchain.
type BlockMeta struct {
	Height    int64
	BlockHash string
	AppHash   string // hex, the app hash after Height-1
	Results   string // last_results_hash
	NumTxs    int
}

// BlockMetas returns the headers of heights min..max (inclusive) from the
// node, in ascending order.
func (c *Chain) BlockMetas(min, max int64) ([]BlockMeta, error) {
	var metas []BlockMeta
	for lo := min; lo <= max; lo += 20 {
		hi := lo + 19
		if hi > max {
			hi = max
		}
		var res struct {
			BlockMetas []struct {
				BlockID struct {
					Hash string `json:"hash"`
				} `json:"block_id"`
				Header struct {
					Height          string `json:"height"`
					AppHash         string `json:"app_hash"`
					LastResultsHash string `json:"last_results_hash"`
				} `json:"header"`
				NumTxs string `json:"num_txs"`
			} `json:"block_metas"`
		}
		if err := c.RPCGet(fmt.Sprintf("/blockchain?minHeight=%d&maxHeight=%d", lo, hi), &res); err != nil {
			return nil, err
		}
		// /blockchain answers newest first.
		for i := len(res.BlockMetas) - 1; i >= 0; i-- {
			m := res.BlockMetas[i]
			h, _ := strconv.ParseInt(m.Header.Height, 10, 64)
			n, _ := strconv.Atoi(m.NumTxs)
			metas = append(metas, BlockMeta{Height: h, BlockHash: m.BlockID.Hash, AppHash: m.Header.AppHash, Results: m.Header.LastResultsHash, NumTxs: n})
		}
	}
	return metas, nil
}

// KillAll sends SIGKILL to every node's process group first, so they die
// together, then waits until each is gone.
func KillAll(nodes []*Chain) {
	for _, c := range nodes {
		if c.cmd != nil && c.cmd.Process != nil {
			_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		}
	}
	for _, c := range nodes {
		c.Kill()
	}
}

// FinalizeBlockEvents returns the block-level events (BeginBlock and
// EndBlock) of height h from /block_results, raw, in order.
func (c *Chain) FinalizeBlockEvents(h int64) ([]json.RawMessage, error) {
	var res struct {
		Events []json.RawMessage `json:"finalize_block_events"`
	}
	if err := c.RPCGet(fmt.Sprintf("/block_results?height=%d", h), &res); err != nil {
		return nil, err
	}
	return res.Events, nil
}
