package allowlist

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/agijobmanager/agij/x/allowlist/types"
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
					Short:     "Show the x/allowlist parameters",
					Example:   "agijd query allowlist params",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params [params-json]",
					Short:          "Propose new x/allowlist parameters (governance)",
					Example:        `agijd tx allowlist update-params '{"proposer_roles":["ROLE_MODERATOR","ROLE_CONSENSUS_VALIDATOR"]}' --deposit 10000000uagi --title "Proposer roles" --summary "Moderators and consensus validators may propose" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
