package keeper_test

import (
	"context"
	"time"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// A membership with expires_at = T is authorized in every block before T and
// expired from the block whose time is T.
func (s *KeeperTestSuite) TestExpiryBoundary() {
	gov, alice := s.authorityAcct(), s.acct("alice")
	expiry := t0.Add(time.Hour)
	s.grant(gov, alice, types.ROLE_CONSENSUS_VALIDATOR, &expiry)

	s.at(expiry.Add(-time.Nanosecond))
	s.requireAuthorized(alice, types.ROLE_CONSENSUS_VALIDATOR)
	due, err := s.keeper.ExpiredMemberships(s.ctx, s.ctx.BlockTime(), 10)
	s.Require().NoError(err)
	s.Require().Empty(due)

	reason := "the ROLE_CONSENSUS_VALIDATOR membership of " + alice.str + " expired at 2027-01-31T13:00:00Z: membership expired"
	for _, at := range []time.Time{expiry, expiry.Add(time.Nanosecond), expiry.Add(365 * 24 * time.Hour)} {
		s.at(at)
		s.requireNotAuthorized(alice, types.ROLE_CONSENSUS_VALIDATOR, types.ErrMembershipExpired, reason)
		due, err = s.keeper.ExpiredMemberships(s.ctx, s.ctx.BlockTime(), 10)
		s.Require().NoError(err)
		s.Require().Len(due, 1)
		s.Require().True(due[0].K1().Equal(expiry))
		s.Require().Equal(int32(types.ROLE_CONSENSUS_VALIDATOR), due[0].K2())
		s.Require().Equal(alice.bz, due[0].K3())
	}
	// The expired membership stays until revoked; the issuer may renew it.
	s.Require().True(s.hasMember(alice, types.ROLE_CONSENSUS_VALIDATOR))
	s.grant(gov, alice, types.ROLE_CONSENSUS_VALIDATOR, ptime(s.ctx.BlockTime().Add(time.Hour)))
	s.requireAuthorized(alice, types.ROLE_CONSENSUS_VALIDATOR)
}

// ExpiredMemberships returns due entries oldest first, up to the limit, and
// nothing that is not due.
func (s *KeeperTestSuite) TestExpiredMemberships() {
	gov := s.authorityAcct()
	a, b, c := s.acct("a"), s.acct("b"), s.acct("c")
	s.grant(gov, c, types.ROLE_AGENT, ptime(t0.Add(3*time.Hour)))
	s.grant(gov, a, types.ROLE_CONSENSUS_VALIDATOR, ptime(t0.Add(1*time.Hour)))
	s.grant(gov, b, types.ROLE_CONSENSUS_VALIDATOR, ptime(t0.Add(2*time.Hour)))
	s.grant(gov, b, types.ROLE_AGENT, nil)

	due, err := s.keeper.ExpiredMemberships(s.ctx, t0.Add(2*time.Hour), 10)
	s.Require().NoError(err)
	s.Require().Len(due, 2)
	s.Require().Equal(a.bz, due[0].K3())
	s.Require().Equal(b.bz, due[1].K3())

	due, err = s.keeper.ExpiredMemberships(s.ctx, t0.Add(5*time.Hour), 2)
	s.Require().NoError(err)
	s.Require().Len(due, 2)
	due, err = s.keeper.ExpiredMemberships(s.ctx, t0.Add(5*time.Hour), 0)
	s.Require().NoError(err)
	s.Require().Empty(due)
}

// The queue follows every change of expiry, and genesis rebuilds it.
func (s *KeeperTestSuite) TestExpiryQueueFollowsMemberships() {
	gov, issuer, a := s.authorityAcct(), s.acct("issuer"), s.acct("a")
	s.setIssuer(issuer, "I", "", types.ROLE_AGENT)
	s.grant(issuer, a, types.ROLE_AGENT, ptime(t0.Add(time.Hour)))
	s.grant(gov, a, types.ROLE_VALIDATOR, ptime(t0.Add(time.Hour)))
	s.Require().Equal([]string{
		"2027-01-31T13:00:00Z ROLE_AGENT " + a.str,
		"2027-01-31T13:00:00Z ROLE_VALIDATOR " + a.str,
	}, s.queueKeys())

	s.grant(issuer, a, types.ROLE_AGENT, ptime(t0.Add(2*time.Hour)))
	s.Require().Equal([]string{
		"2027-01-31T13:00:00Z ROLE_VALIDATOR " + a.str,
		"2027-01-31T14:00:00Z ROLE_AGENT " + a.str,
	}, s.queueKeys())

	// Genesis export drops the queue; import rebuilds exactly this store.
	gs, err := s.keeper.ExportGenesis(s.ctx)
	s.Require().NoError(err)
	b := newFixture(s.T())
	s.Require().NoError(b.keeper.InitGenesis(b.ctx, gs))
	s.Require().Equal(s.storeDump(s.T()), b.storeDump(s.T()))

	s.ok(func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: gov.str, Address: a.str, Role: types.ROLE_VALIDATOR})
	})
	s.Require().Equal([]string{"2027-01-31T14:00:00Z ROLE_AGENT " + a.str}, s.queueKeys())
}

