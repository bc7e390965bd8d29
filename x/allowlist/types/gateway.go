package types

import (
	protov1 "github.com/golang/protobuf/proto" //nolint:staticcheck // grpc-gateway v1 reads this registry
)

// grpc-gateway v1 parses an enum in a REST path or query (/members/ROLE_AGENT,
// ?role=ROLE_AGENT) by name only if golang/protobuf's registry knows the enum;
// gogoproto registers it in its own registry, so without this only numbers
// (?role=1) would work. Role is used by x/reputation's REST routes too.
func init() {
	RegisterGatewayEnum("agij.allowlist.v1.Role", Role_name, Role_value)
	RegisterGatewayEnum("agij.allowlist.v1.AdmissionSource", AdmissionSource_name, AdmissionSource_value)
}

// RegisterGatewayEnum makes the gogoproto enum name known to golang/protobuf's
// registry, which grpc-gateway v1 reads; the other agij modules call it for
// their own enums.
func RegisterGatewayEnum(name string, names map[int32]string, values map[string]int32) {
	if protov1.EnumValueMap(name) == nil {
		protov1.RegisterEnum(name, names, values)
	}
}
