package keeper_test

import (
	"context"
	"strings"

	"github.com/cosmos/gogoproto/proto"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func (s *KeeperTestSuite) TestSetMerkleRoot() {
	gov, issuer, other := s.authorityAcct(), s.acct("issuer-de"), s.acct("issuer-fr")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT, types.ROLE_CONSENSUS_VALIDATOR)
	s.setIssuer(other, "FR", "FR", types.ROLE_VALIDATOR)
	t1, t2 := newTree(s.acct("a"), s.acct("b")), newTree(s.acct("c"))

	evs := s.ok(func(ctx context.Context) error {
		return s.setRootMsg(ctx, &types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT, Root: t1.root})
	})
	s.Require().Equal([]proto.Message{&types.EventMerkleRootSet{Issuer: issuer.str, Role: types.ROLE_AGENT, Root: t1.root}}, evs)
	res, err := s.queryServer.MerkleRoot(s.ctx, &types.QueryMerkleRootRequest{Issuer: issuer.str, Role: types.ROLE_AGENT})
	s.Require().NoError(err)
	s.Require().Equal(types.MerkleRootEntry{Issuer: issuer.str, Role: types.ROLE_AGENT, Root: t1.root, SetAt: t0}, res.MerkleRoot)

	// Rotation names the previous root.
	evs = s.ok(func(ctx context.Context) error {
		return s.setRootMsg(ctx, &types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT, Root: t2.root})
	})
	s.Require().Equal([]proto.Message{&types.EventMerkleRootSet{Issuer: issuer.str, Role: types.ROLE_AGENT, Root: t2.root, PreviousRoot: t1.root}}, evs)

	// The authority publishes under its own address, for any claimable role.
	s.setRoot(gov, types.ROLE_MODERATOR, t1.root)
	res, err = s.queryServer.MerkleRoot(s.ctx, &types.QueryMerkleRootRequest{Issuer: gov.str, Role: types.ROLE_MODERATOR})
	s.Require().NoError(err)
	s.Require().Equal(t1.root, res.MerkleRoot.Root)

	cases := []struct {
		name    string
		msg     types.MsgSetMerkleRoot
		wantErr error
		want    string
	}{
		{"issuer not accredited for the role", types.MsgSetMerkleRoot{Signer: other.str, Role: types.ROLE_AGENT, Root: t1.root}, types.ErrUnauthorized, "is not accredited for ROLE_AGENT"},
		{"not an issuer", types.MsgSetMerkleRoot{Signer: s.acct("x").str, Role: types.ROLE_AGENT, Root: t1.root}, types.ErrUnauthorized, "neither the authority nor an accredited issuer"},
		{"consensus validator, by an issuer of it", types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_CONSENSUS_VALIDATOR, Root: t1.root}, types.ErrRoleNotClaimable, "never by a Merkle claim"},
		{"consensus validator, by the authority", types.MsgSetMerkleRoot{Signer: gov.str, Role: types.ROLE_CONSENSUS_VALIDATOR, Root: t1.root}, types.ErrRoleNotClaimable, ""},
		{"unspecified role", types.MsgSetMerkleRoot{Signer: gov.str, Root: t1.root}, types.ErrInvalidRole, ""},
		{"upper-case hex", types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT, Root: strings.ToUpper(t1.root)}, types.ErrInvalidMerkleRoot, "not lowercase hex"},
		{"short", types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT, Root: t1.root[:62]}, types.ErrInvalidMerkleRoot, "62 characters"},
		{"0x prefix", types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT, Root: "0x" + t1.root[:62]}, types.ErrInvalidMerkleRoot, ""},
		{"empty", types.MsgSetMerkleRoot{Signer: issuer.str, Role: types.ROLE_AGENT}, types.ErrInvalidMerkleRoot, ""},
	}
	for _, tc := range cases {
		s.Run(tc.name, func() {
			msg := tc.msg
			err := s.refused(tc.wantErr, func(ctx context.Context) error { return s.setRootMsg(ctx, &msg) })
			s.Require().Contains(err.Error(), tc.want)
		})
	}
}

