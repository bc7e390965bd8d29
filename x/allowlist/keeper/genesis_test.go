package keeper_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// Every kind of state, built by messages, survives export → import → export:
// the same JSON and byte-for-byte the same store (the expiry queue included,
// which InitGenesis rebuilds).
func (s *KeeperTestSuite) TestGenesisRoundTripFullState() {
	gov, de, fr := s.authorityAcct(), s.acct("issuer-de"), s.acct("issuer-fr")
	a, b, c, d := s.acct("a"), s.acct("b"), s.acct("c"), s.acct("d")
	s.ok(func(ctx context.Context) error {
		_, err := s.msgServer.UpdateParams(ctx, &types.MsgUpdateParams{Authority: gov.str, Params: customParams()})
		return err
	})
	s.setIssuer(de, "DE", "DE", types.ROLE_AGENT, types.ROLE_VALIDATOR)
	s.setIssuer(fr, "FR", "FR-75", types.ROLE_CONSENSUS_VALIDATOR)
	s.ok(func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{
			Signer: de.str, Address: a.str, Role: types.ROLE_AGENT, Jurisdiction: "DE-BY", MetadataUri: "ipfs://a", ExpiresAt: ptime(t0.Add(time.Hour)),
		})
	})
	s.grant(fr, b, types.ROLE_CONSENSUS_VALIDATOR, ptime(t0.Add(2*time.Hour)))
	s.grant(gov, c, types.ROLE_MODERATOR, nil)
	t1, t2 := newTree(c, d), newTree(d)
	s.setRoot(de, types.ROLE_VALIDATOR, t1.root)
	s.claim(c, de, types.ROLE_VALIDATOR, t1)
	s.claim(d, de, types.ROLE_VALIDATOR, t1)
	s.setRoot(de, types.ROLE_VALIDATOR, t2.root) // c's claim is now stale
	s.claim(d, de, types.ROLE_VALIDATOR, t2)
	s.setRoot(gov, types.ROLE_AGENT, t1.root)
	s.blacklist(d, types.ROLE_AGENT, true)
	s.blacklist(a, types.ROLE_MODERATOR, true)
	s.at(t0.Add(90 * time.Minute)) // a's membership expires

	gs, err := s.keeper.ExportGenesis(s.ctx)
	s.Require().NoError(err)
	s.Require().Len(gs.Members, 5)
	s.Require().Len(gs.Issuers, 2)
	s.Require().Len(gs.Blacklist, 2)
	s.Require().Len(gs.MerkleRoots, 2)
	s.Require().NoError(gs.ValidateWith(s.addrCodec))

	imported := newFixture(s.T())
	imported.ctx = imported.ctx.WithBlockTime(s.ctx.BlockTime())
	s.Require().NoError(imported.keeper.InitGenesis(imported.ctx, gs))
	again, err := imported.keeper.ExportGenesis(imported.ctx)
	s.Require().NoError(err)
	s.Require().Equal(string(s.cdc.MustMarshalJSON(gs)), string(s.cdc.MustMarshalJSON(again)))
	s.Require().Equal(s.storeDump(s.T()), imported.storeDump(s.T()))

	// And the imported chain answers the same.
	for _, q := range []struct {
		who  account
		role types.Role
	}{{a, types.ROLE_AGENT}, {b, types.ROLE_CONSENSUS_VALIDATOR}, {c, types.ROLE_MODERATOR}, {c, types.ROLE_VALIDATOR}, {d, types.ROLE_VALIDATOR}, {d, types.ROLE_AGENT}, {a, types.ROLE_MODERATOR}} {
		ok1, err1 := s.keeper.IsAuthorized(s.ctx, q.who.bz, q.role)
		ok2, err2 := imported.keeper.IsAuthorized(imported.ctx, q.who.bz, q.role)
		s.Require().Equal(ok1, ok2)
		if err1 != nil || err2 != nil {
			s.Require().EqualError(err2, err1.Error())
		}
	}
	ok, err := imported.keeper.IsAuthorized(imported.ctx, c.bz, types.ROLE_VALIDATOR)
	s.Require().False(ok)
	s.Require().ErrorIs(err, types.ErrMerkleRootRotated)
	s.Require().NoError(imported.keeper.CheckAuthorized(imported.ctx, d.bz, types.ROLE_VALIDATOR))
}

// A hand-written genesis (as `agijd genesis grant-role` writes it) loads:
// addresses are stored in canonical form and the queue is rebuilt.
func TestInitGenesisMembers(t *testing.T) {
	f := newFixture(t)
	a, b := f.acct("a"), f.acct("b")
	expires := t0.Add(time.Hour)
	gs := &types.GenesisState{
		Params: types.DefaultParams(),
		Members: []types.Member{
			{Address: a.str, Role: types.ROLE_CONSENSUS_VALIDATOR, Issuer: f.authority, GrantedAt: t0, Source: types.ADMISSION_SOURCE_GENESIS},
			// Upper-case bech32 is the same address.
			{Address: toUpper(b.str), Role: types.ROLE_AGENT, Issuer: toUpper(f.authority), GrantedAt: t0, ExpiresAt: &expires, Source: types.ADMISSION_SOURCE_GENESIS},
		},
	}
	require.NoError(t, f.keeper.InitGenesis(f.ctx, gs))

	require.NoError(t, f.keeper.CheckAuthorized(f.ctx, a.bz, types.ROLE_CONSENSUS_VALIDATOR))
	require.NoError(t, f.keeper.CheckAuthorized(f.ctx, b.bz, types.ROLE_AGENT))
	due, err := f.keeper.ExpiredMemberships(f.ctx, expires, 10)
	require.NoError(t, err)
	require.Len(t, due, 1)
	require.Equal(t, b.bz, due[0].K3())

	out, err := f.keeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	// Exported in key order: ROLE_AGENT (1) before ROLE_CONSENSUS_VALIDATOR (4).
	require.Equal(t, b.str, out.Members[0].Address)
	require.Equal(t, f.authority, out.Members[0].Issuer)
	require.Equal(t, a.str, out.Members[1].Address)
}

// InitGenesis refuses an invalid state and writes nothing.
func TestInitGenesisRefusesInvalid(t *testing.T) {
	f := newFixture(t)
	a := f.acct("a")
	gs := &types.GenesisState{
		Params: types.DefaultParams(),
		Members: []types.Member{
			{Address: a.str, Role: types.ROLE_AGENT, Issuer: f.authority, Source: types.ADMISSION_SOURCE_GENESIS},
			{Address: a.str, Role: types.ROLE_AGENT, Issuer: f.authority, Source: types.ADMISSION_SOURCE_GOVERNANCE},
		},
	}
	err := f.keeper.InitGenesis(f.ctx, gs)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "members[1]: "+a.str+" holds ROLE_AGENT twice")
	require.Empty(t, f.storeDump(t))
}

func toUpper(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}
