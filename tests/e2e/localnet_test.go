package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/agijobmanager/agij/testutil/e2e"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

type balanceResponse struct {
	Balance struct {
		Denom  string `json:"denom"`
		Amount string `json:"amount"`
	} `json:"balance"`
}

func restBalance(t *testing.T, c *e2e.Chain, addr string) math.Int {
	t.Helper()
	var res balanceResponse
	require.Equal(t, http.StatusOK, c.REST("/cosmos/bank/v1beta1/balances/"+addr+"/by_denom?denom=uagi", &res))
	amt, ok := math.NewIntFromString(res.Balance.Amount)
	require.True(t, ok, "amount %q", res.Balance.Amount)
	return amt
}

// TestLocalnet starts a node as `make localnet` does and drives it as a user
// would: a bank transfer with the CLI, read back over REST and gRPC, and every
// custom module's params over REST, gRPC and the CLI.
func TestLocalnet(t *testing.T) {
	c := e2e.StartLocalnet(t, e2e.BuildBinary(t))

	employer := c.KeyAddress("employer")
	agent := c.KeyAddress("agent1")
	require.True(t, strings.HasPrefix(employer, "agij1"), employer)

	t.Run("bank send over the CLI, read over REST and gRPC", func(t *testing.T) {
		before := restBalance(t, c, agent)
		require.Equal(t, "1000000000000", before.String(), "localnet funds each account with 1,000,000 AGI")

		res := c.Tx("tx", "bank", "send", "employer", agent, "12345uagi")
		require.Zero(t, res.Code, res.RawLog)

		require.Equal(t, before.AddRaw(12345).String(), restBalance(t, c, agent).String())

		var txRes struct {
			TxResponse struct {
				Code   uint32 `json:"code"`
				TxHash string `json:"txhash"`
			} `json:"tx_response"`
		}
		require.Equal(t, http.StatusOK, c.REST("/cosmos/tx/v1beta1/txs/"+res.TxHash, &txRes))
		require.Equal(t, res.TxHash, txRes.TxResponse.TxHash)
		require.Zero(t, txRes.TxResponse.Code)

		bal, err := banktypes.NewQueryClient(c.GRPC()).Balance(context.Background(),
			&banktypes.QueryBalanceRequest{Address: agent, Denom: "uagi"})
		require.NoError(t, err)
		require.Equal(t, before.AddRaw(12345).String(), bal.Balance.Amount.String())
	})

	t.Run("custom module params over REST", func(t *testing.T) {
		var jobs struct {
			Params map[string]any `json:"params"`
		}
		require.Equal(t, http.StatusOK, c.REST("/agij/jobs/v1/params", &jobs))
		require.Equal(t, "uagi", jobs.Params["payment_denom"])
		// The localnet's short periods (DESIGN §6).
		require.Equal(t, "120s", jobs.Params["completion_review_period"])
		require.Equal(t, "20s", jobs.Params["challenge_period"])
		require.Equal(t, "300s", jobs.Params["dispute_review_period"])
		require.Equal(t, "88888888000000", jobs.Params["max_job_payout"])

		var allow struct {
			Params struct {
				ProposerRoles []string `json:"proposer_roles"`
			} `json:"params"`
		}
		require.Equal(t, http.StatusOK, c.REST("/agij/allowlist/v1/params", &allow))
		require.Equal(t, []string{"ROLE_MODERATOR", "ROLE_CONSENSUS_VALIDATOR"}, allow.Params.ProposerRoles)

		var rep struct {
			Params struct {
				ReputationUnit string `json:"reputation_unit"`
				MaxScore       string `json:"max_score"`
			} `json:"params"`
		}
		require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/params", &rep))
		require.Equal(t, "1000", rep.Params.ReputationUnit)
		require.Equal(t, "88888", rep.Params.MaxScore)

		var class struct {
			Class struct {
				ID     string `json:"id"`
				Name   string `json:"name"`
				Symbol string `json:"symbol"`
			} `json:"class"`
		}
		require.Equal(t, http.StatusOK, c.REST("/cosmos/nft/v1beta1/classes/agijobs", &class))
		require.Equal(t, "AGIJobs", class.Class.Name)
		require.Equal(t, "Job", class.Class.Symbol)
	})

	t.Run("custom module params over gRPC and the CLI", func(t *testing.T) {
		ctx := context.Background()
		conn := c.GRPC()
		jobs, err := jobstypes.NewQueryClient(conn).Params(ctx, &jobstypes.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, uint32(3), jobs.Params.RequiredApprovals)
		require.Equal(t, "1000000", jobs.Params.AgentBondMin.String())

		allow, err := allowlisttypes.NewQueryClient(conn).Params(ctx, &allowlisttypes.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, allowlisttypes.DefaultProposerRoles, allow.Params.ProposerRoles)

		rep, err := reputationtypes.NewQueryClient(conn).Params(ctx, &reputationtypes.QueryParamsRequest{})
		require.NoError(t, err)
		require.True(t, reputationtypes.DefaultParams().ReputationUnit.Equal(rep.Params.ReputationUnit))
		require.Equal(t, reputationtypes.DefaultMaxScore, rep.Params.MaxScore)

		var cli struct {
			Params struct {
				MaxScore string `json:"max_score"`
			} `json:"params"`
		}
		require.NoError(t, json.Unmarshal(c.MustCLI("query", "reputation", "params", "-o", "json"), &cli))
		require.Equal(t, "88888", cli.Params.MaxScore)
	})

	t.Run("a refused transfer changes nothing", func(t *testing.T) {
		// The jobs module account is a blocked address: nobody can fund the
		// escrow by accident.
		var acc struct {
			Account struct {
				BaseAccount struct {
					Address string `json:"address"`
				} `json:"base_account"`
			} `json:"account"`
		}
		require.Equal(t, http.StatusOK, c.REST("/cosmos/auth/v1beta1/module_accounts/jobs", &acc))
		jobsAddr := acc.Account.BaseAccount.Address
		require.True(t, strings.HasPrefix(jobsAddr, "agij1"), "jobs module account %q", jobsAddr)
		before := restBalance(t, c, employer)
		res := c.Tx("tx", "bank", "send", "employer", jobsAddr, "1uagi")
		require.NotZero(t, res.Code, "a send to the jobs module account must be refused")
		require.Contains(t, res.RawLog, "not allowed to receive funds")
		require.Equal(t, before.String(), restBalance(t, c, employer).String())
	})

	t.Run("export for zero-height genesis from the stopped node", func(t *testing.T) {
		c.Stop()
		exported := c.MustCLI("export", "--for-zero-height")
		var gen struct {
			InitialHeight int64                      `json:"initial_height"`
			AppState      map[string]json.RawMessage `json:"app_state"`
		}
		require.NoError(t, json.Unmarshal(exported, &gen))
		// 0 for a zero-height export: CometBFT starts such a chain at height 1.
		require.Zero(t, gen.InitialHeight)
		for _, m := range []string{"allowlist", "jobs", "reputation", "nft"} {
			require.Contains(t, gen.AppState, m)
		}
		path := filepath.Join(t.TempDir(), "exported-genesis.json")
		require.NoError(t, os.WriteFile(path, exported, 0o600))
		require.Contains(t, string(c.MustCLI("genesis", "validate", path)), "is a valid genesis file")
	})
}

