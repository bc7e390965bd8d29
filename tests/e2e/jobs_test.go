package e2e_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

// restJob is the part of /agij/jobs/v1/jobs/{id} the tests read.
type restJob struct {
	ID                    string `json:"id"`
	CompletionRequestedAt string `json:"completion_requested_at"`
	Status                string `json:"status"`
	Agent                 string `json:"agent"`
	AgentBond             string `json:"agent_bond"`
	CertificateID         string `json:"certificate_id"`
	Settlement            *struct {
		Kind               string `json:"kind"`
		SettledBy          string `json:"settled_by"`
		AgentShare         string `json:"agent_share"`
		AgentBondReturned  string `json:"agent_bond_returned"`
		AgentPoolRemainder string `json:"agent_pool_remainder"`
		AgentTotal         string `json:"agent_total"`
		EmployerTotal      string `json:"employer_total"`
		CommunityPool      string `json:"community_pool"`
		AgentReputation    string `json:"agent_reputation"`
		Validators         []struct {
			Validator string `json:"validator"`
			Reward    string `json:"reward"`
		} `json:"validators"`
	} `json:"settlement"`
}

func getJob(t *testing.T, c *e2e.Chain, id uint64) restJob {
	t.Helper()
	var res struct {
		Job restJob `json:"job"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/jobs/"+strconv.FormatUint(id, 10), &res))
	return res.Job
}

// waitJobStatus polls REST until job id has status or the timeout passes.
func waitJobStatus(t *testing.T, c *e2e.Chain, id uint64, status string, timeout time.Duration) restJob {
	t.Helper()
	deadline := time.Now().Add(timeout)
	j := getJob(t, c, id)
	for j.Status != status && time.Now().Before(deadline) {
		time.Sleep(time.Second)
		j = getJob(t, c, id)
	}
	require.Equal(t, status, j.Status, "job %d", id)
	return j
}

// jobTx sends an x/jobs transaction and requires it to succeed.
func jobTx(t *testing.T, c *e2e.Chain, args ...string) e2e.TxResult {
	t.Helper()
	res := c.Tx(append([]string{"tx", "jobs"}, args...)...)
	require.Zero(t, res.Code, "agijd tx jobs %s: %s", strings.Join(args, " "), res.RawLog)
	return res
}

// createJobCLI posts a job with the CLI and returns its id from the typed
// event of the delivered transaction.
func createJobCLI(t *testing.T, c *e2e.Chain, args ...string) uint64 {
	t.Helper()
	res := jobTx(t, c, append([]string{"create-job"}, args...)...)
	for _, ev := range queryTx(t, c, res.TxHash).Events {
		if ev.Type == "agij.jobs.v1.EventJobCreated" {
			v, ok := ev.attr("job_id")
			require.True(t, ok)
			id, err := strconv.ParseUint(strings.Trim(v, `"`), 10, 64)
			require.NoError(t, err)
			return id
		}
	}
	t.Fatalf("no EventJobCreated in tx %s", res.TxHash)
	return 0
}

// proposeAndPass submits a governance proposal of one x/jobs message from the
// moderator as an expedited proposal, the validator votes yes, and it waits
// until the proposal passed.
func proposeAndPass(t *testing.T, c *e2e.Chain, msg map[string]any, title string) {
	t.Helper()
	proposal, err := json.Marshal(map[string]any{
		"messages": []any{msg}, "deposit": "20000000uagi", "title": title, "summary": title, "expedited": true,
	})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "proposal.json")
	require.NoError(t, os.WriteFile(path, proposal, 0o600))
	submit := c.Tx("tx", "gov", "submit-proposal", path, "--from", "moderator")
	require.Zero(t, submit.Code, submit.RawLog)
	id := submittedProposalID(t, c, submit.TxHash)
	vote := c.Tx("tx", "gov", "vote", strconv.FormatUint(id, 10), "yes", "--from", "validator")
	require.Zero(t, vote.Code, vote.RawLog)
	p := restProposal(t, c, id)
	deadline := time.Now().Add(120 * time.Second)
	for p.Status == "PROPOSAL_STATUS_VOTING_PERIOD" && time.Now().Before(deadline) {
		time.Sleep(2 * time.Second)
		p = restProposal(t, c, id)
	}
	require.Equal(t, "PROPOSAL_STATUS_PASSED", p.Status, "failed_reason: %q", p.FailedReason)
}

