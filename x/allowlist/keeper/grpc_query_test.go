package keeper_test

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

func (s *KeeperTestSuite) TestQueryMembersPagination() {
	gov := s.authorityAcct()
	// Five agents and one validator; names sort as the address bytes do.
	var agents []account
	for _, n := range []string{"a1", "a2", "a3", "a4", "a5"} {
		agents = append(agents, s.acct(n))
		s.grant(gov, s.acct(n), types.ROLE_AGENT, nil)
	}
	s.grant(gov, s.acct("v1"), types.ROLE_VALIDATOR, nil)

	res, err := s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	s.Require().NoError(err)
	s.Require().Equal(uint64(5), res.Pagination.Total)
	s.Require().Equal([]string{agents[0].str, agents[1].str}, memberAddrs(res.Members))
	s.Require().NotEmpty(res.Pagination.NextKey)

	res, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Key: res.Pagination.NextKey, Limit: 2}})
	s.Require().NoError(err)
	s.Require().Equal([]string{agents[2].str, agents[3].str}, memberAddrs(res.Members))
	res, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Key: res.Pagination.NextKey, Limit: 2}})
	s.Require().NoError(err)
	s.Require().Equal([]string{agents[4].str}, memberAddrs(res.Members))
	s.Require().Empty(res.Pagination.NextKey)

	// Offsets and reverse order work too; other roles stay out.
	res, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Offset: 3, Limit: 10}})
	s.Require().NoError(err)
	s.Require().Equal([]string{agents[3].str, agents[4].str}, memberAddrs(res.Members))
	res, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	s.Require().NoError(err)
	s.Require().Equal([]string{agents[4].str}, memberAddrs(res.Members))
	res, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_VALIDATOR})
	s.Require().NoError(err)
	s.Require().Equal([]string{s.acct("v1").str}, memberAddrs(res.Members))
	res, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_MODERATOR})
	s.Require().NoError(err)
	s.Require().Empty(res.Members)
}

func memberAddrs(ms []types.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Address
	}
	return out
}

func (s *KeeperTestSuite) TestQueryIssuersBlacklistRoots() {
	gov, i1, i2, i3 := s.authorityAcct(), s.acct("i1"), s.acct("i2"), s.acct("i3")
	s.setIssuer(i1, "One", "DE", types.ROLE_AGENT)
	s.setIssuer(i2, "Two", "FR", types.ROLE_AGENT, types.ROLE_VALIDATOR)
	s.setIssuer(i3, "Three", "", types.ROLE_MODERATOR)

	is, err := s.queryServer.Issuers(s.ctx, &types.QueryIssuersRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	s.Require().NoError(err)
	s.Require().Equal(uint64(3), is.Pagination.Total)
	s.Require().Equal([]types.Issuer{
		{Address: i1.str, Name: "One", Jurisdiction: "DE", Roles: []types.Role{types.ROLE_AGENT}},
		{Address: i2.str, Name: "Two", Jurisdiction: "FR", Roles: []types.Role{types.ROLE_AGENT, types.ROLE_VALIDATOR}},
	}, is.Issuers)
	is, err = s.queryServer.Issuers(s.ctx, &types.QueryIssuersRequest{Pagination: &query.PageRequest{Key: is.Pagination.NextKey}})
	s.Require().NoError(err)
	s.Require().Equal("Three", is.Issuers[0].Name)

	s.blacklist(s.acct("b1"), types.ROLE_AGENT, true)
	s.blacklist(s.acct("b2"), types.ROLE_AGENT, true)
	s.blacklist(s.acct("b3"), types.ROLE_VALIDATOR, true)
	bl, err := s.queryServer.Blacklist(s.ctx, &types.QueryBlacklistRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	s.Require().NoError(err)
	s.Require().Equal([]string{s.acct("b1").str}, bl.Addresses)
	s.Require().Equal(uint64(2), bl.Pagination.Total)
	bl, err = s.queryServer.Blacklist(s.ctx, &types.QueryBlacklistRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Key: bl.Pagination.NextKey}})
	s.Require().NoError(err)
	s.Require().Equal([]string{s.acct("b2").str}, bl.Addresses)
	bl, err = s.queryServer.Blacklist(s.ctx, &types.QueryBlacklistRequest{Role: types.ROLE_VALIDATOR})
	s.Require().NoError(err)
	s.Require().Equal([]string{s.acct("b3").str}, bl.Addresses)

	r1, r2 := newTree(s.acct("x")).root, newTree(s.acct("y")).root
	s.setRoot(i2, types.ROLE_VALIDATOR, r2)
	s.setRoot(i2, types.ROLE_AGENT, r1)
	s.setRoot(i1, types.ROLE_AGENT, r1)
	s.setRoot(gov, types.ROLE_MODERATOR, r2)
	roots, err := s.queryServer.MerkleRoots(s.ctx, &types.QueryMerkleRootsRequest{Pagination: &query.PageRequest{CountTotal: true}})
	s.Require().NoError(err)
	s.Require().Equal(uint64(4), roots.Pagination.Total)
	// By issuer address bytes, then role: the gov module address sorts after "i1", "i2".
	var got []string
	for _, r := range roots.MerkleRoots {
		got = append(got, r.Issuer+" "+r.Role.String()+" "+r.Root)
	}
	s.Require().Equal([]string{
		i1.str + " ROLE_AGENT " + r1,
		i2.str + " ROLE_AGENT " + r1,
		i2.str + " ROLE_VALIDATOR " + r2,
		gov.str + " ROLE_MODERATOR " + r2,
	}, got)
}

