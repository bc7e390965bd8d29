package keeper_test

import (
	"fmt"
	"math/rand"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/keeper"
	"github.com/agijobmanager/agij/x/reputation/types"
)

func (s *KeeperTestSuite) seed(records ...types.Record) {
	s.Require().NoError(s.keeper.InitGenesis(s.ctx, &types.GenesisState{Params: types.DefaultParams(), Records: records}))
}

func (s *KeeperTestSuite) leaderboard(role allowlisttypes.Role, limit uint32) []types.Record {
	res, err := s.queryServer.Leaderboard(s.ctx, &types.QueryLeaderboardRequest{Role: role, Limit: limit})
	s.Require().NoError(err)
	return res.Records
}

func (s *KeeperTestSuite) names(records []types.Record) []string {
	out := make([]string, len(records))
	for i, r := range records {
		for _, n := range []string{"a", "b", "c", "d", "e", "f", "zed"} {
			if r.Address == s.addr(n) {
				out[i] = n
			}
		}
	}
	return out
}

// Highest score first; equal scores by address bytes ascending ("a…" <
// "b…", whatever their bech32 strings say); each role on its own board.
func (s *KeeperTestSuite) TestLeaderboardOrder() {
	zero := math.ZeroInt()
	s.seed(
		s.agentRec("c", 10, 0, 0, 0, zero),
		s.agentRec("zed", 40, 0, 0, 0, zero),
		s.agentRec("a", 10, 0, 0, 0, zero),
		s.agentRec("e", 0, 0, 1, 0, zero),
		s.agentRec("b", 10, 0, 0, 0, zero),
		s.agentRec("d", 88_888, 0, 0, 0, zero),
		s.validatorRec("f", 3, 1, 0, zero, zero),
		s.validatorRec("a", 3, 1, 0, zero, zero),
		s.validatorRec("zed", 7, 1, 0, zero, zero),
	)
	s.Require().Equal([]string{"d", "zed", "a", "b", "c", "e"}, s.names(s.leaderboard(allowlisttypes.ROLE_AGENT, 0)))
	s.Require().Equal([]string{"d", "zed", "a"}, s.names(s.leaderboard(allowlisttypes.ROLE_AGENT, 3)))
	s.Require().Equal([]string{"zed", "a", "f"}, s.names(s.leaderboard(allowlisttypes.ROLE_VALIDATOR, 10)))

	// The records are complete, not just keys.
	top := s.leaderboard(allowlisttypes.ROLE_VALIDATOR, 1)
	s.Require().Equal([]string{s.recordJSON(s.validatorRec("zed", 7, 1, 0, zero, zero))}, s.recordsJSON(top))

	// A settlement moves a record up; ties stay ordered by address.
	s.settle(types.SettlementFacts{JobID: 1, Agent: s.addr("c"), Payout: agi(1200), DurationSeconds: 30 * day,
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8})
	s.Require().Equal([]string{"d", "c", "zed", "a", "b", "e"}, s.names(s.leaderboard(allowlisttypes.ROLE_AGENT, 0)))
	s.settle(types.SettlementFacts{JobID: 2, Agent: s.addr("e"), Payout: agi(10),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8})
	s.Require().Equal([]string{"d", "c", "zed", "e", "a", "b"}, s.names(s.leaderboard(allowlisttypes.ROLE_AGENT, 0)))
}

func (s *KeeperTestSuite) TestLeaderboardEmpty() {
	s.Require().Empty(s.leaderboard(allowlisttypes.ROLE_AGENT, 0))
	s.Require().Empty(s.leaderboard(allowlisttypes.ROLE_VALIDATOR, 100))
}

// limit 0 is 10; anything above 100 is 100.
func (s *KeeperTestSuite) TestLeaderboardLimit() {
	var records []types.Record
	for i := range 120 {
		records = append(records, types.Record{Address: s.addr(fmt.Sprintf("agent%03d", i)), Role: allowlisttypes.ROLE_AGENT, Score: uint64(i)})
	}
	s.seed(records...)
	for limit, want := range map[uint32]int{0: 10, 1: 1, 10: 10, 99: 99, 100: 100, 101: 100, 1 << 31: 100} {
		got := s.leaderboard(allowlisttypes.ROLE_AGENT, limit)
		s.Require().Len(got, want, "limit %d", limit)
		for i, r := range got {
			s.Require().Equal(uint64(119-i), r.Score)
		}
	}
	// The keeper has no cap of its own.
	all, err := s.keeper.Leaderboard(s.ctx, allowlisttypes.ROLE_AGENT, 1000)
	s.Require().NoError(err)
	s.Require().Len(all, 120)
}

