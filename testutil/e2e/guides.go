package e2e

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
)

// The convention of the guides under docs/guides (docs/README.md), which
// tests/guides and tests/operator run:
//
//   - a ```sh block is run, in order;
//   - a ```sh norun block is not run, and the text between it and the
//     previous block must say so ("not run") and why;
//   - ```console, ```text and ```json blocks are example output or file
//     contents, never run;
//   - any other fence (```bash, a bare ```) is an error, so every block is
//     either run or visibly not.

// GuideBlock is one fenced code block of a guide.
type GuideBlock struct {
	N       int    // its number among the guide's fenced blocks, from 1
	Line    int    // the guide's line of its first content line, from 1
	Info    string // the info string after the fence
	Run     bool   // a ```sh block, to be run
	NoRun   bool   // a ```sh norun block
	Text    string // its content, with a final newline
	Heading string // the nearest Markdown heading before it, if any
}

var (
	guideFenceRe   = regexp.MustCompile("^( {0,3})(```+|~~~+)[ \t]*(.*)$")
	guideHeadingRe = regexp.MustCompile(`^#{1,6} `)
)

// ParseGuide returns the fenced code blocks of the guide text (name is for
// errors) and the line number of each heading, and checks the convention.
func ParseGuide(name, text string) ([]GuideBlock, map[string]int, error) {
	var (
		blocks   []GuideBlock
		headings = map[string]int{}
		heading  string
		cur      *GuideBlock
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
			if guideHeadingRe.MatchString(line) {
				heading = line
				headings[line] = lineNo
			}
			m := guideFenceRe.FindStringSubmatch(line)
			if m == nil {
				prose.WriteString(line + "\n")
				continue
			}
			fence, indent = m[2], len(m[1])
			b := GuideBlock{N: len(blocks) + 1, Line: lineNo + 1, Info: strings.TrimSpace(m[3]), Heading: heading}
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
				return nil, nil, fmt.Errorf("%s block %d (line %d): fence info %q: use sh (run by the tests), sh norun (not run; say why in the text before it), or console, text, json (output, not run)", name, b.N, lineNo, b.Info)
			}
			cur = &b
			content.Reset()
			continue
		}
		trimmed := strings.TrimLeft(line, " ")
		if len(line)-len(trimmed) <= 3 && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
			cur.Text = content.String()
			blocks = append(blocks, *cur)
			cur = nil
			prose.Reset()
			continue
		}
		// Content lines lose at most the fence's indentation.
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
