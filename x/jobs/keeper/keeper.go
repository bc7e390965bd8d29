package keeper

import (
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// Keeper owns the x/jobs state: jobs, votes, their indexes and deadline
// queues, the locked totals and the counters, all in collections.
type Keeper struct {
	cdc             codec.BinaryCodec
	addressCodec    address.Codec
	accountKeeper   types.AccountKeeper
	bankKeeper      types.BankKeeper
	distrKeeper     types.DistributionKeeper
	nftKeeper       types.NFTKeeper
	allowlistKeeper types.AllowlistKeeper
	reputation      types.ReputationKeeper
	// authority may send the governance messages (the gov module account).
	authority string
	// moduleAddress is the escrow account.
	moduleAddress sdk.AccAddress

	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// Pause holds the two pause switches.
	Pause collections.Item[types.PauseState]
	// NextJobID gives out job ids from 1.
	NextJobID collections.Sequence
	// Locked are the funds held, by purpose; they always equal the sum over
	// unsettled jobs, and the module balance must equal their total.
	Locked collections.Item[types.LockedTotals]

	// Jobs by id. Write them only through saveJob, which keeps the indexes,
	// queues, totals and counters below in step.
	Jobs collections.Map[uint64, types.Job]
	// JobsByStatus, JobsByEmployer and JobsByAgent index the jobs.
	JobsByStatus   collections.KeySet[collections.Pair[int32, uint64]]
	JobsByEmployer collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	JobsByAgent    collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// Queues are the deadline queues (deadline, job id), one per
	// types.QueueKind; a job's entries are types.Job.Deadline.
	Queues [5]collections.KeySet[collections.Pair[time.Time, uint64]]

	// Votes by (job id, validator).
	Votes collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Vote]
	// ActiveJobs counts each agent's assigned, unsettled jobs.
	ActiveJobs collections.Map[sdk.AccAddress, uint64]
	// StatusCounts counts the jobs in each status.
	StatusCounts collections.Map[int32, uint64]
}

// NewKeeper returns a Keeper. It panics if authority is not a valid address,
// as a wiring mistake must stop the node at start-up.
func NewKeeper(
	cdc codec.BinaryCodec,
	addressCodec address.Codec,
	storeService store.KVStoreService,
	accountKeeper types.AccountKeeper,
	bankKeeper types.BankKeeper,
	distrKeeper types.DistributionKeeper,
	nftKeeper types.NFTKeeper,
	allowlistKeeper types.AllowlistKeeper,
	reputationKeeper types.ReputationKeeper,
	authority string,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid x/%s authority %q: %w", types.ModuleName, authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	queue := func(prefix collections.Prefix, name string) collections.KeySet[collections.Pair[time.Time, uint64]] {
		return collections.NewKeySet(sb, prefix, name, collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key))
	}
	k := Keeper{
		cdc:             cdc,
		addressCodec:    addressCodec,
		accountKeeper:   accountKeeper,
		bankKeeper:      bankKeeper,
		distrKeeper:     distrKeeper,
		nftKeeper:       nftKeeper,
		allowlistKeeper: allowlistKeeper,
		reputation:      reputationKeeper,
		authority:       authority,
		moduleAddress:   accountKeeper.GetModuleAddress(types.ModuleName),

		Params:    collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Pause:     collections.NewItem(sb, types.PauseKey, "pause", codec.CollValue[types.PauseState](cdc)),
		NextJobID: collections.NewSequence(sb, types.NextJobIDKey, "next_job_id"),
		Locked:    collections.NewItem(sb, types.LockedTotalsKey, "locked", codec.CollValue[types.LockedTotals](cdc)),

		Jobs: collections.NewMap(sb, types.JobsKey, "jobs", collections.Uint64Key, codec.CollValue[types.Job](cdc)),
		JobsByStatus: collections.NewKeySet(sb, types.JobsByStatusKey, "jobs_by_status",
			collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key)),
		JobsByEmployer: collections.NewKeySet(sb, types.JobsByEmployerKey, "jobs_by_employer",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		JobsByAgent: collections.NewKeySet(sb, types.JobsByAgentKey, "jobs_by_agent",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		Queues: [5]collections.KeySet[collections.Pair[time.Time, uint64]]{
			types.QueueApplyBy:      queue(types.QueueApplyByKey, "queue_apply_by"),
			types.QueueAssignment:   queue(types.QueueAssignmentKey, "queue_assignment"),
			types.QueueReviewEnd:    queue(types.QueueReviewEndKey, "queue_review_end"),
			types.QueueChallengeEnd: queue(types.QueueChallengeEndKey, "queue_challenge_end"),
			types.QueueStaleDispute: queue(types.QueueStaleDisputesKey, "queue_stale_dispute"),
		},

		Votes: collections.NewMap(sb, types.VotesKey, "votes",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Vote](cdc)),
		ActiveJobs:   collections.NewMap(sb, types.ActiveJobsKey, "active_jobs", sdk.AccAddressKey, collections.Uint64Value),
		StatusCounts: collections.NewMap(sb, types.StatusCountsKey, "status_counts", collections.Int32Key, collections.Uint64Value),
	}
	if k.moduleAddress == nil {
		panic(fmt.Errorf("the %s module account is not registered", types.ModuleName))
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the address allowed to send the governance messages.
func (k Keeper) Authority() string { return k.authority }

// ModuleAddress returns the escrow account's address.
func (k Keeper) ModuleAddress() sdk.AccAddress { return k.moduleAddress }