func (s *KeeperTestSuite) TestClaimRole() {
	issuer, alice, bob, carol := s.acct("issuer-de"), s.acct("alice"), s.acct("bob"), s.acct("carol")
	s.setIssuer(issuer, "DE", "DE-BY", types.ROLE_AGENT)
	t := newTree(alice, bob, carol)
	s.setRoot(issuer, types.ROLE_AGENT, t.root)
	s.at(t0.Add(10))

	evs := s.ok(func(ctx context.Context) error {
		return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: bob.str, Issuer: issuer.str, Role: types.ROLE_AGENT, Proof: t.proof(bob)})
	})
	s.Require().Equal([]proto.Message{&types.EventRoleClaimed{Address: bob.str, Role: types.ROLE_AGENT, Issuer: issuer.str, MerkleRoot: t.root}}, evs)
	s.Require().Equal(types.Member{
		Address: bob.str, Role: types.ROLE_AGENT, Issuer: issuer.str, Jurisdiction: "DE-BY",
		GrantedAt: t0.Add(10), Source: types.ADMISSION_SOURCE_MERKLE_CLAIM, MerkleRoot: t.root,
	}, s.member(bob, types.ROLE_AGENT))
	s.requireAuthorized(bob, types.ROLE_AGENT)

	// The issuer revokes a claim made under its root.
	s.ok(func(ctx context.Context) error {
		return s.revokeMsg(ctx, &types.MsgRevokeRole{Signer: issuer.str, Address: bob.str, Role: types.ROLE_AGENT})
	})
	s.Require().False(s.hasMember(bob, types.ROLE_AGENT))
}

func (s *KeeperTestSuite) TestClaimRoleRefused() {
	gov, de, fr, alice, bob, mallory := s.authorityAcct(), s.acct("issuer-de"), s.acct("issuer-fr"), s.acct("alice"), s.acct("bob"), s.acct("mallory")
	s.setIssuer(de, "DE", "DE", types.ROLE_AGENT, types.ROLE_CONSENSUS_VALIDATOR)
	s.setIssuer(fr, "FR", "FR", types.ROLE_AGENT, types.ROLE_VALIDATOR)
	t := newTree(alice, bob)
	s.setRoot(de, types.ROLE_AGENT, t.root)
	s.setRoot(fr, types.ROLE_AGENT, t.root)
	s.grant(fr, alice, types.ROLE_AGENT, nil)
	s.claim(bob, de, types.ROLE_AGENT, t)
	s.grant(de, s.acct("direct"), types.ROLE_AGENT, nil)

	claim := func(who, issuer account, role types.Role, proof []string) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: who.str, Issuer: issuer.str, Role: role, Proof: proof})
		}
	}
	directTree := newTree(s.acct("direct"), alice)
	cases := []struct {
		name    string
		fn      func(ctx context.Context) error
		wantErr error
		want    string
	}{
		{"not in the tree", claim(mallory, de, types.ROLE_AGENT, t.proof(alice)), types.ErrInvalidProof,
			"the proof does not lead from " + mallory.str + " to root " + t.root + " of " + de.str + " for ROLE_AGENT"},
		{"empty proof", claim(mallory, de, types.ROLE_AGENT, nil), types.ErrInvalidProof, ""},
		{"malformed hash", claim(alice, de, types.ROLE_AGENT, []string{"zz"}), types.ErrInvalidProof, "proof[0]"},
		{"too long", claim(alice, de, types.ROLE_AGENT, make([]string, 65)), types.ErrInvalidProof, "65 hashes, at most 64"},
		{"no root for the role", claim(alice, fr, types.ROLE_VALIDATOR, t.proof(alice)), types.ErrIssuerNotFound,
			fr.str + " has published no Merkle root for ROLE_VALIDATOR"},
		{"not an issuer", claim(alice, mallory, types.ROLE_AGENT, t.proof(alice)), types.ErrIssuerNotFound, mallory.str + " is not an accredited issuer"},
		{"issuer not accredited for the role", claim(alice, de, types.ROLE_VALIDATOR, t.proof(alice)), types.ErrIssuerNotFound, "is not accredited for ROLE_VALIDATOR"},
		{"authority without a root", claim(alice, gov, types.ROLE_AGENT, t.proof(alice)), types.ErrIssuerNotFound, gov.str + " has published no Merkle root"},
		{"consensus validator", claim(alice, de, types.ROLE_CONSENSUS_VALIDATOR, t.proof(alice)), types.ErrRoleNotClaimable,
			"ROLE_CONSENSUS_VALIDATOR is granted only by governance or an issuer, never by a Merkle claim"},
		{"unspecified role", claim(alice, de, types.ROLE_UNSPECIFIED, t.proof(alice)), types.ErrInvalidRole, ""},
		{"member by another issuer", claim(alice, de, types.ROLE_AGENT, t.proof(alice)), types.ErrAlreadyMember,
			alice.str + " already holds ROLE_AGENT, granted by " + fr.str},
		{"already claimed under the current root", claim(bob, de, types.ROLE_AGENT, t.proof(bob)), types.ErrAlreadyMember,
			"already claimed ROLE_AGENT under the current root"},
		{"claimed from another issuer", claim(bob, fr, types.ROLE_AGENT, t.proof(bob)), types.ErrAlreadyMember, "granted by " + de.str},
	}
	for _, tc := range cases {
		s.Run(tc.name, func() {
			err := s.refused(tc.wantErr, tc.fn)
			s.Require().Contains(err.Error(), tc.want)
		})
	}

	// A direct grant is not replaced by a claim of the same issuer.
	s.setRoot(de, types.ROLE_AGENT, directTree.root)
	err := s.refused(types.ErrAlreadyMember, claim(s.acct("direct"), de, types.ROLE_AGENT, directTree.proof(s.acct("direct"))))
	s.Require().Contains(err.Error(), "by a direct grant of "+de.str+", which a claim does not replace")
}

