package types

import (
	protov1 "github.com/golang/protobuf/proto" //nolint:staticcheck // grpc-gateway v1 reads this registry

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// roleEnumName is the proto name of allowlist's Role enum.
const roleEnumName = "agij.allowlist.v1.Role"

// grpc-gateway v1 parses an enum query parameter (?role=ROLE_AGENT) by name
// only if golang/protobuf's registry knows the enum, and gogoproto registers
// it elsewhere; without this, only ?role=1 would work. The check keeps it
// harmless if x/allowlist registers the enum itself (its init runs first).
func init() {
	if protov1.EnumValueMap(roleEnumName) == nil {
		protov1.RegisterEnum(roleEnumName, allowlisttypes.Role_name, allowlisttypes.Role_value)
	}
}
