package keeper

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/agijobmanager/agij/x/jobs/types"
)

type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/jobs Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k}
}

var errEmptyRequest = status.Error(codes.InvalidArgument, "empty request")

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

// queryJob loads a job for a query: id 0 is InvalidArgument, an unknown id
// NotFound.
func (q queryServer) queryJob(ctx context.Context, id uint64) (types.Job, error) {
	if id == 0 {
		return types.Job{}, status.Error(codes.InvalidArgument, "job_id must be positive (ids start at 1)")
	}
	job, err := q.Keeper.Jobs.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Job{}, status.Errorf(codes.NotFound, "job %d does not exist", id)
	}
	if err != nil {
		return types.Job{}, internal(err)
	}
	return job, nil
}

// Job returns one job.
func (q queryServer) Job(ctx context.Context, req *types.QueryJobRequest) (*types.QueryJobResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	job, err := q.queryJob(ctx, req.JobId)
	if err != nil {
		return nil, err
	}
	return &types.QueryJobResponse{Job: job}, nil
}

// Jobs lists jobs in id order. With an employer or agent it walks that
// address's index (and filters the other fields on its jobs); with only a
// status it walks the status index; with no filter it walks the jobs.
func (q queryServer) Jobs(ctx context.Context, req *types.QueryJobsRequest) (*types.QueryJobsResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if _, ok := types.JobStatus_name[int32(req.Status)]; !ok {
		return nil, status.Errorf(codes.InvalidArgument, "unknown status %d", req.Status)
	}
	var employer, agent sdk.AccAddress
	for _, f := range []struct {
		name string
		in   string
		out  *sdk.AccAddress
	}{{"employer", req.Employer, &employer}, {"agent", req.Agent, &agent}} {
		if f.in == "" {
			continue
		}
		bz, err := q.addressCodec.StringToBytes(f.in)
		if err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "%s %q: %s", f.name, f.in, err)
		}
		*f.out = bz
	}
	match := func(j types.Job) bool {
		return (req.Status == types.JOB_STATUS_UNSPECIFIED || j.Status == req.Status) &&
			(req.Employer == "" || j.Employer == req.Employer) &&
			(req.Agent == "" || j.Agent == req.Agent)
	}

	var (
		jobs []types.Job
		page *query.PageResponse
		err  error
	)
	switch {
	case agent != nil:
		jobs, page, err = paginateIndex(ctx, q.Keeper, q.JobsByAgent, req.Pagination, agent, match)
	case employer != nil:
		jobs, page, err = paginateIndex(ctx, q.Keeper, q.JobsByEmployer, req.Pagination, employer, match)
	case req.Status != types.JOB_STATUS_UNSPECIFIED:
		jobs, page, err = paginateIndex(ctx, q.Keeper, q.JobsByStatus, req.Pagination, int32(req.Status), match)
	default:
		jobs, page, err = query.CollectionPaginate(ctx, q.Keeper.Jobs, req.Pagination,
			func(_ uint64, j types.Job) (types.Job, error) { return j, nil })
	}
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryJobsResponse{Jobs: jobs, Pagination: page}, nil
}

// paginateIndex pages through the jobs an index lists under ref, keeping
// those match accepts; each job is read once.
func paginateIndex[R any](
	ctx context.Context, k Keeper, index collections.KeySet[collections.Pair[R, uint64]],
	page *query.PageRequest, ref R, match func(types.Job) bool,
) ([]types.Job, *query.PageResponse, error) {
	var last types.Job
	return query.CollectionFilteredPaginate(ctx, index, page,
		func(key collections.Pair[R, uint64], _ collections.NoValue) (bool, error) {
			j, err := k.Jobs.Get(ctx, key.K2())
			if err != nil {
				return false, err
			}
			last = j
			return match(j), nil
		},
		func(collections.Pair[R, uint64], collections.NoValue) (types.Job, error) { return last, nil },
		query.WithCollectionPaginationPairPrefix[R, uint64](ref))
}

