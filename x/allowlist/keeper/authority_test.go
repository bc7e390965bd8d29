package keeper_test

import (
	"context"
	"strings"

	"github.com/cosmos/gogoproto/proto"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// Only the authority sends MsgSetBlacklist, MsgSetIssuer and MsgRemoveIssuer.
func (s *KeeperTestSuite) TestAuthorityMessagesRefuseOthers() {
	issuer, bob := s.acct("issuer-de"), s.acct("bob")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT)
	for _, signer := range []account{issuer, bob} {
		err := s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
			return s.blacklistMsg(ctx, &types.MsgSetBlacklist{Authority: signer.str, Address: bob.str, Role: types.ROLE_AGENT, Blacklisted: true})
		})
		s.Require().Contains(err.Error(), signer.str+" may not set the blacklist; the authority is "+s.authority)
		s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
			return s.setIssuerMsg(ctx, &types.MsgSetIssuer{Authority: signer.str, Address: bob.str, Name: "B", Roles: []types.Role{types.ROLE_AGENT}})
		})
		s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
			return s.removeIssuerMsg(ctx, &types.MsgRemoveIssuer{Authority: signer.str, Address: issuer.str})
		})
	}
}

func (s *KeeperTestSuite) TestSetBlacklist() {
	gov, issuer, bob := s.authorityAcct(), s.acct("issuer-de"), s.acct("bob")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT)
	s.grant(issuer, bob, types.ROLE_AGENT, nil)
	s.grant(gov, bob, types.ROLE_VALIDATOR, nil)
	memberBefore := s.member(bob, types.ROLE_AGENT)

	evs := s.ok(func(ctx context.Context) error {
		return s.blacklistMsg(ctx, &types.MsgSetBlacklist{Authority: gov.str, Address: bob.str, Role: types.ROLE_AGENT, Blacklisted: true})
	})
	s.Require().Equal([]proto.Message{&types.EventBlacklistSet{Authority: gov.str, Address: bob.str, Role: types.ROLE_AGENT, Blacklisted: true}}, evs)
	s.Require().Equal([]string{bob.bz.String() + " ROLE_AGENT"}, s.hooks.calls)
	// The membership stays, unauthorized; the other role is untouched.
	s.Require().Equal(memberBefore, s.member(bob, types.ROLE_AGENT))
	s.requireNotAuthorized(bob, types.ROLE_AGENT, types.ErrBlacklisted, bob.str+" is blacklisted for ROLE_AGENT: blacklisted")
	s.requireAuthorized(bob, types.ROLE_VALIDATOR)

	// Setting it again changes nothing in state; the hook hears it again.
	before := s.storeDump(s.T())
	s.blacklist(bob, types.ROLE_AGENT, true)
	s.Require().Equal(before, s.storeDump(s.T()))
	s.Require().Len(s.hooks.calls, 2)

	// Lifting the bar restores the membership; no hook.
	evs = s.ok(func(ctx context.Context) error {
		return s.blacklistMsg(ctx, &types.MsgSetBlacklist{Authority: gov.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	s.Require().Equal([]proto.Message{&types.EventBlacklistSet{Authority: gov.str, Address: bob.str, Role: types.ROLE_AGENT}}, evs)
	s.Require().Len(s.hooks.calls, 2)
	s.requireAuthorized(bob, types.ROLE_AGENT)

	// A non-member can be barred in advance.
	carol := s.acct("carol")
	s.blacklist(carol, types.ROLE_MODERATOR, true)
	s.requireNotAuthorized(carol, types.ROLE_MODERATOR, types.ErrBlacklisted, carol.str+" is blacklisted for ROLE_MODERATOR: blacklisted")

	s.refused(types.ErrInvalidRole, func(ctx context.Context) error {
		return s.blacklistMsg(ctx, &types.MsgSetBlacklist{Authority: gov.str, Address: bob.str, Blacklisted: true})
	})
	s.refused(sdkerrors.ErrInvalidAddress, func(ctx context.Context) error {
		return s.blacklistMsg(ctx, &types.MsgSetBlacklist{Authority: gov.str, Address: "bob", Role: types.ROLE_AGENT, Blacklisted: true})
	})
}

// The blacklist beats every form of admission.
func (s *KeeperTestSuite) TestBlacklistPrecedence() {
	gov, issuer, bob := s.authorityAcct(), s.acct("issuer-de"), s.acct("bob")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT)
	t := newTree(bob, s.acct("carol"))
	s.setRoot(issuer, types.ROLE_AGENT, t.root)
	s.setRoot(gov, types.ROLE_AGENT, t.root)
	s.blacklist(bob, types.ROLE_AGENT, true)

	for _, signer := range []account{gov, issuer} {
		err := s.refused(types.ErrBlacklisted, func(ctx context.Context) error {
			return s.grantMsg(ctx, &types.MsgGrantRole{Signer: signer.str, Address: bob.str, Role: types.ROLE_AGENT})
		})
		s.Require().Contains(err.Error(), bob.str+" is blacklisted for ROLE_AGENT; governance must lift the bar first")
		s.refused(types.ErrBlacklisted, func(ctx context.Context) error {
			return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: bob.str, Issuer: signer.str, Role: types.ROLE_AGENT, Proof: t.proof(bob)})
		})
	}
	s.Require().False(s.hasMember(bob, types.ROLE_AGENT))

	// The bar is per role.
	s.grant(gov, bob, types.ROLE_VALIDATOR, nil)
	s.requireAuthorized(bob, types.ROLE_VALIDATOR)
}