// A root of one address has an empty proof; the authority's roots work like
// an issuer's, with no jurisdiction.
func (s *KeeperTestSuite) TestClaimRoleAuthorityRootAndSingleLeaf() {
	gov, alice := s.authorityAcct(), s.acct("alice")
	t := newTree(alice)
	s.Require().Empty(t.proof(alice))
	s.setRoot(gov, types.ROLE_MODERATOR, t.root)
	s.claim(alice, gov, types.ROLE_MODERATOR, t)
	s.Require().Equal(types.Member{
		Address: alice.str, Role: types.ROLE_MODERATOR, Issuer: gov.str, GrantedAt: t0,
		Source: types.ADMISSION_SOURCE_MERKLE_CLAIM, MerkleRoot: t.root,
	}, s.member(alice, types.ROLE_MODERATOR))
	s.requireAuthorized(alice, types.ROLE_MODERATOR)
	s.Require().NoError(s.keeper.CheckProposer(s.ctx, alice.bz))
}

// Rotating a root unauthorizes the claims made under the old one; members of
// the new tree claim again, others stay out.
func (s *KeeperTestSuite) TestMerkleRootRotation() {
	issuer, alice, bob, carol := s.acct("issuer-de"), s.acct("alice"), s.acct("bob"), s.acct("carol")
	s.setIssuer(issuer, "DE", "DE", types.ROLE_AGENT)
	old := newTree(alice, bob)
	s.setRoot(issuer, types.ROLE_AGENT, old.root)
	s.claim(alice, issuer, types.ROLE_AGENT, old)
	s.claim(bob, issuer, types.ROLE_AGENT, old)

	updated := newTree(alice, carol)
	s.at(t0.Add(1))
	s.setRoot(issuer, types.ROLE_AGENT, updated.root)
	for _, who := range []account{alice, bob} {
		s.requireNotAuthorized(who, types.ROLE_AGENT, types.ErrMerkleRootRotated,
			who.str+" claimed ROLE_AGENT under root "+old.root+" of "+issuer.str+", whose current root is "+updated.root+": merkle root rotated")
		s.Require().True(s.hasMember(who, types.ROLE_AGENT), "the membership stays")
	}

	// alice is in the new tree and claims again: the claim is updated.
	evs := s.ok(func(ctx context.Context) error {
		return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: alice.str, Issuer: issuer.str, Role: types.ROLE_AGENT, Proof: updated.proof(alice)})
	})
	s.Require().True(evs[0].(*types.EventRoleClaimed).Updated)
	s.Require().Equal(updated.root, s.member(alice, types.ROLE_AGENT).MerkleRoot)
	s.Require().Equal(t0.Add(1), s.member(alice, types.ROLE_AGENT).GrantedAt)
	s.requireAuthorized(alice, types.ROLE_AGENT)
	// bob is not, and his old proof no longer works.
	s.refused(types.ErrInvalidProof, func(ctx context.Context) error {
		return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: bob.str, Issuer: issuer.str, Role: types.ROLE_AGENT, Proof: old.proof(bob)})
	})
	s.claim(carol, issuer, types.ROLE_AGENT, updated)
	s.requireAuthorized(carol, types.ROLE_AGENT)

	// Going back to the old root makes bob's old claim current again, and
	// alice's and carol's stale.
	s.setRoot(issuer, types.ROLE_AGENT, old.root)
	s.requireAuthorized(bob, types.ROLE_AGENT)
	s.requireNotAuthorized(carol, types.ROLE_AGENT, types.ErrMerkleRootRotated,
		carol.str+" claimed ROLE_AGENT under root "+updated.root+" of "+issuer.str+", whose current root is "+old.root+": merkle root rotated")

	// A direct grant by the same issuer turns a claim into a grant that no
	// longer depends on the root.
	s.grant(issuer, carol, types.ROLE_AGENT, nil)
	m := s.member(carol, types.ROLE_AGENT)
	s.Require().Equal(types.ADMISSION_SOURCE_ISSUER, m.Source)
	s.Require().Empty(m.MerkleRoot)
	s.requireAuthorized(carol, types.ROLE_AGENT)
}