func (s *KeeperTestSuite) TestLeaderboardRefused() {
	for _, role := range []allowlisttypes.Role{
		allowlisttypes.ROLE_UNSPECIFIED, allowlisttypes.ROLE_MODERATOR, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, 99,
	} {
		res, err := s.queryServer.Leaderboard(s.ctx, &types.QueryLeaderboardRequest{Role: role})
		s.Require().Equal(codes.InvalidArgument, status.Code(err), "%s: %v", role, err)
		s.Require().ErrorContains(err, "has no score")
		s.Require().Nil(res)

		_, err = s.keeper.Leaderboard(s.ctx, role, 10)
		s.Require().ErrorIs(err, types.ErrInvalidRole)
	}
	res, err := s.queryServer.Leaderboard(s.ctx, nil)
	s.Require().Equal(codes.InvalidArgument, status.Code(err))
	s.Require().Nil(res)
}

// Many settlements over a few accounts (fixed seed): after each one the index
// holds exactly one key per record, at its score, and the leaderboard equals
// the records sorted by score, then address.
func (s *KeeperTestSuite) TestLeaderboardIndexConsistency() {
	p := types.DefaultParams()
	p.MaxScore = 200 // some accounts reach the cap, so ties at the top occur
	s.Require().NoError(s.keeper.Params.Set(s.ctx, p))

	rng := rand.New(rand.NewSource(4))
	accounts := []string{"a", "b", "c", "d", "e", "f", "zed"}
	kinds := []types.SettlementKind{types.SettlementKindAgentWon, types.SettlementKindEmployerWon, types.SettlementKindExpired}
	for job := uint64(1); job <= 300; job++ {
		perm := rng.Perm(len(accounts))
		facts := types.SettlementFacts{
			JobID: job, Agent: s.addr(accounts[perm[0]]), Payout: math.NewInt(rng.Int63n(2_000_000_000)),
			DurationSeconds: uint64(rng.Intn(30 * day)), CompletionSeconds: uint64(rng.Intn(30 * day)),
			Kind: kinds[rng.Intn(len(kinds))], EarnsReputation: rng.Intn(4) != 0, ValidatorRewardPct: uint32(rng.Intn(101)),
		}
		if facts.Kind != types.SettlementKindExpired {
			for _, i := range perm[1 : 1+rng.Intn(len(accounts))] {
				facts.Validators = append(facts.Validators, s.vote(accounts[i], rng.Intn(2) == 0, math.NewInt(rng.Int63n(1000)), math.NewInt(rng.Int63n(1000))))
			}
		}
		s.settle(facts) // checks the index after every settlement
	}

	byRole, err := s.checkIndex()
	s.Require().NoError(err)
	s.Require().Len(byRole[allowlisttypes.ROLE_AGENT], len(accounts))
	s.Require().Len(byRole[allowlisttypes.ROLE_VALIDATOR], len(accounts))
	for _, role := range types.ScoredRoles {
		s.Require().Equal(s.recordsJSON(byRole[role]), s.recordsJSON(s.leaderboard(role, 100)), "%s", role)
	}
	// Some reached the cap (a tie), none passed it.
	s.Require().Equal(uint64(200), byRole[allowlisttypes.ROLE_AGENT][0].Score)
	for _, rs := range byRole {
		for _, r := range rs {
			s.Require().LessOrEqual(r.Score, uint64(200))
		}
	}

	// Export → import into a fresh chain: the same records, the same index.
	exported, err := s.keeper.ExportGenesis(s.ctx)
	s.Require().NoError(err)
	b := newFixture(s.T())
	s.Require().NoError(b.keeper.InitGenesis(b.ctx, exported))
	s.Require().Equal(s.storeDump(s.T()), b.storeDump(s.T()))
}

// The index key inverts the score so that ascending keys are the best first.
func (s *KeeperTestSuite) TestNewLeaderboardKey() {
	k := keeper.NewLeaderboardKey(recordKey(allowlisttypes.ROLE_AGENT, "a"), 40)
	s.Require().Equal(int32(allowlisttypes.ROLE_AGENT), k.K1())
	s.Require().Equal(uint64(1<<64-1-40), k.K2())
	s.Require().Equal(accAddr("a"), k.K3())
}
