package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/agijobmanager/agij/app"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// runAgijd runs the agijd root command in process, as main does, and returns
// what it printed on stdout.
func runAgijd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	rootCmd := NewRootCmd()
	var out bytes.Buffer
	rootCmd.SetOut(&out)
	rootCmd.SetErr(&bytes.Buffer{})
	rootCmd.SetArgs(args)
	err := svrcmd.Execute(rootCmd, "AGIJD", app.DefaultNodeHome)
	return out.String(), err
}

// initHome runs `agijd init` in a fresh home and returns it.
func initHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	_, err := runAgijd(t, "init", "node0", "--chain-id", "agij-test", "--home", home)
	require.NoError(t, err)
	return home
}

func genesisPath(home string) string { return filepath.Join(home, "config", "genesis.json") }

// readGenesis returns the genesis time and the allowlist state of home's
// genesis file.
func readGenesis(t *testing.T, home string) (time.Time, allowlisttypes.GenesisState) {
	t.Helper()
	appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genesisPath(home))
	require.NoError(t, err)
	var gs allowlisttypes.GenesisState
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	require.NoError(t, cdc.UnmarshalJSON(appState[allowlisttypes.ModuleName], &gs))
	return appGenesis.GenesisTime, gs
}

// testAddr is a deterministic account address whose bytes are all b.
func testAddr(b byte) string {
	return sdk.AccAddress(bytes.Repeat([]byte{b}, 20)).String()
}

func govAddr() string { return authtypes.NewModuleAddress(govtypes.ModuleName).String() }

func TestGenesisGrantRole(t *testing.T) {
	home := initHome(t)
	genesisTime, gs := readGenesis(t, home)
	require.Empty(t, gs.Members)
	require.False(t, genesisTime.IsZero())
	require.True(t, strings.HasPrefix(govAddr(), "agij1"))

	a, b, c := testAddr(0x01), testAddr(0x02), testAddr(0x03)
	expiry := time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC)

	// Several roles at once, full and short names, with every flag.
	out, err := runAgijd(t, "genesis", "grant-role", b, "consensus-validator", "ROLE_MODERATOR",
		"--jurisdiction", "DE-BY", "--metadata-uri", "https://registry.example/validators/1",
		"--expires-at", "2099-01-02T04:04:05+01:00", "--home", home)
	require.NoError(t, err)
	require.Equal(t, "granted ROLE_CONSENSUS_VALIDATOR to "+b+"\ngranted ROLE_MODERATOR to "+b+"\n", out)

	// Appended out of order: the file keeps role, then address bytes.
	_, err = runAgijd(t, "genesis", "grant-role", c, "consensus-validator", "--home", home)
	require.NoError(t, err)
	_, err = runAgijd(t, "genesis", "grant-role", a, "consensus_validator", "Agent", "--jurisdiction", "FR", "--home", home)
	require.NoError(t, err)

	gen := func(addr string, role allowlisttypes.Role, jurisdiction, uri string, expires *time.Time) allowlisttypes.Member {
		return allowlisttypes.Member{
			Address: addr, Role: role, Issuer: govAddr(), Jurisdiction: jurisdiction, MetadataUri: uri,
			GrantedAt: genesisTime, ExpiresAt: expires, Source: allowlisttypes.ADMISSION_SOURCE_GENESIS,
		}
	}
	gotTime, gs := readGenesis(t, home)
	require.Equal(t, genesisTime, gotTime, "genesis_time is unchanged")
	require.Equal(t, []allowlisttypes.Member{
		gen(a, allowlisttypes.ROLE_AGENT, "FR", "", nil),
		gen(b, allowlisttypes.ROLE_MODERATOR, "DE-BY", "https://registry.example/validators/1", &expiry),
		gen(a, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, "FR", "", nil),
		gen(b, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, "DE-BY", "https://registry.example/validators/1", &expiry),
		gen(c, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, "", "", nil),
	}, gs.Members)
	require.Equal(t, allowlisttypes.DefaultParams(), gs.Params)

	// Granting again replaces the membership with the new flags: no
	// duplicate, no expiry, no URI left over.
	out, err = runAgijd(t, "genesis", "grant-role", b, "consensus-validator", "--jurisdiction", "AT", "--home", home)
	require.NoError(t, err)
	require.Equal(t, "updated ROLE_CONSENSUS_VALIDATOR of "+b+"\n", out)
	_, gs = readGenesis(t, home)
	require.Equal(t, []allowlisttypes.Member{
		gen(a, allowlisttypes.ROLE_AGENT, "FR", "", nil),
		gen(b, allowlisttypes.ROLE_MODERATOR, "DE-BY", "https://registry.example/validators/1", &expiry),
		gen(a, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, "FR", "", nil),
		gen(b, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, "AT", "", nil),
		gen(c, allowlisttypes.ROLE_CONSENSUS_VALIDATOR, "", "", nil),
	}, gs.Members)

	// The whole file still passes the app's genesis validation.
	_, err = runAgijd(t, "genesis", "validate", "--home", home)
	require.NoError(t, err)
}

