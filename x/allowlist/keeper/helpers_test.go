package keeper_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// t0 is the fixture's block time.
var t0 = time.Date(2027, 1, 31, 12, 0, 0, 0, time.UTC)

// hookRecorder is the AllowlistHooks of the fixture.
type hookRecorder struct {
	calls []string
	// err, when set, is returned by every call.
	err error
}

func (h *hookRecorder) AfterRoleLost(_ context.Context, addr sdk.AccAddress, role types.Role) error {
	h.calls = append(h.calls, fmt.Sprintf("%s %s", addr, role))
	return h.err
}

// account is a test account: its bytes and its agij1 string.
type account struct {
	bz  sdk.AccAddress
	str string
}

// acct derives a 20-byte account from a name.
func (f *fixture) acct(name string) account {
	bz := make([]byte, 20)
	copy(bz, name)
	str, err := f.addrCodec.BytesToString(bz)
	if err != nil {
		panic(err)
	}
	return account{bz: bz, str: str}
}

// authorityAcct is the gov module account.
func (f *fixture) authorityAcct() account {
	bz, err := f.addrCodec.StringToBytes(f.authority)
	if err != nil {
		panic(err)
	}
	return account{bz: bz, str: f.authority}
}

// at moves the block time.
func (s *KeeperTestSuite) at(t time.Time) {
	s.ctx = s.ctx.WithBlockTime(t)
}

// ok runs fn with a fresh event manager, requires success and returns the
// typed events it emitted.
func (s *KeeperTestSuite) ok(fn func(ctx context.Context) error) []proto.Message {
	s.T().Helper()
	ctx := s.ctx.WithEventManager(sdk.NewEventManager())
	s.Require().NoError(fn(ctx))
	var evs []proto.Message
	for _, e := range ctx.EventManager().ABCIEvents() {
		msg, err := sdk.ParseTypedEvent(e)
		s.Require().NoError(err)
		evs = append(evs, msg)
	}
	return evs
}

// refused runs fn, requires wantErr and that neither the store nor the
// events nor the hooks changed. It returns the error for more checks.
func (s *KeeperTestSuite) refused(wantErr error, fn func(ctx context.Context) error) error {
	s.T().Helper()
	before := s.storeDump(s.T())
	hooksBefore := len(s.hooks.calls)
	ctx := s.ctx.WithEventManager(sdk.NewEventManager())
	err := fn(ctx)
	s.Require().ErrorIs(err, wantErr)
	s.Require().Equal(before, s.storeDump(s.T()), "store changed")
	s.Require().Empty(ctx.EventManager().ABCIEvents(), "events emitted")
	s.Require().Len(s.hooks.calls, hooksBefore, "hooks called")
	return err
}

// Message shorthands; each returns only the error.

func (s *KeeperTestSuite) grantMsg(ctx context.Context, msg *types.MsgGrantRole) error {
	_, err := s.msgServer.GrantRole(ctx, msg)
	return err
}

func (s *KeeperTestSuite) revokeMsg(ctx context.Context, msg *types.MsgRevokeRole) error {
	_, err := s.msgServer.RevokeRole(ctx, msg)
	return err
}

func (s *KeeperTestSuite) blacklistMsg(ctx context.Context, msg *types.MsgSetBlacklist) error {
	_, err := s.msgServer.SetBlacklist(ctx, msg)
	return err
}

func (s *KeeperTestSuite) setIssuerMsg(ctx context.Context, msg *types.MsgSetIssuer) error {
	_, err := s.msgServer.SetIssuer(ctx, msg)
	return err
}

func (s *KeeperTestSuite) removeIssuerMsg(ctx context.Context, msg *types.MsgRemoveIssuer) error {
	_, err := s.msgServer.RemoveIssuer(ctx, msg)
	return err
}

func (s *KeeperTestSuite) setRootMsg(ctx context.Context, msg *types.MsgSetMerkleRoot) error {
	_, err := s.msgServer.SetMerkleRoot(ctx, msg)
	return err
}

func (s *KeeperTestSuite) claimMsg(ctx context.Context, msg *types.MsgClaimRole) error {
	_, err := s.msgServer.ClaimRole(ctx, msg)
	return err
}

// Set-up steps that must succeed.

func (s *KeeperTestSuite) setIssuer(who account, name, jurisdiction string, roles ...types.Role) {
	s.T().Helper()
	s.ok(func(ctx context.Context) error {
		return s.setIssuerMsg(ctx, &types.MsgSetIssuer{
			Authority: s.authority, Address: who.str, Name: name, Jurisdiction: jurisdiction, Roles: roles,
		})
	})
}

func (s *KeeperTestSuite) grant(signer, who account, role types.Role, expiresAt *time.Time) {
	s.T().Helper()
	s.ok(func(ctx context.Context) error {
		return s.grantMsg(ctx, &types.MsgGrantRole{Signer: signer.str, Address: who.str, Role: role, ExpiresAt: expiresAt})
	})
}

