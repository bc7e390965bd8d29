package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/client"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectestutil "github.com/cosmos/cosmos-sdk/codec/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/client/cli"
	"github.com/agijobmanager/agij/x/allowlist/types"
)

var (
	agijCodec = addresscodec.NewBech32Codec("agij")
	// Like agijd's: the interface registry carries the agij address codec, while
	// the process-wide prefixes in this test binary stay "cosmos".
	agijRegistry = codectestutil.CodecOptions{AccAddressPrefix: "agij", ValAddressPrefix: "agijvaloper"}.NewInterfaceRegistry()
)

// run executes `allowlist <args>`. With ac == agijCodec the command finds the agij codec in
// its client context, as under agijd; with nil it has no client context and falls back to
// the global bech32 prefixes.
func run(t *testing.T, ac address.Codec, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := cli.MerkleCmd()
	ctx := context.Background()
	if ac != nil {
		clientCtx := client.Context{}.WithInterfaceRegistry(agijRegistry)
		ctx = context.WithValue(ctx, client.ClientContextKey, &clientCtx)
	}
	var out bytes.Buffer
	cmd.SetContext(ctx)
	cmd.SetArgs(args)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(io.Discard)
	cmd.SilenceUsage = true
	cmd.SilenceErrors = true
	err := cmd.Execute()
	return out.String(), err
}

func genAddrs(seed int64, n int) [][]byte {
	r := rand.New(rand.NewSource(seed))
	out := make([][]byte, n)
	for i := range out {
		out[i] = make([]byte, 20)
		r.Read(out[i])
	}
	return out
}

func bech(t *testing.T, ac address.Codec, a []byte) string {
	t.Helper()
	if ac == nil {
		return sdk.AccAddress(a).String()
	}
	s, err := ac.BytesToString(a)
	require.NoError(t, err)
	return s
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "addrs.txt")
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

// addressFile writes addrs with the clutter real files have: comments, blank
// lines, padding, CRLF endings and a duplicate.
func addressFile(t *testing.T, ac address.Codec, addrs [][]byte) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("# registry export\n\n")
	for i, a := range addrs {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "%s\n", bech(t, ac, a))
		case 1:
			fmt.Fprintf(&b, "  %s\t\r\n", bech(t, ac, a))
		default:
			fmt.Fprintf(&b, "%s\n   \n# comment %d\n", bech(t, ac, a), i)
		}
	}
	fmt.Fprintf(&b, "%s", bech(t, ac, addrs[0])) // duplicate, no final newline
	return writeFile(t, b.String())
}

type proofOut struct {
	Root    string   `json:"root"`
	Address string   `json:"address"`
	Proof   []string `json:"proof"`
}

func checkRootAndProofs(t *testing.T, ac address.Codec, addrs [][]byte) {
	t.Helper()
	file := addressFile(t, ac, addrs)
	want, err := types.MerkleRoot(addrs)
	require.NoError(t, err)

	out, err := run(t, ac, "", "merkle-root", file)
	require.NoError(t, err)
	require.Equal(t, types.FormatHash(want)+"\n", out)

	for _, i := range []int{0, len(addrs) / 2, len(addrs) - 1} {
		member := bech(t, ac, addrs[i])
		out, err := run(t, ac, "", "merkle-proof", file, member)
		require.NoError(t, err)
		require.True(t, strings.HasSuffix(out, "}\n"), out)
		var got proofOut
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.Equal(t, types.FormatHash(want), got.Root)
		require.Equal(t, member, got.Address)
		require.NotNil(t, got.Proof)

		wantProof, err := types.MerkleProof(addrs, addrs[i])
		require.NoError(t, err)
		require.Len(t, got.Proof, len(wantProof))
		proof := make([][32]byte, len(got.Proof))
		for k, s := range got.Proof {
			proof[k], err = types.ParseHash(s)
			require.NoError(t, err)
			require.Equal(t, wantProof[k], proof[k])
		}
		require.True(t, types.VerifyMerkleProof(want, addrs[i], proof))
	}
}

func TestMerkleCommands(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 100, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			checkRootAndProofs(t, agijCodec, genAddrs(int64(n), n))
		})
	}
}

func TestMerkleCommandsGlobalPrefix(t *testing.T) {
	// No client context: sdk.AccAddressFromBech32 and the process-wide prefixes.
	checkRootAndProofs(t, nil, genAddrs(5, 5))
}

func TestMerkleProofSingleAddress(t *testing.T) {
	a := genAddrs(9, 1)[0]
	s := bech(t, agijCodec, a)
	file := writeFile(t, s+"\n")
	out, err := run(t, agijCodec, "", "merkle-proof", file, s)
	require.NoError(t, err)
	leaf := types.MerkleLeaf(a)
	require.Equal(t, fmt.Sprintf(`{"root":%q,"address":%q,"proof":[]}`+"\n", types.FormatHash(leaf), s), out)
}

