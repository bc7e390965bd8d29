package jobsenv

import (
	"encoding/json"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// Seed describes jobs written straight into x/jobs' genesis (not by
// transactions), for benchmarks on large states. Job ids run from 1 in this
// order: the due jobs, then the OPEN and IN_PROGRESS jobs interleaved.
type Seed struct {
	// Employers, Agents and Validators are bech32 addresses the jobs use, in
	// rotation. Validators vote on the due jobs (the first three on a
	// DueApproved job, all of them, at most 50, on a DueApprovedAll job).
	Employers, Agents, Validators []string
	// Open jobs have apply_by far in the future (an apply_by queue entry that
	// is not due); InProgress jobs are assigned to an agent with a deadline
	// far in the future (an assignment queue entry that is not due).
	Open, InProgress int
	// DueApproved jobs are APPROVED with three approvals and a challenge
	// period that ends one hour after Now (DueAt): an EndBlocker at DueAt or
	// later settles them, the genesis block does not.
	DueApproved int
	// DueApprovedAll jobs are like DueApproved but carry one approval from
	// every validator of Validators.
	DueApprovedAll int
	// Now is the time the deadlines are relative to.
	Now time.Time
	// PayoutAGI is every job's payout (default 100 AGI).
	PayoutAGI int64
}

// DueAt is when the due jobs fall due: one hour after Now.
func (s Seed) DueAt() time.Time { return s.Now.Add(time.Hour) }

// Total is the number of seeded jobs.
func (s Seed) Total() int { return s.Open + s.InProgress + s.DueApproved + s.DueApprovedAll }

// Build returns the jobs and votes of s under params and what they lock.
func (s Seed) Build(params jobstypes.Params) ([]jobstypes.Job, []jobstypes.Vote, sdk.Coins) {
	if s.PayoutAGI == 0 {
		s.PayoutAGI = 100
	}
	terms := jobstypes.TermsFromParams(params)
	payout := sdk.NewCoin(params.PaymentDenom, AGI(s.PayoutAGI))
	const duration = uint64(9_000_000) // < max_job_duration (10,000,000 s)
	agentBond := terms.AgentBond(payout.Amount, duration)
	valBond := terms.ValidatorBond(payout.Amount)
	tp := func(t time.Time) *time.Time { return &t }

	jobs := make([]jobstypes.Job, 0, s.Total())
	var votes []jobstypes.Vote
	locked := jobstypes.LockedTotals{}
	id := uint64(0)
	base := func() jobstypes.Job {
		id++
		return jobstypes.Job{
			Id: id, Employer: s.Employers[int(id)%len(s.Employers)], SpecUri: "ipfs://bench-spec", Payout: payout,
			DurationSeconds: duration, Status: jobstypes.JOB_STATUS_OPEN, Terms: terms,
			CreatedAt: s.Now.Add(-96 * time.Hour), AgentBond: math.ZeroInt(), ValidatorBond: valBond, DisputeBond: math.ZeroInt(),
		}
	}
	due := func(nVotes int) {
		j := base()
		j.Status = jobstypes.JOB_STATUS_APPROVED
		j.Agent = s.Agents[int(id)%len(s.Agents)]
		// The challenge period ends at DueAt (+ id ms, so the order is fixed).
		approved := s.DueAt().Add(-terms.ChallengePeriod + time.Duration(id)*time.Millisecond)
		j.AssignedAt = tp(approved.Add(-2 * time.Hour))
		j.AgentPayoutPct = terms.DefaultAgentPayoutPct
		j.AgentBond = agentBond
		j.CompletionUri = "ipfs://bench-done"
		j.CompletionRequestedAt = tp(approved.Add(-time.Hour))
		j.ApprovedAt = tp(approved)
		j.Approvals = uint32(nVotes)
		for i := range nVotes {
			votes = append(votes, jobstypes.Vote{
				JobId: j.Id, Validator: s.Validators[i], Approve: true, Bond: valBond,
				CastAt: *j.CompletionRequestedAt, Order: uint32(i + 1),
			})
		}
		jobs = append(jobs, j)
	}
	for range s.DueApproved {
		due(3)
	}
	for range s.DueApprovedAll {
		due(min(len(s.Validators), jobstypes.MaxValidatorsPerJobLimit))
	}
	open, inProgress := s.Open, s.InProgress
	for open+inProgress > 0 {
		j := base()
		if inProgress > 0 && (open == 0 || id%2 == 0) {
			inProgress--
			j.Status = jobstypes.JOB_STATUS_IN_PROGRESS
			j.Agent = s.Agents[int(id/2)%len(s.Agents)]
			j.AssignedAt = tp(s.Now.Add(-time.Hour + time.Duration(id)*time.Second))
			j.AgentPayoutPct = terms.DefaultAgentPayoutPct
			j.AgentBond = agentBond
		} else {
			open--
			j.ApplyBy = tp(s.Now.Add(100*24*time.Hour + time.Duration(id)*time.Second))
		}
		jobs = append(jobs, j)
	}
	for _, j := range jobs {
		locked = locked.Add(j.Locked())
	}
	return jobs, votes, locked.Total()
}

// SeedGenesis writes the jobs of s into gs (x/jobs' genesis, keeping its
// params) and funds the escrow account with exactly what they lock, in
// bank's balances and supply, as InitGenesis requires.
func SeedGenesis(cdc codec.Codec, gs map[string]json.RawMessage, s Seed) {
	var jg jobstypes.GenesisState
	cdc.MustUnmarshalJSON(gs[jobstypes.ModuleName], &jg)
	jobs, votes, locked := s.Build(jg.Params)
	jg.Jobs, jg.Votes, jg.NextJobId = jobs, votes, uint64(len(jobs))+1
	gs[jobstypes.ModuleName] = cdc.MustMarshalJSON(&jg)
	if locked.IsZero() {
		return
	}
	var bg banktypes.GenesisState
	cdc.MustUnmarshalJSON(gs[banktypes.ModuleName], &bg)
	escrow := authtypes.NewModuleAddress(jobstypes.ModuleName).String()
	bg.Balances = append(bg.Balances, banktypes.Balance{Address: escrow, Coins: locked})
	if !bg.Supply.IsZero() {
		bg.Supply = bg.Supply.Add(locked...)
	}
	gs[banktypes.ModuleName] = cdc.MustMarshalJSON(&bg)
}

// AddGenesisAccounts adds base accounts (with the next free account numbers)
// and, when coins is not zero, a balance of coins to each, keeping bank's
// supply in step.
func AddGenesisAccounts(cdc codec.Codec, gs map[string]json.RawMessage, addrs []sdk.AccAddress, coins sdk.Coins) {
	var ag authtypes.GenesisState
	cdc.MustUnmarshalJSON(gs[authtypes.ModuleName], &ag)
	accs, err := authtypes.UnpackAccounts(ag.Accounts)
	if err != nil {
		panic(err)
	}
	next := uint64(0)
	for _, a := range accs {
		next = max(next, a.GetAccountNumber()+1)
	}
	for i, addr := range addrs {
		accs = append(accs, authtypes.NewBaseAccount(addr, nil, next+uint64(i), 0))
	}
	packed, err := authtypes.PackAccounts(accs)
	if err != nil {
		panic(err)
	}
	ag.Accounts = packed
	gs[authtypes.ModuleName] = cdc.MustMarshalJSON(&ag)
	if coins.IsZero() {
		return
	}
	var bg banktypes.GenesisState
	cdc.MustUnmarshalJSON(gs[banktypes.ModuleName], &bg)
	for _, addr := range addrs {
		bg.Balances = append(bg.Balances, banktypes.Balance{Address: addr.String(), Coins: coins})
		if !bg.Supply.IsZero() {
			bg.Supply = bg.Supply.Add(coins...)
		}
	}
	gs[banktypes.ModuleName] = cdc.MustMarshalJSON(&bg)
}

// BenchKey returns the deterministic secp256k1 key number i of a benchmark
// role ("employer", "agent", "validator", "sender", ...).
func BenchKey(role string, i int) *secp256k1.PrivKey {
	return secp256k1.GenPrivKeyFromSecret([]byte(fmt.Sprintf("agij-bench/%s/%d", role, i)))
}

// BenchAddrs returns the addresses of BenchKey(role, 0..n-1).
func BenchAddrs(role string, n int) []sdk.AccAddress {
	out := make([]sdk.AccAddress, n)
	for i := range out {
		out[i] = sdk.AccAddress(BenchKey(role, i).PubKey().Address())
	}
	return out
}

// WithSeed seeds the jobs of s through genesis (see SeedGenesis). Empty
// address lists default to the named accounts: employer and employer2;
// agent1..3; validator1..5.
func WithSeed(s Seed) Option {
	return func(cdc codec.Codec, gs map[string]json.RawMessage) {
		addr := AccountAddresses()
		names := func(ns ...string) []string {
			out := make([]string, len(ns))
			for i, n := range ns {
				out[i] = addr[n].String()
			}
			return out
		}
		if len(s.Employers) == 0 {
			s.Employers = names("employer", "employer2")
		}
		if len(s.Agents) == 0 {
			s.Agents = names("agent1", "agent2", "agent3")
		}
		if len(s.Validators) == 0 {
			s.Validators = names("validator1", "validator2", "validator3", "validator4", "validator5")
		}
		if s.Now.IsZero() {
			s.Now = GenesisTime
		}
		SeedGenesis(cdc, gs, s)
	}
}

// WithAccounts adds base accounts for addrs to genesis, each holding coins.
func WithAccounts(addrs []sdk.AccAddress, coins sdk.Coins) Option {
	return func(cdc codec.Codec, gs map[string]json.RawMessage) {
		AddGenesisAccounts(cdc, gs, addrs, coins)
	}
}
