package sim

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/agijobmanager/agij/app"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// TestInvariantsCatchCorruption shows that every invariant can fail: after a
// short run, each case corrupts a cached copy of the committed state (or the
// block's inputs) in one way and the invariant it targets must refuse it,
// while the untouched state passes all of them.
func TestInvariantsCatchCorruption(t *testing.T) {
	s, err := New(Config{Seed: 11})
	require.NoError(t, err)
	k := s.App.JobsKeeper
	queued := func(j jobstypes.Job) bool {
		for _, q := range jobstypes.QueueKinds() {
			if _, ok := j.Deadline(q); ok {
				return true
			}
		}
		return false
	}
	kinds := []struct {
		what string
		ok   func(j jobstypes.Job) bool
	}{
		{"open", func(j jobstypes.Job) bool { return j.Status == jobstypes.JOB_STATUS_OPEN }},
		{"queued", queued},
		{"completed", func(j jobstypes.Job) bool { return j.Status == jobstypes.JOB_STATUS_COMPLETED }},
		{"voted on", func(j jobstypes.Job) bool { return j.Approvals+j.Disapprovals > 0 }},
		{"assigned", func(j jobstypes.Job) bool { return j.Status.IsActive() }},
	}
	// Run until the state holds a job of every kind the cases corrupt.
	require.NoError(t, s.Run(100))
	found := map[string]jobstypes.Job{}
	for first := true; len(found) < len(kinds); first = false {
		require.Less(t, s.Height, int64(600), "no job of every kind after %d blocks: %v", s.Height, found)
		if !first {
			require.NoError(t, s.Run(20))
		}
		jobs, err := s.allJobs(s.committedCtx())
		require.NoError(t, err)
		clear(found)
		for _, kind := range kinds {
			for _, j := range jobs {
				if kind.ok(j) {
					found[kind.what] = j
					break
				}
			}
		}
	}
	base := s.committedCtx()
	open, withDeadline, completed, voted, assigned := found["open"], found["queued"], found["completed"], found["voted on"], found["assigned"]
	someone := s.byName["employer0"].Addr
	coin := func(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, n)) }

	type corruption struct {
		name      string
		invariant string
		// state corrupts the cached state; pre and events, when set, edit
		// the block's inputs instead.
		state  func(ctx sdk.Context)
		pre    func(p *Pre)
		events func(ev *BlockEvents)
	}
	cases := []corruption{
		{name: "coins sent to the escrow account", invariant: "escrow-balanced", state: func(ctx sdk.Context) {
			require.NoError(t, s.App.BankKeeper.SendCoins(ctx, someone, k.ModuleAddress(), coin(1)))
		}},
		{name: "a job's payout changed behind the totals", invariant: "locked-totals", state: func(ctx sdk.Context) {
			j := open
			j.Payout.Amount = j.Payout.Amount.AddRaw(1)
			require.NoError(t, k.Jobs.Set(ctx, j.Id, j))
		}},
		{name: "locked totals shifted between purposes", invariant: "locked-totals", state: func(ctx sdk.Context) {
			l, err := k.Locked.Get(ctx)
			require.NoError(t, err)
			l.Escrow = l.Escrow.Sub(coin(1)...)
			l.DisputeBonds = l.DisputeBonds.Add(coin(1)...)
			require.NoError(t, k.Locked.Set(ctx, l))
		}},
		{name: "a queue entry removed", invariant: "queues-and-indexes", state: func(ctx sdk.Context) {
			for _, q := range jobstypes.QueueKinds() {
				if at, ok := withDeadline.Deadline(q); ok {
					require.NoError(t, k.Queues[q].Remove(ctx, collections.Join(at, withDeadline.Id)))
				}
			}
		}},
		{name: "a stray queue entry", invariant: "queues-and-indexes", state: func(ctx sdk.Context) {
			require.NoError(t, k.Queues[jobstypes.QueueReviewEnd].Set(ctx, collections.Join(s.Time.Add(time.Hour), completed.Id)))
		}},
		{name: "a job's status changed behind its index", invariant: "queues-and-indexes", state: func(ctx sdk.Context) {
			j := completed
			j.Status = jobstypes.JOB_STATUS_REFUNDED
			require.NoError(t, k.Jobs.Set(ctx, j.Id, j))
		}},
		{name: "a stray employer index entry", invariant: "queues-and-indexes", state: func(ctx sdk.Context) {
			require.NoError(t, k.JobsByEmployer.Set(ctx, collections.Join(someone, completed.Id+100000)))
		}},
		{name: "an agent index entry removed", invariant: "queues-and-indexes", state: func(ctx sdk.Context) {
			agent, err := sdk.AccAddressFromBech32(assigned.Agent)
			require.NoError(t, err)
			require.NoError(t, k.JobsByAgent.Remove(ctx, collections.Join(agent, assigned.Id)))
		}},
		{name: "a settlement that pays out more than the job held", invariant: "settlements", state: func(ctx sdk.Context) {
			j := completed
			st := *j.Settlement
			st.AgentTotal = st.AgentTotal.AddRaw(1)
			j.Settlement = &st
			require.NoError(t, k.Jobs.Set(ctx, j.Id, j))
		}},
		{name: "an open job with a settlement", invariant: "settlements", state: func(ctx sdk.Context) {
			j := open
			j.Settlement = completed.Settlement
			require.NoError(t, k.Jobs.Set(ctx, j.Id, j))
		}},
		{name: "a certificate that left its employer", invariant: "settlements", state: func(ctx sdk.Context) {
			require.NoError(t, s.App.NFTKeeper.Transfer(ctx, jobstypes.CertificateClassID, completed.CertificateId, s.byName["outsider"].Addr))
		}},
		{name: "a vote removed", invariant: "votes", state: func(ctx sdk.Context) {
			it, err := k.Votes.Iterate(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](voted.Id))
			require.NoError(t, err)
			key, err := it.Key()
			require.NoError(t, err)
			it.Close()
			require.NoError(t, k.Votes.Remove(ctx, key))
		}},
		{name: "a status count off by one", invariant: "counters", state: func(ctx sdk.Context) {
			n, err := k.StatusCounts.Get(ctx, int32(jobstypes.JOB_STATUS_COMPLETED))
			require.NoError(t, err)
			require.NoError(t, k.StatusCounts.Set(ctx, int32(jobstypes.JOB_STATUS_COMPLETED), n+1))
		}},
		{name: "a zero active-job counter", invariant: "counters", state: func(ctx sdk.Context) {
			require.NoError(t, k.ActiveJobs.Set(ctx, someone, 0))
		}},
		{name: "the id sequence skipped", invariant: "counters", state: func(ctx sdk.Context) {
			next, err := k.NextJobID.Peek(ctx)
			require.NoError(t, err)
			require.NoError(t, k.NextJobID.Set(ctx, next+1))
		}},
		{name: "supply changed without a mint or burn", invariant: "supply", pre: func(p *Pre) {
			p.Supply = p.Supply.SubRaw(1)
		}},
		{name: "coins minted by x/jobs", invariant: "supply", events: func(ev *BlockEvents) {
			ev.Block = append(ev.Block, abci.Event{Type: banktypes.EventTypeCoinMint, Attributes: []abci.EventAttribute{
				{Key: banktypes.AttributeKeyMinter, Value: authtypes.NewModuleAddress(jobstypes.ModuleName).String()},
				{Key: sdk.AttributeKeyAmount, Value: "1" + app.BondDenom},
			}})
		}},
		{name: "coins burnt by x/jobs", invariant: "supply", events: func(ev *BlockEvents) {
			ev.Block = append(ev.Block, abci.Event{Type: banktypes.EventTypeCoinBurn, Attributes: []abci.EventAttribute{
				{Key: banktypes.AttributeKeyBurner, Value: authtypes.NewModuleAddress(jobstypes.ModuleName).String()},
				{Key: sdk.AttributeKeyAmount, Value: "1" + app.BondDenom},
			}})
		}},
		{name: "escrow moved without an event", invariant: "escrow-events", pre: func(p *Pre) {
			p.Escrow = p.Escrow.AddRaw(1)
		}},
		{name: "a job created without moving its payout", invariant: "escrow-events", events: func(ev *BlockEvents) {
			ev.Typed = append(ev.Typed, TypedEvent{Msg: &jobstypes.EventJobCreated{JobId: 1, Payout: sdk.NewInt64Coin(app.BondDenom, 5)}})
		}},
		{name: "escrow paid to the fee collector", invariant: "escrow-events", events: func(ev *BlockEvents) {
			ev.Block = append(ev.Block, abci.Event{Type: banktypes.EventTypeTransfer, Attributes: []abci.EventAttribute{
				{Key: banktypes.AttributeKeyRecipient, Value: authtypes.NewModuleAddress(authtypes.FeeCollectorName).String()},
				{Key: banktypes.AttributeKeySender, Value: k.ModuleAddress().String()},
				{Key: sdk.AttributeKeyAmount, Value: "1" + app.BondDenom},
			}})
		}},
		{name: "a failed settlement", invariant: "endblocker", events: func(ev *BlockEvents) {
			ev.Typed = append(ev.Typed, TypedEvent{Msg: &jobstypes.EventSettlementFailed{JobId: 1, Queue: "review_end", Error: "boom"}, InBlock: true})
		}},
		{name: "more settlements than the cap", invariant: "endblocker", events: func(ev *BlockEvents) {
			for range 20 {
				ev.Typed = append(ev.Typed, TypedEvent{Msg: &jobstypes.EventJobExpired{Settlement: jobstypes.Settlement{
					SettledBy: jobstypes.SETTLED_BY_EXPIRY, AgentTotal: math.ZeroInt(), EmployerTotal: math.ZeroInt(), CommunityPool: math.ZeroInt(),
				}}, InBlock: true})
			}
		}},
		{name: "a due entry left below the cap", invariant: "endblocker", state: func(ctx sdk.Context) {
			require.NoError(t, k.Pause.Set(ctx, jobstypes.PauseState{}))
			require.NoError(t, k.Queues[jobstypes.QueueAssignment].Set(ctx, collections.Join(s.Time.Add(-time.Second), completed.Id)))
		}, events: func(ev *BlockEvents) {
			ev.Typed = nil // the EndBlocker handled nothing
		}},
		{name: "a stray key in the jobs store", invariant: "jobs-genesis-roundtrip", state: func(ctx sdk.Context) {
			ctx.KVStore(s.App.GetKey(jobstypes.StoreKey)).Set([]byte{99, 1}, []byte{1})
		}},
	}

	byName := map[string]Invariant{}
	for _, inv := range Invariants {
		byName[inv.Name] = inv
	}
	baseEvents, err := ParseBlockEvents(s.lastRes)
	require.NoError(t, err)
	for _, inv := range Invariants {
		require.NoError(t, inv.Check(s, s.lastPre, baseEvents), "%s fails on the untouched state", inv.Name)
	}
	covered := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inv, ok := byName[c.invariant]
			require.True(t, ok, c.invariant)
			covered[c.invariant] = true
			cache, _ := base.CacheContext()
			s.ctxOverride = &cache
			defer func() { s.ctxOverride = nil }()
			pre := s.lastPre
			ev, err := ParseBlockEvents(s.lastRes)
			require.NoError(t, err)
			if c.state != nil {
				c.state(cache)
			}
			if c.pre != nil {
				c.pre(&pre)
			}
			if c.events != nil {
				c.events(ev)
			}
			err = inv.Check(s, pre, ev)
			require.Error(t, err, "%s did not notice: %s", c.invariant, c.name)
			t.Logf("%s: %v", c.invariant, err)
		})
	}
	for _, inv := range Invariants {
		require.True(t, covered[inv.Name], "no corruption case for %s", inv.Name)
	}
	// The cached corruptions left the committed state alone.
	for _, inv := range Invariants {
		require.NoError(t, inv.Check(s, s.lastPre, baseEvents), "%s fails after the cases", inv.Name)
	}
}