func (s *KeeperTestSuite) TestQueryArgumentErrors() {
	a := s.acct("a").str
	check := func(err error, want codes.Code, fragment string) {
		s.T().Helper()
		s.Require().Equal(want, status.Code(err), "%v", err)
		s.Require().Contains(err.Error(), fragment)
	}
	_, err := s.queryServer.Member(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.Member(s.ctx, &types.QueryMemberRequest{Address: "bad", Role: types.ROLE_AGENT})
	check(err, codes.InvalidArgument, `address "bad"`)
	_, err = s.queryServer.Member(s.ctx, &types.QueryMemberRequest{Address: a})
	check(err, codes.InvalidArgument, "role: role must be specified")
	_, err = s.queryServer.Member(s.ctx, &types.QueryMemberRequest{Address: a, Role: types.ROLE_AGENT})
	check(err, codes.NotFound, a+" does not hold ROLE_AGENT")

	_, err = s.queryServer.Members(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: 8})
	check(err, codes.InvalidArgument, "unknown role 8")

	_, err = s.queryServer.Authorized(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.Authorized(s.ctx, &types.QueryAuthorizedRequest{Address: "", Role: types.ROLE_AGENT})
	check(err, codes.InvalidArgument, "address")
	_, err = s.queryServer.Authorized(s.ctx, &types.QueryAuthorizedRequest{Address: a})
	check(err, codes.InvalidArgument, "role must be specified")

	_, err = s.queryServer.Issuers(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.Issuer(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.Issuer(s.ctx, &types.QueryIssuerRequest{Address: "x"})
	check(err, codes.InvalidArgument, `address "x"`)
	_, err = s.queryServer.Issuer(s.ctx, &types.QueryIssuerRequest{Address: a})
	check(err, codes.NotFound, a+" is not an accredited issuer")

	_, err = s.queryServer.Blacklist(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.Blacklist(s.ctx, &types.QueryBlacklistRequest{})
	check(err, codes.InvalidArgument, "role must be specified")

	_, err = s.queryServer.MerkleRoots(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.MerkleRoot(s.ctx, nil)
	check(err, codes.InvalidArgument, "empty request")
	_, err = s.queryServer.MerkleRoot(s.ctx, &types.QueryMerkleRootRequest{Issuer: "x", Role: types.ROLE_AGENT})
	check(err, codes.InvalidArgument, `issuer "x"`)
	_, err = s.queryServer.MerkleRoot(s.ctx, &types.QueryMerkleRootRequest{Issuer: a})
	check(err, codes.InvalidArgument, "role must be specified")
	_, err = s.queryServer.MerkleRoot(s.ctx, &types.QueryMerkleRootRequest{Issuer: a, Role: types.ROLE_AGENT})
	check(err, codes.NotFound, a+" has no Merkle root for ROLE_AGENT")

	// A page key and an offset together are refused by the paginator.
	_, err = s.queryServer.Members(s.ctx, &types.QueryMembersRequest{Role: types.ROLE_AGENT, Pagination: &query.PageRequest{Key: []byte{1}, Offset: 1}})
	check(err, codes.InvalidArgument, "")
}