func (s *KeeperTestSuite) TestSetIssuer() {
	gov, issuer := s.authorityAcct(), s.acct("issuer-de")
	evs := s.ok(func(ctx context.Context) error {
		return s.setIssuerMsg(ctx, &types.MsgSetIssuer{
			Authority: gov.str, Address: issuer.str, Name: "Bundesagentur für Arbeit", Jurisdiction: "DE",
			Roles: []types.Role{types.ROLE_VALIDATOR, types.ROLE_AGENT},
		})
	})
	want := types.Issuer{Address: issuer.str, Name: "Bundesagentur für Arbeit", Jurisdiction: "DE", Roles: []types.Role{types.ROLE_VALIDATOR, types.ROLE_AGENT}}
	s.Require().Equal([]proto.Message{&types.EventIssuerSet{Authority: gov.str, Issuer: want}}, evs)
	res, err := s.queryServer.Issuer(s.ctx, &types.QueryIssuerRequest{Address: issuer.str})
	s.Require().NoError(err)
	s.Require().Equal(want, res.Issuer)

	// Replacing the record: updated is set.
	evs = s.ok(func(ctx context.Context) error {
		return s.setIssuerMsg(ctx, &types.MsgSetIssuer{Authority: gov.str, Address: issuer.str, Name: "BA", Roles: []types.Role{types.ROLE_CONSENSUS_VALIDATOR}})
	})
	s.Require().True(evs[0].(*types.EventIssuerSet).Updated)
	res, err = s.queryServer.Issuer(s.ctx, &types.QueryIssuerRequest{Address: issuer.str})
	s.Require().NoError(err)
	s.Require().Equal(types.Issuer{Address: issuer.str, Name: "BA", Roles: []types.Role{types.ROLE_CONSENSUS_VALIDATOR}}, res.Issuer)

	cases := []struct {
		name    string
		msg     types.MsgSetIssuer
		wantErr error
		want    string
	}{
		{"no roles", types.MsgSetIssuer{Name: "X"}, types.ErrInvalidIssuer, "an issuer needs at least one role"},
		{"role twice", types.MsgSetIssuer{Name: "X", Roles: []types.Role{types.ROLE_AGENT, types.ROLE_AGENT}}, types.ErrInvalidIssuer, "ROLE_AGENT listed twice"},
		{"unspecified role", types.MsgSetIssuer{Name: "X", Roles: []types.Role{types.ROLE_UNSPECIFIED}}, types.ErrInvalidIssuer, "role must be specified"},
		{"unknown role", types.MsgSetIssuer{Name: "X", Roles: []types.Role{9}}, types.ErrInvalidIssuer, "unknown role 9"},
		{"empty name", types.MsgSetIssuer{Roles: []types.Role{types.ROLE_AGENT}}, types.ErrInvalidIssuer, "name is empty"},
		{"long name", types.MsgSetIssuer{Name: strings.Repeat("n", 129), Roles: []types.Role{types.ROLE_AGENT}}, types.ErrInvalidIssuer, "129 bytes, at most 128"},
		{"padded name", types.MsgSetIssuer{Name: " X", Roles: []types.Role{types.ROLE_AGENT}}, types.ErrInvalidIssuer, "starts or ends with a space"},
		{"control in name", types.MsgSetIssuer{Name: "X\tY", Roles: []types.Role{types.ROLE_AGENT}}, types.ErrInvalidIssuer, "unprintable"},
		{"bad jurisdiction", types.MsgSetIssuer{Name: "X", Jurisdiction: "Germany", Roles: []types.Role{types.ROLE_AGENT}}, types.ErrInvalidJurisdiction, "Germany"},
		{"bad address", types.MsgSetIssuer{Address: "x", Name: "X", Roles: []types.Role{types.ROLE_AGENT}}, sdkerrors.ErrInvalidAddress, `address "x"`},
	}
	for _, tc := range cases {
		s.Run(tc.name, func() {
			msg := tc.msg
			msg.Authority = gov.str
			if msg.Address == "" {
				msg.Address = s.acct("new-issuer").str
			}
			err := s.refused(tc.wantErr, func(ctx context.Context) error { return s.setIssuerMsg(ctx, &msg) })
			s.Require().Contains(err.Error(), tc.want)
		})
	}
}

