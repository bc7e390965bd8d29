package keeper_test

import (
	"context"
	"strings"
	"time"

	"github.com/cosmos/gogoproto/proto"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func (s *KeeperTestSuite) TestGrantRoleByAuthority() {
	gov, alice := s.authorityAcct(), s.acct("alice")
	expires := t0.Add(24 * time.Hour)

	evs := s.ok(func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{
			Signer: gov.str, Address: alice.str, Role: types.ROLE_CONSENSUS_VALIDATOR,
			Jurisdiction: "DE", MetadataUri: "ipfs://bafyvalidator", ExpiresAt: &expires,
		})
	})

	want := types.Member{
		Address: alice.str, Role: types.ROLE_CONSENSUS_VALIDATOR, Issuer: gov.str, Jurisdiction: "DE",
		MetadataUri: "ipfs://bafyvalidator", GrantedAt: t0, ExpiresAt: &expires, Source: types.ADMISSION_SOURCE_GOVERNANCE,
	}
	s.Require().Equal(want, s.member(alice, types.ROLE_CONSENSUS_VALIDATOR))
	s.Require().Equal([]proto.Message{&types.EventRoleGranted{
		Address: alice.str, Role: types.ROLE_CONSENSUS_VALIDATOR, Issuer: gov.str, Source: types.ADMISSION_SOURCE_GOVERNANCE,
		Jurisdiction: "DE", MetadataUri: "ipfs://bafyvalidator", ExpiresAt: &expires,
	}}, evs)
	s.Require().Equal([]string{"2027-02-01T12:00:00Z ROLE_CONSENSUS_VALIDATOR " + alice.str}, s.queueKeys())
	s.requireAuthorized(alice, types.ROLE_CONSENSUS_VALIDATOR)
	// Other roles are separate.
	s.requireNotAuthorized(alice, types.ROLE_AGENT, types.ErrNotMember, alice.str+" does not hold ROLE_AGENT: not a member")
}

func (s *KeeperTestSuite) TestGrantRoleByIssuer() {
	issuer, bob := s.acct("issuer-de"), s.acct("bob")
	s.setIssuer(issuer, "Bundesagentur", "DE", types.ROLE_AGENT, types.ROLE_VALIDATOR)

	evs := s.ok(func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: issuer.str, Address: bob.str, Role: types.ROLE_VALIDATOR, Jurisdiction: "DE-BY"})
	})
	s.Require().Equal(types.Member{
		Address: bob.str, Role: types.ROLE_VALIDATOR, Issuer: issuer.str, Jurisdiction: "DE-BY",
		GrantedAt: t0, Source: types.ADMISSION_SOURCE_ISSUER,
	}, s.member(bob, types.ROLE_VALIDATOR))
	s.Require().Equal([]proto.Message{&types.EventRoleGranted{
		Address: bob.str, Role: types.ROLE_VALIDATOR, Issuer: issuer.str, Source: types.ADMISSION_SOURCE_ISSUER, Jurisdiction: "DE-BY",
	}}, evs)
	s.Require().Empty(s.queueKeys(), "no expiry, no queue entry")
	s.requireAuthorized(bob, types.ROLE_VALIDATOR)
}

// An issuer grants only the roles it is accredited for; nobody else but the
// authority grants at all.
func (s *KeeperTestSuite) TestGrantRoleIssuerScope() {
	issuer, stranger, bob := s.acct("issuer-de"), s.acct("stranger"), s.acct("bob")
	s.setIssuer(issuer, "Bundesagentur", "DE", types.ROLE_AGENT)

	for _, role := range []types.Role{types.ROLE_VALIDATOR, types.ROLE_MODERATOR, types.ROLE_CONSENSUS_VALIDATOR} {
		err := s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
			return s.grantMsg(ctx, &types.MsgGrantRole{Signer: issuer.str, Address: bob.str, Role: role})
		})
		s.Require().Contains(err.Error(), "issuer "+issuer.str+" (Bundesagentur) is not accredited for "+role.String())
	}
	err := s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: stranger.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	s.Require().Contains(err.Error(), stranger.str+" is neither the authority nor an accredited issuer")
	// Granting oneself is no loophole.
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: bob.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
}

