package sim

import (
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// view is what the harness knows while it builds a block: the committed
// state, read at the new block's height and time (so time-dependent checks
// such as membership expiry read as the transactions will), plus the effect
// of the transactions already placed in the block that it can predict.
// Transactions run before any end-of-block logic, so pauses, params, roles
// and proposals cannot change during them.
type view struct {
	s      *Sim
	ctx    sdk.Context
	height int64
	now    time.Time

	params jobstypes.Params
	pause  jobstypes.PauseState

	// jobs are copies of every job, updated by the predicted effects of the
	// block's transactions so far; opaque jobs were settled by one of them
	// in a way the harness does not model, and are not targeted again.
	jobs      map[uint64]*jobstypes.Job
	opaque    map[uint64]bool
	voted     map[uint64]map[string]bool
	nextJobID uint64

	// active are the agents' active-job counts, score their reputation,
	// spent what the block's transactions lock from each account. volatile
	// accounts may have received coins, reputation or a freed job slot from
	// a settlement earlier in the block: for them the harness predicts only
	// what such a gain cannot change.
	active   map[string]uint64
	score    map[string]uint64
	spent    map[string]math.Int
	volatile map[string]bool

	gov            govv1.Params
	proposals      map[uint64]*govv1.Proposal
	nextProposalID uint64
	// operatorVoted are the proposals the operator voted on (or will, in
	// this block).
	operatorVoted map[uint64]bool
}

func (s *Sim) newView(h int64, t time.Time) (*view, error) {
	ctx := s.queryCtx(h, t)
	k := s.App.JobsKeeper
	v := &view{
		s: s, ctx: ctx, height: h, now: t,
		jobs: map[uint64]*jobstypes.Job{}, opaque: map[uint64]bool{}, voted: map[uint64]map[string]bool{},
		active: map[string]uint64{}, score: map[string]uint64{}, spent: map[string]math.Int{}, volatile: map[string]bool{},
		proposals: map[uint64]*govv1.Proposal{}, operatorVoted: map[uint64]bool{},
	}
	var err error
	if v.params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if v.pause, err = k.Pause.Get(ctx); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if v.nextJobID, err = k.NextJobID.Peek(ctx); err != nil {
		return nil, err
	}
	if err := k.Jobs.Walk(ctx, nil, func(id uint64, j jobstypes.Job) (bool, error) {
		v.jobs[id] = &j
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Votes.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], _ jobstypes.Vote) (bool, error) {
		v.markVoted(key.K1(), key.K2().String())
		return false, nil
	}); err != nil {
		return nil, err
	}
	for _, a := range s.Accounts {
		n, err := k.ActiveJobs.Get(ctx, a.Addr)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return nil, err
		}
		v.active[a.Str] = n
		sc, err := s.App.ReputationKeeper.GetScore(ctx, a.Addr, allowlisttypes.ROLE_AGENT)
		if err != nil {
			return nil, err
		}
		v.score[a.Str] = sc
	}

	gk := s.App.GovKeeper
	if v.gov, err = gk.Params.Get(ctx); err != nil {
		return nil, err
	}
	if v.nextProposalID, err = gk.ProposalID.Peek(ctx); err != nil {
		return nil, err
	}
	if err := gk.Proposals.Walk(ctx, nil, func(id uint64, p govv1.Proposal) (bool, error) {
		if p.Status == govv1.StatusVotingPeriod || p.Status == govv1.StatusDepositPeriod {
			v.proposals[id] = &p
			has, err := gk.Votes.Has(ctx, collections.Join(id, s.Operator.Addr))
			if err != nil {
				return true, err
			}
			v.operatorVoted[id] = has
		}
		return false, nil
	}); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *view) markVoted(id uint64, validator string) {
	if v.voted[id] == nil {
		v.voted[id] = map[string]bool{}
	}
	v.voted[id][validator] = true
}

