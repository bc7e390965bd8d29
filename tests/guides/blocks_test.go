package guides_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

// The convention of docs/guides is e2e.ParseGuide's; these guides run in
// one bash each.

// block is one fenced code block of a guide.
type block = e2e.GuideBlock

// parseBlocks returns a guide's fenced code blocks and checks the convention.
func parseBlocks(name, text string) ([]block, error) {
	blocks, _, err := e2e.ParseGuide(name, text)
	return blocks, err
}

func readGuide(t *testing.T, name string) []block {
	t.Helper()
	path := filepath.Join(e2e.RepoRoot(), "docs", "guides", name+".md")
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	blocks, err := parseBlocks(name+".md", string(bz))
	require.NoError(t, err)
	return blocks
}

// TestGuideConvention checks, without a chain, that every block of the five
// guides follows the convention and that each guide runs something.
func TestGuideConvention(t *testing.T) {
	for _, name := range guideOrder {
		blocks := readGuide(t, name)
		run := 0
		for _, b := range blocks {
			if b.Run {
				run++
			}
		}
		require.NotZero(t, run, "%s.md has no ```sh block", name)
	}
}

func TestParseBlocks(t *testing.T) {
	doc := "# T\n\ntext\n\n```sh\necho a\n  echo b\n```\n\n```console\n$ x\n```\n\n" +
		"Not run: it needs a Ledger.\n\n```sh norun\nagijd keys add l --ledger\n```\n"
	blocks, err := parseBlocks("t.md", doc)
	require.NoError(t, err)
	require.Len(t, blocks, 3)
	require.Equal(t, block{N: 1, Line: 6, Info: "sh", Run: true, Text: "echo a\n  echo b\n", Heading: "# T"}, blocks[0])
	require.False(t, blocks[1].Run)
	require.True(t, blocks[2].NoRun)
	require.Equal(t, 17, blocks[2].Line)

	_, err = parseBlocks("t.md", "text\n\n```sh norun\nx\n```\n")
	require.ErrorContains(t, err, "does not say it is not run")
	_, err = parseBlocks("t.md", "```bash\nx\n```\n")
	require.ErrorContains(t, err, "fence info")
	_, err = parseBlocks("t.md", "```\nx\n```\n")
	require.ErrorContains(t, err, "fence info")
	_, err = parseBlocks("t.md", "```sh\nx\n")
	require.ErrorContains(t, err, "not closed")
}

// recorder is a testing.TB that records a fatal failure instead of failing.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	failed string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed += fmt.Sprintf(format, args...)
}

func (r *recorder) FailNow() { runtime.Goexit() }

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.FailNow()
}

// runFake runs a guide text with runGuide and returns its failure message.
func runFake(t *testing.T, text string) string {
	blocks, err := parseBlocks("fake.md", text)
	require.NoError(t, err)
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		runGuide(r, "fake", blocks, t.TempDir(), os.Environ(), map[string]int{"1317": 41317, "9090": 49090, "26657": 46657})
	}()
	<-done
	return r.failed
}

// TestRunGuide checks, without a chain, that blocks share one shell, that
// the default endpoints are rewritten, and how a failure is reported.
func TestRunGuide(t *testing.T) {
	ok := "# Fake\n\nOne.\n\n```sh\nX=$(echo 127.0.0.1:1317 localhost:9090)\n```\n\n" +
		"```console\nfalse\n```\n\n```sh\n[ \"$X\" = \"127.0.0.1:41317 127.0.0.1:49090\" ]\n```\n"
	require.Empty(t, runFake(t, ok))

	bad := "# Fake\n\nOne.\n\n```sh\nX=1\necho hello\n```\n\nTwo.\n\n```sh\necho \"x is $X\"\n" +
		"for i in 1 2; do\n  ls /no/such/file$i\ndone\necho unreachable\n```\n"
	msg := runFake(t, bad)
	require.Contains(t, msg, "docs/guides/fake.md block 2 (line 12) failed near line 15: ls /no/such/file$i")
	_, out, _ := strings.Cut(msg, "--- its output ---")
	require.Contains(t, out, "x is 1")
	require.Contains(t, out, "/no/such/file1")
	require.NotContains(t, out, "hello")
	require.NotContains(t, out, "unreachable")

	// A failing command substitution stops the guide too.
	msg = runFake(t, "# Fake\n\nOne.\n\n```sh\nJOB=$(false | cat)\necho after\n```\n")
	require.Contains(t, msg, "block 1 (line 5) failed near line 6: JOB=$(false | cat)")
	_, out, _ = strings.Cut(msg, "--- its output ---")
	require.NotContains(t, out, "after")
}
