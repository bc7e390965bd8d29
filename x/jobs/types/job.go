package types

import (
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// IsTerminal reports whether a job in status s is settled for good.
func (s JobStatus) IsTerminal() bool {
	switch s {
	case JOB_STATUS_COMPLETED, JOB_STATUS_REFUNDED, JOB_STATUS_EXPIRED, JOB_STATUS_CANCELLED:
		return true
	}
	return false
}

// IsActive reports whether a job in status s counts against its agent's
// max_active_jobs_per_agent: assigned and not settled (DESIGN §3.9).
func (s JobStatus) IsActive() bool {
	switch s {
	case JOB_STATUS_IN_PROGRESS, JOB_STATUS_COMPLETION_REQUESTED, JOB_STATUS_APPROVED, JOB_STATUS_DISPUTED:
		return true
	}
	return false
}

// IsUnderReview reports whether votes and disputes may arrive (the window
// permitting).
func (s JobStatus) IsUnderReview() bool {
	return s == JOB_STATUS_COMPLETION_REQUESTED || s == JOB_STATUS_APPROVED
}

// Locked returns what the job holds in the module account, by purpose; all
// zero once it is settled.
func (j Job) Locked() LockedTotals {
	if j.Status.IsTerminal() || j.Status == JOB_STATUS_UNSPECIFIED {
		return LockedTotals{}
	}
	denom := j.Payout.Denom
	return LockedTotals{
		Escrow:         coins(denom, j.Payout.Amount),
		AgentBonds:     coins(denom, orZero(j.AgentBond)),
		ValidatorBonds: coins(denom, orZero(j.ValidatorBond).MulRaw(int64(j.Approvals+j.Disapprovals))),
		DisputeBonds:   coins(denom, orZero(j.DisputeBond)),
	}
}

func coins(denom string, amount math.Int) sdk.Coins {
	if !amount.IsPositive() {
		return sdk.Coins{}
	}
	return sdk.NewCoins(sdk.NewCoin(denom, amount))
}

// Total is the sum of the four totals.
func (l LockedTotals) Total() sdk.Coins {
	return l.Escrow.Add(l.AgentBonds...).Add(l.ValidatorBonds...).Add(l.DisputeBonds...)
}

// Add returns l + o, per total.
func (l LockedTotals) Add(o LockedTotals) LockedTotals {
	return LockedTotals{
		Escrow:         l.Escrow.Add(o.Escrow...),
		AgentBonds:     l.AgentBonds.Add(o.AgentBonds...),
		ValidatorBonds: l.ValidatorBonds.Add(o.ValidatorBonds...),
		DisputeBonds:   l.DisputeBonds.Add(o.DisputeBonds...),
	}
}

// Sub returns l − o, per total; ok is false when a total would go negative.
func (l LockedTotals) Sub(o LockedTotals) (LockedTotals, bool) {
	var ok [4]bool
	var r LockedTotals
	r.Escrow, ok[0] = l.Escrow.SafeSub(o.Escrow...)
	r.AgentBonds, ok[1] = l.AgentBonds.SafeSub(o.AgentBonds...)
	r.ValidatorBonds, ok[2] = l.ValidatorBonds.SafeSub(o.ValidatorBonds...)
	r.DisputeBonds, ok[3] = l.DisputeBonds.SafeSub(o.DisputeBonds...)
	for _, b := range ok {
		if b {
			return LockedTotals{}, false
		}
	}
	return r, true
}

// AssignmentDeadline is the last second for the completion request.
func (j Job) AssignmentDeadline() time.Time {
	return at(j.AssignedAt).Add(time.Duration(j.DurationSeconds) * time.Second)
}

// ReviewEnd is the last second for votes and disputes.
func (j Job) ReviewEnd() time.Time {
	return at(j.CompletionRequestedAt).Add(j.Terms.CompletionReviewPeriod)
}

// ChallengeEnd is the last second of the challenge period.
func (j Job) ChallengeEnd() time.Time {
	return at(j.ApprovedAt).Add(j.Terms.ChallengePeriod)
}

// StaleAt is the last second before a dispute is reported stale.
func (j Job) StaleAt() time.Time {
	return at(j.DisputedAt).Add(j.Terms.DisputeReviewPeriod)
}

// QueueKind names a deadline queue (DESIGN §3.5).
type QueueKind int

// The deadline queues, in the order the EndBlocker breaks ties between
// entries of one job with the same deadline.
const (
	QueueApplyBy QueueKind = iota
	QueueAssignment
	QueueReviewEnd
	QueueChallengeEnd
	QueueStaleDispute
	numQueues
)

// QueueKinds lists every queue.
func QueueKinds() []QueueKind {
	return []QueueKind{QueueApplyBy, QueueAssignment, QueueReviewEnd, QueueChallengeEnd, QueueStaleDispute}
}

// String names the queue in events.
func (q QueueKind) String() string {
	return [...]string{"apply_by", "assignment_deadline", "review_end", "challenge_end", "stale_dispute"}[q]
}

// Deadline returns the job's entry in queue q, if it has one. The entries are
// a function of the job's state, so they change exactly when the job does:
//
//   - apply_by: an OPEN job with apply_by set;
//   - assignment deadline: an IN_PROGRESS job, at assigned_at + D;
//   - review end: a job under review, at completion_requested_at + review
//     period, unless it is APPROVED and the challenge decides it (below);
//   - challenge end: an APPROVED job, at approved_at + challenge period, when
//     approvals lead (the agent wins then) or the challenge outlasts the
//     review (the review-end rule applies then); otherwise the review end
//     decides;
//   - stale dispute: a DISPUTED job not yet reported stale.
//
// A job whose settlement_failed_at is set has no entry: the EndBlocker
// failed on it and leaves it to a message.
func (j Job) Deadline(q QueueKind) (time.Time, bool) {
	if j.SettlementFailedAt != nil {
		return time.Time{}, false
	}
	switch q {
	case QueueApplyBy:
		if j.Status == JOB_STATUS_OPEN && j.ApplyBy != nil {
			return *j.ApplyBy, true
		}
	case QueueAssignment:
		if j.Status == JOB_STATUS_IN_PROGRESS {
			return j.AssignmentDeadline(), true
		}
	case QueueReviewEnd:
		if j.Status == JOB_STATUS_COMPLETION_REQUESTED || (j.Status == JOB_STATUS_APPROVED && !j.challengeDecides()) {
			return j.ReviewEnd(), true
		}
	case QueueChallengeEnd:
		if j.Status == JOB_STATUS_APPROVED && j.challengeDecides() {
			return j.ChallengeEnd(), true
		}
	case QueueStaleDispute:
		if j.Status == JOB_STATUS_DISPUTED && !j.StaleReported {
			return j.StaleAt(), true
		}
	}
	return time.Time{}, false
}

func (j Job) challengeDecides() bool {
	return j.Approvals > j.Disapprovals || !j.ChallengeEnd().Before(j.ReviewEnd())
}

// at dereferences an optional instant; unset is the zero time.
func at(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