// Reasons come in a fixed order: the bar first, then membership, expiry and
// root.
func (s *KeeperTestSuite) TestIsAuthorizedReasonOrder() {
	gov, issuer, a := s.authorityAcct(), s.acct("issuer"), s.acct("a")
	s.blacklist(a, types.ROLE_AGENT, true)
	s.requireNotAuthorized(a, types.ROLE_AGENT, types.ErrBlacklisted, a.str+" is blacklisted for ROLE_AGENT: blacklisted")
	s.blacklist(a, types.ROLE_AGENT, false)

	s.setIssuer(issuer, "I", "", types.ROLE_AGENT)
	t1 := newTree(a)
	s.setRoot(issuer, types.ROLE_AGENT, t1.root)
	s.claim(a, issuer, types.ROLE_AGENT, t1)
	s.setRoot(issuer, types.ROLE_AGENT, newTree(s.acct("b")).root)
	s.blacklist(a, types.ROLE_AGENT, true)
	s.requireNotAuthorized(a, types.ROLE_AGENT, types.ErrBlacklisted, a.str+" is blacklisted for ROLE_AGENT: blacklisted")

	// Expired before rotated.
	s.grant(gov, a, types.ROLE_VALIDATOR, ptime(t0.Add(time.Second)))
	s.at(t0.Add(time.Second))
	s.requireNotAuthorized(a, types.ROLE_VALIDATOR, types.ErrMembershipExpired,
		"the ROLE_VALIDATOR membership of "+a.str+" expired at 2027-01-31T12:00:01Z: membership expired")

	ok, err := s.keeper.IsAuthorized(s.ctx, a.bz, types.ROLE_UNSPECIFIED)
	s.Require().False(ok)
	s.Require().ErrorIs(err, types.ErrInvalidRole)
}

func (s *KeeperTestSuite) TestCheckProposer() {
	gov, mod, cv, agent := s.authorityAcct(), s.acct("moderator"), s.acct("cv"), s.acct("agent")
	s.grant(gov, mod, types.ROLE_MODERATOR, nil)
	s.grant(gov, cv, types.ROLE_CONSENSUS_VALIDATOR, nil)
	s.grant(gov, agent, types.ROLE_AGENT, nil)

	s.Require().NoError(s.keeper.CheckProposer(s.ctx, mod.bz))
	s.Require().NoError(s.keeper.CheckProposer(s.ctx, cv.bz))
	err := s.keeper.CheckProposer(s.ctx, agent.bz)
	s.Require().ErrorIs(err, types.ErrUnauthorized)
	s.Require().EqualError(err, agent.str+" may not submit governance proposals: it is authorized for none of [ROLE_MODERATOR ROLE_CONSENSUS_VALIDATOR]: unauthorized")

	// A barred moderator is no proposer.
	s.blacklist(mod, types.ROLE_MODERATOR, true)
	s.Require().ErrorIs(s.keeper.CheckProposer(s.ctx, mod.bz), types.ErrUnauthorized)

	// Empty proposer_roles: anyone.
	s.Require().NoError(s.keeper.Params.Set(s.ctx, types.Params{}))
	s.Require().NoError(s.keeper.CheckProposer(s.ctx, s.acct("anyone").bz))
}
