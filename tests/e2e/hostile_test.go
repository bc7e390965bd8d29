package e2e_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"

	"github.com/agijobmanager/agij/testutil/e2e"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// txOutcome is a transaction's result as CheckTx or the block reported it.
type txOutcome struct {
	TxHash    string `json:"txhash"`
	Code      uint32 `json:"code"`
	Codespace string `json:"codespace"`
	RawLog    string `json:"raw_log"`
}

func (o txOutcome) String() string {
	return fmt.Sprintf("code %d codespace %q: %s", o.Code, o.Codespace, o.RawLog)
}

// requireRefused checks a refusal's codespace, code and message.
func requireRefused(t *testing.T, what string, got txOutcome, codespace string, code uint32, msg string) {
	t.Helper()
	require.Equal(t, codespace, got.Codespace, "%s: %s", what, got)
	require.Equal(t, code, got.Code, "%s: %s", what, got)
	require.Contains(t, got.RawLog, msg, "%s: %s", what, got)
}

// agijd runs the binary with --home first, so that args may end with
// "-- <positional args>" (a negative amount is not a flag then).
func agijd(c *e2e.Chain, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Bin, append([]string{"--home", c.Home}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("%w: %s%s", err, stderr.String(), stdout.String())
	}
	return stdout.Bytes(), nil
}

// cliSend broadcasts a tx with the CLI (sync mode) and returns what CheckTx
// said; err is set when the CLI refused to build the tx at all.
func cliSend(t *testing.T, c *e2e.Chain, args ...string) (txOutcome, error) {
	t.Helper()
	flags := []string{"-y", "-o", "json"}
	i := len(args)
	for k, a := range args {
		if a == "--" {
			i = k
			break
		}
	}
	full := append(append(append([]string{}, args[:i]...), flags...), args[i:]...)
	out, err := agijd(c, full...)
	if err != nil {
		return txOutcome{}, err
	}
	var res txOutcome
	require.NoError(t, json.Unmarshal(out, &res), "tx output: %s", out)
	return res, nil
}

// cliRefusedByCLI requires the CLI itself to refuse the input (nothing is
// broadcast) with a message containing msg.
func cliRefusedByCLI(t *testing.T, c *e2e.Chain, msg string, args ...string) {
	t.Helper()
	res, err := cliSend(t, c, args...)
	require.Error(t, err, "the CLI must refuse %v, got %s", args, res)
	require.Contains(t, err.Error(), msg)
}

// restDo sends a request to the REST API and returns the status and body.
func restDo(t *testing.T, c *e2e.Chain, method, path string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, fmt.Sprintf("http://127.0.0.1:%d%s", c.APIPort, path), bytes.NewReader(body))
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "%s %s", method, path)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, out
}

