package jobs

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/agijobmanager/agij/x/jobs/types"
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
					Short:     "Show the x/jobs parameters",
					Example:   "agijd query jobs params",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
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
