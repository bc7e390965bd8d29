package jobs

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// AutoCLIOptions declares the module's whole CLI. Enum arguments take
// autocli's short form (agent-wins, employer-wins, no-action; --status
// open, in-progress, ...).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	id := []*autocliv1.PositionalArgDescriptor{{ProtoField: "job_id"}}
	// reason is the --reason flag of dispute and resolve-dispute; a map per
	// command, since autocli adds the signer field to it.
	reason := func() map[string]*autocliv1.FlagOptions {
		return map[string]*autocliv1.FlagOptions{"reason": {Usage: "why, recorded in the event (at most 2048 bytes)"}}
	}
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the x/jobs parameters", Example: "agijd query jobs params"},
				{
					RpcMethod: "Job", Use: "job [job-id]", Short: "Show a job with its terms and, once settled, its settlement",
					Example: "agijd query jobs job 1", PositionalArgs: id,
				},
				{
					RpcMethod: "Jobs", Use: "jobs", Short: "List jobs, filtered by --status, --employer and --agent",
					Example: "agijd query jobs jobs --status completion-requested --employer agij1p45sh3wzy9gqp8kx2sa27789ga63psjhdgrt6m --page-limit 10",
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"status":   {Usage: "only jobs in this status (open, in-progress, completion-requested, approved, disputed, completed, refunded, expired, cancelled)"},
						"employer": {Usage: "only this employer's jobs (bech32 address)"},
						"agent":    {Usage: "only jobs assigned to this agent (bech32 address)"},
					},
				},
				{
					RpcMethod: "Votes", Use: "votes [job-id]", Short: "List a job's votes in vote order",
					Example: "agijd query jobs votes 1", PositionalArgs: id,
				},
				{
					RpcMethod: "Certificate", Use: "certificate [job-id]", Short: "Show a job's NFT certificate",
					Example: "agijd query jobs certificate 1", PositionalArgs: id,
				},
				{
					RpcMethod: "Accounting", Use: "accounting",
					Short:   "Compare the locked escrow and bonds with the escrow account's balance",
					Example: "agijd query jobs accounting",
				},
				{
					RpcMethod: "Stats", Use: "stats", Short: "Count jobs per status and show the pause switches",
					Example: "agijd query jobs stats",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "CreateJob", Use: "create-job [spec-uri] [payout] [duration-seconds]",
					Short:   "Post a job and escrow its payout (signer: the employer)",
					Example: `agijd tx jobs create-job ipfs://bafy.../spec.json 100000000uagi 3600 --spec-hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 --apply-by 2027-01-31T12:00:00Z --details "Summarise the 2026 budget" --from employer`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "spec_uri"}, {ProtoField: "payout"}, {ProtoField: "duration_seconds"},
					},
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"spec_hash":            {Usage: "sha256 of the specification, 64 lowercase hex; none when omitted"},
						"details":              {Usage: "free text for the job's EventJobCreated, at most 2048 bytes (stored nowhere else)"},
						"apply_by":             {Usage: "last moment an agent may apply (RFC 3339, after the block time); an open job is cancelled and refunded then"},
						"min_agent_reputation": {Usage: "reputation score an agent needs to apply; 0 for none"},
					},
				},
				{
					RpcMethod: "CancelJob", Use: "cancel-job [job-id]", Short: "Cancel an open job; the payout comes back (signer: the employer)",
					Example: "agijd tx jobs cancel-job 1 --from employer", PositionalArgs: id,
				},
				{
					RpcMethod: "ApplyForJob", Use: "apply [job-id]", Short: "Take an open job and lock the agent bond (signer: an agent)",
					Example: "agijd tx jobs apply 1 --from agent1", PositionalArgs: id,
				},
				{
					RpcMethod: "RequestCompletion", Use: "request-completion [job-id] [completion-uri]",
					Short:          "Deliver the work and start the review (signer: the assigned agent)",
					Example:        "agijd tx jobs request-completion 1 ipfs://bafy.../result.json --completion-hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 --from agent1",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "job_id"}, {ProtoField: "completion_uri"}},
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"completion_hash": {Usage: "sha256 of the delivered work, 64 lowercase hex; none when omitted"},
					},
				},
				{
					RpcMethod: "ApproveJob", Use: "approve [job-id]", Short: "Approve delivered work and lock the validator bond (signer: a validator)",
					Example: "agijd tx jobs approve 1 --from validator1", PositionalArgs: id,
				},
				{
					RpcMethod: "DisapproveJob", Use: "disapprove [job-id]", Short: "Reject delivered work and lock the validator bond (signer: a validator)",
					Example: "agijd tx jobs disapprove 1 --from validator1", PositionalArgs: id,
				},
				{
					RpcMethod: "DisputeJob", Use: "dispute [job-id]", Short: "Dispute a job under review and lock the dispute bond (signer: its employer or agent)",
					Example: `agijd tx jobs dispute 1 --reason "the summary skips chapter 4" --from employer`, PositionalArgs: id,
					FlagOptions: reason(),
				},
				{
					RpcMethod: "ResolveDispute", Use: "resolve-dispute [job-id] [outcome]",
					Short:          "Decide a dispute: agent-wins, employer-wins or no-action (signer: a moderator)",
					Example:        `agijd tx jobs resolve-dispute 1 employer-wins --reason "chapter 4 is missing" --from moderator --gas auto --gas-adjustment 1.5`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "job_id"}, {ProtoField: "outcome"}},
					FlagOptions:    reason(),
				},
				{
					RpcMethod: "FinalizeJob", Use: "finalize [job-id]", Short: "Settle a job whose review or challenge period is over (signer: anyone)",
					Example: "agijd tx jobs finalize 1 --from employer --gas auto --gas-adjustment 1.5", PositionalArgs: id,
				},
				{
					RpcMethod: "ExpireJob", Use: "expire [job-id]",
					Short:   "Settle a job whose agent missed the deadline, or cancel an open job past apply_by (signer: anyone)",
					Example: "agijd tx jobs expire 1 --from employer --gas auto --gas-adjustment 1.5", PositionalArgs: id,
				},
				{
					RpcMethod: "DelistJob", Use: "delist-job [job-id] [reason]",
					Short:          "Propose delisting an open job; the employer is refunded (governance)",
					Example:        `agijd tx jobs delist-job 1 "spam" --deposit 10000000uagi --title "Delist job 1" --summary "spam" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "job_id"}, {ProtoField: "reason"}},
					GovProposal:    true,
				},
				{
					RpcMethod: "SetPause", Use: "set-pause [intake] [settlement]",
					Short:          "Propose setting the intake and settlement pauses (governance)",
					Example:        `agijd tx jobs set-pause true false --deposit 10000000uagi --title "Pause intake" --summary "maintenance" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "intake"}, {ProtoField: "settlement"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params [params-json]",
					Short:          "Propose new x/jobs parameters (governance)",
					Example:        `agijd tx jobs update-params "$(curl -s 127.0.0.1:1317/agij/jobs/v1/params | jq -c '.params.challenge_period = "172800s" | .params')" --deposit 10000000uagi --title "Two-day challenge" --summary "challenge_period 1 day -> 2 days" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