// Votes lists a job's votes in vote order.
func (q queryServer) Votes(ctx context.Context, req *types.QueryVotesRequest) (*types.QueryVotesResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if _, err := q.queryJob(ctx, req.JobId); err != nil {
		return nil, err
	}
	votes, err := q.jobVotes(ctx, req.JobId)
	if err != nil {
		return nil, internal(err)
	}
	return &types.QueryVotesResponse{Votes: votes}, nil
}

// Certificate returns a job's certificate as x/nft holds it.
func (q queryServer) Certificate(ctx context.Context, req *types.QueryCertificateRequest) (*types.QueryCertificateResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	job, err := q.queryJob(ctx, req.JobId)
	if err != nil {
		return nil, err
	}
	if job.CertificateId == "" {
		return nil, status.Errorf(codes.NotFound, "job %d has no certificate: it is %s, and only an agent win mints one", job.Id, job.Status)
	}
	token, found := q.nftKeeper.GetNFT(ctx, types.CertificateClassID, job.CertificateId)
	if !found {
		return nil, status.Errorf(codes.NotFound, "certificate %s of job %d is not in x/nft", job.CertificateId, job.Id)
	}
	var cert types.JobCertificate
	if token.Data == nil {
		return nil, internal(errors.New("certificate has no data"))
	}
	if err := q.cdc.Unmarshal(token.Data.Value, &cert); err != nil {
		return nil, internal(err)
	}
	owner, err := q.addressCodec.BytesToString(q.nftKeeper.GetOwner(ctx, types.CertificateClassID, job.CertificateId))
	if err != nil {
		return nil, internal(err)
	}
	return &types.QueryCertificateResponse{
		Certificate: cert, ClassId: token.ClassId, NftId: token.Id, Uri: token.Uri, UriHash: token.UriHash, Owner: owner,
	}, nil
}

// Accounting compares the locked totals with the module account's balance.
func (q queryServer) Accounting(ctx context.Context, req *types.QueryAccountingRequest) (*types.QueryAccountingResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	res, err := q.Keeper.Accounting(ctx)
	if err != nil {
		return nil, internal(err)
	}
	return res, nil
}

// Accounting returns the locked totals, their sum, the module balance in
// those denoms and the payment denom, and whether the two agree. Tests and
// the simulation check it after every block.
func (k Keeper) Accounting(ctx context.Context) (*types.QueryAccountingResponse, error) {
	locked, err := k.Locked.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	total := locked.Total()
	denoms := []string{params.PaymentDenom}
	for _, c := range total {
		if c.Denom != params.PaymentDenom {
			denoms = append(denoms, c.Denom)
		}
	}
	balance := sdk.NewCoins()
	for _, d := range denoms {
		balance = balance.Add(k.bankKeeper.GetBalance(ctx, k.moduleAddress, d))
	}
	addr, err := k.addressCodec.BytesToString(k.moduleAddress)
	if err != nil {
		return nil, err
	}
	if locked.Escrow == nil {
		locked = types.LockedTotals{Escrow: sdk.Coins{}, AgentBonds: sdk.Coins{}, ValidatorBonds: sdk.Coins{}, DisputeBonds: sdk.Coins{}}
	}
	return &types.QueryAccountingResponse{
		Locked: locked, LockedTotal: total, ModuleAddress: addr, ModuleBalance: balance, Balanced: balance.Equal(total),
	}, nil
}

// Stats counts the jobs per status.
func (q queryServer) Stats(ctx context.Context, req *types.QueryStatsRequest) (*types.QueryStatsResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	res := &types.QueryStatsResponse{}
	for s := types.JOB_STATUS_OPEN; s <= types.JOB_STATUS_CANCELLED; s++ {
		n, err := q.StatusCounts.Get(ctx, int32(s))
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return nil, internal(err)
		}
		res.Counts = append(res.Counts, types.StatusCount{Status: s, Count: n})
	}
	next, err := q.NextJobID.Peek(ctx)
	if err != nil {
		return nil, internal(err)
	}
	if next > 0 {
		res.Total = next - 1
	}
	pause, err := q.Pause.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, internal(err)
	}
	res.Pause = pause
	return res, nil
}
