package network_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/x/nft"

	"github.com/cosmos/cosmos-sdk/client/flags"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	clitestutil "github.com/cosmos/cosmos-sdk/testutil/cli"
	"github.com/cosmos/cosmos-sdk/testutil/network"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/app"
	agijnetwork "github.com/agijobmanager/agij/testutil/network"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
	reputationtypes "github.com/agijobmanager/agij/x/reputation/types"
)

const numValidators = 4

// networkConfig is agij's test network config (testutil/network): the real
// app.New, the chain's denom everywhere, validators allowlisted at genesis.
func networkConfig(t *testing.T) network.Config {
	t.Helper()
	cfg, err := agijnetwork.DefaultConfig(numValidators)
	require.NoError(t, err)

	// The genesis the network starts from must use the bond denom for
	// staking, inflation and deposits, or gentxs and fees fail.
	var stakingGen stakingtypes.GenesisState
	cfg.Codec.MustUnmarshalJSON(cfg.GenesisState[stakingtypes.ModuleName], &stakingGen)
	require.Equal(t, app.BondDenom, stakingGen.Params.BondDenom)
	var mintGen minttypes.GenesisState
	cfg.Codec.MustUnmarshalJSON(cfg.GenesisState[minttypes.ModuleName], &mintGen)
	require.Equal(t, app.BondDenom, mintGen.Params.MintDenom)
	var govGen govv1.GenesisState
	cfg.Codec.MustUnmarshalJSON(cfg.GenesisState[govtypes.ModuleName], &govGen)
	require.Len(t, govGen.Params.MinDeposit, 1)
	require.Equal(t, app.BondDenom, govGen.Params.MinDeposit[0].Denom)
	return cfg
}

// getJSON GETs url and decodes a 200 answer into out.
func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", url, body)
	require.NoError(t, json.Unmarshal(body, out), "GET %s: %s", url, body)
}

func queryCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestNetwork starts one in-process network of four validators running the
// real app and checks it from the outside; the start is expensive, so every
// check is a subtest of this one network.
func TestNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network")
	}
	cfg := networkConfig(t)
	net, err := network.New(t, t.TempDir(), cfg)
	require.NoError(t, err)
	t.Cleanup(net.Cleanup)
	height, err := net.WaitForHeightWithTimeout(3, time.Minute)
	require.NoError(t, err)
	require.GreaterOrEqual(t, height, int64(3))

	val := net.Validators[0]

	t.Run("all validators bonded", func(t *testing.T) {
		ctx := queryCtx(t)
		res, err := stakingtypes.NewQueryClient(val.ClientCtx).Validators(ctx,
			&stakingtypes.QueryValidatorsRequest{Status: stakingtypes.BondStatusBonded})
		require.NoError(t, err)
		want := make([]string, 0, numValidators)
		for _, v := range net.Validators {
			want = append(want, v.ValAddress.String())
		}
		got := make([]string, 0, len(res.Validators))
		for _, v := range res.Validators {
			got = append(got, v.OperatorAddress)
			require.Equal(t, stakingtypes.Bonded, v.Status)
			require.False(t, v.Jailed)
			require.Equal(t, cfg.BondedTokens.String(), v.Tokens.String())
		}
		require.ElementsMatch(t, want, got)

		// CometBFT agrees: four validators with equal power.
		cmtVals, err := val.RPCClient.Validators(ctx, nil, nil, nil)
		require.NoError(t, err)
		require.Equal(t, numValidators, cmtVals.Total)
		for _, v := range cmtVals.Validators {
			require.Equal(t, sdk.TokensToConsensusPower(cfg.BondedTokens, sdk.DefaultPowerReduction), v.VotingPower)
		}
	})

	t.Run("bank send", func(t *testing.T) {
		from, to := val.Address, net.Validators[1].Address
		bank := banktypes.NewQueryClient(val.ClientCtx)
		balance := func(addr sdk.AccAddress) sdk.Coin {
			res, err := bank.Balance(queryCtx(t), banktypes.NewQueryBalanceRequest(addr, app.BondDenom))
			require.NoError(t, err)
			return *res.Balance
		}
		fromBefore, toBefore := balance(from), balance(to)
		// Genesis: staking tokens minus the self-delegation.
		require.Equal(t, cfg.StakingTokens.Sub(cfg.BondedTokens).String(), fromBefore.Amount.String())

		amount := sdk.NewInt64Coin(app.BondDenom, 12_345)
		fee := sdk.NewInt64Coin(app.BondDenom, 10)
		out, err := clitestutil.MsgSendExec(val.ClientCtx, from, to, sdk.NewCoins(amount),
			addresscodec.NewBech32Codec(app.Bech32Prefix),
			fmt.Sprintf("--%s=true", flags.FlagSkipConfirmation),
			fmt.Sprintf("--%s=%s", flags.FlagBroadcastMode, flags.BroadcastSync),
			fmt.Sprintf("--%s=%s", flags.FlagFees, fee),
			fmt.Sprintf("--%s=json", flags.FlagOutput),
		)
		require.NoError(t, err)
		var checkRes sdk.TxResponse
		require.NoError(t, val.ClientCtx.Codec.UnmarshalJSON(out.Bytes(), &checkRes), out.String())
		require.Equal(t, uint32(0), checkRes.Code, checkRes.RawLog)

		txRes, err := clitestutil.GetTxResponse(net, val.ClientCtx, checkRes.TxHash)
		require.NoError(t, err)
		require.Equal(t, uint32(0), txRes.Code, txRes.RawLog)
		require.Positive(t, txRes.Height)

		require.Equal(t, fromBefore.Sub(amount).Sub(fee).String(), balance(from).String())
		require.Equal(t, toBefore.Add(amount).String(), balance(to).String())
	})

	t.Run("REST params and certificate class", func(t *testing.T) {
		var jobs struct {
			Params struct {
				PaymentDenom           string `json:"payment_denom"`
				CompletionReviewPeriod string `json:"completion_review_period"`
				ChallengePeriod        string `json:"challenge_period"`
				DisputeReviewPeriod    string `json:"dispute_review_period"`
				RequiredApprovals      int    `json:"required_approvals"`
				MaxJobPayout           string `json:"max_job_payout"`
			} `json:"params"`
		}
		getJSON(t, val.APIAddress+"/agij/jobs/v1/params", &jobs)
		require.Equal(t, "uagi", jobs.Params.PaymentDenom)
		require.Equal(t, "604800s", jobs.Params.CompletionReviewPeriod)
		require.Equal(t, "86400s", jobs.Params.ChallengePeriod)
		require.Equal(t, "1209600s", jobs.Params.DisputeReviewPeriod)
		require.Equal(t, 3, jobs.Params.RequiredApprovals)
		require.Equal(t, "88888888000000", jobs.Params.MaxJobPayout)

		var allowlist struct {
			Params struct {
				ProposerRoles []string `json:"proposer_roles"`
			} `json:"params"`
		}
		getJSON(t, val.APIAddress+"/agij/allowlist/v1/params", &allowlist)
		require.Equal(t, []string{"ROLE_MODERATOR", "ROLE_CONSENSUS_VALIDATOR"}, allowlist.Params.ProposerRoles)

		var reputation struct {
			Params struct {
				ReputationUnit string `json:"reputation_unit"`
				MaxScore       string `json:"max_score"`
			} `json:"params"`
		}
		getJSON(t, val.APIAddress+"/agij/reputation/v1/params", &reputation)
		require.Equal(t, "1000", reputation.Params.ReputationUnit)
		require.Equal(t, "88888", reputation.Params.MaxScore)

		var class struct {
			Class struct {
				ID     string `json:"id"`
				Name   string `json:"name"`
				Symbol string `json:"symbol"`
			} `json:"class"`
		}
		getJSON(t, val.APIAddress+"/cosmos/nft/v1beta1/classes/"+jobstypes.CertificateClassID, &class)
		require.Equal(t, jobstypes.CertificateClassID, class.Class.ID)
		require.Equal(t, jobstypes.CertificateClassName, class.Class.Name)
		require.Equal(t, jobstypes.CertificateClassSymbol, class.Class.Symbol)
	})

	t.Run("gRPC params and certificate class", func(t *testing.T) {
		ctx := queryCtx(t)
		jobs, err := jobstypes.NewQueryClient(val.ClientCtx).Params(ctx, &jobstypes.QueryParamsRequest{})
		require.NoError(t, err)
		requireJSONEqual(t, val, jobstypes.DefaultParams(), jobs.Params)
		require.Equal(t, "uagi", jobs.Params.PaymentDenom)
		require.Equal(t, 7*24*time.Hour, jobs.Params.CompletionReviewPeriod)

		allowlist, err := allowlisttypes.NewQueryClient(val.ClientCtx).Params(ctx, &allowlisttypes.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, []allowlisttypes.Role{allowlisttypes.ROLE_MODERATOR, allowlisttypes.ROLE_CONSENSUS_VALIDATOR},
			allowlist.Params.ProposerRoles)

		reputation, err := reputationtypes.NewQueryClient(val.ClientCtx).Params(ctx, &reputationtypes.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, "1000", reputation.Params.ReputationUnit.String())
		require.Equal(t, uint64(88_888), reputation.Params.MaxScore)

		class, err := nft.NewQueryClient(val.ClientCtx).Class(ctx, &nft.QueryClassRequest{ClassId: jobstypes.CertificateClassID})
		require.NoError(t, err)
		require.Equal(t, &nft.Class{
			Id:          jobstypes.CertificateClassID,
			Name:        jobstypes.CertificateClassName,
			Symbol:      jobstypes.CertificateClassSymbol,
			Description: jobstypes.CertificateClassDescription,
		}, class.Class)
	})
}

// requireJSONEqual compares two jobs params by their canonical JSON (a nil
// and an empty repeated field are the same params).
func requireJSONEqual(t *testing.T, val *network.Validator, want, got jobstypes.Params) {
	t.Helper()
	cdc := val.ClientCtx.Codec
	require.JSONEq(t, string(cdc.MustMarshalJSON(&want)), string(cdc.MustMarshalJSON(&got)))
}