func TestGenesisGrantRoleKeyName(t *testing.T) {
	home := initHome(t)
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, cdc)
	require.NoError(t, err)
	rec, _, err := kr.NewMnemonic("institution", keyring.English, sdk.FullFundraiserPath,
		keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	addr, err := rec.GetAddress()
	require.NoError(t, err)

	out, err := runAgijd(t, "genesis", "grant-role", "institution", "consensus-validator",
		"--"+flags.FlagKeyringBackend, keyring.BackendTest, "--home", home)
	require.NoError(t, err)
	require.Equal(t, "granted ROLE_CONSENSUS_VALIDATOR to "+addr.String()+"\n", out)

	genesisTime, gs := readGenesis(t, home)
	require.Equal(t, []allowlisttypes.Member{{
		Address: addr.String(), Role: allowlisttypes.ROLE_CONSENSUS_VALIDATOR, Issuer: govAddr(),
		GrantedAt: genesisTime, Source: allowlisttypes.ADMISSION_SOURCE_GENESIS,
	}}, gs.Members)

	// A name that is neither an address nor a key.
	before, err := os.ReadFile(genesisPath(home))
	require.NoError(t, err)
	_, err = runAgijd(t, "genesis", "grant-role", "nobody", "agent",
		"--"+flags.FlagKeyringBackend, keyring.BackendTest, "--home", home)
	require.ErrorContains(t, err, `"nobody" is neither a valid address nor a key in the keyring`)
	after, err := os.ReadFile(genesisPath(home))
	require.NoError(t, err)
	require.Equal(t, before, after)
}

func TestGenesisGrantRoleRefusals(t *testing.T) {
	home := initHome(t)
	a := testAddr(0x0a)
	_, err := runAgijd(t, "genesis", "grant-role", a, "moderator", "--home", home)
	require.NoError(t, err)
	genesisTime, _ := readGenesis(t, home)

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown role", []string{a, "admin"}, `unknown role "admin": want agent, validator, moderator or consensus-validator`},
		{"unspecified role", []string{a, "unspecified"}, `unknown role "unspecified"`},
		{"numeric role", []string{a, "4"}, `unknown role "4"`},
		{"bad role among good ones", []string{a, "agent", "validators"}, `unknown role "validators"`},
		{"role twice", []string{a, "agent", "ROLE_AGENT"}, "role ROLE_AGENT is given twice"},
		{"expiry before genesis", []string{a, "agent", "--expires-at", "2000-01-01T00:00:00Z"}, "is not after the genesis_time"},
		{"expiry at genesis", []string{a, "agent", "--expires-at", genesisTime.Format(time.RFC3339Nano)}, "is not after the genesis_time"},
		{"expiry not RFC 3339", []string{a, "agent", "--expires-at", "2030-01-01"}, "is not an RFC 3339 time"},
		{"bad jurisdiction", []string{a, "agent", "--jurisdiction", "Germany"}, "is not an ISO 3166 code"},
		{"bad metadata URI", []string{a, "agent", "--metadata-uri", "https://x.example/a b"}, "whitespace or control character"},
		{"bad address", []string{"agij1notanaddress", "agent", "--" + flags.FlagKeyringBackend, keyring.BackendTest}, "is neither a valid address nor a key"},
		{"no role", []string{a}, "requires at least 2 arg(s)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(genesisPath(home))
			require.NoError(t, err)
			args := append([]string{"genesis", "grant-role"}, tc.args...)
			_, err = runAgijd(t, append(args, "--home", home)...)
			require.ErrorContains(t, err, tc.want)
			after, err := os.ReadFile(genesisPath(home))
			require.NoError(t, err)
			require.Equal(t, string(before), string(after), "the genesis file is unchanged")
		})
	}
}

// editAllowlist rewrites the allowlist section of home's genesis file.
func editAllowlist(t *testing.T, home string, edit func(gs map[string]any)) {
	t.Helper()
	bz, err := os.ReadFile(genesisPath(home))
	require.NoError(t, err)
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(bz))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	edit(doc["app_state"].(map[string]any)[allowlisttypes.ModuleName].(map[string]any))
	bz, err = json.MarshalIndent(doc, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(genesisPath(home), bz, 0o600))
}

