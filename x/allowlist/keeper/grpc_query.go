package keeper

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/allowlist Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k}
}

// errEmptyRequest answers a nil request.
var errEmptyRequest = status.Error(codes.InvalidArgument, "empty request")

// queryAddress decodes an address argument for a query.
func (q queryServer) queryAddress(field, s string) (sdk.AccAddress, error) {
	bz, err := q.addressCodec.StringToBytes(s)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "%s %q: %s", field, s, err)
	}
	return bz, nil
}

// queryRole checks a role argument.
func queryRole(r types.Role) error {
	if err := r.Validate(); err != nil {
		return status.Errorf(codes.InvalidArgument, "role: %s", err)
	}
	return nil
}

// internal turns a store failure into a gRPC error.
func internal(err error) error { return status.Error(codes.Internal, err.Error()) }

// Params returns the module parameters.
func (q queryServer) Params(ctx context.Context, req *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, internal(err)
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

// Member returns one stored membership, authorized or not.
func (q queryServer) Member(ctx context.Context, req *types.QueryMemberRequest) (*types.QueryMemberResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	addr, err := q.queryAddress("address", req.Address)
	if err != nil {
		return nil, err
	}
	if err := queryRole(req.Role); err != nil {
		return nil, err
	}
	m, err := q.Keeper.Members.Get(ctx, memberKey(req.Role, addr))
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "%s does not hold %s", req.Address, req.Role)
	}
	if err != nil {
		return nil, internal(err)
	}
	return &types.QueryMemberResponse{Member: m}, nil
}

// Members lists the memberships of one role, in address-byte order.
func (q queryServer) Members(ctx context.Context, req *types.QueryMembersRequest) (*types.QueryMembersResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if err := queryRole(req.Role); err != nil {
		return nil, err
	}
	members, page, err := query.CollectionPaginate(ctx, q.Keeper.Members, req.Pagination,
		func(_ collections.Pair[int32, sdk.AccAddress], m types.Member) (types.Member, error) { return m, nil },
		query.WithCollectionPaginationPairPrefix[int32, sdk.AccAddress](int32(req.Role)))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryMembersResponse{Members: members, Pagination: page}, nil
}

// Authorized says whether an address may act in a role now and, if not, why.
func (q queryServer) Authorized(ctx context.Context, req *types.QueryAuthorizedRequest) (*types.QueryAuthorizedResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	addr, err := q.queryAddress("address", req.Address)
	if err != nil {
		return nil, err
	}
	if err := queryRole(req.Role); err != nil {
		return nil, err
	}
	ok, err := q.IsAuthorized(ctx, addr, req.Role)
	switch {
	case ok:
		return &types.QueryAuthorizedResponse{Authorized: true}, nil
	case IsReason(err):
		return &types.QueryAuthorizedResponse{Reason: err.Error()}, nil
	default:
		return nil, internal(err)
	}
}

// Issuers lists the accredited issuers, in address-byte order.
func (q queryServer) Issuers(ctx context.Context, req *types.QueryIssuersRequest) (*types.QueryIssuersResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	issuers, page, err := query.CollectionPaginate(ctx, q.Keeper.Issuers, req.Pagination,
		func(_ sdk.AccAddress, is types.Issuer) (types.Issuer, error) { return is, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryIssuersResponse{Issuers: issuers, Pagination: page}, nil
}

// Issuer returns one accredited issuer.
func (q queryServer) Issuer(ctx context.Context, req *types.QueryIssuerRequest) (*types.QueryIssuerResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	addr, err := q.queryAddress("address", req.Address)
	if err != nil {
		return nil, err
	}
	is, err := q.Keeper.Issuers.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "%s is not an accredited issuer", req.Address)
	}
	if err != nil {
		return nil, internal(err)
	}
	return &types.QueryIssuerResponse{Issuer: is}, nil
}

// Blacklist lists the addresses barred from one role, in address-byte order.
func (q queryServer) Blacklist(ctx context.Context, req *types.QueryBlacklistRequest) (*types.QueryBlacklistResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if err := queryRole(req.Role); err != nil {
		return nil, err
	}
	addrs, page, err := query.CollectionPaginate(ctx, q.Keeper.Blacklist, req.Pagination,
		func(key collections.Pair[int32, sdk.AccAddress], _ collections.NoValue) (string, error) {
			return q.addressCodec.BytesToString(key.K2())
		},
		query.WithCollectionPaginationPairPrefix[int32, sdk.AccAddress](int32(req.Role)))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryBlacklistResponse{Addresses: addrs, Pagination: page}, nil
}

// MerkleRoots lists every current root, by publisher address then role.
func (q queryServer) MerkleRoots(ctx context.Context, req *types.QueryMerkleRootsRequest) (*types.QueryMerkleRootsResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	roots, page, err := query.CollectionPaginate(ctx, q.Keeper.MerkleRoots, req.Pagination,
		func(_ collections.Pair[sdk.AccAddress, int32], r types.MerkleRootEntry) (types.MerkleRootEntry, error) {
			return r, nil
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryMerkleRootsResponse{MerkleRoots: roots, Pagination: page}, nil
}

// MerkleRoot returns the current root of one (publisher, role).
func (q queryServer) MerkleRoot(ctx context.Context, req *types.QueryMerkleRootRequest) (*types.QueryMerkleRootResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	issuer, err := q.queryAddress("issuer", req.Issuer)
	if err != nil {
		return nil, err
	}
	if err := queryRole(req.Role); err != nil {
		return nil, err
	}
	r, err := q.Keeper.MerkleRoots.Get(ctx, collections.Join(issuer, int32(req.Role)))
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "%s has no Merkle root for %s", req.Issuer, req.Role)
	}
	if err != nil {
		return nil, internal(err)
	}
	return &types.QueryMerkleRootResponse{MerkleRoot: r}, nil
}
