package types

import (
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
)

// grpc-gateway v1 parses an enum in a REST query (?status=JOB_STATUS_OPEN) by
// name only if golang/protobuf's registry knows the enum; gogoproto registers
// it in its own registry, so without this only numbers (?status=1) would work.
func init() {
	allowlisttypes.RegisterGatewayEnum("agij.jobs.v1.JobStatus", JobStatus_name, JobStatus_value)
	allowlisttypes.RegisterGatewayEnum("agij.jobs.v1.DisputeOutcome", DisputeOutcome_name, DisputeOutcome_value)
	allowlisttypes.RegisterGatewayEnum("agij.jobs.v1.SettlementKind", SettlementKind_name, SettlementKind_value)
	allowlisttypes.RegisterGatewayEnum("agij.jobs.v1.SettledBy", SettledBy_name, SettledBy_value)
}
