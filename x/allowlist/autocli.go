package allowlist

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// Roles on the command line are autocli's names of the enum values: agent,
// validator, moderator, consensus-validator (JSON, REST and output use the
// full names, ROLE_AGENT, ...).

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
				{
					RpcMethod:      "Member",
					Use:            "member <address> <role>",
					Short:          "Show the membership of an address in a role (authorized or not; see authorized)",
					Example:        "agijd query allowlist member agij1... agent",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}, {ProtoField: "role"}},
				},
				{
					RpcMethod:      "Members",
					Use:            "members <role>",
					Short:          "List the members of a role",
					Example:        "agijd query allowlist members consensus-validator --limit 50",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "role"}},
				},
				{
					RpcMethod:      "Authorized",
					Use:            "authorized <address> <role>",
					Short:          "Say whether an address may act in a role now and, if not, why",
					Example:        "agijd query allowlist authorized agij1... agent",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}, {ProtoField: "role"}},
				},
				{
					RpcMethod: "Issuers",
					Use:       "issuers",
					Short:     "List the accredited issuers",
					Example:   "agijd query allowlist issuers",
				},
				{
					RpcMethod:      "Issuer",
					Use:            "issuer <address>",
					Short:          "Show an accredited issuer",
					Example:        "agijd query allowlist issuer agij1...",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod:      "Blacklist",
					Use:            "blacklist <role>",
					Short:          "List the addresses barred from a role",
					Example:        "agijd query allowlist blacklist agent",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "role"}},
				},
				{
					RpcMethod: "MerkleRoots",
					Use:       "merkle-roots",
					Short:     "List the current Merkle root of every (issuer, role)",
					Example:   "agijd query allowlist merkle-roots",
				},
				{
					RpcMethod:      "MerkleRoot",
					Use:            "merkle-root <issuer> <role>",
					Short:          "Show the current Merkle root of an issuer (or the authority) for a role",
					Example:        "agijd query allowlist merkle-root agij1... agent",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "issuer"}, {ProtoField: "role"}},
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
				{
					RpcMethod: "GrantRole",
					Use:       "grant-role <address> <role>",
					Short:     "Grant a role, or update a membership you granted (issuers; governance uses tx gov submit-proposal)",
					Long: `Grant a role as an issuer accredited for it (--from the issuer). A second grant
from the same issuer updates the membership. Governance grants any role with a
proposal carrying MsgGrantRole (signer: the gov module account); see
x/allowlist/README.md.`,
					Example:        "agijd tx allowlist grant-role agij1... agent --jurisdiction DE --metadata-uri ipfs://bafy... --expires-at 2028-01-01T00:00:00Z --from issuer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}, {ProtoField: "role"}},
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"jurisdiction": {Usage: "ISO 3166 code of the member: DE, US-CA; empty for none"},
						"metadata_uri": {Usage: "URI of off-chain details, at most 2048 bytes, no whitespace"},
						"expires_at":   {Usage: "end of the membership, after the block time (RFC 3339); none when omitted"},
					},
				},
				{
					RpcMethod: "RevokeRole",
					Use:       "revoke-role <address> <role>",
					Short:     "Revoke a membership you granted (issuers; governance uses tx gov submit-proposal)",
					Example:   `agijd tx allowlist revoke-role agij1... agent --reason "licence withdrawn" --from issuer`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "address"}, {ProtoField: "role"},
					},
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"reason": {Usage: "why, recorded in the event (at most 1024 bytes)"},
					},
				},
				{
					RpcMethod:      "SetBlacklist",
					Use:            "set-blacklist <address> <role> <true|false>",
					Short:          "Propose to bar an address from a role, or to lift the bar (governance)",
					Example:        `agijd tx allowlist set-blacklist agij1... agent true --deposit 10000000uagi --title "Bar agij1..." --summary "fraud" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}, {ProtoField: "role"}, {ProtoField: "blacklisted"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "SetIssuer",
					Use:            "set-issuer <address> <name> <role>...",
					Short:          "Propose to accredit an issuer for roles, or to replace its record (governance)",
					Example:        `agijd tx allowlist set-issuer agij1... "Bundesagentur" agent validator --jurisdiction DE --deposit 10000000uagi --title "Accredit" --summary "issuer of agents" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}, {ProtoField: "name"}, {ProtoField: "roles", Varargs: true}},
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"jurisdiction": {Usage: "ISO 3166 code of the issuer (DE, US-CA), inherited by members who claim under its roots"},
					},
					GovProposal: true,
				},
				{
					RpcMethod:      "RemoveIssuer",
					Use:            "remove-issuer <address>",
					Short:          "Propose to withdraw an issuer's accreditation (governance); its memberships stay",
					Example:        `agijd tx allowlist remove-issuer agij1... --deposit 10000000uagi --title "Remove issuer" --summary "accreditation ended" --from moderator`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "SetMerkleRoot",
					Use:            "set-merkle-root <role> <root>",
					Short:          "Publish your Merkle root for a role (issuers; see agijd allowlist merkle-root)",
					Example:        "agijd tx allowlist set-merkle-root agent $(agijd allowlist merkle-root citizens.txt) --from issuer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "role"}, {ProtoField: "root"}},
				},
				{
					RpcMethod:      "ClaimRole",
					Use:            "claim-role <issuer> <role> [proof-hash]...",
					Short:          "Claim a role with a Merkle proof against an issuer's current root (see agijd allowlist merkle-proof)",
					Example:        "agijd tx allowlist claim-role agij1issuer... agent $(agijd allowlist merkle-proof citizens.txt agij1me... | jq -r '.proof[]') --from me",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "issuer"}, {ProtoField: "role"}, {ProtoField: "proof", Varargs: true}},
				},
			},
		},
	}
}