func TestGenesisGrantRoleValidatesWholeState(t *testing.T) {
	a, b := testAddr(0x0a), testAddr(0x0b)

	t.Run("blacklisted", func(t *testing.T) {
		home := initHome(t)
		editAllowlist(t, home, func(gs map[string]any) {
			gs["blacklist"] = []any{map[string]any{"role": "ROLE_AGENT", "address": a}}
		})
		before, err := os.ReadFile(genesisPath(home))
		require.NoError(t, err)
		_, err = runAgijd(t, "genesis", "grant-role", a, "moderator", "agent", "--home", home)
		require.ErrorContains(t, err, a+" is blacklisted for ROLE_AGENT in the genesis file")
		after, err := os.ReadFile(genesisPath(home))
		require.NoError(t, err)
		require.Equal(t, before, after)

		// Another role, or another address, is fine.
		_, err = runAgijd(t, "genesis", "grant-role", a, "moderator", "--home", home)
		require.NoError(t, err)
		_, err = runAgijd(t, "genesis", "grant-role", b, "agent", "--home", home)
		require.NoError(t, err)
	})

	t.Run("invalid state already in the file", func(t *testing.T) {
		home := initHome(t)
		editAllowlist(t, home, func(gs map[string]any) {
			gs["params"] = map[string]any{"proposer_roles": []any{"ROLE_MODERATOR", "ROLE_MODERATOR"}}
		})
		before, err := os.ReadFile(genesisPath(home))
		require.NoError(t, err)
		_, err = runAgijd(t, "genesis", "grant-role", a, "moderator", "--home", home)
		require.ErrorContains(t, err, "the allowlist genesis state would be invalid, nothing written")
		require.ErrorContains(t, err, "ROLE_MODERATOR listed twice")
		after, err := os.ReadFile(genesisPath(home))
		require.NoError(t, err)
		require.Equal(t, before, after)
	})

	t.Run("replaces a claim", func(t *testing.T) {
		// An exported genesis may hold other admissions; a genesis grant
		// replaces one as a governance grant would.
		home := initHome(t)
		root := strings.Repeat("ab", 32)
		editAllowlist(t, home, func(gs map[string]any) {
			gs["members"] = []any{map[string]any{
				"address": a, "role": "ROLE_AGENT", "issuer": b, "granted_at": "2020-01-01T00:00:00Z",
				"source": "ADMISSION_SOURCE_MERKLE_CLAIM", "merkle_root": root,
			}}
		})
		out, err := runAgijd(t, "genesis", "grant-role", a, "agent", "--home", home)
		require.NoError(t, err)
		require.Equal(t, "updated ROLE_AGENT of "+a+"\n", out)
		genesisTime, gs := readGenesis(t, home)
		require.Equal(t, []allowlisttypes.Member{{
			Address: a, Role: allowlisttypes.ROLE_AGENT, Issuer: govAddr(),
			GrantedAt: genesisTime, Source: allowlisttypes.ADMISSION_SOURCE_GENESIS,
		}}, gs.Members)
	})
}

func TestParseRoleArg(t *testing.T) {
	for in, want := range map[string]allowlisttypes.Role{
		"agent":                    allowlisttypes.ROLE_AGENT,
		"validator":                allowlisttypes.ROLE_VALIDATOR,
		"moderator":                allowlisttypes.ROLE_MODERATOR,
		"consensus-validator":      allowlisttypes.ROLE_CONSENSUS_VALIDATOR,
		"ROLE_AGENT":               allowlisttypes.ROLE_AGENT,
		"ROLE_VALIDATOR":           allowlisttypes.ROLE_VALIDATOR,
		"ROLE_MODERATOR":           allowlisttypes.ROLE_MODERATOR,
		"ROLE_CONSENSUS_VALIDATOR": allowlisttypes.ROLE_CONSENSUS_VALIDATOR,
		"CONSENSUS_VALIDATOR":      allowlisttypes.ROLE_CONSENSUS_VALIDATOR,
		"Moderator":                allowlisttypes.ROLE_MODERATOR,
	} {
		got, err := parseRoleArg(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "ROLE_", "ROLE_UNSPECIFIED", "unspecified", "0", "1", "consensus validator", "role-agent-x"} {
		_, err := parseRoleArg(in)
		require.ErrorIs(t, err, allowlisttypes.ErrInvalidRole, in)
	}
}
