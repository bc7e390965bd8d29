package e2e_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/testutil/e2e"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

// reputationParams reads /agij/reputation/v1/params, the JSON a dashboard sees.
type reputationParams struct {
	ReputationUnit string `json:"reputation_unit"`
	MaxScore       string `json:"max_score"`
}

func restReputationParams(t *testing.T, c *e2e.Chain) reputationParams {
	t.Helper()
	var res struct {
		Params reputationParams `json:"params"`
	}
	require.Equal(t, http.StatusOK, c.REST("/agij/reputation/v1/params", &res))
	return res.Params
}

// govProposal is the part of /cosmos/gov/v1/proposals/{id} the test reads.
type govProposal struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Messages []struct {
		Type      string           `json:"@type"`
		Authority string           `json:"authority"`
		Params    reputationParams `json:"params"`
	} `json:"messages"`
	Expedited        bool   `json:"expedited"`
	FailedReason     string `json:"failed_reason"`
	FinalTallyResult struct {
		YesCount string `json:"yes_count"`
	} `json:"final_tally_result"`
}

func restProposal(t *testing.T, c *e2e.Chain, id uint64) govProposal {
	t.Helper()
	var res struct {
		Proposal govProposal `json:"proposal"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/gov/v1/proposals/"+strconv.FormatUint(id, 10), &res))
	return res.Proposal
}

// abciEvent is an event as `agijd query tx` and `query block-results` print it.
type abciEvent struct {
	Type       string `json:"type"`
	Attributes []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"attributes"`
}

func (e abciEvent) attr(key string) (string, bool) {
	for _, a := range e.Attributes {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// deliveredTx is the part of `agijd query tx -o json` the test reads.
type deliveredTx struct {
	Code      uint32      `json:"code"`
	Codespace string      `json:"codespace"`
	Events    []abciEvent `json:"events"`
}

func queryTx(t *testing.T, c *e2e.Chain, txHash string) deliveredTx {
	t.Helper()
	var tx deliveredTx
	require.NoError(t, json.Unmarshal(c.MustCLI("query", "tx", txHash, "-o", "json"), &tx))
	return tx
}

// submittedProposalID reads the proposal id from the events of a delivered
// MsgSubmitProposal.
func submittedProposalID(t *testing.T, c *e2e.Chain, txHash string) uint64 {
	t.Helper()
	for _, ev := range queryTx(t, c, txHash).Events {
		if ev.Type != "submit_proposal" {
			continue
		}
		if v, ok := ev.attr("proposal_id"); ok {
			id, err := strconv.ParseUint(v, 10, 64)
			require.NoError(t, err)
			return id
		}
	}
	t.Fatalf("no submit_proposal.proposal_id in tx %s", txHash)
	return 0
}

// TestGovParamsChange changes an x/reputation parameter the way an operator
// does: a moderator submits `agijd tx reputation update-params` as a
// governance proposal, the consensus validator votes yes, and once the voting
// period ends the new value is served over REST. Sending the same message
// directly, with a normal key as the authority, is refused and changes nothing.
func TestGovParamsChange(t *testing.T) {
	c := e2e.StartLocalnet(t, e2e.BuildBinary(t))

	var govAcc struct {
		Account struct {
			BaseAccount struct {
				Address string `json:"address"`
			} `json:"base_account"`
		} `json:"account"`
	}
	require.Equal(t, http.StatusOK, c.REST("/cosmos/auth/v1beta1/module_accounts/gov", &govAcc))
	govAddr := govAcc.Account.BaseAccount.Address
	require.NotEmpty(t, govAddr)

	defaults := reputationParams{ReputationUnit: "1000", MaxScore: "88888"}
	require.Equal(t, defaults, restReputationParams(t, c))

	// The steps share one chain and run in order; they are blocks, not
	// subtests, because the harness reports failures to the test that
	// started the chain.

	// 1. MsgUpdateParams sent directly is unauthorized and changes nothing.
	// --no-proposal makes the --from key the authority of the message.
	{
		res := c.Tx("tx", "reputation", "update-params", `{"reputation_unit":"5","max_score":"12345"}`,
			"--no-proposal", "--from", "employer")
		require.NotZero(t, res.Code, "a direct MsgUpdateParams from a normal key must fail")
		require.Contains(t, res.RawLog, "unauthorized")
		require.Contains(t, res.RawLog, "the authority is "+govAddr)
		delivered := queryTx(t, c, res.TxHash)
		require.Equal(t, reputationtypes.ErrUnauthorized.Codespace(), delivered.Codespace)
		require.Equal(t, reputationtypes.ErrUnauthorized.ABCICode(), delivered.Code)
		require.Equal(t, defaults, restReputationParams(t, c))
	}

	// 2. A proposal whose parameters fail Validate() is refused when it is
	// submitted (MsgUpdateParams.ValidateBasic): no proposal, no deposit.
	{
		moderatorBefore := restBalance(t, c, c.KeyAddress("moderator"))
		res := c.Tx("tx", "reputation", "update-params", `{"max_score":"77777"}`,
			"--deposit", "10000000uagi", "--title", "Partial params", "--summary", "omits reputation_unit",
			"--from", "moderator")
		require.Equal(t, uint32(12), res.Code, "gov's invalid proposal message: %s", res.RawLog)
		require.Contains(t, res.RawLog, "reputation_unit must be positive")
		require.Contains(t, res.RawLog, reputationtypes.ErrInvalidParams.Error())
		var list struct {
			Proposals []govProposal `json:"proposals"`
		}
		require.Equal(t, http.StatusOK, c.REST("/cosmos/gov/v1/proposals", &list))
		require.Empty(t, list.Proposals)
		require.Equal(t, moderatorBefore.String(), restBalance(t, c, c.KeyAddress("moderator")).String(), "no deposit taken")
	}

	// 3. A proposal voted through governance changes max_score. It is signed
	// in amino-JSON mode, as a hardware wallet would: the agij messages are
	// registered for legacy amino (DESIGN §1).
	{
		// autocli's update-params has no --expedited flag, so this is the
		// normal path: deposit ≥ 10 AGI, 60 s voting period on the localnet.
		submit := c.Tx("tx", "reputation", "update-params", `{"reputation_unit":"1000","max_score":"99999"}`,
			"--deposit", "10000000uagi",
			"--title", "Raise the reputation cap",
			"--summary", "max_score 88888 -> 99999",
			"--from", "moderator", "--sign-mode", "amino-json")
		require.Zero(t, submit.Code, submit.RawLog)
		id := submittedProposalID(t, c, submit.TxHash)

		p := restProposal(t, c, id)
		require.Equal(t, "PROPOSAL_STATUS_VOTING_PERIOD", p.Status, "the deposit meets the minimum, so voting starts at once")
		require.False(t, p.Expedited)
		require.Len(t, p.Messages, 1)
		require.Equal(t, "/agij.reputation.v1.MsgUpdateParams", p.Messages[0].Type)
		require.Equal(t, govAddr, p.Messages[0].Authority)
		require.Equal(t, reputationParams{ReputationUnit: "1000", MaxScore: "99999"}, p.Messages[0].Params)

		vote := c.Tx("tx", "gov", "vote", strconv.FormatUint(id, 10), "yes", "--from", "validator")
		require.Zero(t, vote.Code, vote.RawLog)

		// Nothing changes before the voting period ends.
		require.Equal(t, defaults, restReputationParams(t, c))

		// Voting period 60 s from submission, plus room for a loaded machine.
		deadline := time.Now().Add(150 * time.Second)
		for p.Status == "PROPOSAL_STATUS_VOTING_PERIOD" && time.Now().Before(deadline) {
			time.Sleep(2 * time.Second)
			p = restProposal(t, c, id)
		}
		require.Equal(t, "PROPOSAL_STATUS_PASSED", p.Status, "failed_reason: %q", p.FailedReason)
		require.NotEqual(t, "0", p.FinalTallyResult.YesCount)

		require.Equal(t, reputationParams{ReputationUnit: "1000", MaxScore: "99999"}, restReputationParams(t, c),
			"max_score changed, reputation_unit kept")

		// The change is announced by the module's typed event, in the block
		// whose EndBlocker executed the proposal.
		var blocks struct {
			Blocks []struct {
				Header struct {
					Height string `json:"height"`
				} `json:"header"`
			} `json:"blocks"`
		}
		require.NoError(t, json.Unmarshal(c.MustCLI("query", "blocks",
			"--query", "agij.reputation.v1.EventParamsUpdated.authority EXISTS", "-o", "json"), &blocks))
		require.Len(t, blocks.Blocks, 1, "one parameter change, one event")
		var results struct {
			FinalizeBlockEvents []abciEvent `json:"finalize_block_events"`
		}
		require.NoError(t, json.Unmarshal(c.MustCLI("query", "block-results", blocks.Blocks[0].Header.Height, "-o", "json"), &results))
		var found bool
		for _, ev := range results.FinalizeBlockEvents {
			if ev.Type != "agij.reputation.v1.EventParamsUpdated" {
				continue
			}
			found = true
			authority, ok := ev.attr("authority")
			require.True(t, ok)
			require.Equal(t, strconv.Quote(govAddr), authority)
			params, ok := ev.attr("params")
			require.True(t, ok)
			var got reputationParams
			require.NoError(t, json.Unmarshal([]byte(params), &got))
			require.Equal(t, reputationParams{ReputationUnit: "1000", MaxScore: "99999"}, got)
		}
		require.True(t, found, "EventParamsUpdated not in block %s", blocks.Blocks[0].Header.Height)
	}
}
