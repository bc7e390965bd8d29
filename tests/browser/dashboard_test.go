// Package browser_test checks the dashboard that agijd serves at
// /dashboard/ in a real headless Chromium (driven by chromedp), against a
// real localnet whose jobs are created with the CLI. It is skipped when no
// Chromium is installed (Debian: apt-get install chromium; .ci/run does).
// Screenshots go to $AGIJ_ARTIFACTS, or to a temporary directory whose path
// the test logs.
package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

func TestMain(m *testing.M) { e2e.Main(m) }

// chromiumPath finds a Chromium or Chrome binary; CHROME overrides.
func chromiumPath() string {
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactsDir is where screenshots go; it is kept after the test.
func artifactsDir(t *testing.T) string {
	dir := os.Getenv("AGIJ_ARTIFACTS")
	if dir == "" {
		var err error
		dir, err = os.MkdirTemp("", "agij-dashboard-artifacts-")
		require.NoError(t, err)
	} else {
		require.NoError(t, os.MkdirAll(dir, 0o755))
	}
	t.Logf("dashboard screenshots: %s", dir)
	return dir
}

// browser is one headless Chromium tab.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium binary found (apt-get install chromium, or set CHROME)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// Start the browser with the tab's own context: the first Run ties the
	// browser's life to its context, so it must not be a short-lived one.
	require.NoError(t, chromedp.Do(ctx), "starting %s", path)
	b := &browser{t: t, ctx: ctx, base: base, shots: artifactsDir(t)}
	b.do(chromedp.EmulateViewport(1280, 900))
	return b
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	require.NoError(b.t, chromedp.Do(ctx, steps...))
}

// open loads a dashboard route (the part after #).
func (b *browser) open(route string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + "/dashboard/#" + route))
}

// eval runs a JavaScript expression in the page and returns its value.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(b.t, err, expr)
	return v
}

// text is the visible text of the first element matching a CSS selector, or "".
func (b *browser) text(sel string) string {
	b.t.Helper()
	q, err := json.Marshal(sel)
	require.NoError(b.t, err)
	return eval[string](b, fmt.Sprintf(`(document.querySelector(%s) || {innerText: ""}).innerText`, q))
}

