package types

import (
	protov1 "github.com/golang/protobuf/proto" //nolint:staticcheck // grpc-gateway v1 reads this registry
)

// grpc-gateway v1 parses an enum in a REST query (?status=JOB_STATUS_OPEN) by
// name only if golang/protobuf's registry knows the enum; gogoproto registers
// it in its own registry, so without this only numbers (?status=1) would work.
func init() {
	for _, e := range []struct {
		name   string
		names  map[int32]string
		values map[string]int32
	}{
		{"agij.jobs.v1.JobStatus", JobStatus_name, JobStatus_value},
		{"agij.jobs.v1.DisputeOutcome", DisputeOutcome_name, DisputeOutcome_value},
		{"agij.jobs.v1.SettlementKind", SettlementKind_name, SettlementKind_value},
		{"agij.jobs.v1.SettledBy", SettledBy_name, SettledBy_value},
	} {
		if protov1.EnumValueMap(e.name) == nil {
			protov1.RegisterEnum(e.name, e.names, e.values)
		}
	}
}
