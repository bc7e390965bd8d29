package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/spf13/cobra"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	srvconfig "github.com/cosmos/cosmos-sdk/server/config"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// Flags of testnet init-files.
const (
	flagHomes     = "homes"
	flagP2PPort   = "p2p-port"
	flagRPCPort   = "rpc-port"
	flagProxyPort = "proxy-port"
	flagAPIPort   = "api-port"
	flagGRPCPort  = "grpc-port"
)

// Local network amounts, in uagi.
var (
	accountFunds  = math.NewInt(1_000_000).MulRaw(1_000_000) // 1,000,000 AGI per account
	selfDelegated = math.NewInt(100_000).MulRaw(1_000_000)   // 100,000 AGI per consensus validator
)

// Short periods of DESIGN §6, so a lifecycle, a dispute and a proposal can be
// walked in minutes. The chain's own defaults stay as they are.
const (
	localReviewPeriod        = 120 * time.Second
	localChallengePeriod     = 20 * time.Second
	localDisputeReviewPeriod = 300 * time.Second
	localVotingPeriod        = 60 * time.Second
	localExpeditedPeriod     = 30 * time.Second
)

var (
	localMinDeposit          = math.NewInt(10_000_000) // 10 AGI
	localExpeditedMinDeposit = math.NewInt(20_000_000) // 20 AGI
)

func testnetCmd(mbm module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "testnet",
		Short: "Set up local test networks",
		RunE:  client.ValidateCmd,
	}
	cmd.AddCommand(initFilesCmd(mbm))
	return cmd
}

// localnetPorts are the ports of node 0; node i adds 10·i to the CometBFT
// ports and i to the app ports.
type localnetPorts struct {
	p2p, rpc, proxy, api, grpc int
}

func (p localnetPorts) forNode(i int) localnetPorts {
	return localnetPorts{p.p2p + 10*i, p.rpc + 10*i, p.proxy + 10*i, p.api + i, p.grpc + i}
}

func initFilesCmd(mbm module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init-files",
		Short: "Write the homes of a local network on loopback, one consensus validator per home",
		Long: `Writes a ready-to-start home directory for each path in --homes: keys, config,
and one genesis in which every node is a consensus validator. The first home's
test keyring also holds the funded development accounts (validator, employer,
agent1, agent2, validator1..3, moderator), derived from fixed public mnemonics.
Job and governance periods are short (review 120s, challenge 20s, dispute review
300s, voting 60s, expedited 30s). Never use these keys on a real network.`,
		Example: `agijd testnet init-files --homes ~/.agijd
agijd testnet init-files --homes n0,n1,n2,n3 --rpc-port 36657`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			homes, err := cmd.Flags().GetStringSlice(flagHomes)
			if err != nil {
				return err
			}
			chainID, err := cmd.Flags().GetString("chain-id")
			if err != nil {
				return err
			}
			var ports localnetPorts
			for flag, dst := range map[string]*int{
				flagP2PPort: &ports.p2p, flagRPCPort: &ports.rpc, flagProxyPort: &ports.proxy,
				flagAPIPort: &ports.api, flagGRPCPort: &ports.grpc,
			} {
				if *dst, err = cmd.Flags().GetInt(flag); err != nil {
					return err
				}
			}
			return initLocalnet(cmd, clientCtx, mbm, homes, chainID, ports)
		},
	}
	cmd.Flags().StringSlice(flagHomes, nil, "home directory of each node; one consensus validator per home (required)")
	cmd.Flags().String("chain-id", app.DefaultChainID, "chain id")
	cmd.Flags().Int(flagP2PPort, 26656, "P2P port of node 0 (node i: +10·i)")
	cmd.Flags().Int(flagRPCPort, 26657, "CometBFT RPC port of node 0 (node i: +10·i)")
	cmd.Flags().Int(flagProxyPort, 26658, "ABCI port of node 0 (node i: +10·i)")
	cmd.Flags().Int(flagAPIPort, 1317, "REST port of node 0 (node i: +i)")
	cmd.Flags().Int(flagGRPCPort, 9090, "gRPC port of node 0 (node i: +i)")
	if err := cmd.MarkFlagRequired(flagHomes); err != nil {
		panic(err)
	}
	return cmd
}

