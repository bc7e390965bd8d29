package keeper

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// dueEntry is one deadline that fell due.
type dueEntry struct {
	at    time.Time
	jobID uint64
	queue types.QueueKind
}

// EndBlocker settles what fell due (DESIGN §3.5, §3.9): the entries of every
// deadline queue whose deadline is before the block time, oldest deadline
// first, ties by job id, at most max_settlements_per_block of them across all
// queues; the rest come first in the next block. It reads at most that many
// entries per queue, so its cost grows with the jobs that are due, never
// with the jobs that exist. The settlement pause holds all of it.
//
// Each entry runs in its own cache context. If one fails its writes are
// dropped, EventSettlementFailed carries the error, the job is marked
// (settlement_failed_at), which takes it out of its queues until a message
// such as MsgFinalizeJob or MsgExpireJob changes it, and the chain goes on.
func (k Keeper) EndBlocker(ctx context.Context) error {
	due, params, err := k.dueEntries(ctx, blockTime(ctx))
	if err != nil || len(due) == 0 {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, e := range due {
		cache, write := sdkCtx.CacheContext()
		if err := k.processEntry(cache, &params, e); err != nil {
			if err := k.markFailedEntry(ctx, e); err != nil {
				return err
			}
			if err := emit(ctx, &types.EventSettlementFailed{JobId: e.jobID, Queue: e.queue.String(), Error: err.Error()}); err != nil {
				return err
			}
			continue
		}
		write()
	}
	return nil
}

// markFailedEntry takes the job of a failed entry out of its queues by
// marking it (markSettlementFailed). An entry whose job does not exist, which
// the store's invariants rule out, just leaves its queue.
func (k Keeper) markFailedEntry(ctx context.Context, e dueEntry) error {
	job, err := k.getJob(ctx, e.jobID)
	if errors.Is(err, types.ErrJobNotFound) {
		return k.Queues[e.queue].Remove(ctx, collections.Join(e.at, e.jobID))
	}
	if err != nil {
		return err
	}
	return k.markSettlementFailed(ctx, job, blockTime(ctx))
}

// dueEntries returns the entries this block acts on: up to
// max_settlements_per_block entries due before now, merged across the queues
// in (deadline, job id, queue) order, none while settlement is paused; and
// the params it read for the cap, if it read them. It opens every queue at
// its first due entry before it reads anything else: in most blocks nothing
// is due, and then neither the pause nor the params need to be read.
func (k Keeper) dueEntries(ctx context.Context, now time.Time) ([]dueEntry, types.Params, error) {
	// Deadlines act strictly after: an entry is due when its deadline is
	// before now. Job ids start at 1, so (now, 0) bounds every entry at now.
	rng := new(collections.Range[collections.Pair[time.Time, uint64]]).EndExclusive(collections.Join(now, uint64(0)))
	kinds := types.QueueKinds()
	its := make([]collections.KeySetIterator[collections.Pair[time.Time, uint64]], 0, len(kinds))
	defer func() {
		for _, it := range its {
			it.Close()
		}
	}()
	anyDue := false
	for _, q := range kinds {
		it, err := k.Queues[q].Iterate(ctx, rng)
		if err != nil {
			return nil, types.Params{}, err
		}
		its = append(its, it)
		anyDue = anyDue || it.Valid()
	}
	if !anyDue {
		return nil, types.Params{}, nil
	}
	pause, err := k.Pause.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, types.Params{}, err
	}
	if pause.Settlement {
		return nil, types.Params{}, nil
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, types.Params{}, err
	}
	limit := int(params.MaxSettlementsPerBlock)
	var due []dueEntry
	for i, it := range its {
		for n := 0; it.Valid() && n < limit; it.Next() {
			key, err := it.Key()
			if err != nil {
				return nil, types.Params{}, err
			}
			due = append(due, dueEntry{at: key.K1(), jobID: key.K2(), queue: kinds[i]})
			n++
		}
	}
	slices.SortFunc(due, func(a, b dueEntry) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		if a.jobID != b.jobID {
			if a.jobID < b.jobID {
				return -1
			}
			return 1
		}
		return int(a.queue) - int(b.queue)
	})
	if len(due) > limit {
		due = due[:limit]
	}
	return due, params, nil
}

// processEntry acts on one due entry: an apply_by or assignment deadline
// expires the job, a review or challenge end finalizes it, a stale dispute is
// reported once. A panic (which valid params and state never cause) becomes
// an error, so that one bad entry cannot halt the chain.
func (k Keeper) processEntry(ctx context.Context, params *types.Params, e dueEntry) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic while processing job %d: %v", e.jobID, r)
		}
	}()
	job, err := k.getJob(ctx, e.jobID)
	if err != nil {
		return err
	}
	switch e.queue {
	case types.QueueApplyBy, types.QueueAssignment:
		_, err = k.expire(ctx, params, job)
	case types.QueueReviewEnd, types.QueueChallengeEnd:
		_, err = k.finalize(ctx, params, job)
	case types.QueueStaleDispute:
		old := job
		job.StaleReported = true
		if err = k.saveJob(ctx, &old, job); err == nil {
			err = emit(ctx, &types.EventDisputeStale{JobId: job.Id, DisputedAt: *job.DisputedAt})
		}
	}
	return err
}