func requireBalanced(t *testing.T, c *e2e.Chain) {
	t.Helper()
	var acc struct {
		Balanced bool `json:"balanced"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/accounting", &acc))
	require.True(t, acc.Balanced, "the escrow account must hold exactly the locked totals")
}

// TestJobs walks the job market on a real node with the localnet's short
// periods (review 120 s, challenge 20 s, dispute review 300 s, expedited
// votes 30 s), through the CLI, checked over REST. Jobs run side by side so
// their waits overlap.
func TestJobs(t *testing.T) {
	c := e2e.StartLocalnet(t, e2e.BuildBinary(t))
	employer, agent1 := c.KeyAddress("employer"), c.KeyAddress("agent1")
	govAddr := "agij10d07y265gmmuvt4z0w9aw880jnsr700j89dnaj"

	// A job whose agent never delivers, and one nobody applies to.
	expiring := createJobCLI(t, c, "ipfs://spec/expire", "10000000uagi", "5", "--from", "employer")
	applyBy := time.Now().UTC().Add(20 * time.Second).Format(time.RFC3339)
	// Signed in amino-JSON mode, as a hardware wallet would (a timestamp and
	// a coin in the message).
	unclaimed := createJobCLI(t, c, "ipfs://spec/apply-by", "10000000uagi", "3600", "--apply-by", applyBy,
		"--from", "employer", "--sign-mode", "amino-json")
	jobTx(t, c, "apply", strconv.FormatUint(expiring, 10), "--from", "agent2")

	// The full lifecycle: create, apply, request, three approvals; the
	// EndBlocker pays after the challenge period, with no message.
	lifecycle := createJobCLI(t, c, "ipfs://spec/full", "100000000uagi", "3600",
		"--spec-hash", strings.Repeat("ab", 32), "--details", "Summarise the 2026 budget", "--from", "employer")
	jobTx(t, c, "apply", strconv.FormatUint(lifecycle, 10), "--from", "agent1")
	require.Equal(t, "JOB_STATUS_IN_PROGRESS", getJob(t, c, lifecycle).Status)
	jobTx(t, c, "request-completion", strconv.FormatUint(lifecycle, 10), "ipfs://work/full", "--from", "agent1")

	// A job nobody votes on, settled by the EndBlocker at review end.
	zeroVote := createJobCLI(t, c, "ipfs://spec/zero", "10000000uagi", "3600", "--from", "employer")
	jobTx(t, c, "apply", strconv.FormatUint(zeroVote, 10), "--from", "agent2")
	jobTx(t, c, "request-completion", strconv.FormatUint(zeroVote, 10), "ipfs://work/zero", "--from", "agent2")

	validator1 := c.KeyAddress("validator1")
	validator1Before := restBalance(t, c, validator1)
	for _, v := range []string{"validator1", "validator2", "validator3"} {
		jobTx(t, c, "approve", strconv.FormatUint(lifecycle, 10), "--from", v)
	}
	require.Equal(t, "JOB_STATUS_APPROVED", getJob(t, c, lifecycle).Status)
	require.Equal(t, "15000000", validator1Before.Sub(restBalance(t, c, validator1)).String(), "the vote locked a 15 AGI bond")

	// A dispute resolved by a moderator, and one resolved by governance.
	modDispute := createJobCLI(t, c, "ipfs://spec/mod", "10000000uagi", "3600", "--from", "employer")
	jobTx(t, c, "apply", strconv.FormatUint(modDispute, 10), "--from", "agent1")
	jobTx(t, c, "request-completion", strconv.FormatUint(modDispute, 10), "ipfs://work/mod", "--from", "agent1")
	jobTx(t, c, "dispute", strconv.FormatUint(modDispute, 10), "--reason", "incomplete", "--from", "employer")
	require.Equal(t, "JOB_STATUS_DISPUTED", getJob(t, c, modDispute).Status)
	jobTx(t, c, "resolve-dispute", strconv.FormatUint(modDispute, 10), "employer-wins", "--reason", "chapter 4 missing",
		"--from", "moderator", "--sign-mode", "amino-json")
	j := getJob(t, c, modDispute)
	require.Equal(t, "JOB_STATUS_REFUNDED", j.Status)
	require.Equal(t, "SETTLED_BY_MODERATOR", j.Settlement.SettledBy)

	govDispute := createJobCLI(t, c, "ipfs://spec/gov", "10000000uagi", "3600", "--from", "employer")
	jobTx(t, c, "apply", strconv.FormatUint(govDispute, 10), "--from", "agent1")
	jobTx(t, c, "request-completion", strconv.FormatUint(govDispute, 10), "ipfs://work/gov", "--from", "agent1")
	jobTx(t, c, "dispute", strconv.FormatUint(govDispute, 10), "--from", "agent1")
	proposeAndPass(t, c, map[string]any{
		"@type": "/agij.jobs.v1.MsgResolveDispute", "resolver": govAddr, "job_id": strconv.FormatUint(govDispute, 10),
		"outcome": "DISPUTE_OUTCOME_AGENT_WINS", "reason": "the work meets the spec",
	}, "Resolve the dispute on job "+strconv.FormatUint(govDispute, 10))
	j = getJob(t, c, govDispute)
	require.Equal(t, "JOB_STATUS_COMPLETED", j.Status)
	require.Equal(t, "SETTLED_BY_GOVERNANCE", j.Settlement.SettledBy)

	// By now the expiry and apply_by deadlines have passed: the EndBlocker
	// settled both.
	j = waitJobStatus(t, c, expiring, "JOB_STATUS_EXPIRED", 30*time.Second)
	require.Equal(t, "SETTLED_BY_EXPIRY", j.Settlement.SettledBy)
	j = waitJobStatus(t, c, unclaimed, "JOB_STATUS_CANCELLED", 30*time.Second)
	require.Equal(t, "SETTLED_BY_APPLY_BY", j.Settlement.SettledBy)

	// The lifecycle job was settled by the EndBlocker: check every amount.
	j = waitJobStatus(t, c, lifecycle, "JOB_STATUS_COMPLETED", 60*time.Second)
	require.Equal(t, "SETTLED_BY_VOTES", j.Settlement.SettledBy)
	require.Equal(t, "90000000", j.Settlement.AgentShare)
	require.Equal(t, "2", j.Settlement.AgentPoolRemainder, "the validators' rounding remainder goes to the agent")
	require.Equal(t, "5001800", j.Settlement.AgentBondReturned)
	require.Equal(t, "95001802", j.Settlement.AgentTotal)
	require.Equal(t, "2000000", j.Settlement.CommunityPool)
	require.Equal(t, "16", j.Settlement.AgentReputation)
	require.Len(t, j.Settlement.Validators, 3)
	for _, v := range j.Settlement.Validators {
		require.Equal(t, "2666666", v.Reward)
	}
	// The localnet charges no fees, so the balance moved by the job alone:
	// the bond came back with the reward.
	require.Equal(t, "2666666", restBalance(t, c, validator1).Sub(validator1Before).String())

	var cert struct {
		Certificate struct {
			JobID               string   `json:"job_id"`
			Employer            string   `json:"employer"`
			Agent               string   `json:"agent"`
			ApprovingValidators []string `json:"approving_validators"`
			ReputationAwarded   string   `json:"reputation_awarded"`
		} `json:"certificate"`
		NftID string `json:"nft_id"`
		URI   string `json:"uri"`
		Owner string `json:"owner"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/jobs/"+strconv.FormatUint(lifecycle, 10)+"/certificate", &cert))
	require.Equal(t, "job-"+strconv.FormatUint(lifecycle, 10), cert.NftID)
	require.Equal(t, employer, cert.Owner)
	require.Equal(t, agent1, cert.Certificate.Agent)
	require.Equal(t, "ipfs://work/full", cert.URI)
	require.Equal(t, []string{c.KeyAddress("validator1"), c.KeyAddress("validator2"), c.KeyAddress("validator3")},
		cert.Certificate.ApprovingValidators)
	// x/nft's own queries show the certificate and its provenance data.
	var token struct {
		NFT struct {
			ID   string `json:"id"`
			URI  string `json:"uri"`
			Data struct {
				Type     string `json:"@type"`
				JobID    string `json:"job_id"`
				Employer string `json:"employer"`
			} `json:"data"`
		} `json:"nft"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/nft/v1beta1/nfts/agijobs/"+cert.NftID, &token))
	require.Equal(t, "/agij.jobs.v1.JobCertificate", token.NFT.Data.Type)
	require.Equal(t, strconv.FormatUint(lifecycle, 10), token.NFT.Data.JobID)
	require.Equal(t, employer, token.NFT.Data.Employer)
	var owner struct {
		Owner string `json:"owner"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/nft/v1beta1/owner/agijobs/"+cert.NftID, &owner), "x/nft's own query")
	require.Equal(t, employer, owner.Owner)

	// agent1 won the lifecycle job (16 points) and the governance dispute
	// (10 AGI: 13 points) and lost the moderator's dispute (no points).
	var rep struct {
		Agent     repRecord `json:"agent"`
		Validator repRecord `json:"validator"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/reputation/"+agent1, &rep))
	require.Equal(t, "29", rep.Agent.Score)
	require.Equal(t, "2", rep.Agent.Agent.JobsCompleted)
	require.Equal(t, "1", rep.Agent.Agent.JobsRefunded)
	require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/reputation/"+c.KeyAddress("validator1"), &rep))
	require.Equal(t, "1", rep.Validator.Score, "floor(16 · 8 / 100) for the approver of the lifecycle job")
	requireBalanced(t, c)

	// A job for the pause: delivered now, so its review ends while the
	// settlement pause holds.
	paused := createJobCLI(t, c, "ipfs://spec/pause", "10000000uagi", "3600", "--from", "employer")
	jobTx(t, c, "apply", strconv.FormatUint(paused, 10), "--from", "agent2")
	jobTx(t, c, "request-completion", strconv.FormatUint(paused, 10), "ipfs://work/pause", "--from", "agent2")
	reviewEnd, err := time.Parse(time.RFC3339Nano, getJob(t, c, paused).CompletionRequestedAt)
	require.NoError(t, err)
	reviewEnd = reviewEnd.Add(120 * time.Second)

	// The zero-vote job settles at review end, for the agent, without
	// reputation.
	j = waitJobStatus(t, c, zeroVote, "JOB_STATUS_COMPLETED", 150*time.Second)
	require.Equal(t, "SETTLED_BY_NO_VOTES", j.Settlement.SettledBy)
	require.Equal(t, "0", j.Settlement.AgentReputation)

	// The settlement pause holds a due job until it is lifted.
	proposeAndPass(t, c, map[string]any{"@type": "/agij.jobs.v1.MsgSetPause", "authority": govAddr, "settlement": true}, "Pause settlement")
	require.True(t, time.Now().Before(reviewEnd), "the pause must start before the job falls due")
	time.Sleep(time.Until(reviewEnd) + 5*time.Second)
	require.Equal(t, "JOB_STATUS_COMPLETION_REQUESTED", getJob(t, c, paused).Status, "held by the pause")
	res := c.Tx("tx", "jobs", "finalize", strconv.FormatUint(paused, 10), "--from", "employer")
	require.NotZero(t, res.Code, "finalize is refused while settlement is paused")
	require.Contains(t, res.RawLog, "settlement paused")
	proposeAndPass(t, c, map[string]any{"@type": "/agij.jobs.v1.MsgSetPause", "authority": govAddr}, "Lift the pause")
	j = waitJobStatus(t, c, paused, "JOB_STATUS_COMPLETED", 20*time.Second)
	require.Equal(t, "SETTLED_BY_NO_VOTES", j.Settlement.SettledBy)
	requireBalanced(t, c)

	var stats struct {
		Counts []struct {
			Status string `json:"status"`
			Count  string `json:"count"`
		} `json:"counts"`
		Total string `json:"total"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/stats", &stats))
	require.Equal(t, "7", stats.Total)
	counts := map[string]string{}
	for _, sc := range stats.Counts {
		counts[sc.Status] = sc.Count
	}
	require.Equal(t, map[string]string{
		"JOB_STATUS_OPEN": "0", "JOB_STATUS_IN_PROGRESS": "0", "JOB_STATUS_COMPLETION_REQUESTED": "0",
		"JOB_STATUS_APPROVED": "0", "JOB_STATUS_DISPUTED": "0", "JOB_STATUS_COMPLETED": "4",
		"JOB_STATUS_REFUNDED": "1", "JOB_STATUS_EXPIRED": "1", "JOB_STATUS_CANCELLED": "1",
	}, counts)

	// The list filters go through the indexes.
	var list struct {
		Jobs []restJob `json:"jobs"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/jobs?agent="+agent1+"&status=JOB_STATUS_COMPLETED", &list))
	require.Len(t, list.Jobs, 2)
	require.Equal(t, []string{strconv.FormatUint(lifecycle, 10), strconv.FormatUint(govDispute, 10)},
		[]string{list.Jobs[0].ID, list.Jobs[1].ID})
	out := c.MustCLI("query", "jobs", "jobs", "--status", "cancelled", "-o", "json")
	require.NoError(t, json.Unmarshal(out, &list))
	require.Len(t, list.Jobs, 1)
	require.Equal(t, strconv.FormatUint(unclaimed, 10), list.Jobs[0].ID)
}
