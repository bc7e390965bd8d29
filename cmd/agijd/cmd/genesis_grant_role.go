package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// Flags of genesis grant-role; the same names as tx allowlist grant-role.
const (
	flagJurisdiction = "jurisdiction"
	flagMetadataURI  = "metadata-uri"
	flagExpiresAt    = "expires-at"
)

// GrantRoleGenesisCmd returns `genesis grant-role`, which writes x/allowlist
// memberships into genesis.json the way add-genesis-account writes balances.
//
// Each membership gets issuer = the gov module account, source =
// ADMISSION_SOURCE_GENESIS and granted_at = the file's genesis_time. Granting
// a (role, address) that the file already holds replaces that membership
// (all fields, as MsgGrantRole from the authority does), so the command can be
// re-run. Members are kept sorted by role, then address bytes: the order in
// which the chain stores and exports them. Nothing is written unless the whole
// allowlist genesis state still validates.
func GrantRoleGenesisCmd(defaultNodeHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "grant-role <key-or-address> <role>...",
		Short: "Grant x/allowlist roles to an account in genesis.json",
		Long: `Grant one or more x/allowlist roles to an account in genesis.json, before gentx and
collect-gentxs. The account is a bech32 address or the name of a key in the keyring
(--keyring-backend, --home). A role is its full name (ROLE_CONSENSUS_VALIDATOR) or the short
form the other commands take: agent, validator, moderator, consensus-validator.

Each membership is written with issuer = the gov module account, source =
ADMISSION_SOURCE_GENESIS and granted_at = the genesis file's genesis_time; --expires-at must be
after that time. Granting a role the account already holds in the file replaces that membership
with the new flags. Members are kept sorted by role, then address. A role barred for the address
by the genesis blacklist is refused. The file is written only if the allowlist genesis state
still validates.

Every gentx must come from an operator granted consensus-validator, so a network's genesis names
its institutions this way, and usually its first moderators, who may submit proposals.`,
		Example: `agijd genesis grant-role validator consensus-validator --jurisdiction DE --keyring-backend test
agijd genesis grant-role agij1x272geeeuxpsmtgfpzeayhlkwzq5ftkl00gth6 ROLE_CONSENSUS_VALIDATOR moderator \
    --jurisdiction DE-BY --metadata-uri https://registry.example/validators/1 --expires-at 2030-01-01T00:00:00Z`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			serverCtx := server.GetServerContextFromCmd(cmd)
			config := serverCtx.Config
			config.SetRoot(clientCtx.HomeDir)

			// The arguments are well formed from here on: a failure is no
			// reason to print the usage.
			cmd.SilenceUsage = true

			ac := accountAddressCodec(clientCtx)

			roles, err := parseRoleArgs(args[1:])
			if err != nil {
				return err
			}
			addr, err := addressOrKey(cmd, clientCtx, ac, args[0])
			if err != nil {
				return err
			}
			jurisdiction, _ := cmd.Flags().GetString(flagJurisdiction)
			if err := allowlisttypes.ValidateJurisdiction(jurisdiction); err != nil {
				return err
			}
			metadataURI, _ := cmd.Flags().GetString(flagMetadataURI)
			if err := allowlisttypes.ValidateMetadataURI(metadataURI); err != nil {
				return err
			}
			expiresAtStr, _ := cmd.Flags().GetString(flagExpiresAt)

			genFile := config.GenesisFile()
			appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return fmt.Errorf("failed to read the genesis file: %w", err)
			}
			if appGenesis.GenesisTime.IsZero() {
				return fmt.Errorf("%s has no genesis_time; set it first (memberships are granted at genesis_time)", genFile)
			}
			grantedAt := appGenesis.GenesisTime.UTC().Round(0)

			var expiresAt *time.Time
			if expiresAtStr != "" {
				t, err := time.Parse(time.RFC3339Nano, expiresAtStr)
				if err != nil {
					return fmt.Errorf("--%s %q is not an RFC 3339 time such as 2030-01-01T00:00:00Z: %w", flagExpiresAt, expiresAtStr, err)
				}
				t = t.UTC()
				if !t.After(grantedAt) {
					return fmt.Errorf("--%s %s is not after the genesis_time %s of %s: %w", flagExpiresAt,
						allowlisttypes.FormatTime(t), allowlisttypes.FormatTime(grantedAt), genFile, allowlisttypes.ErrInvalidExpiry)
				}
				expiresAt = &t
			}

			authority, err := ac.BytesToString(authtypes.NewModuleAddress(govtypes.ModuleName))
			if err != nil {
				return err
			}
			addrStr, err := ac.BytesToString(addr)
			if err != nil {
				return err
			}

			gs := allowlisttypes.DefaultGenesis()
			if bz, ok := appState[allowlisttypes.ModuleName]; ok {
				gs = &allowlisttypes.GenesisState{}
				if err := clientCtx.Codec.UnmarshalJSON(bz, gs); err != nil {
					return fmt.Errorf("failed to read the %s genesis state: %w", allowlisttypes.ModuleName, err)
				}
			}

			var report []string
			for _, role := range roles {
				for _, b := range gs.Blacklist {
					if b.Role != role {
						continue
					}
					if bz, err := ac.StringToBytes(b.Address); err == nil && bytes.Equal(bz, addr) {
						return fmt.Errorf("%s is blacklisted for %s in the genesis file; remove the bar first: %w",
							addrStr, role, allowlisttypes.ErrBlacklisted)
					}
				}
				m := allowlisttypes.Member{
					Address:      addrStr,
					Role:         role,
					Issuer:       authority,
					Jurisdiction: jurisdiction,
					MetadataUri:  metadataURI,
					GrantedAt:    grantedAt,
					ExpiresAt:    expiresAt,
					Source:       allowlisttypes.ADMISSION_SOURCE_GENESIS,
				}
				replaced := false
				for i, old := range gs.Members {
					if old.Role != role {
						continue
					}
					if bz, err := ac.StringToBytes(old.Address); err == nil && bytes.Equal(bz, addr) {
						gs.Members[i] = m
						replaced = true
						break
					}
				}
				if replaced {
					report = append(report, fmt.Sprintf("updated %s of %s", role, addrStr))
				} else {
					gs.Members = append(gs.Members, m)
					report = append(report, fmt.Sprintf("granted %s to %s", role, addrStr))
				}
			}

			if err := gs.ValidateWith(ac); err != nil {
				return fmt.Errorf("the %s genesis state would be invalid, nothing written: %w", allowlisttypes.ModuleName, err)
			}
			sortMembers(ac, gs.Members)

			bz, err := clientCtx.Codec.MarshalJSON(gs)
			if err != nil {
				return fmt.Errorf("failed to marshal the %s genesis state: %w", allowlisttypes.ModuleName, err)
			}
			appState[allowlisttypes.ModuleName] = bz
			appStateJSON, err := json.Marshal(appState)
			if err != nil {
				return fmt.Errorf("failed to marshal the application genesis state: %w", err)
			}
			appGenesis.AppState = appStateJSON
			if err := genutil.ExportGenesisFile(appGenesis, genFile); err != nil {
				return err
			}
			for _, line := range report {
				fmt.Fprintln(cmd.OutOrStdout(), line)
			}
			return nil
		},
	}

	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	cmd.Flags().String(flags.FlagKeyringBackend, flags.DefaultKeyringBackend, "Select keyring's backend (os|file|kwallet|pass|test)")
	cmd.Flags().String(flagJurisdiction, "", "ISO 3166 code of the member (DE, US-CA), or empty")
	cmd.Flags().String(flagMetadataURI, "", "URI of off-chain details about the member (at most 2048 bytes, no whitespace)")
	cmd.Flags().String(flagExpiresAt, "", "RFC 3339 time at which the membership ends (after genesis_time); empty: never")
	return cmd
}