// localNode is one node being set up.
type localNode struct {
	home     string
	cfg      *cmtcfg.Config
	ports    localnetPorts
	nodeID   string
	valPub   cryptotypes.PubKey
	keyring  keyring.Keyring
	operator devAccount
}

func initLocalnet(cmd *cobra.Command, clientCtx client.Context, mbm module.BasicManager, homes []string, chainID string, ports localnetPorts) error {
	if len(homes) == 0 || len(homes) > 1+len(extraValidatorAccounts) {
		return fmt.Errorf("--%s: want 1..%d homes, got %d", flagHomes, 1+len(extraValidatorAccounts), len(homes))
	}
	// Any agijd command writes default config files into its home, so only
	// keys, node keys, a genesis or chain data count as an existing node.
	for _, h := range homes {
		for _, f := range []string{"config/genesis.json", "config/priv_validator_key.json", "config/node_key.json", "keyring-test", "data/application.db"} {
			if _, err := os.Stat(filepath.Join(h, f)); err == nil {
				return fmt.Errorf("%s already holds a node (%s); remove it first", h, f)
			}
		}
	}

	nodes := make([]*localNode, len(homes))
	var balances []banktypes.Balance
	var accounts []authtypes.GenesisAccount
	var grants []roleGrant
	fund := func(name string, addr sdk.AccAddress, amount math.Int) {
		balances = append(balances, banktypes.Balance{Address: addr.String(), Coins: sdk.NewCoins(sdk.NewCoin(app.BondDenom, amount))})
		accounts = append(accounts, authtypes.NewBaseAccount(addr, nil, 0, 0))
		for _, role := range localnetRoles[name] {
			grants = append(grants, roleGrant{addr, role})
		}
	}
	cdc := clientCtx.Codec
	for i, home := range homes {
		n, err := newLocalNode(cdc, i, home, ports.forNode(i))
		if err != nil {
			return err
		}
		nodes[i] = n
		if i == 0 {
			// Node 0's operator is the first entry of localnetAccounts.
			for _, acc := range localnetAccounts {
				addr, err := addKey(n.keyring, acc)
				if err != nil {
					return err
				}
				fund(acc.name, addr, accountFunds)
			}
		} else {
			addr, err := addKey(n.keyring, n.operator)
			if err != nil {
				return err
			}
			fund(n.operator.name, addr, accountFunds)
		}
	}

	genesisTime := time.Now().UTC().Truncate(time.Second)
	appState, err := localGenesisState(cdc, clientCtx.TxConfig, mbm, accounts, balances, grants, genesisTime)
	if err != nil {
		return err
	}
	gentxDir := filepath.Join(nodes[0].home, "config", "gentx")
	if err := os.MkdirAll(gentxDir, 0o755); err != nil {
		return err
	}
	for i, n := range nodes {
		if err := writeGentx(cmd, clientCtx, n, chainID, filepath.Join(gentxDir, fmt.Sprintf("gentx-%d.json", i))); err != nil {
			return err
		}
	}

	genesis := genutiltypes.NewAppGenesisWithVersion(chainID, appState)
	genesis.GenesisTime = genesisTime
	genFile := nodes[0].cfg.GenesisFile()
	if err := genutil.ExportGenesisFile(genesis, genFile); err != nil {
		return err
	}
	// collect-gentxs: delivers the gentxs into genesis (through the same
	// gates a national network's genesis passes).
	n0 := nodes[0]
	initCfg := genutiltypes.NewInitConfig(chainID, gentxDir, n0.nodeID, n0.valPub)
	if _, err := genutil.GenAppStateFromConfig(cdc, clientCtx.TxConfig, n0.cfg, initCfg, genesis,
		banktypes.GenesisBalancesIterator{}, genutiltypes.DefaultMessageValidator,
		clientCtx.TxConfig.SigningContext().ValidatorAddressCodec()); err != nil {
		return fmt.Errorf("collect gentxs: %w", err)
	}
	finalGenesis, err := os.ReadFile(genFile)
	if err != nil {
		return err
	}

	for i, n := range nodes {
		var peers []string
		for j, p := range nodes {
			if j != i {
				peers = append(peers, fmt.Sprintf("%s@127.0.0.1:%d", p.nodeID, p.ports.p2p))
			}
		}
		n.cfg.P2P.PersistentPeers = strings.Join(peers, ",")
		if err := writeNodeConfig(n, chainID); err != nil {
			return err
		}
		if i > 0 {
			if err := os.WriteFile(n.cfg.GenesisFile(), finalGenesis, 0o644); err != nil {
				return err
			}
		}
	}

	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "chain %s: %d validator(s)\n", chainID, len(nodes))
	for i, n := range nodes {
		fmt.Fprintf(out, "node%d  home %s  rpc 127.0.0.1:%d  rest 127.0.0.1:%d  grpc 127.0.0.1:%d\n",
			i, n.home, n.ports.rpc, n.ports.api, n.ports.grpc)
	}
	for _, acc := range localnetAccounts {
		rec, err := nodes[0].keyring.Key(acc.name)
		if err != nil {
			return err
		}
		addr, err := rec.GetAddress()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "key %-11s %s\n", acc.name, addr)
	}
	return nil
}

