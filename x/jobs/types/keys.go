package types

import (
	"strconv"

	"cosmossdk.io/collections"
)

const (
	// ModuleName is the name of the module; it also names its store.
	ModuleName = "jobs"
	// StoreKey is the store key of the module.
	StoreKey = ModuleName
)

// Store layout: one prefix per collection. Numbers are never reused; gaps are
// left for collections that belong together.
var (
	// ParamsKey holds the module Params.
	ParamsKey = collections.NewPrefix(0)
	// PauseKey holds the PauseState.
	PauseKey = collections.NewPrefix(1)
	// NextJobIDKey is the job id sequence (the next id to give out).
	NextJobIDKey = collections.NewPrefix(2)
	// LockedTotalsKey holds the LockedTotals.
	LockedTotalsKey = collections.NewPrefix(3)

	// JobsKey: job id → Job.
	JobsKey = collections.NewPrefix(10)
	// Job indexes: (status, id), (employer, id), (agent, id).
	JobsByStatusKey   = collections.NewPrefix(11)
	JobsByEmployerKey = collections.NewPrefix(12)
	JobsByAgentKey    = collections.NewPrefix(13)

	// Deadline queues (DESIGN §3.5): (deadline, id) per kind. Each is an index
	// of the jobs map, so it always agrees with the job's state.
	QueueApplyByKey       = collections.NewPrefix(20)
	QueueAssignmentKey    = collections.NewPrefix(21)
	QueueReviewEndKey     = collections.NewPrefix(22)
	QueueChallengeEndKey  = collections.NewPrefix(23)
	QueueStaleDisputesKey = collections.NewPrefix(24)

	// VotesKey: (job id, validator) → Vote.
	VotesKey = collections.NewPrefix(30)
	// ActiveJobsKey: agent → number of its assigned, unsettled jobs.
	ActiveJobsKey = collections.NewPrefix(31)
	// StatusCountsKey: status → number of jobs in it.
	StatusCountsKey = collections.NewPrefix(32)
)

// Certificates (DESIGN §3.7): x/jobs owns this x/nft class from genesis on.
const (
	// CertificateClassID is the x/nft class of job certificates.
	CertificateClassID = "agijobs"
	// CertificateClassName is the class's display name.
	CertificateClassName = "AGIJobs"
	// CertificateClassSymbol is the class's symbol.
	CertificateClassSymbol = "Job"
	// CertificateClassDescription describes the class.
	CertificateClassDescription = "Certificates of completed AGI jobs: who produced what, for whom, checked by whom."
)

// CertificateNFTID is the x/nft id of job id's certificate.
func CertificateNFTID(jobID uint64) string {
	return "job-" + strconv.FormatUint(jobID, 10)
}