// One membership per (role, address): its issuer or governance updates it,
// another issuer is refused.
func (s *KeeperTestSuite) TestGrantRoleUpdate() {
	gov, de, fr, bob := s.authorityAcct(), s.acct("issuer-de"), s.acct("issuer-fr"), s.acct("bob")
	s.setIssuer(de, "DE", "DE", types.ROLE_AGENT)
	s.setIssuer(fr, "FR", "FR", types.ROLE_AGENT)
	first := t0.Add(48 * time.Hour)
	s.grant(de, bob, types.ROLE_AGENT, &first)
	s.Require().Equal([]string{"2027-02-02T12:00:00Z ROLE_AGENT " + bob.str}, s.queueKeys())

	// Another issuer: refused, whatever it says.
	err := s.refused(types.ErrAlreadyMember, func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: fr.str, Address: bob.str, Role: types.ROLE_AGENT, Jurisdiction: "FR"})
	})
	s.Require().Contains(err.Error(), bob.str+" already holds ROLE_AGENT, granted by "+de.str)

	// The same issuer, later: updates every field and moves the expiry.
	s.at(t0.Add(time.Hour))
	second := t0.Add(72 * time.Hour)
	evs := s.ok(func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{
			Signer: de.str, Address: bob.str, Role: types.ROLE_AGENT, Jurisdiction: "DE-BE", MetadataUri: "https://x/1", ExpiresAt: &second,
		})
	})
	s.Require().Equal(types.Member{
		Address: bob.str, Role: types.ROLE_AGENT, Issuer: de.str, Jurisdiction: "DE-BE", MetadataUri: "https://x/1",
		GrantedAt: t0.Add(time.Hour), ExpiresAt: &second, Source: types.ADMISSION_SOURCE_ISSUER,
	}, s.member(bob, types.ROLE_AGENT))
	s.Require().True(evs[0].(*types.EventRoleGranted).Updated)
	s.Require().Equal([]string{"2027-02-03T12:00:00Z ROLE_AGENT " + bob.str}, s.queueKeys())

	// Same issuer again without expiry: the queue entry goes.
	s.grant(de, bob, types.ROLE_AGENT, nil)
	s.Require().Empty(s.queueKeys())
	s.Require().Nil(s.member(bob, types.ROLE_AGENT).ExpiresAt)

	// Governance takes the membership over; then the issuer may no longer touch it.
	s.grant(gov, bob, types.ROLE_AGENT, &first)
	m := s.member(bob, types.ROLE_AGENT)
	s.Require().Equal(gov.str, m.Issuer)
	s.Require().Equal(types.ADMISSION_SOURCE_GOVERNANCE, m.Source)
	s.Require().Equal("", m.Jurisdiction)
	s.refused(types.ErrAlreadyMember, func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: de.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	// Governance updates its own grant.
	s.grant(gov, bob, types.ROLE_AGENT, nil)
	s.Require().Empty(s.queueKeys())
}

