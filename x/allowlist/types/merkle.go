package types

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// Merkle trees of account addresses (DESIGN §2), built the same way by every tool:
//
//   - leaf   = sha256(20-byte address)
//   - parent = sha256(min(a, b) ‖ max(a, b)), so a proof needs no left/right bits
//   - leaves are sorted ascending and de-duplicated; each level pairs neighbours
//     left to right; an odd last node moves up unchanged
//   - a proof is the list of sibling hashes from the leaf upward
//
// Roots and proof hashes are 64-char lowercase hex outside Go (ParseHash, FormatHash).

const (
	// MerkleAddrLen is the length of the account addresses the trees hold.
	MerkleAddrLen = 20
	// MaxMerkleProofLen bounds the work of a verification: a sorted-pair tree of
	// 2^64 leaves is deeper than any real registry.
	MaxMerkleProofLen = 64
)

var (
	errEmptyMerkleSet = errors.New("merkle tree needs at least one address")
	errNotInMerkleSet = errors.New("address is not in the merkle tree")
)

// MerkleLeaf is the leaf of an address: sha256(addr).
func MerkleLeaf(addr []byte) [32]byte {
	return sha256.Sum256(addr)
}

// merkleParent hashes a sorted pair.
func merkleParent(a, b [32]byte) [32]byte {
	var buf [64]byte
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	copy(buf[:32], a[:])
	copy(buf[32:], b[:])
	return sha256.Sum256(buf[:])
}

// merkleLeaves returns the sorted, de-duplicated leaves of addrs.
func merkleLeaves(addrs [][]byte) ([][32]byte, error) {
	if len(addrs) == 0 {
		return nil, errEmptyMerkleSet
	}
	leaves := make([][32]byte, len(addrs))
	for i, a := range addrs {
		if len(a) != MerkleAddrLen {
			return nil, fmt.Errorf("address %d is %d bytes, want %d", i, len(a), MerkleAddrLen)
		}
		leaves[i] = MerkleLeaf(a)
	}
	slices.SortFunc(leaves, func(x, y [32]byte) int { return bytes.Compare(x[:], y[:]) })
	return slices.Compact(leaves), nil
}

// merkleUp replaces level with its parent level in place and returns it.
func merkleUp(level [][32]byte) [][32]byte {
	n := 0
	for i := 0; i < len(level); i += 2 {
		if i+1 < len(level) {
			level[n] = merkleParent(level[i], level[i+1])
		} else {
			level[n] = level[i] // odd last node moves up unchanged
		}
		n++
	}
	return level[:n]
}

// MerkleRoot is the root of the tree of addrs (any order, duplicates allowed).
// Every address must be 20 bytes; the set must not be empty.
func MerkleRoot(addrs [][]byte) ([32]byte, error) {
	level, err := merkleLeaves(addrs)
	if err != nil {
		return [32]byte{}, err
	}
	for len(level) > 1 {
		level = merkleUp(level)
	}
	return level[0], nil
}

// MerkleProof is the proof that addr is in the tree of addrs: the sibling
// hashes from its leaf up to the root. A single-address tree has an empty proof.
func MerkleProof(addrs [][]byte, addr []byte) ([][32]byte, error) {
	if len(addr) != MerkleAddrLen {
		return nil, fmt.Errorf("address is %d bytes, want %d", len(addr), MerkleAddrLen)
	}
	level, err := merkleLeaves(addrs)
	if err != nil {
		return nil, err
	}
	leaf := MerkleLeaf(addr)
	idx := sort.Search(len(level), func(i int) bool { return bytes.Compare(level[i][:], leaf[:]) >= 0 })
	if idx == len(level) || level[idx] != leaf {
		return nil, errNotInMerkleSet
	}
	proof := make([][32]byte, 0, 32)
	for len(level) > 1 {
		if sib := idx ^ 1; sib < len(level) {
			proof = append(proof, level[sib])
		}
		level = merkleUp(level)
		idx /= 2
	}
	return proof, nil
}

// MerkleRootFromProof folds proof onto the leaf of addr: the root the proof
// claims. It does not bound the proof; VerifyMerkleProof does.
func MerkleRootFromProof(addr []byte, proof [][32]byte) [32]byte {
	h := MerkleLeaf(addr)
	for _, sib := range proof {
		h = merkleParent(h, sib)
	}
	return h
}

// VerifyMerkleProof reports whether proof shows that addr is in the tree with
// the given root. Proofs longer than MaxMerkleProofLen and addresses that are
// not 20 bytes are refused.
func VerifyMerkleProof(root [32]byte, addr []byte, proof [][32]byte) bool {
	if len(addr) != MerkleAddrLen || len(proof) > MaxMerkleProofLen {
		return false
	}
	return MerkleRootFromProof(addr, proof) == root
}

// ParseHash decodes a root or proof hash: exactly 64 lowercase hex characters.
func ParseHash(s string) ([32]byte, error) {
	var h [32]byte
	if len(s) != 2*len(h) {
		return h, fmt.Errorf("hash %q is %d characters, want 64 lowercase hex", s, len(s))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return h, fmt.Errorf("hash %q is not lowercase hex (character %d)", s, i+1)
		}
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("hash %q: %w", s, err)
	}
	return h, nil
}

// FormatHash is the 64-char lowercase hex form of a hash.
func FormatHash(h [32]byte) string {
	return hex.EncodeToString(h[:])
}