// accountAddressCodec is the chain's account address codec: the client's, or
// one for the process's bech32 prefix.
func accountAddressCodec(clientCtx client.Context) address.Codec {
	if clientCtx.TxConfig != nil {
		if ac := clientCtx.TxConfig.SigningContext().AddressCodec(); ac != nil {
			return ac
		}
	}
	return addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
}

// addressOrKey decodes arg as an account address or, failing that, looks it
// up as a key name in the keyring, as add-genesis-account does.
func addressOrKey(cmd *cobra.Command, clientCtx client.Context, ac address.Codec, arg string) ([]byte, error) {
	if addr, err := ac.StringToBytes(arg); err == nil {
		return addr, nil
	}
	kr := clientCtx.Keyring
	keyringBackend, _ := cmd.Flags().GetString(flags.FlagKeyringBackend)
	if keyringBackend != "" && kr == nil {
		var err error
		kr, err = keyring.New(sdk.KeyringServiceName(), keyringBackend, clientCtx.HomeDir,
			bufio.NewReader(cmd.InOrStdin()), clientCtx.Codec)
		if err != nil {
			return nil, err
		}
	}
	if kr == nil {
		return nil, fmt.Errorf("%q is not a valid address and no keyring is configured", arg)
	}
	k, err := kr.Key(arg)
	if err != nil {
		return nil, fmt.Errorf("%q is neither a valid address nor a key in the keyring: %w", arg, err)
	}
	return k.GetAddress()
}

// parseRoleArgs reads roles given as full names (ROLE_AGENT) or short forms
// (agent, consensus-validator), in any case; a role given twice is an error.
func parseRoleArgs(args []string) ([]allowlisttypes.Role, error) {
	roles := make([]allowlisttypes.Role, 0, len(args))
	seen := make(map[allowlisttypes.Role]bool, len(args))
	for _, arg := range args {
		r, err := parseRoleArg(arg)
		if err != nil {
			return nil, err
		}
		if seen[r] {
			return nil, fmt.Errorf("role %s is given twice", r)
		}
		seen[r] = true
		roles = append(roles, r)
	}
	return roles, nil
}

func parseRoleArg(arg string) (allowlisttypes.Role, error) {
	name := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(arg), "-", "_"))
	if !strings.HasPrefix(name, "ROLE_") {
		name = "ROLE_" + name
	}
	r, err := allowlisttypes.ParseRole(name)
	if err != nil {
		return allowlisttypes.ROLE_UNSPECIFIED, fmt.Errorf(
			"unknown role %q: want agent, validator, moderator or consensus-validator (or ROLE_AGENT, ...): %w",
			arg, allowlisttypes.ErrInvalidRole)
	}
	return r, nil
}

// sortMembers orders memberships by role, then address bytes: the store's
// order, which ExportGenesis reproduces. The addresses have been validated.
func sortMembers(ac address.Codec, members []allowlisttypes.Member) {
	keys := make(map[string][]byte, len(members))
	for _, m := range members {
		bz, _ := ac.StringToBytes(m.Address)
		keys[m.Address] = bz
	}
	sort.SliceStable(members, func(i, j int) bool {
		if members[i].Role != members[j].Role {
			return members[i].Role < members[j].Role
		}
		return bytes.Compare(keys[members[i].Address], keys[members[j].Address]) < 0
	})
}