// TestLocalnetDemo runs the chain as `make localnet` does (DEMO=1): the demo
// script posts six jobs with the CLI, and the dashboard's REST routes show
// each in its state, settled as the script says.
func TestLocalnetDemo(t *testing.T) {
	c := e2e.StartDemoLocalnet(t, e2e.BuildBinary(t))
	logPath := filepath.Join(c.Home, "demo.log")
	deadline := time.Now().Add(3 * time.Minute)
	for {
		bz, _ := os.ReadFile(logPath)
		if strings.Contains(string(bz), "posted") {
			t.Logf("demo.log:\n%s", bz)
			break
		}
		require.True(t, time.Now().Before(deadline), "the demo did not finish; demo.log:\n%s", bz)
		time.Sleep(2 * time.Second)
	}

	want := []struct {
		status, kind, settledBy string
	}{
		{"JOB_STATUS_COMPLETED", "SETTLEMENT_KIND_AGENT_WON", "SETTLED_BY_VOTES"},
		{"JOB_STATUS_COMPLETED", "SETTLEMENT_KIND_AGENT_WON", "SETTLED_BY_MODERATOR"},
		{"JOB_STATUS_COMPLETION_REQUESTED", "", ""},
		{"JOB_STATUS_IN_PROGRESS", "", ""},
		{"JOB_STATUS_OPEN", "", ""},
		{"JOB_STATUS_CANCELLED", "SETTLEMENT_KIND_CANCELLED", "SETTLED_BY_EMPLOYER"},
	}
	// Job 1 settles in the EndBlocker once its 20 s challenge is over.
	waitJobStatus(t, c, 1, want[0].status, 60*time.Second)
	for i, w := range want {
		j := getJob(t, c, uint64(i+1))
		require.Equal(t, w.status, j.Status, "demo job %d", i+1)
		if w.kind == "" {
			require.Nil(t, j.Settlement, "demo job %d", i+1)
			continue
		}
		require.NotNil(t, j.Settlement, "demo job %d", i+1)
		require.Equal(t, w.kind, j.Settlement.Kind, "demo job %d", i+1)
		require.Equal(t, w.settledBy, j.Settlement.SettledBy, "demo job %d", i+1)
	}
	require.Equal(t, "job-1", getJob(t, c, 1).CertificateID)
	require.Equal(t, "job-2", getJob(t, c, 2).CertificateID)
	requireBalanced(t, c)

	// The dashboard that shows them is served by the same node.
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/dashboard/", c.APIPort))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}
