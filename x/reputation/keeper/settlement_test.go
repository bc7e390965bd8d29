package keeper_test

import (
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

// settle records facts in a fresh event manager and returns the points and
// the EventReputationUpdated emitted.
func (s *KeeperTestSuite) settle(facts types.SettlementFacts) (uint64, []types.EventReputationUpdated) {
	ctx := s.ctx.WithEventManager(sdk.NewEventManager())
	points, err := s.keeper.RecordSettlement(ctx, facts)
	s.Require().NoError(err)
	events, err := reputationEvents(ctx.EventManager())
	s.Require().NoError(err)
	s.Require().Len(ctx.EventManager().ABCIEvents(), len(events), "only EventReputationUpdated")
	_, err = s.checkIndex()
	s.Require().NoError(err)
	return points, events
}

func (s *KeeperTestSuite) event(name string, role allowlisttypes.Role, points, score, jobID uint64) types.EventReputationUpdated {
	return types.EventReputationUpdated{Address: s.addr(name), Role: role, Points: points, NewScore: score, JobId: jobID}
}

func (s *KeeperTestSuite) requireRecords(want ...types.Record) {
	s.T().Helper()
	for _, w := range want {
		addr, err := s.addrCodec.StringToBytes(w.Address)
		s.Require().NoError(err)
		got, err := s.keeper.GetRecord(s.ctx, addr, w.Role)
		s.Require().NoError(err)
		s.Require().Equal(s.recordJSON(w), s.recordJSON(got))
	}
}

func (s *KeeperTestSuite) vote(name string, approved bool, reward, slashed math.Int) types.ValidatorFacts {
	return types.ValidatorFacts{Address: s.addr(name), Approved: approved, Reward: reward, Slashed: slashed}
}

// A 1200 AGI job delivered at once on a 30-day duration: 20 + 20 = 40 points
// for the agent; approvers get floor(40 × 8 / 100) = 3, the disapprover
// nothing. Validator bond 180 AGI, slash 144 AGI, pool 96 + 144 = 240 AGI,
// 80 AGI per approver.
func (s *KeeperTestSuite) TestRecordSettlementAgentWon() {
	points, events := s.settle(types.SettlementFacts{
		JobID: 1, Agent: s.addr("agent"), Payout: agi(1200), AgentPaid: agi(1080),
		DurationSeconds: 30 * day, CompletionSeconds: 0, Kind: types.SettlementKindAgentWon,
		EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{
			s.vote("val1", true, agi(80), math.ZeroInt()),
			s.vote("val2", true, agi(80), math.ZeroInt()),
			s.vote("val3", false, math.ZeroInt(), agi(144)),
			s.vote("val4", true, agi(80), math.ZeroInt()),
		},
	})
	s.Require().Equal(uint64(40), points)
	s.Require().Equal([]types.EventReputationUpdated{
		s.event("agent", allowlisttypes.ROLE_AGENT, 40, 40, 1),
		s.event("val1", allowlisttypes.ROLE_VALIDATOR, 3, 3, 1),
		s.event("val2", allowlisttypes.ROLE_VALIDATOR, 3, 3, 1),
		s.event("val3", allowlisttypes.ROLE_VALIDATOR, 0, 0, 1),
		s.event("val4", allowlisttypes.ROLE_VALIDATOR, 3, 3, 1),
	}, events)
	s.requireRecords(
		s.agentRec("agent", 40, 1, 0, 0, agi(1080)),
		s.validatorRec("val1", 3, 1, 0, agi(80), math.ZeroInt()),
		s.validatorRec("val2", 3, 1, 0, agi(80), math.ZeroInt()),
		s.validatorRec("val3", 0, 0, 1, math.ZeroInt(), agi(144)),
		s.validatorRec("val4", 3, 1, 0, agi(80), math.ZeroInt()),
	)
	// Records exist only for the roles that were touched.
	has, err := s.keeper.Records.Has(s.ctx, recordKey(allowlisttypes.ROLE_VALIDATOR, "agent"))
	s.Require().NoError(err)
	s.Require().False(has)
	has, err = s.keeper.Records.Has(s.ctx, recordKey(allowlisttypes.ROLE_AGENT, "val1"))
	s.Require().NoError(err)
	s.Require().False(has)
}

// The reference's happy path: 100 AGI, agent 16 points, each approver +1.
func (s *KeeperTestSuite) TestRecordSettlementHappyPathOfTheReference() {
	points, events := s.settle(types.SettlementFacts{
		JobID: 3, Agent: s.addr("agent"), Payout: agi(100), AgentPaid: agi(92),
		DurationSeconds: 3600, CompletionSeconds: 10, Kind: types.SettlementKindAgentWon,
		EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{
			s.vote("val1", true, agi(4), math.ZeroInt()),
			s.vote("val2", true, agi(4), math.ZeroInt()),
		},
	})
	s.Require().Equal(uint64(16), points)
	s.Require().Equal([]types.EventReputationUpdated{
		s.event("agent", allowlisttypes.ROLE_AGENT, 16, 16, 3),
		s.event("val1", allowlisttypes.ROLE_VALIDATOR, 1, 1, 3),
		s.event("val2", allowlisttypes.ROLE_VALIDATOR, 1, 1, 3),
	}, events)
}

// The review ended with no votes: the agent is paid but earns no points; its
// record still counts the job and the payout.
func (s *KeeperTestSuite) TestRecordSettlementAgentWonWithoutReputation() {
	points, events := s.settle(types.SettlementFacts{
		JobID: 2, Agent: s.addr("agent"), Payout: agi(25), AgentPaid: math.NewInt(22_500_000),
		DurationSeconds: 3600, Kind: types.SettlementKindAgentWon, EarnsReputation: false, ValidatorRewardPct: 8,
	})
	s.Require().Zero(points)
	s.Require().Equal([]types.EventReputationUpdated{s.event("agent", allowlisttypes.ROLE_AGENT, 0, 0, 2)}, events)
	s.requireRecords(s.agentRec("agent", 0, 1, 0, 0, math.NewInt(22_500_000)))
}

// The employer won: the agent gets no points and counts a refunded job; the
// disapprovers gain points from the same formula (40 → 3), the approver
// nothing.
func (s *KeeperTestSuite) TestRecordSettlementEmployerWon() {
	s.settle(types.SettlementFacts{
		JobID: 1, Agent: s.addr("agent"), Payout: agi(10), AgentPaid: agi(9),
		DurationSeconds: 3600, Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8,
	})
	points, events := s.settle(types.SettlementFacts{
		JobID: 4, Agent: s.addr("agent"), Payout: agi(1200), AgentPaid: math.ZeroInt(),
		DurationSeconds: 30 * day, CompletionSeconds: 0, Kind: types.SettlementKindEmployerWon,
		EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{
			s.vote("val1", false, agi(40), math.ZeroInt()),
			s.vote("val2", true, math.ZeroInt(), agi(144)),
			s.vote("val3", false, agi(40), math.ZeroInt()),
		},
	})
	s.Require().Zero(points)
	s.Require().Equal([]types.EventReputationUpdated{
		s.event("agent", allowlisttypes.ROLE_AGENT, 0, 13, 4),
		s.event("val1", allowlisttypes.ROLE_VALIDATOR, 3, 3, 4),
		s.event("val2", allowlisttypes.ROLE_VALIDATOR, 0, 0, 4),
		s.event("val3", allowlisttypes.ROLE_VALIDATOR, 3, 3, 4),
	}, events)
	s.requireRecords(
		s.agentRec("agent", 13, 1, 1, 0, agi(9)),
		s.validatorRec("val1", 3, 1, 0, agi(40), math.ZeroInt()),
		s.validatorRec("val2", 0, 0, 1, math.ZeroInt(), agi(144)),
		s.validatorRec("val3", 3, 1, 0, agi(40), math.ZeroInt()),
	)
}

// An employer win on a small job: 3 AGI gives 11 points, 8 % of that is 0;
// the disapprovers' records count the vote, their scores stay.
func (s *KeeperTestSuite) TestRecordSettlementEmployerWonZeroValidatorPoints() {
	points, events := s.settle(types.SettlementFacts{
		JobID: 5, Agent: s.addr("agent"), Payout: agi(3), DurationSeconds: 100,
		Kind: types.SettlementKindEmployerWon, EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{s.vote("val1", false, math.NewInt(240_000), math.ZeroInt())},
	})
	s.Require().Zero(points)
	s.Require().Equal([]types.EventReputationUpdated{
		s.event("agent", allowlisttypes.ROLE_AGENT, 0, 0, 5),
		s.event("val1", allowlisttypes.ROLE_VALIDATOR, 0, 0, 5),
	}, events)
	s.requireRecords(
		s.agentRec("agent", 0, 0, 1, 0, math.ZeroInt()),
		s.validatorRec("val1", 0, 1, 0, math.NewInt(240_000), math.ZeroInt()),
	)
}

// Expiry: no points, one expired job, no votes.
func (s *KeeperTestSuite) TestRecordSettlementExpired() {
	points, events := s.settle(types.SettlementFacts{
		JobID: 6, Agent: s.addr("agent"), Payout: agi(1000), DurationSeconds: 3600,
		Kind: types.SettlementKindExpired, EarnsReputation: true, ValidatorRewardPct: 8,
	})
	s.Require().Zero(points)
	s.Require().Equal([]types.EventReputationUpdated{s.event("agent", allowlisttypes.ROLE_AGENT, 0, 0, 6)}, events)
	s.requireRecords(s.agentRec("agent", 0, 0, 0, 1, math.ZeroInt()))
}

// A payout below one reputation unit earns nothing, but the settlement is
// recorded and announced.
func (s *KeeperTestSuite) TestRecordSettlementZeroPoints() {
	points, events := s.settle(types.SettlementFacts{
		JobID: 7, Agent: s.addr("agent"), Payout: math.NewInt(999), AgentPaid: math.NewInt(899),
		DurationSeconds: 10_000_000, Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 100,
		Validators: []types.ValidatorFacts{s.vote("val1", true, math.NewInt(100), math.ZeroInt())},
	})
	s.Require().Zero(points)
	s.Require().Equal([]types.EventReputationUpdated{
		s.event("agent", allowlisttypes.ROLE_AGENT, 0, 0, 7),
		s.event("val1", allowlisttypes.ROLE_VALIDATOR, 0, 0, 7),
	}, events)
	s.requireRecords(
		s.agentRec("agent", 0, 1, 0, 0, math.NewInt(899)),
		s.validatorRec("val1", 0, 1, 0, math.NewInt(100), math.ZeroInt()),
	)
}

// Settlements add up, per role: an account can be an agent on one job and a
// validator on another.
func (s *KeeperTestSuite) TestRecordSettlementAccumulates() {
	s.settle(types.SettlementFacts{JobID: 1, Agent: s.addr("alice"), Payout: agi(10), AgentPaid: agi(9),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{s.vote("bob", true, agi(1), math.ZeroInt())}})
	s.settle(types.SettlementFacts{JobID: 2, Agent: s.addr("alice"), Payout: agi(3), AgentPaid: math.NewInt(2_700_000),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8})
	s.settle(types.SettlementFacts{JobID: 3, Agent: s.addr("bob"), Payout: agi(1200), DurationSeconds: 30 * day,
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, AgentPaid: agi(1080), ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{s.vote("alice", false, math.ZeroInt(), agi(144))}})
	s.settle(types.SettlementFacts{JobID: 4, Agent: s.addr("alice"), Payout: agi(100),
		Kind: types.SettlementKindEmployerWon, EarnsReputation: true, ValidatorRewardPct: 8})
	s.settle(types.SettlementFacts{JobID: 5, Agent: s.addr("alice"), Payout: agi(100),
		Kind: types.SettlementKindExpired, EarnsReputation: true, ValidatorRewardPct: 8})

	s.requireRecords(
		s.agentRec("alice", 13+11, 2, 1, 1, agi(9).AddRaw(2_700_000)),
		s.validatorRec("alice", 0, 0, 1, math.ZeroInt(), agi(144)),
		s.agentRec("bob", 40, 1, 0, 0, agi(1080)),
		s.validatorRec("bob", 1, 1, 0, agi(1), math.ZeroInt()),
	)
	score, err := s.keeper.GetScore(s.ctx, accAddr("alice"), allowlisttypes.ROLE_AGENT)
	s.Require().NoError(err)
	s.Require().Equal(uint64(24), score)
}

// Scores stop at max_score; the points reported are the formula's, before
// the cap.
func (s *KeeperTestSuite) TestRecordSettlementCap() {
	p := types.DefaultParams()
	p.MaxScore = 50
	s.Require().NoError(s.keeper.Params.Set(s.ctx, p))
	facts := types.SettlementFacts{
		Agent: s.addr("agent"), Payout: agi(1200), DurationSeconds: 30 * day,
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 100,
		Validators: []types.ValidatorFacts{s.vote("val1", true, math.ZeroInt(), math.ZeroInt())},
	}
	for i, want := range []uint64{40, 50, 50} {
		facts.JobID = uint64(i + 1)
		points, events := s.settle(facts)
		s.Require().Equal(uint64(40), points)
		s.Require().Equal([]types.EventReputationUpdated{
			s.event("agent", allowlisttypes.ROLE_AGENT, 40, want, facts.JobID),
			s.event("val1", allowlisttypes.ROLE_VALIDATOR, 40, want, facts.JobID),
		}, events)
	}
	s.requireRecords(
		s.agentRec("agent", 50, 3, 0, 0, math.ZeroInt()),
		s.validatorRec("val1", 50, 3, 0, math.ZeroInt(), math.ZeroInt()),
	)
}

// The default cap, reached from a genesis score.
func (s *KeeperTestSuite) TestRecordSettlementDefaultCap() {
	s.Require().NoError(s.keeper.InitGenesis(s.ctx, &types.GenesisState{
		Params:  types.DefaultParams(),
		Records: []types.Record{s.agentRec("agent", 88_880, 0, 0, 0, math.ZeroInt())},
	}))
	points, events := s.settle(types.SettlementFacts{JobID: 9, Agent: s.addr("agent"), Payout: agi(10),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8})
	s.Require().Equal(uint64(13), points)
	s.Require().Equal([]types.EventReputationUpdated{s.event("agent", allowlisttypes.ROLE_AGENT, 13, 88_888, 9)}, events)
}

// nil amounts count as zero.
func (s *KeeperTestSuite) TestRecordSettlementNilAmounts() {
	points, _ := s.settle(types.SettlementFacts{JobID: 1, Agent: s.addr("agent"),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{{Address: s.addr("val1"), Approved: true}}})
	s.Require().Zero(points)
	s.requireRecords(
		s.agentRec("agent", 0, 1, 0, 0, math.ZeroInt()),
		s.validatorRec("val1", 0, 1, 0, math.ZeroInt(), math.ZeroInt()),
	)
}

// The unit is a parameter: with 1 AGI per unit, 1000 AGI is 1000 units.
func (s *KeeperTestSuite) TestRecordSettlementReadsTheUnit() {
	s.Require().NoError(s.keeper.Params.Set(s.ctx, types.Params{ReputationUnit: agi(1), MaxScore: 88_888}))
	points, _ := s.settle(types.SettlementFacts{JobID: 1, Agent: s.addr("agent"), Payout: agi(1000),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true})
	s.Require().Equal(uint64(9), points)
}

// Invalid facts are refused with ErrInvalidSettlement before anything is
// written or emitted.
func (s *KeeperTestSuite) TestRecordSettlementRefused() {
	// Some history, so "nothing changes" is checked against real records.
	s.settle(types.SettlementFacts{JobID: 1, Agent: s.addr("agent"), Payout: agi(10),
		Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8,
		Validators: []types.ValidatorFacts{s.vote("val1", true, agi(1), math.ZeroInt())}})

	valid := func() types.SettlementFacts {
		return types.SettlementFacts{JobID: 2, Agent: s.addr("agent"), Payout: agi(10), AgentPaid: agi(9),
			Kind: types.SettlementKindAgentWon, EarnsReputation: true, ValidatorRewardPct: 8,
			Validators: []types.ValidatorFacts{
				s.vote("val1", true, agi(1), math.ZeroInt()),
				s.vote("val2", false, math.ZeroInt(), agi(1)),
			}}
	}
	cases := map[string]func(f *types.SettlementFacts){
		"job id 0":               func(f *types.SettlementFacts) { f.JobID = 0 },
		"unspecified kind":       func(f *types.SettlementFacts) { f.Kind = types.SettlementKindUnspecified },
		"cancelled":              func(f *types.SettlementFacts) { f.Kind = 4 },
		"bad agent":              func(f *types.SettlementFacts) { f.Agent = "agent" },
		"no agent":               func(f *types.SettlementFacts) { f.Agent = "" },
		"negative payout":        func(f *types.SettlementFacts) { f.Payout = math.NewInt(-1) },
		"negative agent paid":    func(f *types.SettlementFacts) { f.AgentPaid = math.NewInt(-1) },
		"pct above 100":          func(f *types.SettlementFacts) { f.ValidatorRewardPct = 101 },
		"expired with votes":     func(f *types.SettlementFacts) { f.Kind = types.SettlementKindExpired },
		"bad validator, last":    func(f *types.SettlementFacts) { f.Validators[1].Address = "val2" },
		"validator twice":        func(f *types.SettlementFacts) { f.Validators[1].Address = f.Validators[0].Address },
		"validator is the agent": func(f *types.SettlementFacts) { f.Validators[1].Address = f.Agent },
		"negative reward":        func(f *types.SettlementFacts) { f.Validators[1].Reward = math.NewInt(-1) },
		"negative slash, last":   func(f *types.SettlementFacts) { f.Validators[1].Slashed = math.NewInt(-1) },
	}
	s.Require().NoError(valid().Validate(s.addrCodec))
	for name, mutate := range cases {
		s.Run(name, func() {
			before := s.storeDump(s.T())
			ctx := s.ctx.WithEventManager(sdk.NewEventManager())
			f := valid()
			mutate(&f)
			points, err := s.keeper.RecordSettlement(ctx, f)
			s.Require().ErrorIs(err, types.ErrInvalidSettlement)
			s.Require().Zero(points)
			s.Require().Equal(before, s.storeDump(s.T()), "store changed")
			s.Require().Empty(ctx.EventManager().ABCIEvents())
		})
	}
}
