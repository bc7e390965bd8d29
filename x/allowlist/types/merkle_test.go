package types_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// Hand-built trees: everything here uses crypto/sha256 directly, never the code under test.

func sum(parts ...[]byte) [32]byte {
	return sha256.Sum256(bytes.Join(parts, nil))
}

func pair(a, b [32]byte) [32]byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return sum(a[:], b[:])
}

// fill is the 20-byte address with every byte b.
func fill(b byte) []byte { return bytes.Repeat([]byte{b}, 20) }

// sortedLeaves hashes addrs and sorts the leaves, remembering whose leaf is whose.
func sortedLeaves(addrs [][]byte) ([][32]byte, map[[32]byte][]byte) {
	owner := map[[32]byte][]byte{}
	var leaves [][32]byte
	for _, a := range addrs {
		l := sha256.Sum256(a)
		if _, dup := owner[l]; !dup {
			leaves = append(leaves, l)
		}
		owner[l] = a
	}
	sort.Slice(leaves, func(i, j int) bool { return bytes.Compare(leaves[i][:], leaves[j][:]) < 0 })
	return leaves, owner
}

// referenceRoot is a second, allocation-happy implementation of DESIGN §2.
func referenceRoot(addrs [][]byte) [32]byte {
	level, _ := sortedLeaves(addrs)
	for len(level) > 1 {
		var next [][32]byte
		for i := 0; i < len(level); i += 2 {
			if i+1 == len(level) {
				next = append(next, level[i])
			} else {
				next = append(next, pair(level[i], level[i+1]))
			}
		}
		level = next
	}
	return level[0]
}

func randAddrs(r *rand.Rand, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = make([]byte, 20)
		r.Read(out[i])
	}
	return out
}

func hexOf(h [32]byte) string { return types.FormatHash(h) }

func TestMerkleRootKnownAnswers(t *testing.T) {
	addrs := [][]byte{fill(1), fill(2), fill(3), fill(4), fill(5)}
	// Pinned roots of {0x01…01}, {0x01…, 0x02…}, …, also produced by an independent
	// Python script (hashlib), so other tools can check themselves against them.
	pinned := []string{
		"9b8f65607d891ebc9ee18add4f866748456ebce2d8f0bd9c9a8e508871617f27",
		"e335697ff84eedfe5a1871454da988ed8bd442b291350b9fbef0498d49a4b99c",
		"77baef5b4d7b8de27f595c63ba6d5aaba59d1ab5bf33360174576ef94a93df8f",
		"8cca5580bc648c7a6c6f9b62789699dc5fd301e70990025699d60ac7adf9d45c",
		"b9baece006cee2ebd38b1b969e493c73a0a81688b68e8b9881812785b7f49a81",
	}
	for n := 1; n <= 5; n++ {
		s, _ := sortedLeaves(addrs[:n])
		var want [32]byte
		switch n {
		case 1:
			want = s[0]
		case 2:
			want = pair(s[0], s[1])
		case 3: // s2 moves up unchanged
			want = pair(pair(s[0], s[1]), s[2])
		case 4:
			want = pair(pair(s[0], s[1]), pair(s[2], s[3]))
		case 5: // s4 moves up twice
			want = pair(pair(pair(s[0], s[1]), pair(s[2], s[3])), s[4])
		}
		got, err := types.MerkleRoot(addrs[:n])
		require.NoError(t, err)
		require.Equal(t, hexOf(want), hexOf(got), "n=%d", n)
		require.Equal(t, pinned[n-1], hexOf(got), "n=%d", n)
	}
}

func TestMerkleRootPinnedLarger(t *testing.T) {
	// Values from the same independent Python script.
	var a33 [][]byte
	for i := 1; i <= 33; i++ {
		a33 = append(a33, fill(byte(i)))
	}
	got, err := types.MerkleRoot(a33)
	require.NoError(t, err)
	require.Equal(t, "371cb5fac9457a09e763f58adc6e69ebf7e86596ace22ecfd8b0162e87cc40ea", hexOf(got))

	var a1000 [][]byte
	for i := 0; i < 1000; i++ {
		var be [4]byte
		binary.BigEndian.PutUint32(be[:], uint32(i))
		h := sha256.Sum256(be[:])
		a1000 = append(a1000, h[:20])
	}
	got, err = types.MerkleRoot(a1000)
	require.NoError(t, err)
	require.Equal(t, "a6da139028ba13ec9a0acd23a5d220bb1045b1fb2e3be4349271142c0caa1169", hexOf(got))
}

