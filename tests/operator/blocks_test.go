package operator_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

// The operator guide follows the convention of docs/guides (docs/README.md,
// checked by e2e.ParseGuide).
//
// It adds one rule, because its blocks run on several machines: the first
// line of a ```sh block says where it runs, either
//
//	# in a checkout of this repository
//
// or "# on ..." naming the institutions (inst-a, inst-b, ...) that run it,
// one after the other. Names after a ";" (e.g. "inst-d when it joins") run
// the block later, when the test makes that institution join.

// block is one fenced code block of the guide and, for a ```sh block,
// where it runs.
type block struct {
	e2e.GuideBlock
	Repo  bool     // runs in the repository
	On    []string // the institutions that run it now
	Later []string // the institutions that run it when they join
}

var (
	instRe     = regexp.MustCompile(`\binst-[a-z]\b`)
	repoMarker = "# in a checkout of this repository"
)

// parseBlocks returns the guide's fenced code blocks (e2e.ParseGuide checks
// the convention), reads where each ```sh block runs, and returns the line
// number of every heading.
func parseBlocks(name, text string) ([]block, map[string]int, error) {
	parsed, headings, err := e2e.ParseGuide(name, text)
	if err != nil {
		return nil, nil, err
	}
	blocks := make([]block, len(parsed))
	for i, p := range parsed {
		blocks[i].GuideBlock = p
		if p.Run {
			if err := blocks[i].parseWhere(); err != nil {
				return nil, nil, fmt.Errorf("%s block %d (line %d): %w", name, p.N, p.Line, err)
			}
		}
	}
	return blocks, headings, nil
}

// parseWhere reads the block's first line: where it runs.
func (b *block) parseWhere() error {
	first, _, _ := strings.Cut(b.Text, "\n")
	switch {
	case first == repoMarker:
		b.Repo = true
	case strings.HasPrefix(first, "# on "):
		now, later, _ := strings.Cut(first, ";")
		b.On = instRe.FindAllString(now, -1)
		b.Later = instRe.FindAllString(later, -1)
		if len(b.On) == 0 {
			return fmt.Errorf("first line %q names no institution (inst-a, ...)", first)
		}
	default:
		return fmt.Errorf("first line %q must say where the block runs: %q or \"# on <institutions>\"", first, repoMarker)
	}
	return nil
}

func TestParseBlocks(t *testing.T) {
	doc := "# T\n\n## One\n\n```sh\n# on each institution (inst-a, inst-b; inst-d when it joins)\necho a\n```\n\n" +
		"```console\n$ x\n```\n\n## Two\n\nNot run: it needs a Ledger.\n\n```sh norun\nagijd keys add l --ledger\n```\n\n" +
		"```sh\n# in a checkout of this repository\nmake build\n```\n"
	blocks, headings, err := parseBlocks("t.md", doc)
	require.NoError(t, err)
	require.Len(t, blocks, 4)
	require.Equal(t, []string{"inst-a", "inst-b"}, blocks[0].On)
	require.Equal(t, []string{"inst-d"}, blocks[0].Later)
	require.Equal(t, "## One", blocks[0].Heading)
	require.Equal(t, 6, blocks[0].Line)
	require.False(t, blocks[1].Run)
	require.True(t, blocks[2].NoRun)
	require.Equal(t, "## Two", blocks[2].Heading)
	require.True(t, blocks[3].Repo)
	require.Equal(t, map[string]int{"# T": 1, "## One": 3, "## Two": 14}, headings)

	_, _, err = parseBlocks("t.md", "text\n\n```sh norun\nx\n```\n")
	require.ErrorContains(t, err, "does not say it is not run")
	_, _, err = parseBlocks("t.md", "```bash\nx\n```\n")
	require.ErrorContains(t, err, "fence info")
	_, _, err = parseBlocks("t.md", "```sh\necho x\n```\n")
	require.ErrorContains(t, err, "must say where")
	_, _, err = parseBlocks("t.md", "```sh\n# on the coordinator\n```\n")
	require.ErrorContains(t, err, "names no institution")
	_, _, err = parseBlocks("t.md", "```sh\nx\n")
	require.ErrorContains(t, err, "not closed")
}
