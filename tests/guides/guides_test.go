// Package guides_test runs the role guides of docs/guides against a real
// local chain: every ```sh block of a guide is run, in order, with bash, and
// a failing command fails the test with the guide, the block, the line and
// the output. See blocks_test.go for the convention and docs/README.md.
package guides_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

func TestMain(m *testing.M) { e2e.Main(m) }

// guideOrder is the order the guides run in, on one chain. The moderator
// guide accredits the issuer `registry` that the agent and validator guides
// claim roles from; the integrator guide reads a job that an earlier guide
// completed. Each guide waits for its own deadlines.
var guideOrder = []string{"employer", "moderator", "agent", "validator", "integrator"}

// guideTimeout bounds one guide.
const guideTimeout = 6 * time.Minute

// The agijd the guides run: the real binary, except that a transaction sent
// with -y waits for its block (as a person reads the answer before the next
// command), and a transaction refused at broadcast or failed in its block is
// an error, so that no failure passes unnoticed.
const agijdWrapper = `#!/usr/bin/env bash
# agijd for tests/guides: see tests/guides/guides_test.go.
set -uo pipefail
real=%q
rpc=http://127.0.0.1:%d
[ "${1:-}" = tx ] || exec "$real" "$@"
yes=0
for a in "$@"; do
  case "$a" in
    -y|--yes) yes=1 ;;
    -h|--help|--generate-only|--dry-run|--offline) exec "$real" "$@" ;;
  esac
done
[ "$yes" = 1 ] || exec "$real" "$@"
out=$("$real" "$@")
rc=$?
printf '%%s\n' "$out"
[ "$rc" = 0 ] || exit "$rc"
hash=$(printf '%%s\n' "$out" | grep -oE '"?txhash"?: ?"?[0-9A-F]{64}' | grep -oE '[0-9A-F]{64}' | head -1)
code=$(printf '%%s\n' "$out" | grep -oE '(^|[{,])"?code"?: ?[0-9]+' | grep -oE '[0-9]+$' | head -1)
if [ -z "$hash" ]; then echo "guide test: no txhash in the answer of agijd $*" >&2; exit 1; fi
if [ "${code:-0}" != 0 ]; then echo "guide test: transaction $hash refused at broadcast (code $code)" >&2; exit 1; fi
# Poll CometBFT's /tx until the transaction is indexed (at most 60 s).
for _ in $(seq 1 200); do
  res=$(curl -s "$rpc/tx?hash=0x$hash")
  if [ "$(jq -r '.result.height // empty' <<<"$res")" != "" ]; then
    code=$(jq -r '.result.tx_result.code // 0' <<<"$res")
    if [ "$code" != 0 ]; then
      echo "guide test: transaction $hash failed in block $(jq -r .result.height <<<"$res"): code $code ($(jq -r .result.tx_result.codespace <<<"$res")): $(jq -r .result.tx_result.log <<<"$res")" >&2
      exit 1
    fi
    exit 0
  fi
  sleep 0.3
done
echo "guide test: transaction $hash not in a block after 60 s" >&2
exit 1
`

// curl for the guides: an HTTP error status is a failure (the body is still
// printed).
const curlWrapper = `#!/usr/bin/env bash
exec %q --fail-with-body "$@"
`

// defaultEndpoint matches the default endpoints the guides use.
var defaultEndpoint = regexp.MustCompile(`\b(127\.0\.0\.1|localhost):(1317|9090|26657)\b`)

// TestGuides runs the five role guides, in guideOrder, against one fresh
// local chain (make localnet's genesis, keys and short periods, on free
// ports). The guides use the default endpoints and home; the test makes them
// point at this chain:
//   - HOME is a temporary directory whose .agijd is the chain's home, whose
//     client.toml names the node and the test keyring;
//   - 127.0.0.1:1317, :9090 and :26657 in a block are rewritten to the
//     chain's ports;
//   - PATH starts with agijdWrapper, curlWrapper and grpcurl (built from
//     tools/go.mod).
//
// Run one guide alone with -run TestGuides/employer (a guide may need an
// earlier one: see guideOrder). With -v and AGIJ_GUIDES_TRANSCRIPT=1 the log
// holds each guide's transcript (bash's trace names the guide's lines).
func TestGuides(t *testing.T) {
	for _, tool := range []string{"jq", "curl", "bash", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the guides need %s, which is not installed (Debian: apt-get install -y %s)", tool, tool)
		}
	}
	realCurl, _ := exec.LookPath("curl")

	binDir := t.TempDir()
	grpcurlDone := make(chan error, 1)
	go func() { grpcurlDone <- buildGrpcurl(filepath.Join(binDir, "grpcurl")) }()
	bin := e2e.BuildBinary(t)
	require.NoError(t, <-grpcurlDone)

	c := e2e.StartLocalnet(t, bin)
	writeScript(t, filepath.Join(binDir, "agijd"), fmt.Sprintf(agijdWrapper, bin, c.RPCPort))
	writeScript(t, filepath.Join(binDir, "curl"), fmt.Sprintf(curlWrapper, realCurl))
	home := t.TempDir()
	require.NoError(t, os.Symlink(c.Home, filepath.Join(home, ".agijd")))
	ports := map[string]int{"1317": c.APIPort, "9090": c.GRPCPort, "26657": c.RPCPort}

	env := []string{"HOME=" + home, "PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH")}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "HOME" || k == "PATH" || strings.HasPrefix(k, "AGIJD_") {
			continue
		}
		env = append(env, kv)
	}

	total := time.Now()
	for _, name := range guideOrder {
		t.Run(name, func(t *testing.T) {
			blocks := readGuide(t, name)
			runGuide(t, name, blocks, home, env, ports)
		})
	}
	t.Logf("the guides ran in %s", time.Since(total).Round(time.Second))
}

