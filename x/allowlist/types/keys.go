package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the name of the module; it also names its store.
	ModuleName = "allowlist"
	// StoreKey is the store key of the module.
	StoreKey = ModuleName
)

// Store layout: one prefix per collection. Numbers are never reused; gaps are
// left for collections that belong together.
var (
	// ParamsKey holds the module Params.
	ParamsKey = collections.NewPrefix(0)

	// MembersKey: Pair[role, address] -> Member. Role first, so one role's
	// members are a prefix range.
	MembersKey = collections.NewPrefix(10)
	// ExpiryQueueKey: Triple[expires_at, role, address], one key per membership
	// with an expiry, in time order, so an EndBlocker finds expired
	// memberships without a scan.
	ExpiryQueueKey = collections.NewPrefix(11)

	// BlacklistKey: Pair[role, address], one key per bar.
	BlacklistKey = collections.NewPrefix(20)

	// IssuersKey: issuer address -> Issuer.
	IssuersKey = collections.NewPrefix(30)
	// MerkleRootsKey: Pair[issuer address, role] -> MerkleRootEntry; the
	// authority publishes under its own address.
	MerkleRootsKey = collections.NewPrefix(31)
)