// balance is what acc can still lock in this block.
func (v *view) balance(acc *Account) math.Int {
	b := v.s.App.BankKeeper.GetBalance(v.ctx, acc.Addr, app.BondDenom).Amount
	if sp, ok := v.spent[acc.Str]; ok {
		b = b.Sub(sp)
	}
	return b
}

// lockCheck predicts the outcome of locking amount from acc: nil when it will
// succeed (and it is counted as spent), the bank's insufficient funds when
// it will fail, errUnpredictable when the account may have been paid in
// this block.
func (v *view) lockCheck(acc *Account, amount math.Int) error {
	if !amount.IsPositive() || v.balance(acc).GTE(amount) {
		return nil
	}
	if v.volatile[acc.Str] {
		return errUnpredictable
	}
	return errInsufficientFunds
}

func (v *view) spend(acc *Account, amount math.Int) {
	if !amount.IsPositive() {
		return
	}
	sp, ok := v.spent[acc.Str]
	if !ok {
		sp = math.ZeroInt()
	}
	v.spent[acc.Str] = sp.Add(amount)
}

// roleErr is the error x/jobs gives a signer that is not authorized for
// role (nil when it is): a bar is ErrBlacklisted, anything else
// ErrUnauthorized.
func (v *view) roleErr(acc *Account, role allowlisttypes.Role) error {
	err := v.s.App.AllowlistKeeper.CheckAuthorized(v.ctx, acc.Addr, role)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, allowlisttypes.ErrBlacklisted):
		return jobstypes.ErrBlacklisted
	default:
		return jobstypes.ErrUnauthorized
	}
}

func (v *view) authorized(acc *Account, role allowlisttypes.Role) bool {
	return v.s.App.AllowlistKeeper.CheckAuthorized(v.ctx, acc.Addr, role) == nil
}

// pauseErr is checkPause's answer.
func (v *view) pauseErr(intake bool) error {
	if intake && v.pause.Intake {
		return jobstypes.ErrIntakePaused
	}
	if v.pause.Settlement {
		return jobstypes.ErrSettlementPaused
	}
	return nil
}

// job returns the job, or nil when it does not exist; ok is false when it is
// opaque.
func (v *view) job(id uint64) (j *jobstypes.Job, ok bool) {
	if v.opaque[id] {
		return nil, false
	}
	return v.jobs[id], true
}

// settledBy marks a job settled by a transaction in this block: its
// parties may have been paid and their counters changed.
func (v *view) settledBy(j *jobstypes.Job) {
	v.opaque[j.Id] = true
	v.volatile[j.Employer] = true
	if j.Agent != "" {
		v.volatile[j.Agent] = true
	}
	for val := range v.voted[j.Id] {
		v.volatile[val] = true
	}
}

// jobsIn lists the ids of the targetable jobs in one of the statuses.
func (v *view) jobsIn(statuses ...jobstypes.JobStatus) []uint64 {
	var out []uint64
	for _, id := range sortedIDs(v.jobs) {
		if v.opaque[id] {
			continue
		}
		for _, st := range statuses {
			if v.jobs[id].Status == st {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// errUnpredictable marks an operation whose outcome the harness cannot
// predict; it is not sent.
var errUnpredictable = errors.New("unpredictable")

// errInsufficientFunds is the bank's error (sdk codespace, code 5).
var errInsufficientFunds = sdkerrors.ErrInsufficientFunds

// errName names a registered error by codespace and description.
func errName(codespace string, code uint32) string {
	err := errorsmod.ABCIError(codespace, code, "")
	var e *errorsmod.Error
	if errors.As(err, &e) {
		return fmt.Sprintf("%s:%d(%s)", codespace, code, e.Error())
	}
	return fmt.Sprintf("%s:%d(unregistered)", codespace, code)
}

// errNameOf names a registered error value.
func errNameOf(err error) string {
	cs, code, _ := errorsmod.ABCIInfo(err, false)
	return errName(cs, code)
}
