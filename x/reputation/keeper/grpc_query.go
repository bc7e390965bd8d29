package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

// Leaderboard limits: 0 asks for the default, more than the maximum gets the
// maximum.
const (
	DefaultLeaderboardLimit = 10
	MaxLeaderboardLimit     = 100
)

type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/reputation Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k}
}

// Params returns the module parameters.
func (q queryServer) Params(ctx context.Context, req *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

// Reputation returns both records of an address.
func (q queryServer) Reputation(ctx context.Context, req *types.QueryReputationRequest) (*types.QueryReputationResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	addr, err := q.addressCodec.StringToBytes(req.Address)
	if err != nil || len(addr) == 0 {
		return nil, status.Errorf(codes.InvalidArgument, "invalid address %q", req.Address)
	}
	agent, err := q.GetRecord(ctx, addr, allowlisttypes.ROLE_AGENT)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	validator, err := q.GetRecord(ctx, addr, allowlisttypes.ROLE_VALIDATOR)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryReputationResponse{Agent: agent, Validator: validator}, nil
}

// Leaderboard returns a role's best records from the ordered index.
func (q queryServer) Leaderboard(ctx context.Context, req *types.QueryLeaderboardRequest) (*types.QueryLeaderboardResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if err := types.ValidateScoredRole(req.Role); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	limit := int(req.Limit)
	switch {
	case limit == 0:
		limit = DefaultLeaderboardLimit
	case limit > MaxLeaderboardLimit:
		limit = MaxLeaderboardLimit
	}
	records, err := q.Keeper.Leaderboard(ctx, req.Role, limit)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryLeaderboardResponse{Records: records}, nil
}