func TestMerkleProofKnownAnswers(t *testing.T) {
	addrs := [][]byte{fill(1), fill(2), fill(3), fill(4), fill(5)}

	// Three leaves: s0 pairs with s1, s2 waits a level.
	s, owner := sortedLeaves(addrs[:3])
	p, err := types.MerkleProof(addrs[:3], owner[s[0]])
	require.NoError(t, err)
	require.Equal(t, [][32]byte{s[1], s[2]}, p)
	p, err = types.MerkleProof(addrs[:3], owner[s[2]])
	require.NoError(t, err)
	require.Equal(t, [][32]byte{pair(s[0], s[1])}, p)

	// Five leaves: s4 has no sibling until the top.
	s, owner = sortedLeaves(addrs)
	p, err = types.MerkleProof(addrs, owner[s[0]])
	require.NoError(t, err)
	require.Equal(t, [][32]byte{s[1], pair(s[2], s[3]), s[4]}, p)
	p, err = types.MerkleProof(addrs, owner[s[3]])
	require.NoError(t, err)
	require.Equal(t, [][32]byte{s[2], pair(s[0], s[1]), s[4]}, p)
	p, err = types.MerkleProof(addrs, owner[s[4]])
	require.NoError(t, err)
	require.Equal(t, [][32]byte{pair(pair(s[0], s[1]), pair(s[2], s[3]))}, p)
}

func TestMerkleSingleAddress(t *testing.T) {
	a := fill(7)
	root, err := types.MerkleRoot([][]byte{a})
	require.NoError(t, err)
	require.Equal(t, sha256.Sum256(a), root)
	require.Equal(t, types.MerkleLeaf(a), root)

	p, err := types.MerkleProof([][]byte{a, a}, a)
	require.NoError(t, err)
	require.Empty(t, p)
	require.True(t, types.VerifyMerkleProof(root, a, p))
	require.True(t, types.VerifyMerkleProof(root, a, nil))
	require.False(t, types.VerifyMerkleProof(root, fill(8), nil))
	require.False(t, types.VerifyMerkleProof(root, a, [][32]byte{root}))
}

func TestMerkleDuplicatesAndOrder(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	addrs := randAddrs(r, 50)
	want, err := types.MerkleRoot(addrs)
	require.NoError(t, err)

	// Duplicates (as distinct slices) change nothing.
	dup := append([][]byte{}, addrs...)
	for _, a := range addrs[:20] {
		dup = append(dup, append([]byte{}, a...))
	}
	got, err := types.MerkleRoot(dup)
	require.NoError(t, err)
	require.Equal(t, want, got)

	// Neither does the order, and the caller's slice is left alone.
	for i := 0; i < 5; i++ {
		shuf := append([][]byte{}, dup...)
		r.Shuffle(len(shuf), func(i, j int) { shuf[i], shuf[j] = shuf[j], shuf[i] })
		before := append([][]byte{}, shuf...)
		got, err := types.MerkleRoot(shuf)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, before, shuf)

		p1, err := types.MerkleProof(addrs, addrs[i])
		require.NoError(t, err)
		p2, err := types.MerkleProof(shuf, addrs[i])
		require.NoError(t, err)
		require.Equal(t, p1, p2)
	}

	// Sorted addresses are not sorted leaves: the tree orders by leaf.
	sorted := append([][]byte{}, addrs...)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i], sorted[j]) < 0 })
	got, err = types.MerkleRoot(sorted)
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Equal(t, referenceRoot(addrs), want)
}

func TestMerkleErrors(t *testing.T) {
	_, err := types.MerkleRoot(nil)
	require.Error(t, err)
	_, err = types.MerkleRoot([][]byte{})
	require.Error(t, err)
	for _, n := range []int{0, 19, 21, 32, 33} {
		_, err = types.MerkleRoot([][]byte{fill(1), make([]byte, n)})
		require.Error(t, err, "len %d", n)
		require.Contains(t, err.Error(), "want 20")
		_, err = types.MerkleProof([][]byte{fill(1)}, make([]byte, n))
		require.Error(t, err, "len %d", n)
		_, err = types.MerkleProof([][]byte{fill(1), make([]byte, n)}, fill(1))
		require.Error(t, err, "len %d", n)
		require.False(t, types.VerifyMerkleProof(sha256.Sum256(make([]byte, n)), make([]byte, n), nil))
	}
	_, err = types.MerkleProof(nil, fill(1))
	require.Error(t, err)
	_, err = types.MerkleProof([][]byte{fill(1), fill(2)}, fill(3))
	require.ErrorContains(t, err, "not in the merkle tree")
}

