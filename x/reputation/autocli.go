package reputation

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/agijobmanager/agij/x/reputation/types"
)

// AutoCLIOptions declares the module's whole CLI.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the x/reputation parameters",
					Example:   "agijd query reputation params",
				},
				{
					RpcMethod: "Reputation",
					Use:       "show [address]",
					Short:     "Show an account's agent and validator scores with their track records",
					Long: "Show an account's two reputation records: as an agent (score, jobs completed, refunded, " +
						"expired, total earned) and as a job validator (score, votes, correct, wrong, total rewarded, " +
						"total slashed). An account with no history shows score 0.",
					Example: "agijd query reputation show agij14ymqh8qlt2lj2nkp539ed9e2k4puwqhtx77ls6\n" +
						"agijd query reputation show agent1 -o json   # a key of the keyring",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "Leaderboard",
					Use:       "leaderboard [role]",
					Short:     "List the best scores of a role (agent or validator), highest first",
					Long: "List the records of a role from the highest score down; equal scores are ordered by " +
						"address bytes. role is agent or validator. --limit defaults to 10 and is capped at 100.",
					Example: "agijd query reputation leaderboard agent\n" +
						"agijd query reputation leaderboard validator --limit 3",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "role"}},
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"limit": {Usage: "number of records to list (0 = 10, at most 100)"},
					},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params [params-json]",
					Short:          "Propose new x/reputation parameters (governance)",
					Example:        `agijd tx reputation update-params '{"reputation_unit":"1000","max_score":"88888"}' --deposit 10000000uagi --title "Score cap" --summary "Keep the score cap at 88888" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