func newLocalNode(cdc codec.Codec, i int, home string, ports localnetPorts) (*localNode, error) {
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(home)
	cfg.Moniker = fmt.Sprintf("node%d", i)
	cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", ports.p2p)
	cfg.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", ports.rpc)
	cfg.ProxyApp = fmt.Sprintf("tcp://127.0.0.1:%d", ports.proxy)
	cfg.RPC.PprofListenAddress = ""
	cfg.P2P.AllowDuplicateIP = true
	cfg.P2P.AddrBookStrict = false
	cfg.Consensus.TimeoutCommit = time.Second
	for _, dir := range []string{filepath.Join(home, "config"), filepath.Join(home, "data")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	nodeID, valPub, err := genutil.InitializeNodeValidatorFiles(cfg)
	if err != nil {
		return nil, err
	}
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, cdc)
	if err != nil {
		return nil, err
	}
	operator := localnetAccounts[0]
	if i > 0 {
		operator = extraValidatorAccounts[i-1]
	}
	return &localNode{home: home, cfg: cfg, ports: ports, nodeID: nodeID, valPub: valPub, keyring: kr, operator: operator}, nil
}

func addKey(kr keyring.Keyring, acc devAccount) (sdk.AccAddress, error) {
	rec, err := kr.NewAccount(acc.name, acc.mnemonic, "", sdk.GetConfig().GetFullBIP44Path(), hd.Secp256k1)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", acc.name, err)
	}
	return rec.GetAddress()
}

// localGenesisState is the default genesis with the accounts funded and the
// short local periods.
// roleGrant is an allowlist membership written into the local genesis.
type roleGrant struct {
	addr sdk.AccAddress
	role allowlisttypes.Role
}

func localGenesisState(
	cdc codec.Codec,
	txConfig client.TxEncodingConfig,
	mbm module.BasicManager,
	accounts []authtypes.GenesisAccount,
	balances []banktypes.Balance,
	grants []roleGrant,
	genesisTime time.Time,
) (json.RawMessage, error) {
	state := mbm.DefaultGenesis(cdc)

	var authGen authtypes.GenesisState
	cdc.MustUnmarshalJSON(state[authtypes.ModuleName], &authGen)
	packed, err := authtypes.PackAccounts(accounts)
	if err != nil {
		return nil, err
	}
	authGen.Accounts = packed
	state[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGen)

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bankGen)
	bankGen.Balances = balances
	supply := sdk.NewCoins()
	for _, b := range balances {
		supply = supply.Add(b.Coins...)
	}
	bankGen.Supply = supply
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	var govGen govv1.GenesisState
	cdc.MustUnmarshalJSON(state[govtypes.ModuleName], &govGen)
	voting, expedited := localVotingPeriod, localExpeditedPeriod
	govGen.Params.VotingPeriod = &voting
	govGen.Params.MaxDepositPeriod = &voting
	govGen.Params.ExpeditedVotingPeriod = &expedited
	govGen.Params.MinDeposit = sdk.NewCoins(sdk.NewCoin(app.BondDenom, localMinDeposit))
	govGen.Params.ExpeditedMinDeposit = sdk.NewCoins(sdk.NewCoin(app.BondDenom, localExpeditedMinDeposit))
	state[govtypes.ModuleName] = cdc.MustMarshalJSON(&govGen)

	// Memberships granted by governance at genesis, before the gentxs are
	// delivered through the consensus-validator gate.
	var allowGen allowlisttypes.GenesisState
	cdc.MustUnmarshalJSON(state[allowlisttypes.ModuleName], &allowGen)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	for _, g := range grants {
		allowGen.Members = append(allowGen.Members, allowlisttypes.Member{
			Address:   g.addr.String(),
			Role:      g.role,
			Issuer:    gov,
			GrantedAt: genesisTime,
			Source:    allowlisttypes.ADMISSION_SOURCE_GENESIS,
		})
	}
	state[allowlisttypes.ModuleName] = cdc.MustMarshalJSON(&allowGen)

	var jobsGen jobstypes.GenesisState
	cdc.MustUnmarshalJSON(state[jobstypes.ModuleName], &jobsGen)
	jobsGen.Params.CompletionReviewPeriod = localReviewPeriod
	jobsGen.Params.ChallengePeriod = localChallengePeriod
	jobsGen.Params.DisputeReviewPeriod = localDisputeReviewPeriod
	state[jobstypes.ModuleName] = cdc.MustMarshalJSON(&jobsGen)

	if err := mbm.ValidateGenesis(cdc, txConfig, state); err != nil {
		return nil, fmt.Errorf("local genesis is invalid: %w", err)
	}
	return json.MarshalIndent(state, "", "  ")
}

