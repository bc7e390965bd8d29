package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the name of the module; it also names its store.
	ModuleName = "reputation"
	// StoreKey is the store key of the module.
	StoreKey = ModuleName
)

// Store layout: one prefix per collection. Numbers are never reused; gaps are
// left for collections that belong together.
var (
	// ParamsKey holds the module Params.
	ParamsKey = collections.NewPrefix(0)
	// RecordsKey holds Record by (role, address).
	RecordsKey = collections.NewPrefix(1)
	// LeaderboardKey indexes the records by (role, inverted score, address),
	// so a role's records iterate from the highest score down.
	LeaderboardKey = collections.NewPrefix(2)
)
