package e2e_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
)

// broadcastRefused sends a tx with the CLI and returns the CheckTx code and
// log of a refusal; the tx must not reach a block.
func broadcastRefused(t *testing.T, c *e2e.Chain, args ...string) (uint32, string) {
	t.Helper()
	out, err := c.CLI(append(args, "-y", "-o", "json")...)
	if err != nil {
		// The CLI refused before broadcasting; the reason is in err.
		return 1, err.Error()
	}
	var res e2e.TxResult
	require.NoError(t, json.Unmarshal(out, &res), "tx output: %s", out)
	require.NotZero(t, res.Code, "the tx must be refused: %s", out)
	return res.Code, res.RawLog
}

// TestPermissionedNetwork checks the allowlist's gates on a real node: the
// local genesis admits its own validator (its gentx passed the gate), an
// account without ROLE_CONSENSUS_VALIDATOR may not create a validator, and an
// account without a proposer role may not submit a governance proposal.
func TestPermissionedNetwork(t *testing.T) {
	c := e2e.StartLocalnet(t, e2e.BuildBinary(t))

	var authorized struct {
		Authorized bool   `json:"authorized"`
		Reason     string `json:"reason"`
	}
	c.REST("/agij/allowlist/v1/authorized/ROLE_CONSENSUS_VALIDATOR/"+c.KeyAddress("validator"), &authorized)
	require.True(t, authorized.Authorized, "the genesis validator is allowlisted: %s", authorized.Reason)
	c.REST("/agij/allowlist/v1/authorized/ROLE_CONSENSUS_VALIDATOR/"+c.KeyAddress("employer"), &authorized)
	require.False(t, authorized.Authorized)

	// An unlisted institution's create-validator is refused with a clear error.
	// Any well-formed ed25519 key will do: the gate refuses before staking looks at it.
	pubkey := `{"@type":"/cosmos.crypto.ed25519.PubKey","key":"oWg2ISpLF405Jcm2vXV+2v4fnjodh6aafuIdeoW+rUw="}`
	valFile := filepath.Join(t.TempDir(), "validator.json")
	require.NoError(t, os.WriteFile(valFile, []byte(`{"pubkey":`+pubkey+`,"amount":"1000000uagi","moniker":"rogue",
		"commission-rate":"0.1","commission-max-rate":"0.2","commission-max-change-rate":"0.01","min-self-delegation":"1"}`), 0o600))
	_, log := broadcastRefused(t, c, "tx", "staking", "create-validator", valFile, "--from", "employer")
	require.Contains(t, log, "may not create a validator")
	require.Contains(t, log, "ROLE_CONSENSUS_VALIDATOR")
	require.Contains(t, log, c.KeyAddress("employer"))

	var validators struct {
		Validators []json.RawMessage `json:"validators"`
	}
	c.REST("/cosmos/staking/v1beta1/validators", &validators)
	require.Len(t, validators.Validators, 1, "no validator was created")

	// A proposal from an account with no proposer role is refused.
	proposal := filepath.Join(t.TempDir(), "proposal.json")
	require.NoError(t, os.WriteFile(proposal, []byte(`{"messages":[],"metadata":"text proposal","deposit":"10000000uagi","title":"t","summary":"s"}`), 0o600))
	_, log = broadcastRefused(t, c, "tx", "gov", "submit-proposal", proposal, "--from", "employer")
	require.Contains(t, log, "may not submit governance proposals")
	var proposals struct {
		Proposals []json.RawMessage `json:"proposals"`
	}
	c.REST("/cosmos/gov/v1/proposals", &proposals)
	require.Empty(t, proposals.Proposals)

	// The moderator may.
	res := c.Tx("tx", "gov", "submit-proposal", proposal, "--from", "moderator")
	require.Zero(t, res.Code, res.RawLog)
}