// Removing an issuer stops its future grants, revocations, roots and claims
// against its roots; its memberships, claimed ones included, stay.
func (s *KeeperTestSuite) TestRemoveIssuer() {
	gov, issuer, bob, carol, dave := s.authorityAcct(), s.acct("issuer-de"), s.acct("bob"), s.acct("carol"), s.acct("dave")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT)
	s.grant(issuer, bob, types.ROLE_AGENT, nil)
	t := newTree(carol, dave)
	s.setRoot(issuer, types.ROLE_AGENT, t.root)
	s.claim(carol, issuer, types.ROLE_AGENT, t)

	evs := s.ok(func(ctx context.Context) error {
		return s.removeIssuerMsg(ctx, &types.MsgRemoveIssuer{Authority: gov.str, Address: issuer.str})
	})
	s.Require().Equal([]proto.Message{&types.EventIssuerRemoved{Authority: gov.str, Address: issuer.str}}, evs)
	_, err := s.queryServer.Issuer(s.ctx, &types.QueryIssuerRequest{Address: issuer.str})
	s.Require().Error(err)

	s.requireAuthorized(bob, types.ROLE_AGENT)
	s.requireAuthorized(carol, types.ROLE_AGENT)
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: issuer.str, Address: dave.str, Role: types.ROLE_AGENT})
	})
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: issuer.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.setRootMsg(ctx, &types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT, Root: t.root})
	})
	err = s.refused(types.ErrIssuerNotFound, func(ctx context.Context) error {
		return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: dave.str, Issuer: issuer.str, Role: types.ROLE_AGENT, Proof: t.proof(dave)})
	})
	s.Require().Contains(err.Error(), issuer.str+" is not an accredited issuer")

	// Governance still revokes its memberships.
	s.ok(func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: gov.str, Address: carol.str, Role: types.ROLE_AGENT})
	})

	err = s.refused(types.ErrIssuerNotFound, func(ctx context.Context) error {
		return s.removeIssuerMsg(ctx, &types.MsgRemoveIssuer{Authority: gov.str, Address: issuer.str})
	})
	s.Require().Contains(err.Error(), issuer.str+" is not an accredited issuer")
}