func (s *KeeperTestSuite) blacklist(who account, role types.Role, on bool) {
	s.T().Helper()
	s.ok(func(ctx context.Context) error {
		return s.blacklistMsg(ctx, &types.MsgSetBlacklist{Authority: s.authority, Address: who.str, Role: role, Blacklisted: on})
	})
}

// tree is a Merkle tree of accounts for claims.
type tree struct {
	addrs [][]byte
	root  string
}

func newTree(accts ...account) tree {
	t := tree{}
	for _, a := range accts {
		t.addrs = append(t.addrs, a.bz)
	}
	root, err := types.MerkleRoot(t.addrs)
	if err != nil {
		panic(err)
	}
	t.root = types.FormatHash(root)
	return t
}

// proof is the hex proof of a in t.
func (t tree) proof(a account) []string {
	p, err := types.MerkleProof(t.addrs, a.bz)
	if err != nil {
		panic(err)
	}
	out := make([]string, len(p))
	for i, h := range p {
		out[i] = types.FormatHash(h)
	}
	return out
}

func (s *KeeperTestSuite) setRoot(signer account, role types.Role, root string) {
	s.T().Helper()
	s.ok(func(ctx context.Context) error {
		return s.setRootMsg(ctx, &types.MsgSetMerkleRoot{Signer: signer.str, Role: role, Root: root})
	})
}

func (s *KeeperTestSuite) claim(who, issuer account, role types.Role, t tree) {
	s.T().Helper()
	s.ok(func(ctx context.Context) error {
		return s.claimMsg(ctx, &types.MsgClaimRole{Claimant: who.str, Issuer: issuer.str, Role: role, Proof: t.proof(who)})
	})
}

// member loads a membership that must exist.
func (s *KeeperTestSuite) member(who account, role types.Role) types.Member {
	s.T().Helper()
	res, err := s.queryServer.Member(s.ctx, &types.QueryMemberRequest{Address: who.str, Role: role})
	s.Require().NoError(err)
	return res.Member
}

// hasMember reports whether a membership exists.
func (s *KeeperTestSuite) hasMember(who account, role types.Role) bool {
	s.T().Helper()
	has, err := s.keeper.Members.Has(s.ctx, keyOf(role, who))
	s.Require().NoError(err)
	return has
}

// authorized returns IsAuthorized; the error is nil when authorized.
func (s *KeeperTestSuite) authorized(who account, role types.Role) (bool, error) {
	s.T().Helper()
	return s.keeper.IsAuthorized(s.ctx, who.bz, role)
}

// requireAuthorized and requireNotAuthorized check IsAuthorized and the
// Authorized query together.
func (s *KeeperTestSuite) requireAuthorized(who account, role types.Role) {
	s.T().Helper()
	ok, err := s.authorized(who, role)
	s.Require().NoError(err)
	s.Require().True(ok)
	res, err := s.queryServer.Authorized(s.ctx, &types.QueryAuthorizedRequest{Address: who.str, Role: role})
	s.Require().NoError(err)
	s.Require().Equal(&types.QueryAuthorizedResponse{Authorized: true}, res)
}

func (s *KeeperTestSuite) requireNotAuthorized(who account, role types.Role, reason error, reasonText string) {
	s.T().Helper()
	ok, err := s.authorized(who, role)
	s.Require().False(ok)
	s.Require().ErrorIs(err, reason)
	s.Require().Equal(reasonText, err.Error())
	s.Require().ErrorIs(s.keeper.CheckAuthorized(s.ctx, who.bz, role), reason)
	res, err := s.queryServer.Authorized(s.ctx, &types.QueryAuthorizedRequest{Address: who.str, Role: role})
	s.Require().NoError(err)
	s.Require().False(res.Authorized)
	s.Require().Equal(reasonText, res.Reason)
}

// queueKeys lists the expiry queue as "time role address".
func (s *KeeperTestSuite) queueKeys() []string {
	s.T().Helper()
	var out []string
	iter, err := s.keeper.ExpiryQueue.Iterate(s.ctx, nil)
	s.Require().NoError(err)
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		k, err := iter.Key()
		s.Require().NoError(err)
		addr, err := s.addrCodec.BytesToString(k.K3())
		s.Require().NoError(err)
		out = append(out, fmt.Sprintf("%s %s %s", types.FormatTime(k.K1()), types.Role(k.K2()), addr))
	}
	return out
}

// ptime returns a pointer to t.
func ptime(t time.Time) *time.Time { return &t }

// keyOf is the Members / Blacklist key of (role, who).
func keyOf(role types.Role, who account) collections.Pair[int32, sdk.AccAddress] {
	return collections.Join(int32(role), who.bz)
}

// errHook is what a failing hook returns.
var errHook = errors.New("hook failed")