// writeGentx signs the MsgCreateValidator of a node with its operator key,
// as `agijd genesis gentx` would.
func writeGentx(cmd *cobra.Command, clientCtx client.Context, n *localNode, chainID, path string) error {
	rec, err := n.keyring.Key(n.operator.name)
	if err != nil {
		return err
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return err
	}
	msg, err := stakingtypes.NewMsgCreateValidator(
		sdk.ValAddress(addr).String(),
		n.valPub,
		sdk.NewCoin(app.BondDenom, selfDelegated),
		stakingtypes.NewDescription(n.cfg.Moniker, "", "", "", ""),
		stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(1, 1), math.LegacyNewDecWithPrec(2, 1), math.LegacyNewDecWithPrec(1, 2)),
		math.OneInt(),
	)
	if err != nil {
		return err
	}
	txBuilder := clientCtx.TxConfig.NewTxBuilder()
	if err := txBuilder.SetMsgs(msg); err != nil {
		return err
	}
	// collect-gentxs reads the peer address from the memo.
	txBuilder.SetMemo(fmt.Sprintf("%s@127.0.0.1:%d", n.nodeID, n.ports.p2p))
	factory := tx.Factory{}.
		WithChainID(chainID).
		WithKeybase(n.keyring).
		WithTxConfig(clientCtx.TxConfig).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	if err := tx.Sign(cmd.Context(), factory, n.operator.name, txBuilder, true); err != nil {
		return err
	}
	bz, err := clientCtx.TxConfig.TxJSONEncoder()(txBuilder.GetTx())
	if err != nil {
		return err
	}
	return os.WriteFile(path, bz, 0o644)
}

const localClientConfig = `# agijd client settings of a local network node.
chain-id = "%s"
keyring-backend = "test"
keyring-default-keyname = ""
output = "text"
node = "tcp://127.0.0.1:%d"
broadcast-mode = "sync"
`

// writeNodeConfig writes config.toml, app.toml and client.toml of a node.
func writeNodeConfig(n *localNode, chainID string) error {
	cmtcfg.WriteConfigFile(filepath.Join(n.home, "config", "config.toml"), n.cfg)

	appCfg := srvconfig.DefaultConfig()
	appCfg.MinGasPrices = "0" + app.BondDenom
	appCfg.API.Enable = true
	appCfg.API.Address = fmt.Sprintf("tcp://127.0.0.1:%d", n.ports.api)
	appCfg.GRPC.Address = fmt.Sprintf("127.0.0.1:%d", n.ports.grpc)
	srvconfig.WriteConfigFile(filepath.Join(n.home, "config", "app.toml"), appCfg)

	client := fmt.Sprintf(localClientConfig, chainID, n.ports.rpc)
	return os.WriteFile(filepath.Join(n.home, "config", "client.toml"), []byte(client), 0o644)
}