// waitText waits until the element's text contains every want.
func (b *browser) waitText(sel string, timeout time.Duration, want ...string) string {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	var got string
	for {
		got = b.text(sel)
		missing := ""
		for _, w := range want {
			if !strings.Contains(got, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return got
		}
		if time.Now().After(deadline) {
			b.screenshot("failed-" + strings.NewReplacer("#", "", " ", "_", "/", "_").Replace(sel))
			b.t.Fatalf("%s: %q not shown within %s; the page shows:\n%s", sel, missing, timeout, got)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// screenshot saves the whole page as <name>.png in the artifacts directory.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(b.t, err)
	require.NoError(b.t, os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644))
}

// agi formats an integer amount of uagi as the dashboard does: "90 AGI",
// "5.0018 AGI", "1,234 AGI".
func agi(uagi string) string {
	s := strings.TrimLeft(uagi, "0")
	if s == "" {
		s = "0"
	}
	for len(s) < 7 {
		s = "0" + s
	}
	whole, frac := s[:len(s)-6], strings.TrimRight(s[len(s)-6:], "0")
	var grouped []string
	for len(whole) > 3 {
		grouped = append([]string{whole[len(whole)-3:]}, grouped...)
		whole = whole[:len(whole)-3]
	}
	grouped = append([]string{whole}, grouped...)
	out := strings.Join(grouped, ",")
	if frac != "" {
		out += "." + frac
	}
	return out + " AGI"
}

func TestAgiFormat(t *testing.T) {
	require.Equal(t, "90 AGI", agi("90000000"))
	require.Equal(t, "5.0018 AGI", agi("5001800"))
	require.Equal(t, "0.000002 AGI", agi("2"))
	require.Equal(t, "0 AGI", agi("0"))
	require.Equal(t, "1,234,567 AGI", agi("1234567000000"))
}

type restSettlement struct {
	Kind              string `json:"kind"`
	SettledBy         string `json:"settled_by"`
	AgentShare        string `json:"agent_share"`
	AgentBondReturned string `json:"agent_bond_returned"`
	AgentTotal        string `json:"agent_total"`
	EmployerTotal     string `json:"employer_total"`
	CommunityPool     string `json:"community_pool"`
	Validators        []struct {
		Validator    string `json:"validator"`
		Reward       string `json:"reward"`
		BondReturned string `json:"bond_returned"`
	} `json:"validators"`
}

type restJob struct {
	ID         string          `json:"id"`
	Status     string          `json:"status"`
	Agent      string          `json:"agent"`
	Settlement *restSettlement `json:"settlement"`
}

func getJob(t *testing.T, c *e2e.Chain, id uint64) restJob {
	t.Helper()
	var res struct {
		Job restJob `json:"job"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/jobs/"+strconv.FormatUint(id, 10), &res))
	return res.Job
}

func jobTx(t *testing.T, c *e2e.Chain, args ...string) {
	t.Helper()
	res := c.Tx(append([]string{"tx", "jobs"}, args...)...)
	require.Zero(t, res.Code, "agijd tx jobs %s: %s", strings.Join(args, " "), res.RawLog)
}

// createJob posts a job with the CLI and returns its id: the highest id
// among the employer's jobs (the test creates them one at a time).
func createJob(t *testing.T, c *e2e.Chain, employer string, args ...string) uint64 {
	t.Helper()
	jobTx(t, c, append([]string{"create-job"}, args...)...)
	var res struct {
		Jobs []restJob `json:"jobs"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/jobs?employer="+employer+"&pagination.limit=1000", &res))
	var max uint64
	for _, j := range res.Jobs {
		id, err := strconv.ParseUint(j.ID, 10, 64)
		require.NoError(t, err)
		if id > max {
			max = id
		}
	}
	require.NotZero(t, max, "no job found for %s", employer)
	return max
}

// TestDashboard runs a job through its lifecycle on a localnet (create,
// apply, request completion, three approvals, paid by the EndBlocker 20 s
// later) and checks every dashboard page against the REST API, on a laptop
// and a phone screen, and with the node stopped.
func TestDashboard(t *testing.T) {
	if chromiumPath() == "" {
		t.Skip("no chromium binary found (apt-get install chromium, or set CHROME)")
	}
	c := e2e.StartLocalnet(t, e2e.BuildBinary(t))
	base := fmt.Sprintf("http://127.0.0.1:%d", c.APIPort)
	employer, agent1 := c.KeyAddress("employer"), c.KeyAddress("agent1")
	validator1 := c.KeyAddress("validator1")

	// The OpenAPI document is served next to the dashboard.
	var doc struct {
		Swagger string                    `json:"swagger"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/openapi.json", &doc))
	require.Equal(t, "2.0", doc.Swagger)
	require.Contains(t, doc.Paths, "/agij/jobs/v1/jobs/{job_id}")

	// One job through its lifecycle, and one left open.
	life := createJob(t, c, employer, "ipfs://spec/dashboard", "100000000uagi", "3600",
		"--spec-hash", strings.Repeat("ab", 32), "--from", "employer")
	lifeID := strconv.FormatUint(life, 10)
	jobTx(t, c, "apply", lifeID, "--from", "agent1")
	jobTx(t, c, "request-completion", lifeID, "https://example.com/work/dashboard", "--from", "agent1")
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		jobTx(t, c, "approve", lifeID, "--from", v)
	}
	open := createJob(t, c, employer, "ipfs://spec/still-open", "10000000uagi", "3600", "--from", "employer")
	openID := strconv.FormatUint(open, 10)

	b := newBrowser(t, base)

	// Status: chain id and a height that follows the chain.
	b.open("/")
	var chainID struct {
		Block struct {
			Header struct {
				ChainID string `json:"chain_id"`
			} `json:"header"`
		} `json:"block"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/base/tendermint/v1beta1/blocks/latest", &chainID))
	b.waitText("#view", 20*time.Second, chainID.Block.Header.ChainID, "Jobs by status")
	var h1 int64
	require.Eventually(t, func() bool {
		h, err := strconv.ParseInt(b.text("#height"), 10, 64)
		h1 = h
		return err == nil && h > 0
	}, 15*time.Second, 300*time.Millisecond, "the status page shows the height")
	c.WaitForHeight(h1+2, 30*time.Second)
	require.Eventually(t, func() bool {
		h2, err := strconv.ParseInt(b.text("#height"), 10, 64)
		return err == nil && h2 > h1
	}, 15*time.Second, 300*time.Millisecond, "the status page follows new blocks")
	b.screenshot("01-status")

	// Jobs: the status filter shows the open job only.
	b.open("/jobs?status=JOB_STATUS_OPEN")
	got := b.waitText("#data", 20*time.Second, "#"+openID)
	require.NotContains(t, got, "#"+lifeID+"\t", "the approved job is not open")
	b.open("/jobs?agent=" + agent1)
	b.waitText("#data", 20*time.Second, "#"+lifeID)
	require.NotContains(t, b.text("#data"), "#"+openID)
	b.open("/jobs")
	b.waitText("#data", 20*time.Second, "#"+lifeID, "#"+openID, "100 AGI")
	b.screenshot("02-jobs")

	// The job page, approved and waiting out the challenge period: three votes.
	b.open("/job/" + lifeID)
	tl := b.waitText("#timeline", 20*time.Second, "Created", "Assigned", "Completion requested",
		"Vote 1: approve", "Vote 2: approve", "Vote 3: approve", "Approved")
	require.Contains(t, tl, validator1)
	require.Contains(t, b.text("#view"), "https://example.com/work/dashboard")
	hrefs := eval[[]string](b, `Array.from(document.querySelectorAll("#view a[href]")).map(a => a.href)`)
	require.Contains(t, hrefs, "https://example.com/work/dashboard", "the deliverable is a link")
	require.Contains(t, hrefs, "https://ipfs.io/ipfs/spec/dashboard", "the ipfs spec links through a gateway")
	b.screenshot("03-job-approved")

	// Settled by the EndBlocker after the 20 s challenge period; the page
	// refreshes itself on new blocks and shows every amount of the Settlement.
	deadline := time.Now().Add(60 * time.Second)
	j := getJob(t, c, life)
	for j.Status != "JOB_STATUS_COMPLETED" && time.Now().Before(deadline) {
		time.Sleep(time.Second)
		j = getJob(t, c, life)
	}
	require.Equal(t, "JOB_STATUS_COMPLETED", j.Status)
	s := j.Settlement
	require.NotNil(t, s)
	settled := b.waitText("#settlement", 20*time.Second, "agent won", "votes",
		agi(s.AgentShare), agi(s.AgentBondReturned), agi(s.AgentTotal), agi(s.EmployerTotal))
	require.Len(t, s.Validators, 3)
	for _, v := range s.Validators {
		require.Contains(t, settled, v.Validator)
		require.Contains(t, settled, agi(v.Reward))
	}
	b.waitText("#timeline", 5*time.Second, "Settled")
	cert := b.waitText("#certificate", 10*time.Second, agent1, "https://example.com/work/dashboard")
	require.Contains(t, cert, validator1)
	b.screenshot("04-job-settled")

	// Leaderboard: the agent who was paid.
	b.open("/leaderboard?role=ROLE_AGENT")
	b.waitText("#data", 20*time.Second, agent1)
	b.screenshot("05-leaderboard")
	b.open("/leaderboard?role=ROLE_VALIDATOR")
	b.waitText("#data", 20*time.Second, validator1)

	// Accounting: the open job's 10 AGI is locked and the module balances.
	var acc struct {
		LockedTotal []struct{ Amount, Denom string } `json:"locked_total"`
		Balanced    bool                             `json:"balanced"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/accounting", &acc))
	require.True(t, acc.Balanced)
	b.open("/accounting")
	want := "0 AGI"
	if len(acc.LockedTotal) > 0 {
		want = agi(acc.LockedTotal[0].Amount)
	}
	b.waitText("#data", 20*time.Second, "balanced", want)
	require.Equal(t, b.text("#locked-total"), b.text("#module-balance"))
	b.screenshot("06-accounting")

	// Allowlist: the validators and the issuers.
	b.open("/allowlist?role=ROLE_VALIDATOR")
	b.waitText("#data", 20*time.Second, validator1, "Issuers")
	b.screenshot("07-allowlist")

	// A phone screen: no sideways scrolling of the page, the job still readable.
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	b.open("/jobs")
	b.waitText("#data", 20*time.Second, "#"+lifeID)
	require.True(t, eval[bool](b, `document.documentElement.scrollWidth <= window.innerWidth + 1`), "the jobs page fits a phone")
	b.screenshot("08-phone-jobs")
	b.open("/job/" + lifeID)
	b.waitText("#settlement", 20*time.Second, agi(s.AgentTotal))
	require.True(t, eval[bool](b, `document.documentElement.scrollWidth <= window.innerWidth + 1`), "the job page fits a phone")
	b.screenshot("09-phone-job")

	// The node goes away: the page says so.
	b.do(chromedp.EmulateViewport(1280, 900))
	b.open("/")
	b.waitText("#view", 20*time.Second, "Jobs by status")
	c.Stop()
	b.waitText("#banner", 20*time.Second, "unreachable")
	b.screenshot("10-node-down")
}