func TestMerkleProofsAllSizes(t *testing.T) {
	r := rand.New(rand.NewSource(33))
	outsiders := randAddrs(r, 4)
	for n := 1; n <= 33; n++ {
		addrs := randAddrs(r, n)
		root, err := types.MerkleRoot(addrs)
		require.NoError(t, err)
		require.Equal(t, referenceRoot(addrs), root, "n=%d", n)
		wrongRoot := root
		wrongRoot[31] ^= 1

		depth := 0
		for 1<<depth < n {
			depth++
		}
		for i, a := range addrs {
			p, err := types.MerkleProof(addrs, a)
			require.NoError(t, err)
			require.LessOrEqual(t, len(p), depth, "n=%d i=%d", n, i)
			require.True(t, types.VerifyMerkleProof(root, a, p), "n=%d i=%d", n, i)
			require.Equal(t, root, types.MerkleRootFromProof(a, p))
			require.False(t, types.VerifyMerkleProof(wrongRoot, a, p), "n=%d i=%d", n, i)

			for _, o := range outsiders {
				require.False(t, types.VerifyMerkleProof(root, o, p), "outsider n=%d i=%d", n, i)
			}
			for j, b := range addrs { // another member's proof is not mine
				if j != i {
					require.False(t, types.VerifyMerkleProof(root, b, p), "n=%d i=%d j=%d", n, i, j)
				}
			}
			for k := range p { // any flipped bit, in any position
				for _, bit := range []int{0, 7, 100, 255} {
					bad := append([][32]byte{}, p...)
					bad[k][bit/8] ^= 1 << (bit % 8)
					require.False(t, types.VerifyMerkleProof(root, a, bad), "n=%d i=%d k=%d bit=%d", n, i, k, bit)
				}
			}
			if len(p) > 0 {
				require.False(t, types.VerifyMerkleProof(root, a, p[:len(p)-1]))
				require.False(t, types.VerifyMerkleProof(root, a, p[1:]))
			}
			if len(p) > 1 {
				swapped := append([][32]byte{}, p...)
				swapped[0], swapped[1] = swapped[1], swapped[0]
				require.False(t, types.VerifyMerkleProof(root, a, swapped))
			}
			require.False(t, types.VerifyMerkleProof(root, a, append(append([][32]byte{}, p...), root)))
			flipped := append([]byte{}, a...)
			flipped[19] ^= 0x80
			require.False(t, types.VerifyMerkleProof(root, flipped, p))
		}
		for _, o := range outsiders {
			_, err := types.MerkleProof(addrs, o)
			require.Error(t, err)
		}
	}
}

func TestVerifyMerkleProofLengthBound(t *testing.T) {
	a := fill(9)
	proof := make([][32]byte, types.MaxMerkleProofLen+1)
	for i := range proof {
		proof[i] = sha256.Sum256([]byte{byte(i)})
	}
	// A 64-hash proof that folds to the root is accepted, a 65-hash one is not even tried.
	require.True(t, types.VerifyMerkleProof(types.MerkleRootFromProof(a, proof[:64]), a, proof[:64]))
	require.False(t, types.VerifyMerkleProof(types.MerkleRootFromProof(a, proof), a, proof))
}

func TestParseFormatHash(t *testing.T) {
	h := sha256.Sum256([]byte("agij"))
	s := types.FormatHash(h)
	require.Len(t, s, 64)
	require.Equal(t, strings.ToLower(s), s)
	back, err := types.ParseHash(s)
	require.NoError(t, err)
	require.Equal(t, h, back)

	for _, bad := range []string{
		"",
		s[:63],
		s + "0",
		strings.ToUpper(s),
		"0x" + s[2:],
		s[:63] + "g",
		" " + s[1:],
		strings.Repeat("é", 32),
	} {
		_, err := types.ParseHash(bad)
		require.Error(t, err, "%q", bad)
	}
}

