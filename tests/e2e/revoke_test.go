package e2e_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

type stakingValidator struct {
	OperatorAddress string `json:"operator_address"`
	Jailed          bool   `json:"jailed"`
	Status          string `json:"status"`
}

func restValidator(t *testing.T, c *e2e.Chain, valoper string) stakingValidator {
	t.Helper()
	var res struct {
		Validator stakingValidator `json:"validator"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/staking/v1beta1/validators/"+valoper, &res))
	return res.Validator
}

// TestRevokeInstitutionByGovernance: on a 4-validator network, a governance
// proposal revokes one institution's ROLE_CONSENSUS_VALIDATOR; when it passes,
// that validator is jailed and leaves the active set, and the other three go
// on producing blocks.
func TestRevokeInstitutionByGovernance(t *testing.T) {
	nw := e2e.StartNetwork(t, e2e.BuildBinary(t), 4)
	n0, n3 := nw.Nodes[0], nw.Nodes[3]

	operator := strings.TrimSpace(string(n3.MustCLI("keys", "show", "node3", "-a")))
	valoper := strings.TrimSpace(string(n3.MustCLI("keys", "show", "node3", "-a", "--bech", "val")))
	require.Equal(t, "BOND_STATUS_BONDED", restValidator(t, n0, valoper).Status)

	var gov struct {
		Account struct {
			BaseAccount struct {
				Address string `json:"address"`
			} `json:"base_account"`
		} `json:"account"`
	}
	require.Equal(t, http.StatusOK, n0.REST("/cosmos/auth/v1beta1/module_accounts/gov", &gov))
	proposal := map[string]any{
		"messages": []map[string]any{{
			"@type":   "/agij.allowlist.v1.MsgRevokeRole",
			"signer":  gov.Account.BaseAccount.Address,
			"address": operator,
			"role":    "ROLE_CONSENSUS_VALIDATOR",
			"reason":  "accreditation withdrawn",
		}},
		"deposit": "10000000uagi",
		"title":   "Remove node3's institution",
		"summary": "Its accreditation was withdrawn.",
	}
	bz, err := json.Marshal(proposal)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "revoke.json")
	require.NoError(t, os.WriteFile(file, bz, 0o600))

	submit := n0.Tx("tx", "gov", "submit-proposal", file, "--from", "moderator")
	require.Zero(t, submit.Code, submit.RawLog)
	// Half the voting power votes yes: quorum (33.4 %) and threshold are met.
	require.Zero(t, n0.Tx("tx", "gov", "vote", "1", "yes", "--from", "validator").Code)
	require.Zero(t, nw.Nodes[1].Tx("tx", "gov", "vote", "1", "yes", "--from", "node1").Code)

	var status string
	deadline := time.Now().Add(150 * time.Second)
	for time.Now().Before(deadline) {
		var res struct {
			Proposal struct {
				Status       string `json:"status"`
				FailedReason string `json:"failed_reason"`
			} `json:"proposal"`
		}
		require.Equal(t, http.StatusOK, n0.REST("/cosmos/gov/v1/proposals/1", &res))
		status = res.Proposal.Status
		if status != "PROPOSAL_STATUS_VOTING_PERIOD" {
			require.Equal(t, "PROPOSAL_STATUS_PASSED", status, res.Proposal.FailedReason)
			break
		}
		time.Sleep(2 * time.Second)
	}
	require.Equal(t, "PROPOSAL_STATUS_PASSED", status)

	// Jailed and out of the active set.
	h := n0.Height()
	n0.WaitForHeight(h+2, 60*time.Second)
	v := restValidator(t, n0, valoper)
	require.True(t, v.Jailed)
	require.NotEqual(t, "BOND_STATUS_BONDED", v.Status)
	var set struct {
		Validators []json.RawMessage `json:"validators"`
	}
	require.Equal(t, http.StatusOK, n0.REST("/cosmos/base/tendermint/v1beta1/validatorsets/latest", &set))
	require.Len(t, set.Validators, 3)

	var authorized struct {
		Authorized bool   `json:"authorized"`
		Reason     string `json:"reason"`
	}
	require.Equal(t, http.StatusOK, n0.REST("/agij/allowlist/v1/authorized/ROLE_CONSENSUS_VALIDATOR/"+operator, &authorized))
	require.False(t, authorized.Authorized)

	// The other three go on.
	h = n0.Height()
	for _, c := range nw.Nodes[:3] {
		c.WaitForHeight(h+3, 60*time.Second)
	}
}