func (s *KeeperTestSuite) TestGrantRoleRefused() {
	gov, issuer, bob := s.authorityAcct(), s.acct("issuer-de"), s.acct("bob")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT)
	valid := func() *types.MsgGrantRole {
		return &types.MsgGrantRole{Signer: issuer.str, Address: bob.str, Role: types.ROLE_AGENT}
	}
	cases := []struct {
		name    string
		edit    func(m *types.MsgGrantRole)
		wantErr error
		want    string
	}{
		{"empty signer", func(m *types.MsgGrantRole) { m.Signer = "" }, sdkerrors.ErrInvalidAddress, "signer"},
		{"bad address", func(m *types.MsgGrantRole) { m.Address = "agij1xyz" }, sdkerrors.ErrInvalidAddress, `address "agij1xyz"`},
		{"cosmos address", func(m *types.MsgGrantRole) { m.Address = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu" }, sdkerrors.ErrInvalidAddress, "address"},
		{"unspecified role", func(m *types.MsgGrantRole) { m.Role = types.ROLE_UNSPECIFIED }, types.ErrInvalidRole, "role must be specified"},
		{"unknown role", func(m *types.MsgGrantRole) { m.Role = 7 }, types.ErrInvalidRole, "unknown role 7"},
		{"lower-case jurisdiction", func(m *types.MsgGrantRole) { m.Jurisdiction = "de" }, types.ErrInvalidJurisdiction, `"de" is not an ISO 3166 code`},
		{"three-letter jurisdiction", func(m *types.MsgGrantRole) { m.Jurisdiction = "DEU" }, types.ErrInvalidJurisdiction, "DEU"},
		{"long subdivision", func(m *types.MsgGrantRole) { m.Jurisdiction = "US-CALI" }, types.ErrInvalidJurisdiction, "US-CALI"},
		{"URI with a space", func(m *types.MsgGrantRole) { m.MetadataUri = "ipfs://a b" }, types.ErrInvalidMetadataURI, "whitespace"},
		{"URI with a newline", func(m *types.MsgGrantRole) { m.MetadataUri = "ipfs://a\n" }, types.ErrInvalidMetadataURI, "whitespace"},
		{"URI too long", func(m *types.MsgGrantRole) { m.MetadataUri = "ipfs://" + strings.Repeat("a", 2042) }, types.ErrInvalidMetadataURI, "2049 bytes, at most 2048"},
		{"expires at the block time", func(m *types.MsgGrantRole) { m.ExpiresAt = ptime(t0) }, types.ErrInvalidExpiry,
			"expires_at 2027-01-31T12:00:00Z is not after the block time 2027-01-31T12:00:00Z"},
		{"expired already", func(m *types.MsgGrantRole) { m.ExpiresAt = ptime(t0.Add(-time.Second)) }, types.ErrInvalidExpiry, "not after the block time"},
		{"expired already, by governance", func(m *types.MsgGrantRole) { m.Signer = gov.str; m.ExpiresAt = ptime(t0.Add(-time.Second)) }, types.ErrInvalidExpiry, ""},
	}
	for _, tc := range cases {
		s.Run(tc.name, func() {
			msg := valid()
			tc.edit(msg)
			err := s.refused(tc.wantErr, func(ctx context.Context) error { return s.grantMsg(ctx, msg) })
			s.Require().Contains(err.Error(), tc.want)
		})
	}
	// The longest URI passes; one nanosecond after the block time passes.
	s.ok(func(ctx context.Context) error {
		msg := valid()
		msg.MetadataUri = "ipfs://" + strings.Repeat("a", 2041)
		msg.ExpiresAt = ptime(t0.Add(time.Nanosecond))
		return s.grantMsg(ctx, msg)
	})
}

func (s *KeeperTestSuite) TestRevokeRole() {
	gov, de, fr, bob, carol := s.authorityAcct(), s.acct("issuer-de"), s.acct("issuer-fr"), s.acct("bob"), s.acct("carol")
	s.setIssuer(de, "DE", "DE", types.ROLE_AGENT, types.ROLE_VALIDATOR)
	s.setIssuer(fr, "FR", "FR", types.ROLE_AGENT)
	s.grant(de, bob, types.ROLE_AGENT, ptime(t0.Add(time.Hour)))
	s.grant(fr, carol, types.ROLE_AGENT, nil)
	s.grant(gov, carol, types.ROLE_VALIDATOR, nil)

	// An issuer revokes only what it granted.
	err := s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: carol.str, Role: types.ROLE_AGENT})
	})
	s.Require().Contains(err.Error(), de.str+" did not grant ROLE_AGENT to "+carol.str+" ("+fr.str+" did)")
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: carol.str, Role: types.ROLE_VALIDATOR})
	})
	// Not accredited for the role, or not an issuer at all.
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: fr.str, Address: carol.str, Role: types.ROLE_VALIDATOR})
	})
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: bob.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	// The right is checked before the membership is loaded.
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: carol.str, Role: types.ROLE_MODERATOR})
	})
	// Nothing to revoke.
	s.refused(types.ErrNotMember, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: s.acct("dave").str, Role: types.ROLE_VALIDATOR})
	})
	err = s.refused(types.ErrNotMember, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: gov.str, Address: bob.str, Role: types.ROLE_VALIDATOR})
	})
	s.Require().Contains(err.Error(), bob.str+" does not hold ROLE_VALIDATOR")
	s.refused(types.ErrInvalidReason, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: bob.str, Role: types.ROLE_AGENT, Reason: strings.Repeat("r", 1025)})
	})

	// The issuer revokes its own grant; the expiry entry goes and the hook runs.
	evs := s.ok(func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: de.str, Address: bob.str, Role: types.ROLE_AGENT, Reason: "licence withdrawn"})
	})
	s.Require().Equal([]proto.Message{&types.EventRoleRevoked{
		Address: bob.str, Role: types.ROLE_AGENT, Signer: de.str, Issuer: de.str, Reason: "licence withdrawn",
	}}, evs)
	s.Require().False(s.hasMember(bob, types.ROLE_AGENT))
	s.Require().Empty(s.queueKeys())
	s.Require().Equal([]string{bob.bz.String() + " ROLE_AGENT"}, s.hooks.calls)
	s.requireNotAuthorized(bob, types.ROLE_AGENT, types.ErrNotMember, bob.str+" does not hold ROLE_AGENT: not a member")

	// Governance revokes anyone's grant.
	evs = s.ok(func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: gov.str, Address: carol.str, Role: types.ROLE_AGENT})
	})
	s.Require().Equal(fr.str, evs[0].(*types.EventRoleRevoked).Issuer)
	s.Require().Equal(gov.str, evs[0].(*types.EventRoleRevoked).Signer)
	s.Require().False(s.hasMember(carol, types.ROLE_AGENT))
	s.Require().True(s.hasMember(carol, types.ROLE_VALIDATOR))

	// An issuer that lost the role can no longer revoke its old grants.
	s.grant(fr, bob, types.ROLE_AGENT, nil)
	s.setIssuer(fr, "FR", "FR", types.ROLE_VALIDATOR)
	s.refused(types.ErrUnauthorized, func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: fr.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	s.requireAuthorized(bob, types.ROLE_AGENT)
}

// A failing hook fails the message.
func (s *KeeperTestSuite) TestRevokeRoleHookError() {
	gov, bob := s.authorityAcct(), s.acct("bob")
	s.grant(gov, bob, types.ROLE_CONSENSUS_VALIDATOR, nil)
	s.hooks.err = errHook
	_, err := s.msgServer.RevokeRole(s.ctx, &types.MsgRevokeRole{Signer: gov.str, Address: bob.str, Role: types.ROLE_CONSENSUS_VALIDATOR})
	s.Require().ErrorIs(err, errHook)
	_, err = s.msgServer.SetBlacklist(s.ctx, &types.MsgSetBlacklist{Authority: gov.str, Address: bob.str, Role: types.ROLE_AGENT, Blacklisted: true})
	s.Require().ErrorIs(err, errHook)
}
