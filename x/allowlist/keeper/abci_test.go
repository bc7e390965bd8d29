package keeper_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/agijobmanager/agij/x/allowlist/keeper"
	"github.com/agijobmanager/agij/x/allowlist/types"
)

// An expired ROLE_CONSENSUS_VALIDATOR membership raises the hook in the first
// block at or past expires_at, exactly once; other roles only leave the queue.
func (s *KeeperTestSuite) TestEndBlockerExpiry() {
	gov := s.authorityAcct()
	inst, agent := s.acct("institution"), s.acct("agent")
	expires := t0.Add(time.Hour)
	s.grant(gov, inst, types.ROLE_CONSENSUS_VALIDATOR, ptime(expires))
	s.grant(gov, agent, types.ROLE_AGENT, ptime(expires))
	s.Require().Len(s.queueKeys(), 2)

	// One second before expiry nothing happens.
	s.at(expires.Add(-time.Second))
	s.Require().NoError(s.keeper.EndBlocker(s.ctx))
	s.Require().Empty(s.hooks.calls)
	s.Require().Len(s.queueKeys(), 2)
	s.requireAuthorized(inst, types.ROLE_CONSENSUS_VALIDATOR)

	// The first block at expires_at: the hook runs for the consensus
	// validator only, and both entries leave the queue.
	s.at(expires)
	s.Require().NoError(s.keeper.EndBlocker(s.ctx))
	s.Require().Equal([]string{fmt.Sprintf("%s ROLE_CONSENSUS_VALIDATOR", inst.bz)}, s.hooks.calls)
	s.Require().Empty(s.queueKeys())

	// Later blocks do not raise it again.
	s.at(expires.Add(time.Minute))
	s.Require().NoError(s.keeper.EndBlocker(s.ctx))
	s.Require().Len(s.hooks.calls, 1)

	// Nor does a chain started from an export: the handled expiries are
	// exported as processed, so InitGenesis leaves them out of the queue
	// and the imported store equals this one byte for byte.
	gs, err := s.keeper.ExportGenesis(s.ctx)
	s.Require().NoError(err)
	s.Require().ElementsMatch([]types.ProcessedExpiry{
		{Role: types.ROLE_AGENT, Address: agent.str},
		{Role: types.ROLE_CONSENSUS_VALIDATOR, Address: inst.str},
	}, gs.ProcessedExpiries)
	imported := newFixture(s.T())
	imported.ctx = imported.ctx.WithBlockTime(s.ctx.BlockTime())
	s.Require().NoError(imported.keeper.InitGenesis(imported.ctx, gs))
	s.Require().Equal(s.storeDump(s.T()), imported.storeDump(s.T()))
	s.Require().NoError(imported.keeper.EndBlocker(imported.ctx))
	s.Require().Empty(imported.hooks.calls)

	// A new grant with a new expiry is queued again, and handled once.
	later := expires.Add(time.Hour)
	s.grant(gov, inst, types.ROLE_CONSENSUS_VALIDATOR, ptime(later))
	s.Require().Len(s.queueKeys(), 1)
	gs, err = s.keeper.ExportGenesis(s.ctx)
	s.Require().NoError(err)
	s.Require().Equal([]types.ProcessedExpiry{{Role: types.ROLE_AGENT, Address: agent.str}}, gs.ProcessedExpiries)
	s.at(later)
	s.Require().NoError(s.keeper.EndBlocker(s.ctx))
	s.Require().Len(s.hooks.calls, 2)
}

// The EndBlocker handles at most MaxExpiriesPerBlock entries per block, oldest
// first, and a failing hook never halts it.
func (s *KeeperTestSuite) TestEndBlockerBoundedAndFailureTolerant() {
	gov := s.authorityAcct()
	n := keeper.MaxExpiriesPerBlock + 5
	for i := range n {
		s.grant(gov, s.acct(fmt.Sprintf("inst%03d", i)), types.ROLE_CONSENSUS_VALIDATOR, ptime(t0.Add(time.Duration(i+1)*time.Second)))
	}
	s.hooks.err = errors.New("staking said no")
	s.at(t0.Add(time.Hour))
	s.Require().NoError(s.keeper.EndBlocker(s.ctx))
	s.Require().Len(s.hooks.calls, keeper.MaxExpiriesPerBlock)
	s.Require().Len(s.queueKeys(), 5)
	s.Require().Equal(fmt.Sprintf("%s ROLE_CONSENSUS_VALIDATOR", s.acct("inst000").bz), s.hooks.calls[0], "oldest first")

	s.Require().NoError(s.keeper.EndBlocker(s.ctx))
	s.Require().Len(s.hooks.calls, n)
	s.Require().Empty(s.queueKeys())
}