// buildGrpcurl builds the grpcurl pinned in tools/go.mod.
func buildGrpcurl(out string) error {
	cmd := exec.Command("go", "build", "-o", out, "github.com/fullstorydev/grpcurl/cmd/grpcurl")
	cmd.Dir = filepath.Join(e2e.RepoRoot(), "tools")
	if bz, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building grpcurl from tools/go.mod: %w\n%s", err, bz)
	}
	return nil
}

func writeScript(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(text), 0o755))
}

// runGuide runs the guide's sh blocks in one bash and fails on the first
// command that fails. Each block's lines keep their line numbers in the
// guide (the script is padded with empty lines), so that bash's trace and
// its ERR trap name guide lines.
func runGuide(t testing.TB, name string, blocks []block, dir string, env []string, ports map[string]int) {
	var script strings.Builder
	n := 0 // lines written
	add := func(s string) {
		script.WriteString(s + "\n")
		n++
	}
	// -E: the ERR trap also fires inside functions and $(…); the last
	// report is the command that stopped the guide.
	add("set -Eeuo pipefail; shopt -s inherit_errexit")
	add(fmt.Sprintf("PS4='+ %s.md:${LINENO}: '; set -x", name))
	add(`trap 'rc=$?; echo "@@failed $LINENO $rc" >&2; exit $rc' ERR`)
	ran, skipped := 0, 0
	for _, b := range blocks {
		switch {
		case b.NoRun:
			skipped++
			continue
		case !b.Run:
			continue
		}
		ran++
		// The marker goes on the fence's line.
		require.Less(t, n, b.Line-1, "%s.md: block %d starts too early in the file", name, b.N)
		for n < b.Line-2 {
			add("")
		}
		add(fmt.Sprintf("{ echo '@@block %d (line %d)'; } 2>/dev/null", b.N, b.Line-1))
		text := defaultEndpoint.ReplaceAllStringFunc(b.Text, func(s string) string {
			_, port, _ := strings.Cut(s, ":")
			return "127.0.0.1:" + strconv.Itoa(ports[port])
		})
		for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			add(l)
		}
	}
	add("{ echo '@@done'; } 2>/dev/null")

	ctx, cancel := context.WithTimeout(context.Background(), guideTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "--noprofile", "--norc", "-c", script.String(), "guide-"+name)
	cmd.Dir = dir
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start).Round(time.Second)
	output := out.String()

	if err == nil && strings.Contains(output, "@@done") {
		t.Logf("%s.md: %d blocks run, %d marked not to run, in %s", name, ran, skipped, elapsed)
		if testing.Verbose() && os.Getenv("AGIJ_GUIDES_TRANSCRIPT") != "" {
			t.Logf("transcript:\n%s", output)
		}
		return
	}

	// The failing line: from the ERR trap, else the last block that started.
	guideLine := 0
	if ms := regexp.MustCompile(`@@failed (\d+) (\d+)`).FindAllStringSubmatch(output, -1); ms != nil {
		guideLine, _ = strconv.Atoi(ms[len(ms)-1][1])
	} else if ms := regexp.MustCompile(`@@block \d+ \(line (\d+)\)`).FindAllStringSubmatch(output, -1); ms != nil {
		guideLine, _ = strconv.Atoi(ms[len(ms)-1][1])
	}
	why := "failed"
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		why = fmt.Sprintf("did not finish within %s", guideTimeout)
	}
	var b *block
	for i := range blocks {
		if blocks[i].Run && blocks[i].Line-1 <= guideLine {
			b = &blocks[i]
		}
	}
	if b == nil {
		t.Fatalf("%s.md %s before its first block (%v):\n%s", name, why, err, output)
	}
	srcLine := ""
	if ls := strings.Split(b.Text, "\n"); guideLine >= b.Line && guideLine-b.Line < len(ls) {
		srcLine = strings.TrimSpace(ls[guideLine-b.Line])
	}
	// The output of the failing block: from its marker on.
	blockOut := output
	if k := strings.LastIndex(output, fmt.Sprintf("@@block %d (line", b.N)); k >= 0 {
		blockOut = output[k:]
	}
	t.Fatalf("docs/guides/%s.md block %d (line %d) %s near line %d: %s\n(%v, after %s)\n--- the block ---\n%s--- its output ---\n%s",
		name, b.N, b.Line-1, why, guideLine, srcLine, err, elapsed, b.Text, blockOut)
}
