package types_test

// Fuzz targets of issue 7 item 4 for x/allowlist messages. The Merkle
// arithmetic itself is fuzzed by FuzzVerifyMerkleProof (merkle_test.go) on
// bytes; FuzzClaimRoleProof below reuses its reference tree and follows the
// path a claim takes on the chain: hex strings in MsgSetMerkleRoot and
// MsgClaimRole, ValidateBasic, ParseMerkleRoot/ParseMerkleProof, then
// VerifyMerkleProof. Seeds are in testdata/fuzz/<FuzzName>/.

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// fzAddr turns fuzz input into an address string: well-formed from bytes,
// the raw string, a fixed valid address, or the bytes under another prefix.
func fzAddr(mode uint8, bz []byte, raw string) string {
	switch mode % 4 {
	case 0:
		return sdk.AccAddress(bz).String()
	case 1:
		return raw
	case 2:
		return addrA
	default:
		s, err := bech32.ConvertAndEncode("osmo", bz)
		if err != nil {
			return raw
		}
		return s
	}
}

// The documented input limits, restated independently of validate.go.

func fzAddrValid(s string) bool {
	_, err := sdk.AccAddressFromBech32(s)
	return err == nil
}

func fzRoleValid(r types.Role) bool {
	return r >= types.ROLE_AGENT && r <= types.ROLE_CONSENSUS_VALIDATOR
}

func fzClaimable(r types.Role) bool { return fzRoleValid(r) && r != types.ROLE_CONSENSUS_VALIDATOR }

func fzUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// fzJurisdictionValid: empty, "DE", or "US-CA" with a 1..3 character
// subdivision of upper-case letters and digits.
func fzJurisdictionValid(s string) bool {
	if s == "" {
		return true
	}
	if len(s) < 2 || !fzUpper(s[0]) || !fzUpper(s[1]) {
		return false
	}
	if len(s) == 2 {
		return true
	}
	if s[2] != '-' || len(s) < 4 || len(s) > 6 {
		return false
	}
	for i := 3; i < len(s); i++ {
		if !fzUpper(s[i]) && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

func fzMetadataURIValid(s string) bool {
	if len(s) > types.MaxMetadataURILen || !utf8.ValidString(s) {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) < 0
}

func fzIssuerNameValid(s string) bool {
	if s == "" || len(s) > types.MaxIssuerNameLen || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

func fzReasonValid(s string) bool { return len(s) <= types.MaxReasonLen && utf8.ValidString(s) }

func fzRolesValid(roles []types.Role, allowEmpty bool) bool {
	if len(roles) == 0 {
		return allowEmpty
	}
	seen := map[types.Role]bool{}
	for _, r := range roles {
		if !fzRoleValid(r) || seen[r] {
			return false
		}
		seen[r] = true
	}
	return true
}

func fzHexHashValid(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789abcdef", rune(s[i])) {
			return false
		}
	}
	return true
}

func fzProofValid(proof []string) bool {
	if len(proof) > types.MaxMerkleProofLen {
		return false
	}
	for _, h := range proof {
		if !fzHexHashValid(h) {
			return false
		}
	}
	return true
}

// fzAllowlistErrors are the errors a refusal may wrap.
var fzAllowlistErrors = []error{
	sdkerrors.ErrInvalidAddress, types.ErrInvalidParams, types.ErrInvalidRole, types.ErrRoleNotClaimable,
	types.ErrInvalidJurisdiction, types.ErrInvalidMetadataURI, types.ErrInvalidIssuer, types.ErrInvalidReason,
	types.ErrInvalidMerkleRoot, types.ErrInvalidProof,
}

// fzCheckAllowlistMsg compares ValidateBasic with the documented limits,
// checks that a refusal is a registered error, and that an accepted message
// survives a protobuf round trip.
func fzCheckAllowlistMsg(t *testing.T, msg sdk.HasValidateBasic) {
	t.Helper()
	var want bool
	switch m := msg.(type) {
	case *types.MsgUpdateParams:
		want = fzAddrValid(m.Authority) && fzRolesValid(m.Params.ProposerRoles, true)
	case *types.MsgGrantRole:
		want = fzAddrValid(m.Signer) && fzAddrValid(m.Address) && fzRoleValid(m.Role) &&
			fzJurisdictionValid(m.Jurisdiction) && fzMetadataURIValid(m.MetadataUri)
	case *types.MsgRevokeRole:
		want = fzAddrValid(m.Signer) && fzAddrValid(m.Address) && fzRoleValid(m.Role) && fzReasonValid(m.Reason)
	case *types.MsgSetBlacklist:
		want = fzAddrValid(m.Authority) && fzAddrValid(m.Address) && fzRoleValid(m.Role)
	case *types.MsgSetIssuer:
		want = fzAddrValid(m.Authority) && fzAddrValid(m.Address) && fzIssuerNameValid(m.Name) &&
			fzJurisdictionValid(m.Jurisdiction) && fzRolesValid(m.Roles, false)
	case *types.MsgRemoveIssuer:
		want = fzAddrValid(m.Authority) && fzAddrValid(m.Address)
	case *types.MsgSetMerkleRoot:
		want = fzAddrValid(m.Signer) && fzClaimable(m.Role) && fzHexHashValid(m.Root)
	case *types.MsgClaimRole:
		want = fzAddrValid(m.Claimant) && fzAddrValid(m.Issuer) && fzClaimable(m.Role) && fzProofValid(m.Proof)
	default:
		t.Fatalf("unexpected message %T", msg)
	}
	err := msg.ValidateBasic()
	if want != (err == nil) {
		t.Fatalf("%T: ValidateBasic returned %v, the documented limits say valid=%v\n%+v", msg, err, want, msg)
	}
	if err != nil {
		for _, e := range fzAllowlistErrors {
			if errors.Is(err, e) {
				return
			}
		}
		t.Fatalf("%T: refusal %q is not one of the registered input errors", msg, err)
	}
	pm := msg.(interface{ Marshal() ([]byte, error) })
	bz, err := pm.Marshal()
	if err != nil {
		t.Fatalf("%T: an accepted message does not encode: %v", msg, err)
	}
	back := reflect.New(reflect.TypeOf(msg).Elem()).Interface().(sdk.HasValidateBasic)
	if err := back.(interface{ Unmarshal([]byte) error }).Unmarshal(bz); err != nil {
		t.Fatalf("%T: decoding its own encoding: %v", msg, err)
	}
	if bz2, _ := back.(interface{ Marshal() ([]byte, error) }).Marshal(); !bytes.Equal(bz, bz2) {
		t.Fatalf("%T: encoding is not stable", msg)
	}
	if err := back.ValidateBasic(); err != nil {
		t.Fatalf("%T: accepted, but refused after a round trip: %v", msg, err)
	}
}

func fzAllowlistMsgs() []sdk.HasValidateBasic {
	return []sdk.HasValidateBasic{
		&types.MsgUpdateParams{}, &types.MsgGrantRole{}, &types.MsgRevokeRole{}, &types.MsgSetBlacklist{},
		&types.MsgSetIssuer{}, &types.MsgRemoveIssuer{}, &types.MsgSetMerkleRoot{}, &types.MsgClaimRole{},
	}
}

// FuzzAllowlistMsgValidateBasic builds every x/allowlist Msg from fuzzed
// fields (roles from int32 and from bytes, jurisdiction, issuer name,
// metadata URI, reason, root, a comma-separated proof) and decodes every Msg
// from raw protobuf bytes. For each: no panic, ValidateBasic accepts exactly
// the messages within the documented limits, refusals are registered
// errors, accepted messages round-trip.
func FuzzAllowlistMsgValidateBasic(f *testing.F) {
	h := strings.Repeat("ab", 32)
	f.Add([]byte("addr-a______________"), []byte("addr-b______________"), "", uint8(0), int32(1), []byte{1, 2}, "US-CA", "ipfs://member", h, h+","+h, []byte{})
	f.Add([]byte{}, []byte{}, "not-an-address", uint8(1), int32(0), []byte{}, "us", " name", strings.ToUpper(h), "", []byte{0x18, 0x04})
	f.Add([]byte("addr-c______________"), []byte("addr-d______________"), "", uint8(3), int32(4), []byte{4, 4}, "GB-ENGL", "a\tb", h[:63], strings.Repeat(h+",", 65)+h, []byte{0x0a, 0x02, 0xff, 0xfe})
	f.Add([]byte("addr-e______________"), []byte("addr-f______________"), "", uint8(2), int32(5), []byte{3, 255}, "FR-75", "Bundesamt für Justiz", "0x"+h[2:], h, []byte{0x1a, 0x40})
	f.Fuzz(func(t *testing.T, bz1, bz2 []byte, raw string, mode uint8, role int32, roleBytes []byte,
		text1, text2, rootHex, proofCSV string, rawMsg []byte,
	) {
		if len(bz1) > 300 {
			bz1 = bz1[:300]
		}
		if len(bz2) > 300 {
			bz2 = bz2[:300]
		}
		signer := fzAddr(mode, bz1, raw)
		target := fzAddr(mode>>2, bz2, raw)
		roles := make([]types.Role, len(roleBytes))
		for i, b := range roleBytes {
			roles[i] = types.Role(int8(b))
		}
		var proof []string
		if proofCSV != "" {
			proof = strings.Split(proofCSV, ",")
		}
		expires := time.Unix(int64(role), 0).UTC()
		msgs := []sdk.HasValidateBasic{
			&types.MsgUpdateParams{Authority: signer, Params: types.Params{ProposerRoles: roles}},
			&types.MsgGrantRole{Signer: signer, Address: target, Role: types.Role(role), Jurisdiction: text1, MetadataUri: text2, ExpiresAt: &expires},
			&types.MsgRevokeRole{Signer: signer, Address: target, Role: types.Role(role), Reason: text2},
			&types.MsgSetBlacklist{Authority: signer, Address: target, Role: types.Role(role), Blacklisted: mode%2 == 0},
			&types.MsgSetIssuer{Authority: signer, Address: target, Name: text2, Jurisdiction: text1, Roles: roles},
			&types.MsgRemoveIssuer{Authority: signer, Address: target},
			&types.MsgSetMerkleRoot{Signer: signer, Role: types.Role(role), Root: rootHex},
			&types.MsgClaimRole{Claimant: signer, Issuer: target, Role: types.Role(role), Proof: proof},
		}
		for _, m := range msgs {
			fzCheckAllowlistMsg(t, m)
		}
		for _, m := range fzAllowlistMsgs() {
			if m.(interface{ Unmarshal([]byte) error }).Unmarshal(rawMsg) == nil {
				fzCheckAllowlistMsg(t, m)
			}
		}
	})
}

// FuzzClaimRoleProof builds a tree from data cut into 20-byte addresses,
// publishes its root and a member's proof as the hex strings a
// MsgSetMerkleRoot and a MsgClaimRole carry, and checks the chain's path:
// both messages pass ValidateBasic, the parsed proof verifies against the
// parsed root for the claimant, and not for another address. Then it
// overwrites one character (chosen by pos) of the root or a proof hash with
// repl, or appends extra as one more proof hash: the claim is then refused
// by ValidateBasic (ErrInvalidMerkleRoot / ErrInvalidProof) or fails
// verification, never accepted.
func FuzzClaimRoleProof(f *testing.F) {
	f.Add(bytes.Repeat([]byte{1}, 20), uint16(0), uint32(5), byte('0'), "")
	f.Add(bytes.Repeat([]byte{1, 2, 3, 4, 5}, 20), uint16(2), uint32(70), byte('A'), strings.Repeat("cd", 32))
	f.Add(bytes.Repeat([]byte{9, 8, 7}, 220), uint16(31), uint32(200), byte('f'), "zz")
	f.Fuzz(func(t *testing.T, data []byte, pick uint16, pos uint32, repl byte, extra string) {
		const maxAddrs = 64
		if len(data) > maxAddrs*20 {
			data = data[:maxAddrs*20]
		}
		var addrs [][]byte
		for i := 0; i+20 <= len(data); i += 20 {
			addrs = append(addrs, data[i:i+20])
		}
		if len(addrs) == 0 {
			return
		}
		root, err := types.MerkleRoot(addrs)
		if err != nil {
			t.Fatal(err)
		}
		if root != referenceRoot(addrs) {
			t.Fatal("root differs from the reference tree")
		}
		member := addrs[int(pick)%len(addrs)]
		proof, err := types.MerkleProof(addrs, member)
		if err != nil {
			t.Fatal(err)
		}
		rootHex := types.FormatHash(root)
		proofHex := make([]string, len(proof))
		for i, h := range proof {
			proofHex[i] = types.FormatHash(h)
		}
		issuer := sdk.AccAddress(bytes.Repeat([]byte{0xee}, 20)).String()

		// claim runs the chain's checks and reports whether the claim is admitted.
		claim := func(rootStr string, proofStrs []string, claimant []byte) bool {
			setRoot := &types.MsgSetMerkleRoot{Signer: issuer, Role: types.ROLE_AGENT, Root: rootStr}
			if err := setRoot.ValidateBasic(); err != nil {
				if !errors.Is(err, types.ErrInvalidMerkleRoot) {
					t.Fatalf("bad root refused with %v", err)
				}
				return false
			}
			msg := &types.MsgClaimRole{Claimant: sdk.AccAddress(claimant).String(), Issuer: issuer, Role: types.ROLE_AGENT, Proof: proofStrs}
			if err := msg.ValidateBasic(); err != nil {
				if !errors.Is(err, types.ErrInvalidProof) {
					t.Fatalf("bad proof refused with %v", err)
				}
				return false
			}
			r, err := types.ParseMerkleRoot(rootStr)
			if err != nil {
				t.Fatalf("ValidateBasic accepted root %q that does not parse: %v", rootStr, err)
			}
			p, err := types.ParseMerkleProof(proofStrs)
			if err != nil {
				t.Fatalf("ValidateBasic accepted a proof that does not parse: %v", err)
			}
			return types.VerifyMerkleProof(r, claimant, p)
		}

		if !claim(rootHex, proofHex, member) {
			t.Fatal("a real claim is refused")
		}
		other := append([]byte{}, member...)
		other[int(pos)%20] ^= 1 << (repl % 8)
		if claim(rootHex, proofHex, other) {
			t.Fatalf("the proof of %x admits %x", member, other)
		}

		// One character changed in the root or in one proof hash.
		all := append([]string{rootHex}, proofHex...)
		which := int(pos/64) % len(all)
		s := []byte(all[which])
		at := int(pos % 64)
		if s[at] != repl {
			s[at] = repl
			mutated := append([]string{}, all...)
			mutated[which] = string(s)
			if claim(mutated[0], mutated[1:], member) {
				t.Fatalf("claim admitted with character %d of hash %d changed to %q", at, which, repl)
			}
		}

		// One more hash after a complete proof.
		if extra != "" && claim(rootHex, append(append([]string{}, proofHex...), extra), member) {
			t.Fatalf("claim admitted with the extra proof hash %q", extra)
		}
	})
}