func TestMerkleStdin(t *testing.T) {
	addrs := genAddrs(3, 4)
	var lines []string
	for _, a := range addrs {
		lines = append(lines, bech(t, agijCodec, a))
	}
	out, err := run(t, agijCodec, strings.Join(lines, "\n"), "merkle-root", "-")
	require.NoError(t, err)
	want, err := types.MerkleRoot(addrs)
	require.NoError(t, err)
	require.Equal(t, types.FormatHash(want)+"\n", out)
}

func TestMerkleCommandErrors(t *testing.T) {
	addrs := genAddrs(11, 3)
	good := make([]string, len(addrs))
	for i, a := range addrs {
		good[i] = bech(t, agijCodec, a)
	}
	outsider := bech(t, agijCodec, genAddrs(12, 1)[0])
	long, err := agijCodec.BytesToString(bytes.Repeat([]byte{1}, 32))
	require.NoError(t, err)
	cosmos, err := addresscodec.NewBech32Codec("cosmos").BytesToString(addrs[0])
	require.NoError(t, err)
	ok := writeFile(t, strings.Join(good, "\n")+"\n")
	badSum := good[1][:len(good[1])-1] + "q"
	if badSum == good[1] {
		badSum = good[1][:len(good[1])-1] + "p"
	}

	cases := []struct {
		name    string
		content string // file content; "" means use ok
		args    func(file string) []string
		wantErr string
	}{
		{
			name:    "bad line",
			content: "# header\n" + good[0] + "\n\nnot-an-address\n" + good[1] + "\n",
			args:    func(f string) []string { return []string{"merkle-root", f} },
			wantErr: `line 4: invalid address "not-an-address"`,
		},
		{
			name:    "bad checksum",
			content: good[0] + "\n" + badSum + "\n",
			args:    func(f string) []string { return []string{"merkle-root", f} },
			wantErr: "line 2: invalid address",
		},
		{
			name:    "other prefix",
			content: good[0] + "\n" + cosmos + "\n",
			args:    func(f string) []string { return []string{"merkle-root", f} },
			wantErr: "line 2: invalid address",
		},
		{
			name:    "32-byte address",
			content: good[0] + "\n" + good[1] + "\n" + long + "\n",
			args:    func(f string) []string { return []string{"merkle-root", f} },
			wantErr: "line 3: " + long + " is 32 bytes",
		},
		{
			name:    "bad line in proof",
			content: good[0] + "\nagij1xyz\n",
			args:    func(f string) []string { return []string{"merkle-proof", f, good[0]} },
			wantErr: "line 2: invalid address",
		},
		{
			name:    "empty file",
			content: "\n# nothing here\n   \n",
			args:    func(f string) []string { return []string{"merkle-root", f} },
			wantErr: "holds no addresses",
		},
		{
			name:    "empty file for proof",
			content: "# nothing\n",
			args:    func(f string) []string { return []string{"merkle-proof", f, good[0]} },
			wantErr: "holds no addresses",
		},
		{
			name:    "unknown address",
			args:    func(f string) []string { return []string{"merkle-proof", f, outsider} },
			wantErr: outsider + " is not in ",
		},
		{
			name:    "invalid member",
			args:    func(f string) []string { return []string{"merkle-proof", f, "agij1nope"} },
			wantErr: `invalid address "agij1nope"`,
		},
		{
			name:    "32-byte member",
			args:    func(f string) []string { return []string{"merkle-proof", f, long} },
			wantErr: "is 32 bytes",
		},
		{
			name:    "missing file",
			args:    func(f string) []string { return []string{"merkle-root", f + ".missing"} },
			wantErr: "no such file",
		},
		{
			name:    "too long a line",
			content: good[0] + "\n" + strings.Repeat("a", 2<<20) + "\n",
			args:    func(f string) []string { return []string{"merkle-root", f} },
			wantErr: "line 2: line too long",
		},
		{
			name:    "no file argument",
			args:    func(string) []string { return []string{"merkle-root"} },
			wantErr: "accepts 1 arg",
		},
		{
			name:    "no address argument",
			args:    func(f string) []string { return []string{"merkle-proof", f} },
			wantErr: "accepts 2 arg",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := ok
			if tc.content != "" {
				file = writeFile(t, tc.content)
			}
			out, err := run(t, agijCodec, "", tc.args(file)...)
			require.ErrorContains(t, err, tc.wantErr)
			require.Empty(t, out)
		})
	}
}

func TestMerkleLargeFileParallelDecode(t *testing.T) {
	// Big enough to be decoded in parallel chunks; force several chunks on any machine.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	addrs := genAddrs(77, 10_000)
	checkRootAndProofs(t, agijCodec, addrs)

	lines := make([]string, len(addrs))
	for i, a := range addrs {
		lines[i] = bech(t, agijCodec, a)
	}
	lines[9000] = "agij1bad9000"
	lines[3000] = "agij1bad3000"
	_, err := run(t, agijCodec, "", "merkle-root", writeFile(t, strings.Join(lines, "\n")))
	require.ErrorContains(t, err, `line 3001: invalid address "agij1bad3000"`)
}
