package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/agijobmanager/agij/testutil/e2e"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

// repRecord is a reputation record as REST and `-o json` render it.
type repRecord struct {
	Address string `json:"address"`
	Role    string `json:"role"`
	Score   string `json:"score"`
	Agent   *struct {
		JobsCompleted string `json:"jobs_completed"`
		JobsRefunded  string `json:"jobs_refunded"`
		JobsExpired   string `json:"jobs_expired"`
		TotalEarned   string `json:"total_earned"`
	} `json:"agent"`
	Validator *struct {
		Votes         string `json:"votes"`
		Correct       string `json:"correct"`
		Wrong         string `json:"wrong"`
		TotalRewarded string `json:"total_rewarded"`
		TotalSlashed  string `json:"total_slashed"`
	} `json:"validator"`
}

func leaderboardAddrs(records []repRecord) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = r.Address
	}
	return out
}

// TestReputation seeds scores through genesis (x/jobs does not report
// settlements yet) and reads them as DESIGN §4 promises: `agijd q reputation
// show`, the leaderboard over REST, the CLI and gRPC, and the export.
func TestReputation(t *testing.T) {
	ac := addresscodec.NewBech32Codec("agij")
	var agent1, agent2, val1, val2 string
	// valTie is the leaderboard order of two equal validator scores: lower
	// address bytes first. Genesis lists them the other way round.
	var valTie []string
	seed := func(c *e2e.Chain, appState map[string]json.RawMessage) {
		agent1, agent2 = c.KeyAddress("agent1"), c.KeyAddress("agent2")
		val1, val2 = c.KeyAddress("validator1"), c.KeyAddress("validator2")
		val1Bytes, err := ac.StringToBytes(val1)
		require.NoError(t, err)
		val2Bytes, err := ac.StringToBytes(val2)
		require.NoError(t, err)
		valTie = []string{val1, val2}
		if bytes.Compare(val1Bytes, val2Bytes) > 0 {
			valTie = []string{val2, val1}
		}
		tieScores := map[string]map[string]string{
			val1: {"votes": "1", "correct": "1", "total_rewarded": "80000000"},
			val2: {"votes": "2", "correct": "1", "wrong": "1", "total_slashed": "144000000"},
		}
		var gs map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(appState["reputation"], &gs))
		records, err := json.Marshal([]map[string]any{
			{"address": agent1, "role": "ROLE_AGENT", "score": "40",
				"agent": map[string]string{"jobs_completed": "1", "total_earned": "1080000000"}},
			{"address": agent2, "role": "ROLE_AGENT", "score": "13",
				"agent": map[string]string{"jobs_completed": "1", "jobs_refunded": "1", "total_earned": "9000000"}},
			{"address": valTie[1], "role": "ROLE_VALIDATOR", "score": "3", "validator": tieScores[valTie[1]]},
			{"address": valTie[0], "role": "ROLE_VALIDATOR", "score": "3", "validator": tieScores[valTie[0]]},
		})
		require.NoError(t, err)
		gs["records"] = records
		appState["reputation"], err = json.Marshal(gs)
		require.NoError(t, err)
	}
	c := e2e.StartLocalnet(t, e2e.BuildBinary(t), seed)

	t.Run("show over the CLI", func(t *testing.T) {
		var res struct {
			Agent     repRecord `json:"agent"`
			Validator repRecord `json:"validator"`
		}
		out := c.MustCLI("q", "reputation", "show", agent1, "-o", "json")
		require.NoError(t, json.Unmarshal(out, &res), "%s", out)
		require.Equal(t, agent1, res.Agent.Address)
		require.Equal(t, "ROLE_AGENT", res.Agent.Role)
		require.Equal(t, "40", res.Agent.Score)
		require.NotNil(t, res.Agent.Agent)
		require.Equal(t, "1", res.Agent.Agent.JobsCompleted)
		require.Equal(t, "1080000000", res.Agent.Agent.TotalEarned)
		require.Nil(t, res.Agent.Validator)
		// No validator history: score 0 (the CLI leaves zero fields out).
		require.Equal(t, "ROLE_VALIDATOR", res.Validator.Role)
		require.Empty(t, res.Validator.Score)
		require.Equal(t, "0", res.Validator.Validator.TotalSlashed)

		// A key name works too.
		out = c.MustCLI("q", "reputation", "show", "validator2", "-o", "json")
		require.NoError(t, json.Unmarshal(out, &res), "%s", out)
		require.Equal(t, val2, res.Validator.Address)
		require.Equal(t, "3", res.Validator.Score)
		require.Equal(t, "2", res.Validator.Validator.Votes)
		require.Equal(t, "1", res.Validator.Validator.Wrong)
		require.Equal(t, "144000000", res.Validator.Validator.TotalSlashed)
	})

	t.Run("reputation over REST", func(t *testing.T) {
		var res struct {
			Agent     repRecord `json:"agent"`
			Validator repRecord `json:"validator"`
		}
		require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/reputation/"+agent2, &res))
		require.Equal(t, "13", res.Agent.Score)
		require.Equal(t, "1", res.Agent.Agent.JobsRefunded)
		require.Equal(t, "0", res.Agent.Agent.JobsExpired)
		require.Equal(t, "0", res.Validator.Score)
		require.Equal(t, "0", res.Validator.Validator.Votes)

		require.Equal(t, http.StatusBadRequest, c.REST("/agij/reputation/v1/reputation/agent2", nil))
	})

	t.Run("leaderboard over REST", func(t *testing.T) {
		var res struct {
			Records []repRecord `json:"records"`
		}
		require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/leaderboard?role=ROLE_AGENT", &res))
		require.Equal(t, []string{agent1, agent2}, leaderboardAddrs(res.Records))
		require.Equal(t, "40", res.Records[0].Score)
		require.Equal(t, "1080000000", res.Records[0].Agent.TotalEarned)
		require.Equal(t, "13", res.Records[1].Score)

		require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/leaderboard?role=ROLE_VALIDATOR&limit=10", &res))
		require.Equal(t, valTie, leaderboardAddrs(res.Records))
		require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/leaderboard?role=ROLE_AGENT&limit=1", &res))
		require.Equal(t, []string{agent1}, leaderboardAddrs(res.Records))

		require.Equal(t, http.StatusBadRequest, c.REST("/agij/reputation/v1/leaderboard?role=ROLE_MODERATOR", nil))
		require.Equal(t, http.StatusBadRequest, c.REST("/agij/reputation/v1/leaderboard", nil))
	})

	t.Run("leaderboard over the CLI and gRPC", func(t *testing.T) {
		var res struct {
			Records []repRecord `json:"records"`
		}
		out := c.MustCLI("q", "reputation", "leaderboard", "validator", "-o", "json")
		require.NoError(t, json.Unmarshal(out, &res), "%s", out)
		require.Equal(t, valTie, leaderboardAddrs(res.Records))
		out = c.MustCLI("q", "reputation", "leaderboard", "agent", "--limit", "1", "-o", "json")
		require.NoError(t, json.Unmarshal(out, &res), "%s", out)
		require.Equal(t, []string{agent1}, leaderboardAddrs(res.Records))

		grpcRes, err := reputationtypes.NewQueryClient(c.GRPC()).Leaderboard(context.Background(),
			&reputationtypes.QueryLeaderboardRequest{Role: allowlisttypes.ROLE_AGENT, Limit: 5})
		require.NoError(t, err)
		require.Len(t, grpcRes.Records, 2)
		require.Equal(t, agent1, grpcRes.Records[0].Address)
		require.Equal(t, uint64(40), grpcRes.Records[0].Score)
		require.Equal(t, "1080000000", grpcRes.Records[0].Agent.TotalEarned.String())
	})

	t.Run("export keeps every record", func(t *testing.T) {
		c.Stop()
		var gen struct {
			AppState struct {
				Reputation struct {
					Records []repRecord `json:"records"`
				} `json:"reputation"`
			} `json:"app_state"`
		}
		require.NoError(t, json.Unmarshal(c.MustCLI("export"), &gen))
		records := gen.AppState.Reputation.Records
		require.Len(t, records, 4)
		scores := map[string]string{}
		for _, r := range records {
			scores[r.Role+"/"+r.Address] = r.Score
		}
		require.Equal(t, map[string]string{
			"ROLE_AGENT/" + agent1: "40", "ROLE_AGENT/" + agent2: "13",
			"ROLE_VALIDATOR/" + val1: "3", "ROLE_VALIDATOR/" + val2: "3",
		}, scores)
	})
}
