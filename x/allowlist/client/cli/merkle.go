// Package cli holds the hand-written x/allowlist commands; everything that talks
// to a node is declared in ../../autocli.go.
package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// MerkleCmd returns `agijd allowlist`: offline tools that turn a file of bech32
// addresses into the Merkle root an issuer publishes and the proof a member claims with.
func MerkleCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "allowlist",
		Short: "Offline allowlist tools: Merkle roots and proofs of address lists",
		Long: `Offline allowlist tools. An address file holds one bech32 account address per
line; blank lines and lines starting with # are ignored, duplicates count once.
Use - as the file name to read standard input.`,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(merkleRootCmd(), merkleProofCmd())
	return cmd
}

func merkleRootCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merkle-root <file>",
		Short: "Print the Merkle root (64 lowercase hex characters) of a file of addresses",
		Long: `Print the Merkle root of a file of addresses: the root an issuer publishes
with MsgSetMerkleRoot. The tree is the one of DESIGN §2: sha256 leaves of the
20-byte addresses, sorted and de-duplicated, sorted-pair parents, odd node moves up.`,
		Example: "agijd allowlist merkle-root citizens.txt",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			decode, _ := addressCodec(cmd)
			addrs, err := readAddressFile(cmd, args[0], decode)
			if err != nil {
				return err
			}
			root, err := types.MerkleRoot(addrs)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), types.FormatHash(root))
			return err
		},
	}
}

// merkleProofOutput is what merkle-proof prints.
type merkleProofOutput struct {
	Root    string   `json:"root"`    // hex root of the whole file
	Address string   `json:"address"` // the member, bech32
	Proof   []string `json:"proof"`   // sibling hashes from the leaf upward, hex
}

func merkleProofCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merkle-proof <file> <address>",
		Short: "Print, as JSON, the Merkle proof that an address is in a file of addresses",
		Long: `Print {"root": ..., "address": ..., "proof": [...]}: the root of the file and
the sibling hashes from the address's leaf upward, the proof MsgClaimRole takes.
A file of one address has an empty proof.`,
		Example: "agijd allowlist merkle-proof citizens.txt agij1...",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			decode, encode := addressCodec(cmd)
			member, err := decode(args[1])
			if err != nil {
				return fmt.Errorf("invalid address %q: %w", args[1], err)
			}
			if len(member) != types.MerkleAddrLen {
				return fmt.Errorf("address %s is %d bytes; the tree holds %d-byte account addresses", args[1], len(member), types.MerkleAddrLen)
			}
			addrs, err := readAddressFile(cmd, args[0], decode)
			if err != nil {
				return err
			}
			proof, err := types.MerkleProof(addrs, member)
			if err != nil { // the file is non-empty and every address 20 bytes: not a member
				return fmt.Errorf("%s is not in %s", args[1], args[0])
			}
			bech, err := encode(member)
			if err != nil {
				return err
			}
			out := merkleProofOutput{
				// The proof folds to the root: no second pass over the file's tree.
				Root:    types.FormatHash(types.MerkleRootFromProof(member, proof)),
				Address: bech,
				Proof:   make([]string, len(proof)),
			}
			for i, h := range proof {
				out.Proof[i] = types.FormatHash(h)
			}
			bz, err := json.Marshal(out)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(bz))
			return err
		},
	}
}

// addressCodec decodes and encodes account addresses with the address codec of
// the client context's interface registry when there is one (under agijd there
// is), else with the global bech32 prefixes (set by package app).
func addressCodec(cmd *cobra.Command) (func(string) ([]byte, error), func([]byte) (string, error)) {
	if cmd.Context() != nil {
		if reg := client.GetClientContextFromCmd(cmd).InterfaceRegistry; reg != nil && reg.SigningContext() != nil {
			if ac := reg.SigningContext().AddressCodec(); ac != nil {
				return ac.StringToBytes, ac.BytesToString
			}
		}
	}
	decode := func(s string) ([]byte, error) { return sdk.AccAddressFromBech32(s) }
	encode := func(b []byte) (string, error) { return sdk.AccAddress(b).String(), nil }
	return decode, encode
}

// readAddressFile reads one address per line; blank and # lines are skipped.
// Decoding bech32 costs more than building the tree, so it runs on every core.
func readAddressFile(cmd *cobra.Command, path string, decode func(string) ([]byte, error)) ([][]byte, error) {
	var r io.Reader
	if path == "-" {
		r = cmd.InOrStdin()
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}

	type addrLine struct {
		n int    // 1-based line number
		s string // trimmed text
	}
	var lines []addrLine
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		lines = append(lines, addrLine{n, s})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s line %d: line too long", path, n+1)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%s holds no addresses", path)
	}

	addrs := make([][]byte, len(lines))
	workers := runtime.GOMAXPROCS(0)
	if len(lines) < 4096 {
		workers = 1
	}
	chunk := (len(lines) + workers - 1) / workers
	errs := make([]error, workers) // per chunk: its first bad line
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(lines))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				l := lines[i]
				a, err := decode(l.s)
				if err != nil {
					errs[w] = fmt.Errorf("%s line %d: invalid address %q: %w", path, l.n, shorten(l.s), err)
					return
				}
				if len(a) != types.MerkleAddrLen {
					errs[w] = fmt.Errorf("%s line %d: %s is %d bytes; the tree holds %d-byte account addresses",
						path, l.n, shorten(l.s), len(a), types.MerkleAddrLen)
					return
				}
				addrs[i] = a
			}
		}()
	}
	wg.Wait()
	for _, err := range errs { // chunks are in file order: the first error is the first bad line
		if err != nil {
			return nil, err
		}
	}
	return addrs, nil
}

// shorten keeps error messages readable when a line is garbage.
func shorten(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}
