package ante_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	protov2 "google.golang.org/protobuf/proto"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/x/allowlist/ante"
	"github.com/agijobmanager/agij/x/allowlist/types"
)

var (
	accCodec = addresscodec.NewBech32Codec("agij")
	valCodec = addresscodec.NewBech32Codec("agijvaloper")

	institution = sdk.AccAddress("institution_________")
	stranger    = sdk.AccAddress("stranger____________")
	moderator   = sdk.AccAddress("moderator___________")
)

// fakeKeeper authorizes institution as consensus validator and moderator as
// proposer, and records what it was asked.
type fakeKeeper struct{ asked []string }

func (f *fakeKeeper) CheckAuthorized(_ context.Context, addr sdk.AccAddress, role types.Role) error {
	f.asked = append(f.asked, role.String())
	if role == types.ROLE_CONSENSUS_VALIDATOR && addr.Equals(institution) {
		return nil
	}
	return errorsmod.Wrapf(types.ErrNotMember, "%s does not hold %s", addr, role)
}

func (f *fakeKeeper) CheckProposer(_ context.Context, addr sdk.AccAddress) error {
	f.asked = append(f.asked, "proposer")
	if addr.Equals(moderator) {
		return nil
	}
	return errorsmod.Wrapf(types.ErrUnauthorized, "%s may not submit governance proposals", addr)
}

type fakeTx struct{ msgs []sdk.Msg }

func (t fakeTx) GetMsgs() []sdk.Msg                    { return t.msgs }
func (t fakeTx) GetMsgsV2() ([]protov2.Message, error) { return nil, nil }

func str(t *testing.T, c interface{ BytesToString([]byte) (string, error) }, bz []byte) string {
	t.Helper()
	s, err := c.BytesToString(bz)
	require.NoError(t, err)
	return s
}

func createValidator(t *testing.T, operator sdk.AccAddress) *stakingtypes.MsgCreateValidator {
	t.Helper()
	msg, err := stakingtypes.NewMsgCreateValidator(str(t, valCodec, operator), ed25519.GenPrivKey().PubKey(),
		sdk.NewInt64Coin("uagi", 1), stakingtypes.Description{Moniker: "m"},
		stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(1, 1), math.LegacyNewDecWithPrec(2, 1), math.LegacyNewDecWithPrec(1, 2)),
		math.OneInt())
	require.NoError(t, err)
	return msg
}

func exec(t *testing.T, msgs ...sdk.Msg) *authz.MsgExec {
	t.Helper()
	m := authz.NewMsgExec(stranger, msgs)
	return &m
}

// run passes tx through the decorator and reports whether the next handler ran.
func run(t *testing.T, k *fakeKeeper, msgs ...sdk.Msg) (bool, error) {
	t.Helper()
	d := ante.NewPermissionDecorator(k, valCodec, accCodec)
	called := false
	_, err := d.AnteHandle(sdk.Context{}, fakeTx{msgs}, false, func(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) {
		called = true
		return ctx, nil
	})
	return called, err
}

func TestPermissionDecorator(t *testing.T) {
	send := banktypes.NewMsgSend(stranger, moderator, sdk.NewCoins(sdk.NewInt64Coin("uagi", 1)))
	v1Proposal := func(p sdk.AccAddress) sdk.Msg {
		return &govv1.MsgSubmitProposal{Proposer: str(t, accCodec, p), Title: "t", Summary: "s"}
	}
	v1beta1Proposal := func(p sdk.AccAddress) sdk.Msg {
		return &govv1beta1.MsgSubmitProposal{Proposer: str(t, accCodec, p)}
	}
	unjail := func(op sdk.AccAddress) sdk.Msg {
		return &slashingtypes.MsgUnjail{ValidatorAddr: str(t, valCodec, op)}
	}
	nested := func(depth int, msg sdk.Msg) sdk.Msg {
		for range depth {
			msg = exec(t, msg)
		}
		return msg
	}

	cases := []struct {
		name    string
		msgs    []sdk.Msg
		wantErr error
		wantMsg string
	}{
		{"other messages pass", []sdk.Msg{send}, nil, ""},
		{"institution creates a validator", []sdk.Msg{createValidator(t, institution)}, nil, ""},
		{"stranger may not create a validator", []sdk.Msg{createValidator(t, stranger)}, types.ErrNotMember, "may not create a validator"},
		{"refused after an allowed message too", []sdk.Msg{send, createValidator(t, stranger)}, types.ErrNotMember, "may not create a validator"},
		{"inside authz MsgExec", []sdk.Msg{exec(t, createValidator(t, stranger))}, types.ErrNotMember, "may not create a validator"},
		{"inside nested MsgExec", []sdk.Msg{nested(ante.MaxNestingDepth, createValidator(t, stranger))}, types.ErrNotMember, "may not create a validator"},
		{"allowed inside nested MsgExec", []sdk.Msg{nested(3, createValidator(t, institution))}, nil, ""},
		{"nesting past the limit", []sdk.Msg{nested(ante.MaxNestingDepth+1, send)}, sdkerrors.ErrInvalidRequest, "nested deeper than"},
		{"institution unjails", []sdk.Msg{unjail(institution)}, nil, ""},
		{"unauthorized operator may not unjail", []sdk.Msg{unjail(stranger)}, types.ErrNotMember, "may not unjail"},
		{"moderator proposes (gov v1)", []sdk.Msg{v1Proposal(moderator)}, nil, ""},
		{"stranger may not propose (gov v1)", []sdk.Msg{v1Proposal(stranger)}, types.ErrUnauthorized, "may not submit governance proposals"},
		{"stranger may not propose (gov v1beta1)", []sdk.Msg{v1beta1Proposal(stranger)}, types.ErrUnauthorized, "may not submit governance proposals"},
		{"stranger may not propose through authz", []sdk.Msg{exec(t, v1Proposal(stranger))}, types.ErrUnauthorized, "may not submit governance proposals"},
		{"malformed operator address", []sdk.Msg{&slashingtypes.MsgUnjail{ValidatorAddr: "agijvaloper1bad"}}, sdkerrors.ErrInvalidAddress, "validator address"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			called, err := run(t, &fakeKeeper{}, tc.msgs...)
			if tc.wantErr == nil {
				require.NoError(t, err)
				require.True(t, called, "the next ante handler must run")
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
			require.Contains(t, err.Error(), tc.wantMsg)
			require.False(t, called, "a refused tx must stop the chain")
		})
	}
}

func TestPermissionDecoratorAsksTheRightRole(t *testing.T) {
	k := &fakeKeeper{}
	_, err := run(t, k, createValidator(t, institution), &slashingtypes.MsgUnjail{ValidatorAddr: str(t, valCodec, institution)})
	require.NoError(t, err)
	require.Equal(t, []string{"ROLE_CONSENSUS_VALIDATOR", "ROLE_CONSENSUS_VALIDATOR"}, k.asked)
}
