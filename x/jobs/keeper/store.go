package keeper

import (
	"time"

	"context"
	"errors"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// getJob loads a job; an unknown id is ErrJobNotFound.
func (k Keeper) getJob(ctx context.Context, id uint64) (types.Job, error) {
	job, err := k.Jobs.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Job{}, errorsmod.Wrapf(types.ErrJobNotFound, "job %d does not exist", id)
	}
	return job, err
}

// saveJob writes job and brings everything derived from it into step with
// the change from old (nil for a new job): the status, employer and agent
// indexes, the deadline queues, the locked totals, the agent's active-job
// count and the status counts. Each is touched only when it changes, and
// nothing is read but the totals and the counters it adjusts.
//
// A change saved here, by a message or by the EndBlocker's own success,
// clears settlement_failed_at: the job is back in its queues.
func (k Keeper) saveJob(ctx context.Context, old *types.Job, job types.Job) error {
	job.SettlementFailedAt = nil
	return k.writeJob(ctx, old, job, nil)
}

// assignJob is saveJob for the assignment at apply. Its handler has just
// read the agent's active-job count (active) for the limit check, so the
// count is set from that value instead of being read a second time.
func (k Keeper) assignJob(ctx context.Context, old, job types.Job, active uint64) error {
	job.SettlementFailedAt = nil
	return k.writeJob(ctx, &old, job, &active)
}

// markSettlementFailed records that the EndBlocker failed on job at now:
// settlement_failed_at takes it out of its deadline queues until a message
// changes it (saveJob clears the mark).
func (k Keeper) markSettlementFailed(ctx context.Context, job types.Job, now time.Time) error {
	old := job
	job.SettlementFailedAt = &now
	return k.writeJob(ctx, &old, job, nil)
}

// writeJob is saveJob; active, when not nil, is the agent's active-job count
// as the caller read it in this message.
func (k Keeper) writeJob(ctx context.Context, old *types.Job, job types.Job, active *uint64) error {
	var prev types.Job
	if old != nil {
		prev = *old
	}
	if old == nil || prev.Status != job.Status {
		if old != nil {
			if err := k.JobsByStatus.Remove(ctx, collections.Join(int32(prev.Status), job.Id)); err != nil {
				return err
			}
			if err := addCount(ctx, k.StatusCounts, int32(prev.Status), -1); err != nil {
				return err
			}
		}
		if err := k.JobsByStatus.Set(ctx, collections.Join(int32(job.Status), job.Id)); err != nil {
			return err
		}
		if err := addCount(ctx, k.StatusCounts, int32(job.Status), 1); err != nil {
			return err
		}
	}
	if old == nil {
		employer, err := k.addressCodec.StringToBytes(job.Employer)
		if err != nil {
			return err
		}
		if err := k.JobsByEmployer.Set(ctx, collections.Join(sdk.AccAddress(employer), job.Id)); err != nil {
			return err
		}
	}
	if job.Agent != prev.Agent && job.Agent != "" {
		// An agent is set once, at apply, and never changes.
		agent, err := k.addressCodec.StringToBytes(job.Agent)
		if err != nil {
			return err
		}
		if err := k.JobsByAgent.Set(ctx, collections.Join(sdk.AccAddress(agent), job.Id)); err != nil {
			return err
		}
	}
	if err := k.updateActiveJobs(ctx, prev, job, active); err != nil {
		return err
	}
	for _, q := range types.QueueKinds() {
		oldAt, hadEntry := prev.Deadline(q)
		newAt, hasEntry := job.Deadline(q)
		if hadEntry == hasEntry && oldAt.Equal(newAt) {
			continue
		}
		if hadEntry {
			if err := k.Queues[q].Remove(ctx, collections.Join(oldAt, job.Id)); err != nil {
				return err
			}
		}
		if hasEntry {
			if err := k.Queues[q].Set(ctx, collections.Join(newAt, job.Id)); err != nil {
				return err
			}
		}
	}
	if err := k.updateLocked(ctx, prev.Locked(), job.Locked()); err != nil {
		return err
	}
	return k.Jobs.Set(ctx, job.Id, job)
}

// updateActiveJobs keeps the agent's count of assigned, unsettled jobs;
// active, when not nil, is its current value.
func (k Keeper) updateActiveJobs(ctx context.Context, prev, job types.Job, active *uint64) error {
	wasActive, isActive := prev.Status.IsActive(), job.Status.IsActive()
	if wasActive == isActive || job.Agent == "" {
		return nil
	}
	agent, err := k.addressCodec.StringToBytes(job.Agent)
	if err != nil {
		return err
	}
	delta := int64(1)
	if wasActive {
		delta = -1
	}
	if active != nil {
		return setCount(ctx, k.ActiveJobs, sdk.AccAddress(agent), *active, delta)
	}
	return addCount(ctx, k.ActiveJobs, sdk.AccAddress(agent), delta)
}

// addCount adds delta to a counter, removing it at zero so that the store
// holds only live counters.
func addCount[K any](ctx context.Context, m collections.Map[K, uint64], key K, delta int64) error {
	n, err := m.Get(ctx, key)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return setCount(ctx, m, key, n, delta)
}

// setCount is addCount for a counter whose current value n the caller has
// already read.
func setCount[K any](ctx context.Context, m collections.Map[K, uint64], key K, n uint64, delta int64) error {
	if delta < 0 && n < uint64(-delta) {
		return errorsmod.Wrapf(types.ErrAccounting, "counter %v would go below zero", key)
	}
	n = uint64(int64(n) + delta)
	if n == 0 {
		return m.Remove(ctx, key)
	}
	return m.Set(ctx, key, n)
}

// updateLocked replaces a job's old contribution to the locked totals with
// its new one.
func (k Keeper) updateLocked(ctx context.Context, before, after types.LockedTotals) error {
	if lockedEqual(before, after) {
		return nil
	}
	totals, err := k.Locked.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	totals, ok := totals.Add(after).Sub(before)
	if !ok {
		return errorsmod.Wrap(types.ErrAccounting, "locked totals would go negative")
	}
	return k.Locked.Set(ctx, totals)
}

func lockedEqual(a, b types.LockedTotals) bool {
	return a.Escrow.Equal(b.Escrow) && a.AgentBonds.Equal(b.AgentBonds) &&
		a.ValidatorBonds.Equal(b.ValidatorBonds) && a.DisputeBonds.Equal(b.DisputeBonds)
}

// jobVotes returns a job's votes in vote order (at most
// max_validators_per_job, so at most 50).
func (k Keeper) jobVotes(ctx context.Context, jobID uint64) ([]types.Vote, error) {
	it, err := k.Votes.Iterate(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](jobID))
	if err != nil {
		return nil, err
	}
	votes, err := it.Values()
	if err != nil {
		return nil, err
	}
	slices.SortFunc(votes, func(a, b types.Vote) int { return int(a.Order) - int(b.Order) })
	return votes, nil
}
