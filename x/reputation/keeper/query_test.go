package keeper_test

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

func (s *KeeperTestSuite) TestQueryReputation() {
	zero := math.ZeroInt()
	// No history: both records at zero, with the address and role filled in.
	res, err := s.queryServer.Reputation(s.ctx, &types.QueryReputationRequest{Address: s.addr("alice")})
	s.Require().NoError(err)
	s.Require().Equal(s.recordJSON(s.agentRec("alice", 0, 0, 0, 0, zero)), s.recordJSON(res.Agent))
	s.Require().Equal(s.recordJSON(s.validatorRec("alice", 0, 0, 0, zero, zero)), s.recordJSON(res.Validator))

	s.settle(types.SettlementFacts{JobID: 1, Agent: s.addr("alice"), Payout: agi(1200), AgentPaid: agi(1080),
		DurationSeconds: 30 * day, Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{s.vote("bob", true, agi(80), zero)}})
	s.settle(types.SettlementFacts{JobID: 2, Agent: s.addr("bob"), Payout: agi(10),
		Kind: types.SettlementKindEmployerWon, EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{s.vote("alice", false, agi(1), zero)}})

	res, err = s.queryServer.Reputation(s.ctx, &types.QueryReputationRequest{Address: s.addr("alice")})
	s.Require().NoError(err)
	s.Require().Equal(s.recordJSON(s.agentRec("alice", 40, 1, 0, 0, agi(1080))), s.recordJSON(res.Agent))
	s.Require().Equal(s.recordJSON(s.validatorRec("alice", 1, 1, 0, agi(1), zero)), s.recordJSON(res.Validator))

	res, err = s.queryServer.Reputation(s.ctx, &types.QueryReputationRequest{Address: s.addr("bob")})
	s.Require().NoError(err)
	s.Require().Equal(s.recordJSON(s.agentRec("bob", 0, 0, 1, 0, zero)), s.recordJSON(res.Agent))
	s.Require().Equal(s.recordJSON(s.validatorRec("bob", 3, 1, 0, agi(80), zero)), s.recordJSON(res.Validator))

	// The JSON a dashboard reads: the other role's track record is null.
	s.Require().JSONEq(`{
		"agent": {"address": "`+s.addr("bob")+`", "role": "ROLE_AGENT", "score": "0",
			"agent": {"jobs_completed": "0", "jobs_refunded": "1", "jobs_expired": "0", "total_earned": "0"},
			"validator": null},
		"validator": {"address": "`+s.addr("bob")+`", "role": "ROLE_VALIDATOR", "score": "3", "agent": null,
			"validator": {"votes": "1", "correct": "1", "wrong": "0", "total_rewarded": "80000000", "total_slashed": "0"}}
	}`, string(s.cdc.MustMarshalJSON(res)))
}

func (s *KeeperTestSuite) TestQueryReputationRefused() {
	authBytes, err := s.addrCodec.StringToBytes(s.addr("alice"))
	s.Require().NoError(err)
	cosmosAlice, err := addresscodec.NewBech32Codec("cosmos").BytesToString(authBytes)
	s.Require().NoError(err)
	for _, a := range []string{"", "alice", cosmosAlice} {
		res, err := s.queryServer.Reputation(s.ctx, &types.QueryReputationRequest{Address: a})
		s.Require().Equal(codes.InvalidArgument, status.Code(err), "%q: %v", a, err)
		s.Require().Nil(res)
	}
	res, err := s.queryServer.Reputation(s.ctx, nil)
	s.Require().Equal(codes.InvalidArgument, status.Code(err))
	s.Require().Nil(res)
}

func (s *KeeperTestSuite) TestGetScore() {
	s.seed(s.agentRec("alice", 40, 1, 0, 0, agi(1)), s.validatorRec("alice", 3, 1, 0, agi(1), math.ZeroInt()))
	for _, tc := range []struct {
		name string
		role allowlisttypes.Role
		want uint64
	}{
		{"alice", allowlisttypes.ROLE_AGENT, 40},
		{"alice", allowlisttypes.ROLE_VALIDATOR, 3},
		{"bob", allowlisttypes.ROLE_AGENT, 0},
		{"bob", allowlisttypes.ROLE_VALIDATOR, 0},
	} {
		got, err := s.keeper.GetScore(s.ctx, accAddr(tc.name), tc.role)
		s.Require().NoError(err)
		s.Require().Equal(tc.want, got, "%s %s", tc.name, tc.role)
	}
	for _, role := range []allowlisttypes.Role{allowlisttypes.ROLE_UNSPECIFIED, allowlisttypes.ROLE_MODERATOR, 99} {
		got, err := s.keeper.GetScore(s.ctx, accAddr("alice"), role)
		s.Require().ErrorIs(err, types.ErrInvalidRole)
		s.Require().Zero(got)
	}
}