// FuzzVerifyMerkleProof builds a tree from data cut into 20-byte addresses, proves the member
// chosen by pick, and flips the bit chosen by flip in the proof, the address or the root.
// junk is fed to the parsers and to VerifyMerkleProof as a made-up proof.
func FuzzVerifyMerkleProof(f *testing.F) {
	f.Add(bytes.Repeat([]byte{1}, 20), uint16(0), uint32(0), []byte{})
	f.Add(bytes.Repeat([]byte{1, 2, 3, 4, 5}, 20), uint16(2), uint32(300), []byte("00"))
	f.Add(bytes.Repeat([]byte{0xff}, 100), uint16(1), uint32(5), bytes.Repeat([]byte{7}, 32*70))
	f.Fuzz(func(t *testing.T, data []byte, pick uint16, flip uint32, junk []byte) {
		const maxAddrs = 300
		if len(data) > maxAddrs*20 {
			data = data[:maxAddrs*20]
		}
		var addrs [][]byte
		for i := 0; i+20 <= len(data); i += 20 {
			addrs = append(addrs, data[i:i+20])
		}

		// The junk never panics anything.
		if h, err := types.ParseHash(string(junk)); err == nil && types.FormatHash(h) != string(junk) {
			t.Fatalf("ParseHash accepted %q but formats it as %s", junk, types.FormatHash(h))
		}
		var fake [][32]byte
		for i := 0; i+32 <= len(junk) && len(fake) < 2*types.MaxMerkleProofLen; i += 32 {
			fake = append(fake, [32]byte(junk[i:i+32]))
		}
		if len(junk) != 20 && types.VerifyMerkleProof(sha256.Sum256(junk), junk, fake) {
			t.Fatalf("a %d-byte address verified", len(junk))
		}

		if len(addrs) == 0 {
			if _, err := types.MerkleRoot(addrs); err == nil {
				t.Fatal("empty set has a root")
			}
			return
		}
		root, err := types.MerkleRoot(addrs)
		if err != nil {
			t.Fatal(err)
		}
		if ref := referenceRoot(addrs); ref != root {
			t.Fatalf("root %x, reference %x", root, ref)
		}
		member := addrs[int(pick)%len(addrs)]
		proof, err := types.MerkleProof(addrs, member)
		if err != nil {
			t.Fatal(err)
		}
		if !types.VerifyMerkleProof(root, member, proof) {
			t.Fatal("a real proof does not verify")
		}
		if len(fake) > 0 && types.VerifyMerkleProof(root, member, fake) && len(fake) != len(proof) {
			t.Fatal("a made-up proof of another length verified")
		}

		// Flip one bit somewhere in (proof, address, root).
		bits := uint32(len(proof)*256 + 160 + 256)
		bit := flip % bits
		p := append([][32]byte{}, proof...)
		a := append([]byte{}, member...)
		r := root
		switch {
		case bit < uint32(len(proof)*256):
			p[bit/256][bit%256/8] ^= 1 << (bit % 8)
		case bit < uint32(len(proof)*256+160):
			b := bit - uint32(len(proof)*256)
			a[b/8] ^= 1 << (b % 8)
		default:
			b := bit - uint32(len(proof)*256+160)
			r[b/8] ^= 1 << (b % 8)
		}
		if types.VerifyMerkleProof(r, a, p) {
			t.Fatalf("flipped bit %d of %d still verifies", bit, bits)
		}
	})
}

func benchAddrs(n int) [][]byte {
	return randAddrs(rand.New(rand.NewSource(int64(n))), n)
}

func BenchmarkMerkleRoot100k(b *testing.B) {
	addrs := benchAddrs(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := types.MerkleRoot(addrs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMerkleProof100k(b *testing.B) {
	addrs := benchAddrs(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := types.MerkleProof(addrs, addrs[i%len(addrs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMerkleRoot1M(b *testing.B) {
	addrs := benchAddrs(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := types.MerkleRoot(addrs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyMerkleProof100k(b *testing.B) {
	addrs := benchAddrs(100_000)
	root, err := types.MerkleRoot(addrs)
	if err != nil {
		b.Fatal(err)
	}
	proof, err := types.MerkleProof(addrs, addrs[0])
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !types.VerifyMerkleProof(root, addrs[0], proof) {
			b.Fatal("proof does not verify")
		}
	}
}