// waitDelivered polls REST until the tx is in a block and returns its result.
func waitDelivered(t *testing.T, c *e2e.Chain, hash string) txOutcome {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		code, body := restDo(t, c, http.MethodGet, "/cosmos/tx/v1beta1/txs/"+hash, nil)
		if code == http.StatusOK {
			var res struct {
				TxResponse txOutcome `json:"tx_response"`
			}
			require.NoError(t, json.Unmarshal(body, &res))
			return res.TxResponse
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("tx %s not in a block within 30s", hash)
	return txOutcome{}
}

// broadcastREST posts tx bytes to the REST broadcast endpoint.
func broadcastREST(t *testing.T, c *e2e.Chain, txBytes []byte) (int, []byte, txOutcome) {
	t.Helper()
	body, err := json.Marshal(map[string]string{"tx_bytes": base64.StdEncoding.EncodeToString(txBytes), "mode": "BROADCAST_MODE_SYNC"})
	require.NoError(t, err)
	code, out := restDo(t, c, http.MethodPost, "/cosmos/tx/v1beta1/txs", body)
	var res struct {
		TxResponse txOutcome `json:"tx_response"`
	}
	if code == http.StatusOK {
		require.NoError(t, json.Unmarshal(out, &res), "%s", out)
	}
	return code, out, res.TxResponse
}

// rawSigner signs transactions in process with the localnet's test keyring,
// bypassing every check of the CLI, as a hostile client would.
type rawSigner struct {
	c       *e2e.Chain
	kr      keyring.Keyring
	chainID string
	addrs   map[string]string // key name -> agij1… address
}

func newRawSigner(t *testing.T, c *e2e.Chain, addrs map[string]string) *rawSigner {
	t.Helper()
	reg := codectypes.NewInterfaceRegistry()
	cryptocodec.RegisterInterfaces(reg)
	kr, err := keyring.New("agij", keyring.BackendTest, c.Home, nil, codec.NewProtoCodec(reg))
	require.NoError(t, err)
	var st struct {
		NodeInfo struct {
			Network string `json:"network"`
		} `json:"node_info"`
	}
	require.NoError(t, c.RPCGet("/status", &st))
	return &rawSigner{c: c, kr: kr, chainID: st.NodeInfo.Network, addrs: addrs}
}

// account returns the account number and sequence of addr.
func (s *rawSigner) account(t *testing.T, addr string) (uint64, uint64) {
	t.Helper()
	var res struct {
		Info struct {
			AccountNumber string `json:"account_number"`
			Sequence      string `json:"sequence"`
		} `json:"info"`
	}
	require.Equal(t, http.StatusOK, s.c.REST("/cosmos/auth/v1beta1/account_info/"+addr, &res))
	num, err := strconv.ParseUint(res.Info.AccountNumber, 10, 64)
	require.NoError(t, err)
	seq, err := strconv.ParseUint(res.Info.Sequence, 10, 64)
	require.NoError(t, err)
	return num, seq
}

// signOpts bend one thing of an otherwise correct signature.
type signOpts struct {
	seqDelta    int64  // added to the account's sequence
	chainID     string // signed instead of the chain's id
	corruptSig  bool   // flip a bit of the signature
	accountAddr string // whose account number and sequence to use (default: the key's)
}

// sign builds and signs (SIGN_MODE_DIRECT) a tx of msgs with key.
func (s *rawSigner) sign(t *testing.T, key string, o signOpts, msgs ...*codectypes.Any) []byte {
	t.Helper()
	rec, err := s.kr.Key(key)
	require.NoError(t, err)
	acc := o.accountAddr
	if acc == "" {
		// Not rec.GetAddress().String(): this process has the SDK's default
		// bech32 prefix, not agij.
		acc = s.addrs[key]
		require.NotEmpty(t, acc, "no address for key %s", key)
	}
	num, seq := s.account(t, acc)
	pub, err := rec.GetPubKey()
	require.NoError(t, err)
	pubAny, err := codectypes.NewAnyWithValue(pub)
	require.NoError(t, err)

	body, err := (&txtypes.TxBody{Messages: msgs}).Marshal()
	require.NoError(t, err)
	authInfo, err := (&txtypes.AuthInfo{
		SignerInfos: []*txtypes.SignerInfo{{
			PublicKey: pubAny,
			ModeInfo:  &txtypes.ModeInfo{Sum: &txtypes.ModeInfo_Single_{Single: &txtypes.ModeInfo_Single{Mode: signingtypes.SignMode_SIGN_MODE_DIRECT}}},
			Sequence:  uint64(int64(seq) + o.seqDelta),
		}},
		Fee: &txtypes.Fee{GasLimit: 400_000},
	}).Marshal()
	require.NoError(t, err)
	chainID := s.chainID
	if o.chainID != "" {
		chainID = o.chainID
	}
	signDoc, err := (&txtypes.SignDoc{BodyBytes: body, AuthInfoBytes: authInfo, ChainId: chainID, AccountNumber: num}).Marshal()
	require.NoError(t, err)
	sig, _, err := s.kr.Sign(key, signDoc, signingtypes.SignMode_SIGN_MODE_DIRECT)
	require.NoError(t, err)
	if o.corruptSig {
		sig[10] ^= 0x01
	}
	raw, err := (&txtypes.TxRaw{BodyBytes: body, AuthInfoBytes: authInfo, Signatures: [][]byte{sig}}).Marshal()
	require.NoError(t, err)
	return raw
}

func anyOf(t *testing.T, msg sdk.Msg) *codectypes.Any {
	t.Helper()
	a, err := codectypes.NewAnyWithValue(msg)
	require.NoError(t, err)
	return a
}

// rawCodec sends and receives gRPC payloads as they are.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

// chainState is what no refused input may change.
type chainState struct {
	Balances map[string]string
	Stats    string
	Job      restJob
}

func snapshot(t *testing.T, c *e2e.Chain, addrs map[string]string, jobID uint64) chainState {
	t.Helper()
	s := chainState{Balances: map[string]string{}}
	for name, addr := range addrs {
		s.Balances[name] = restBalance(t, c, addr).String()
	}
	code, body := restDo(t, c, http.MethodGet, "/agij/jobs/v1/stats", nil)
	require.Equal(t, http.StatusOK, code, "%s", body)
	s.Stats = string(body)
	s.Job = getJob(t, c, jobID)
	requireBalanced(t, c)
	return s
}

// TestHostileInput sends malformed and hostile transactions and queries to a
// real node (issue 7 item 6): wrong types, huge strings, negative and
// overflowing amounts, unknown job ids, unauthorized signers, bad
// signatures, replayed transactions, garbage over REST, gRPC and CometBFT
// RPC. Each gets a specific error (codespace and code, or HTTP/gRPC status,
// and message); balances, the job counts and the escrow accounting do not
// change; and afterwards the node still makes blocks and serves.
func TestHostileInput(t *testing.T) {
	bin := e2e.BuildBinary(t) // once per test process, shared with the other tests
	start := time.Now()
	c := e2e.StartLocalnet(t, bin)
	t.Logf("localnet up after %s", time.Since(start).Round(time.Millisecond))

	names := []string{"validator", "employer", "agent1", "agent2", "validator1", "validator2", "validator3", "moderator"}
	addrs := map[string]string{}
	for _, n := range names {
		addrs[n] = c.KeyAddress(n)
	}
	var modAcc struct {
		Account struct {
			BaseAccount struct {
				Address string `json:"address"`
			} `json:"base_account"`
		} `json:"account"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/auth/v1beta1/module_accounts/jobs", &modAcc))
	addrs["jobs module"] = modAcc.Account.BaseAccount.Address
	employer := addrs["employer"]

	// A job under review: the target of the authorization cases.
	job := createJobCLI(t, c, "ipfs://spec/hostile", "10000000uagi", "3600", "--from", "employer")
	id := strconv.FormatUint(job, 10)
	jobTx(t, c, "apply", id, "--from", "agent1")
	jobTx(t, c, "request-completion", id, "ipfs://work/hostile", "--from", "agent1")
	before := snapshot(t, c, addrs, job)
	require.Equal(t, "JOB_STATUS_COMPLETION_REQUESTED", before.Job.Status)
	t.Logf("setup done after %s", time.Since(start).Round(time.Millisecond))

	jobsSpace := jobstypes.ModuleName
	invalid := jobstypes.ErrInvalidParams.ABCICode()

	// 1. Malformed messages from the CLI. autocli does not run ValidateBasic,
	// so these reach the node, whose CheckTx refuses them: no block, no fee,
	// no sequence used.
	{
		longURI := "ipfs://" + strings.Repeat("a", 2993)
		for _, tc := range []struct {
			what string
			args []string
			code uint32
			msg  string
		}{
			{"3000-byte spec URI", []string{longURI, "100uagi", "60"}, invalid, "spec_uri must be 1..2048 bytes, got 3000"},
			{"whitespace in the spec URI", []string{"ipfs://a b", "100uagi", "60"}, invalid, "spec_uri must be valid UTF-8 without whitespace"},
			{"tab in the spec URI", []string{"ipfs://a\tb", "100uagi", "60"}, invalid, "without whitespace"},
			{"bad spec hash", []string{"ipfs://x", "100uagi", "60", "--spec-hash", "XYZ"}, invalid, "spec_hash must be empty or 64 lowercase hex digits"},
			{"payout 0", []string{"ipfs://x", "0uagi", "60"}, invalid, "payout must be positive"},
			{"duration 0", []string{"ipfs://x", "100uagi", "0"}, invalid, "duration_seconds must be positive"},
			{"details over 2048 bytes", []string{"ipfs://x", "100uagi", "60", "--details", strings.Repeat("d", 2049)}, invalid, "details must be at most 2048 bytes"},
		} {
			res, err := cliSend(t, c, append(append([]string{"tx", "jobs", "create-job"}, tc.args...), "--from", "employer")...)
			require.NoError(t, err, tc.what)
			requireRefused(t, tc.what, res, jobsSpace, tc.code, tc.msg)
		}
		res, err := cliSend(t, c, "tx", "jobs", "apply", "0", "--from", "agent2")
		require.NoError(t, err)
		requireRefused(t, "job id 0", res, jobsSpace, invalid, "job_id must be positive")
		res, err = cliSend(t, c, "tx", "jobs", "dispute", id, "--reason", strings.Repeat("r", 2049), "--from", "employer")
		require.NoError(t, err)
		requireRefused(t, "reason over 2048 bytes", res, jobsSpace, invalid, "reason must be at most 2048 bytes")

		// An amount beyond 256 bits: the node cannot even decode the tx.
		res, err = cliSend(t, c, "tx", "jobs", "create-job", "ipfs://x", "1"+strings.Repeat("0", 80)+"uagi", "60", "--from", "employer")
		require.NoError(t, err)
		requireRefused(t, "payout 10^80", res, sdkerrors.ErrTxDecode.Codespace(), sdkerrors.ErrTxDecode.ABCICode(), "integer out of range")

		// What the CLI cannot even encode.
		cliRefusedByCLI(t, c, `invalid argument "-5uagi"`, "tx", "jobs", "create-job", "--from", "employer", "--", "ipfs://x", "-5uagi", "60")
		cliRefusedByCLI(t, c, `invalid argument "-1"`, "tx", "jobs", "create-job", "--from", "employer", "--", "ipfs://x", "100uagi", "-1")
		cliRefusedByCLI(t, c, `invalid argument "abc"`, "tx", "jobs", "apply", "abc", "--from", "agent2")
		cliRefusedByCLI(t, c, `invalid argument "maybe"`, "tx", "jobs", "resolve-dispute", id, "maybe", "--from", "moderator")
	}
	t.Logf("CheckTx refusals done after %s", time.Since(start).Round(time.Millisecond))

	// 2. Well-formed messages the handlers refuse: they are included in a
	// block and fail there. One signer each, so they share the next block.
	{
		type deliver struct {
			what       string
			args       []string
			code       uint32
			msg        string
			txHash     string
			checkTxLog string
		}
		cases := []*deliver{
			{what: "payout 10^39 above max_job_payout", code: invalid, msg: "exceeds max_job_payout",
				args: []string{"tx", "jobs", "create-job", "ipfs://x", "1" + strings.Repeat("0", 39) + "uagi", "60", "--from", "moderator"}},
			{what: "wrong denom", code: invalid, msg: "payout must be in uagi, got 5stake",
				args: []string{"tx", "jobs", "create-job", "ipfs://x", "5stake", "60", "--from", "agent1"}},
			{what: "apply to unknown job 999", code: jobstypes.ErrJobNotFound.ABCICode(), msg: "job 999 does not exist",
				args: []string{"tx", "jobs", "apply", "999", "--from", "agent2"}},
			{what: "finalize unknown job 999", code: jobstypes.ErrJobNotFound.ABCICode(), msg: "job 999 does not exist",
				args: []string{"tx", "jobs", "finalize", "999", "--from", "validator1"}},
			{what: "expire unknown job 999", code: jobstypes.ErrJobNotFound.ABCICode(), msg: "job 999 does not exist",
				args: []string{"tx", "jobs", "expire", "999", "--from", "validator"}},
			{what: "the employer approves its own job", code: jobstypes.ErrSelfDealing.ABCICode(), msg: "is a party to job " + id,
				args: []string{"tx", "jobs", "approve", id, "--from", "employer"}},
			{what: "a non-moderator resolves a dispute", code: jobstypes.ErrUnauthorized.ABCICode(), msg: "may not act as ROLE_MODERATOR",
				args: []string{"tx", "jobs", "resolve-dispute", id, "agent-wins", "--from", "validator2"}},
			{what: "a normal key sets the pauses", code: jobstypes.ErrUnauthorized.ABCICode(), msg: "may set the pauses",
				args: []string{"tx", "jobs", "set-pause", "true", "true", "--no-proposal", "--from", "validator3"}},
		}
		for _, d := range cases {
			res, err := cliSend(t, c, d.args...)
			require.NoError(t, err, d.what)
			require.Zero(t, res.Code, "%s: CheckTx must accept it: %s", d.what, res)
			d.txHash = res.TxHash
		}
		for _, d := range cases {
			requireRefused(t, d.what, waitDelivered(t, c, d.txHash), jobsSpace, d.code, d.msg)
		}
	}
	t.Logf("DeliverTx refusals done after %s", time.Since(start).Round(time.Millisecond))

	// 3. Hand-made transactions, past every client-side check.
	signer := newRawSigner(t, c, addrs)
	ctx := context.Background()
	conn := c.GRPC()
	txClient := txtypes.NewServiceClient(conn)
	send := func(txBytes []byte) txOutcome {
		t.Helper()
		res, err := txClient.BroadcastTx(ctx, &txtypes.BroadcastTxRequest{TxBytes: txBytes, Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC})
		require.NoError(t, err)
		return txOutcome{TxHash: res.TxResponse.TxHash, Code: res.TxResponse.Code, Codespace: res.TxResponse.Codespace, RawLog: res.TxResponse.RawLog}
	}
	{
		negative := &jobstypes.MsgCreateJob{Employer: employer, SpecUri: "ipfs://x", Payout: sdk.Coin{Denom: "uagi", Amount: math.NewInt(-5)}, DurationSeconds: 60}
		requireRefused(t, "negative payout", send(signer.sign(t, "employer", signOpts{}, anyOf(t, negative))),
			jobsSpace, invalid, "negative coin amount")

		nilPayout := &jobstypes.MsgCreateJob{Employer: employer, SpecUri: "ipfs://x", DurationSeconds: 60}
		requireRefused(t, "no payout", send(signer.sign(t, "employer", signOpts{}, anyOf(t, nilPayout))),
			jobsSpace, invalid, "invalid denom")

		badUTF8 := &jobstypes.MsgCreateJob{Employer: employer, SpecUri: "ipfs://\xff\xfe", Payout: sdk.NewInt64Coin("uagi", 5), DurationSeconds: 60}
		requireRefused(t, "invalid UTF-8 in the spec URI", send(signer.sign(t, "employer", signOpts{}, anyOf(t, badUTF8))),
			jobsSpace, invalid, "spec_uri must be valid UTF-8")

		badSigner := &jobstypes.MsgApplyForJob{Agent: "agij1notanaddress", JobId: job}
		requireRefused(t, "a signer that is not an address", send(signer.sign(t, "agent2", signOpts{}, anyOf(t, badSigner))),
			sdkerrors.RootCodespace, sdkerrors.ErrInvalidAddress.ABCICode(), `agent "agij1notanaddress"`)

		// Wrong types: an unknown type URL, and MsgCreateJob's bytes under
		// MsgApplyForJob's URL.
		res := send(signer.sign(t, "employer", signOpts{}, &codectypes.Any{TypeUrl: "/agij.jobs.v1.MsgNoSuchThing", Value: []byte{0x08, 0x01}}))
		requireRefused(t, "unknown message type", res, sdkerrors.ErrTxDecode.Codespace(), sdkerrors.ErrTxDecode.ABCICode(), "MsgNoSuchThing")
		createBytes, err := (&jobstypes.MsgCreateJob{Employer: employer, SpecUri: "ipfs://x", Payout: sdk.NewInt64Coin("uagi", 5), DurationSeconds: 60}).Marshal()
		require.NoError(t, err)
		requireRefused(t, "MsgCreateJob bytes under MsgApplyForJob's type URL",
			send(signer.sign(t, "employer", signOpts{}, &codectypes.Any{TypeUrl: "/agij.jobs.v1.MsgApplyForJob", Value: createBytes})),
			sdkerrors.ErrTxDecode.Codespace(), sdkerrors.ErrTxDecode.ABCICode(), "errUnknownField")

		// A payout beyond 256 bits, written as protobuf by hand.
		coin := protowire.AppendTag(nil, 1, protowire.BytesType)
		coin = protowire.AppendString(coin, "uagi")
		coin = protowire.AppendTag(coin, 2, protowire.BytesType)
		coin = protowire.AppendString(coin, "1"+strings.Repeat("0", 100))
		huge := protowire.AppendTag(nil, 1, protowire.BytesType)
		huge = protowire.AppendString(huge, employer)
		huge = protowire.AppendTag(huge, 2, protowire.BytesType)
		huge = protowire.AppendString(huge, "ipfs://x")
		huge = protowire.AppendTag(huge, 4, protowire.BytesType)
		huge = protowire.AppendBytes(huge, coin)
		huge = protowire.AppendTag(huge, 5, protowire.VarintType)
		huge = protowire.AppendVarint(huge, 60)
		res = send(signer.sign(t, "employer", signOpts{}, &codectypes.Any{TypeUrl: "/agij.jobs.v1.MsgCreateJob", Value: huge}))
		requireRefused(t, "payout 10^100", res, sdkerrors.ErrTxDecode.Codespace(), sdkerrors.ErrTxDecode.ABCICode(), "integer out of range")

		// Unauthorized signers: agent2 signs the employer's cancel; a
		// signature over another chain id; a corrupted signature; a stale
		// sequence (a replayed signature).
		cancel := anyOf(t, &jobstypes.MsgCancelJob{Employer: employer, JobId: job})
		requireRefused(t, "agent2 signs the employer's cancel", send(signer.sign(t, "agent2", signOpts{accountAddr: employer}, cancel)),
			sdkerrors.RootCodespace, sdkerrors.ErrInvalidPubKey.ABCICode(), "pubKey does not match signer address "+employer)
		requireRefused(t, "another chain's signature", send(signer.sign(t, "employer", signOpts{chainID: "agij-other-1"}, cancel)),
			sdkerrors.RootCodespace, sdkerrors.ErrUnauthorized.ABCICode(), "signature verification failed")
		requireRefused(t, "corrupted signature", send(signer.sign(t, "employer", signOpts{corruptSig: true}, cancel)),
			sdkerrors.RootCodespace, sdkerrors.ErrUnauthorized.ABCICode(), "signature verification failed")
		requireRefused(t, "stale sequence", send(signer.sign(t, "employer", signOpts{seqDelta: -1}, cancel)),
			sdkerrors.RootCodespace, sdkerrors.ErrWrongSequence.ABCICode(), "account sequence mismatch")

		// No messages, and garbage bytes.
		requireRefused(t, "a tx without messages", send(signer.sign(t, "employer", signOpts{})),
			sdkerrors.RootCodespace, sdkerrors.ErrInvalidRequest.ABCICode(), "must contain at least one message")
		garbage := make([]byte, 512)
		_, err = rand.Read(garbage)
		require.NoError(t, err)
		res = send(garbage)
		requireRefused(t, "random bytes over gRPC", res, sdkerrors.ErrTxDecode.Codespace(), sdkerrors.ErrTxDecode.ABCICode(), "tx parse error")
		_, err = txClient.BroadcastTx(ctx, &txtypes.BroadcastTxRequest{Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC})
		require.Equal(t, codes.InvalidArgument, status.Code(err), "empty tx bytes: %v", err)
		_, err = txClient.Simulate(ctx, &txtypes.SimulateRequest{TxBytes: garbage})
		require.Error(t, err, "simulating garbage")
		require.Contains(t, err.Error(), "tx parse error")
	}
	t.Logf("hand-made transactions done after %s", time.Since(start).Round(time.Millisecond))

	// 4. The REST and CometBFT RPC broadcast endpoints.
	{
		garbage := make([]byte, 512)
		_, err := rand.Read(garbage)
		require.NoError(t, err)
		code, body, res := broadcastREST(t, c, garbage)
		require.Equal(t, http.StatusOK, code, "%s", body)
		requireRefused(t, "random bytes over REST", res, sdkerrors.ErrTxDecode.Codespace(), sdkerrors.ErrTxDecode.ABCICode(), "tx parse error")

		big := make([]byte, 1_100_000)
		_, err = rand.Read(big)
		require.NoError(t, err)
		code, body, res = broadcastREST(t, c, big)
		if code == http.StatusOK {
			require.NotZero(t, res.Code, "a 1.1 MB tx must be refused: %s", res)
			require.Contains(t, strings.ToLower(res.RawLog), "too large", res.String())
		} else {
			require.Equal(t, http.StatusBadRequest, code, "%s", body)
			require.Contains(t, string(body), "too large")
		}

		for _, tc := range []struct {
			what, body, msg string
		}{
			{"not base64", `{"tx_bytes":"!!!notbase64","mode":"BROADCAST_MODE_SYNC"}`, "illegal base64"},
			{"not JSON", `{{{`, "invalid character"},
			{"unknown mode", `{"tx_bytes":"AAAA","mode":"BROADCAST_MODE_NOPE"}`, "BROADCAST_MODE_NOPE"},
			{"a number as tx_bytes", `{"tx_bytes":12,"mode":"BROADCAST_MODE_SYNC"}`, ""},
		} {
			code, body := restDo(t, c, http.MethodPost, "/cosmos/tx/v1beta1/txs", []byte(tc.body))
			require.Equal(t, http.StatusBadRequest, code, "%s: %s", tc.what, body)
			require.Contains(t, string(body), tc.msg, tc.what)
		}

		// Straight to CometBFT's RPC, past the SDK's REST server.
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/broadcast_tx_sync?tx=0x%x", c.RPCPort, garbage[:64]))
		require.NoError(t, err)
		rpcBody, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		var rpc struct {
			Result struct {
				Code      uint32 `json:"code"`
				Codespace string `json:"codespace"`
				Log       string `json:"log"`
			} `json:"result"`
		}
		require.NoError(t, json.Unmarshal(rpcBody, &rpc), "%s", rpcBody)
		require.Equal(t, sdkerrors.ErrTxDecode.ABCICode(), rpc.Result.Code, "%s", rpcBody)
		require.Equal(t, sdkerrors.ErrTxDecode.Codespace(), rpc.Result.Codespace, "%s", rpcBody)
	}

	// 5. Queries with bad input, over REST.
	{
		long := strings.Repeat("x", 10_240)
		for _, tc := range []struct {
			path   string
			status int
			msg    string
		}{
			{"/agij/jobs/v1/jobs/abc", http.StatusBadRequest, `parsing "abc": invalid syntax`},
			{"/agij/jobs/v1/jobs/-1", http.StatusBadRequest, "invalid syntax"},
			{"/agij/jobs/v1/jobs/0", http.StatusBadRequest, "job_id must be positive"},
			{"/agij/jobs/v1/jobs/99999999", http.StatusNotFound, "job 99999999 does not exist"},
			{"/agij/jobs/v1/jobs/18446744073709551616", http.StatusBadRequest, "value out of range"},
			{"/agij/jobs/v1/jobs/99999999/votes", http.StatusNotFound, "job 99999999 does not exist"},
			{"/agij/jobs/v1/jobs/99999999/certificate", http.StatusNotFound, "job 99999999"},
			{"/agij/jobs/v1/jobs?status=NOT_A_STATUS", http.StatusBadRequest, "NOT_A_STATUS is not a valid"},
			{"/agij/jobs/v1/jobs?status=99", http.StatusBadRequest, "99 is not a valid"},
			{"/agij/jobs/v1/jobs?employer=notanaddress", http.StatusBadRequest, `employer "notanaddress"`},
			{"/agij/jobs/v1/jobs?agent=" + employer + "x", http.StatusBadRequest, "agent"},
			{"/agij/jobs/v1/jobs?pagination.limit=-1", http.StatusBadRequest, `parsing "-1"`},
			{"/agij/jobs/v1/jobs?pagination.key=%25%25%25", http.StatusBadRequest, ""},
			{"/agij/jobs/v1/jobs?employer=" + long, http.StatusBadRequest, "employer"},
			{"/agij/reputation/v1/reputation/" + long, http.StatusBadRequest, ""},
			{"/agij/allowlist/v1/authorized/ROLE_NOPE/" + employer, http.StatusBadRequest, "ROLE_NOPE"},
		} {
			code, body := restDo(t, c, http.MethodGet, tc.path, nil)
			shown := tc.path
			if len(shown) > 100 {
				shown = shown[:100] + "…"
			}
			require.Equal(t, tc.status, code, "GET %s: %.300s", shown, body)
			var e struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			}
			require.NoError(t, json.Unmarshal(body, &e), "GET %s: %.300s", shown, body)
			require.NotZero(t, e.Code, "GET %s: a gRPC status code", shown)
			require.Contains(t, e.Message, tc.msg, "GET %s", shown)
		}
		// An unknown query parameter is ignored, a huge one too.
		code, body := restDo(t, c, http.MethodGet, "/agij/jobs/v1/jobs?junk="+long, nil)
		require.Equal(t, http.StatusOK, code, "%.300s", body)
		// A sane page still works after all that.
		var page struct {
			Jobs []json.RawMessage `json:"jobs"`
		}
		require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/jobs?employer="+employer+"&pagination.limit=1", &page))
		require.Len(t, page.Jobs, 1)
	}

	// 6. Queries with bad input, over gRPC: empty and garbage payloads, an
	// unknown method, out-of-range values.
	{
		q := jobstypes.NewQueryClient(conn)
		_, err := q.Job(ctx, &jobstypes.QueryJobRequest{})
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
		require.Contains(t, err.Error(), "job_id must be positive")
		_, err = q.Job(ctx, &jobstypes.QueryJobRequest{JobId: 99_999_999})
		require.Equal(t, codes.NotFound, status.Code(err), "%v", err)
		_, err = q.Jobs(ctx, &jobstypes.QueryJobsRequest{Employer: "notanaddress"})
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
		_, err = q.Jobs(ctx, &jobstypes.QueryJobsRequest{Status: jobstypes.JobStatus(99)})
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
		require.Contains(t, err.Error(), "unknown status 99")
		_, err = q.Votes(ctx, &jobstypes.QueryVotesRequest{JobId: 99_999_999})
		require.Equal(t, codes.NotFound, status.Code(err), "%v", err)

		raw := func(method string, in []byte) error {
			var out []byte
			return conn.Invoke(ctx, method, &in, &out, grpc.ForceCodec(rawCodec{}))
		}
		// An empty payload decodes to the empty request: id 0.
		err = raw("/agij.jobs.v1.Query/Job", nil)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
		// Garbage does not decode.
		for _, in := range [][]byte{{0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f}, {0x08}, {0xff, 0xff, 0xff}, bytes.Repeat([]byte{0x08, 0x80}, 1000)} {
			err = raw("/agij.jobs.v1.Query/Job", in)
			require.Error(t, err, "garbage %x", in[:min(len(in), 8)])
			require.Contains(t, []codes.Code{codes.Internal, codes.InvalidArgument}, status.Code(err), "%v", err)
		}
		err = raw("/agij.jobs.v1.Query/NoSuchMethod", nil)
		require.Equal(t, codes.Unimplemented, status.Code(err), "%v", err)
		err = raw("/agij.jobs.v1.Msg/CreateJob", nil)
		require.Error(t, err, "a Msg service method is not a query")
	}
	t.Logf("REST, RPC and gRPC checks done after %s", time.Since(start).Round(time.Millisecond))

	// Nothing changed: balances (every key and the escrow account), the job
	// counts and pauses, the job, and the escrow accounting.
	after := snapshot(t, c, addrs, job)
	require.Equal(t, before, after, "refused input must change nothing")

	// 7. A replayed transaction: signed once, broadcast three times.
	{
		dir := t.TempDir()
		unsigned, err := agijd(c, "tx", "bank", "send", employer, addrs["agent2"], "7uagi", "--generate-only", "-o", "json")
		require.NoError(t, err)
		unsignedPath := filepath.Join(dir, "unsigned.json")
		require.NoError(t, os.WriteFile(unsignedPath, unsigned, 0o600))
		signed, err := agijd(c, "tx", "sign", unsignedPath, "--from", "employer", "-o", "json")
		require.NoError(t, err)
		signedPath := filepath.Join(dir, "signed.json")
		require.NoError(t, os.WriteFile(signedPath, signed, 0o600))

		broadcast := func() txOutcome {
			out, err := agijd(c, "tx", "broadcast", signedPath, "-o", "json")
			require.NoError(t, err)
			var res txOutcome
			require.NoError(t, json.Unmarshal(out, &res), "%s", out)
			return res
		}
		first := broadcast()
		require.Zero(t, first.Code, first.String())
		second := broadcast()
		require.Equal(t, first.TxHash, second.TxHash)
		require.Equal(t, sdkerrors.RootCodespace, second.Codespace, "replay: %s", second)
		require.Contains(t, []uint32{sdkerrors.ErrTxInMempoolCache.ABCICode(), sdkerrors.ErrWrongSequence.ABCICode()}, second.Code, "replay: %s", second)
		require.Zero(t, waitDelivered(t, c, first.TxHash).Code)
		third := broadcast() // after the block
		require.Equal(t, sdkerrors.RootCodespace, third.Codespace, "replay after inclusion: %s", third)
		require.Contains(t, []uint32{sdkerrors.ErrTxInMempoolCache.ABCICode(), sdkerrors.ErrWrongSequence.ABCICode()}, third.Code, "replay after inclusion: %s", third)

		c.WaitForHeight(c.Height()+1, 30*time.Second)
		for name, addr := range addrs {
			want, ok := math.NewIntFromString(before.Balances[name])
			require.True(t, ok)
			switch name {
			case "employer":
				want = want.SubRaw(7)
			case "agent2":
				want = want.AddRaw(7)
			}
			require.Equal(t, want.String(), restBalance(t, c, addr).String(), "%s: the transfer happened exactly once", name)
		}
	}

	// 8. The node still makes blocks and serves: a normal query over REST,
	// gRPC and the CLI, and a normal transaction.
	h := c.Height()
	c.WaitForHeight(h+2, 30*time.Second)
	require.Equal(t, "JOB_STATUS_COMPLETION_REQUESTED", getJob(t, c, job).Status)
	params, err := jobstypes.NewQueryClient(conn).Params(ctx, &jobstypes.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, "uagi", params.Params.PaymentDenom)
	var cliJob struct {
		Job struct {
			Status string `json:"status"`
		} `json:"job"`
	}
	require.NoError(t, json.Unmarshal(c.MustCLI("query", "jobs", "job", id, "-o", "json"), &cliJob))
	require.Equal(t, "JOB_STATUS_COMPLETION_REQUESTED", cliJob.Job.Status)
	ok := c.Tx("tx", "bank", "send", "employer", addrs["agent1"], "1uagi")
	require.Zero(t, ok.Code, ok.RawLog)
	requireBalanced(t, c)
	t.Logf("wall time %s, from the localnet's start", time.Since(start).Round(time.Millisecond))
}
