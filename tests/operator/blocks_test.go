package operator_test

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The operator guide follows the convention of docs/guides (docs/README.md):
//
//   - a ```sh block is run, in order;
//   - a ```sh norun block is not run, and the text between it and the
//     previous block must say so ("not run") and why;
//   - ```console, ```text and ```json blocks are example output or file
//     contents, never run;
//   - any other fence is an error.
//
// It adds one rule, because its blocks run on several machines: the first
// line of a ```sh block says where it runs, either
//
//	# in a checkout of this repository
//
// or "# on ..." naming the institutions (inst-a, inst-b, ...) that run it,
// one after the other. Names after a ";" (e.g. "inst-d when it joins") run
// the block later, when the test makes that institution join.

// block is one fenced code block of the guide.
type block struct {
	N       int    // its number among the guide's fenced blocks, from 1
	Line    int    // the guide's line of its first content line, from 1
	Info    string // the info string after the fence
	Run     bool   // a ```sh block that the test runs
	NoRun   bool   // a ```sh norun block
	Text    string // its content, with a final newline
	Repo    bool   // runs in the repository
	On      []string
	Later   []string
	Heading string // the nearest heading before it
}

var (
	fenceRe    = regexp.MustCompile("^( {0,3})(```+|~~~+)[ \t]*(.*)$")
	headingRe  = regexp.MustCompile(`^#{1,6} `)
	instRe     = regexp.MustCompile(`\binst-[a-z]\b`)
	repoMarker = "# in a checkout of this repository"
)

// parseBlocks returns the guide's fenced code blocks and checks the
// convention; it also returns the line number of every heading.
func parseBlocks(name, text string) ([]block, map[string]int, error) {
	var (
		blocks   []block
		headings = map[string]int{}
		heading  string
		cur      *block
		fence    string
		indent   int
		content  strings.Builder
		prose    strings.Builder // the text since the previous block
		lineNo   int
	)
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		lineNo++
		if cur == nil {
			if headingRe.MatchString(line) {
				heading = line
				headings[line] = lineNo
			}
			m := fenceRe.FindStringSubmatch(line)
			if m == nil {
				prose.WriteString(line + "\n")
				continue
			}
			fence, indent = m[2], len(m[1])
			b := block{N: len(blocks) + 1, Line: lineNo + 1, Info: strings.TrimSpace(m[3]), Heading: heading}
			fields := strings.Fields(b.Info)
			lang := ""
			if len(fields) > 0 {
				lang = fields[0]
			}
			switch {
			case lang == "sh" && len(fields) == 1:
				b.Run = true
			case lang == "sh" && len(fields) == 2 && fields[1] == "norun":
				b.NoRun = true
				if !strings.Contains(strings.ToLower(strings.Join(strings.Fields(prose.String()), " ")), "not run") {
					return nil, nil, fmt.Errorf("%s block %d (line %d) is marked norun, but the text before it does not say it is not run, and why", name, b.N, lineNo)
				}
			case (lang == "console" || lang == "text" || lang == "json") && len(fields) == 1:
			default:
				return nil, nil, fmt.Errorf("%s block %d (line %d): fence info %q: use sh, sh norun (say why in the text before it), or console, text, json", name, b.N, lineNo, b.Info)
			}
			cur = &b
			content.Reset()
			continue
		}
		trimmed := strings.TrimLeft(line, " ")
		if len(line)-len(trimmed) <= 3 && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
			cur.Text = content.String()
			if cur.Run {
				if err := cur.parseWhere(); err != nil {
					return nil, nil, fmt.Errorf("%s block %d (line %d): %w", name, cur.N, cur.Line, err)
				}
			}
			blocks = append(blocks, *cur)
			cur = nil
			prose.Reset()
			continue
		}
		for i := 0; i < indent && strings.HasPrefix(line, " "); i++ {
			line = line[1:]
		}
		content.WriteString(line + "\n")
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	if cur != nil {
		return nil, nil, fmt.Errorf("%s block %d (line %d) is not closed", name, cur.N, cur.Line-1)
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
