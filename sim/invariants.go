package sim

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/agijobmanager/agij/app"
	"github.com/agijobmanager/agij/testutil/jobsenv"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// Pre is what the invariants compare a block's outcome with: the committed
// state before it.
type Pre struct {
	Supply math.Int
	Escrow math.Int
}

func (s *Sim) preBlock() (Pre, error) {
	ctx := s.committedCtx()
	return Pre{
		Supply: s.App.BankKeeper.GetSupply(ctx, app.BondDenom).Amount,
		Escrow: s.App.BankKeeper.GetBalance(ctx, s.App.JobsKeeper.ModuleAddress(), app.BondDenom).Amount,
	}, nil
}

// Invariant is one check of the committed state after a block. res is the
// block's FinalizeBlock response and pre the state before it.
type Invariant struct {
	Name  string
	Check func(s *Sim, pre Pre, ev *BlockEvents) error
	// Every, when above 1, runs a costly check only at heights divisible by
	// it (and whenever every invariant is asked for, as before an export).
	Every int
}

// Invariants are checked after every block, in this order.
var Invariants = []Invariant{
	{Name: "escrow-balanced", Check: checkEscrowBalanced},
	{Name: "locked-totals", Check: checkLockedTotals},
	{Name: "queues-and-indexes", Check: checkQueuesAndIndexes},
	{Name: "settlements", Check: checkSettlements},
	{Name: "votes", Check: checkVotes},
	{Name: "counters", Check: checkCounters},
	{Name: "supply", Check: checkSupply},
	{Name: "escrow-events", Check: checkEscrowEvents},
	{Name: "endblocker", Check: checkEndBlocker},
	{Name: "jobs-genesis-roundtrip", Check: checkJobsGenesisRoundTrip, Every: 10},
}

// CheckInvariants runs every invariant on the committed state after the
// block whose response is res.
func (s *Sim) CheckInvariants(pre Pre, res *abci.ResponseFinalizeBlock) error {
	s.lastPre, s.lastRes = pre, res
	ev, err := ParseBlockEvents(res)
	if err != nil {
		return s.failf("events: %v", err)
	}
	// The invariants read the jobs once per block.
	jobs, err := s.allJobs(s.committedCtx())
	if err != nil {
		return s.failf("reading the jobs: %v", err)
	}
	s.jobsMemo = &jobs
	defer func() { s.jobsMemo = nil }()
	for _, inv := range Invariants {
		if inv.Every > 1 && s.Height%int64(inv.Every) != 0 {
			continue
		}
		if err := inv.Check(s, pre, ev); err != nil {
			return s.failf("invariant %s broken: %v", inv.Name, err)
		}
		s.Stats.InvariantChecks++
	}
	return nil
}

// --- events -----------------------------------------------------------------

// BlockEvents are a block's events, split by origin: the transactions that
// succeeded, and the block itself (BeginBlock, EndBlock, which includes what
// governance proposals executed).
type BlockEvents struct {
	Tx    []abci.Event
	Block []abci.Event
	// Typed are the agij typed events, parsed, with their origin.
	Typed []TypedEvent
}

// TypedEvent is a parsed agij event.
type TypedEvent struct {
	Msg     proto.Message
	InBlock bool
}

// ParseBlockEvents sorts out a FinalizeBlock response's events.
func ParseBlockEvents(res *abci.ResponseFinalizeBlock) (*BlockEvents, error) {
	ev := &BlockEvents{Block: res.Events}
	for _, r := range res.TxResults {
		if r.Code == 0 {
			ev.Tx = append(ev.Tx, r.Events...)
		}
	}
	add := func(events []abci.Event, inBlock bool) error {
		for _, e := range events {
			if !strings.HasPrefix(e.Type, "agij.") {
				continue
			}
			msg, err := parseTyped(e)
			if err != nil {
				return err
			}
			ev.Typed = append(ev.Typed, TypedEvent{Msg: msg, InBlock: inBlock})
		}
		return nil
	}
	if err := add(ev.Tx, false); err != nil {
		return nil, err
	}
	if err := add(ev.Block, true); err != nil {
		return nil, err
	}
	return ev, nil
}

// parseTyped parses a typed event without the attributes baseapp adds.
func parseTyped(e abci.Event) (proto.Message, error) {
	clean := abci.Event{Type: e.Type}
	for _, a := range e.Attributes {
		if a.Key != "mode" && a.Key != "msg_index" {
			clean.Attributes = append(clean.Attributes, a)
		}
	}
	msg, err := sdk.ParseTypedEvent(clean)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.Type, err)
	}
	return msg, nil
}

func attr(e abci.Event, key string) string {
	for _, a := range e.Attributes {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// settlementOf returns the Settlement a job's settlement event carries.
func settlementOf(m proto.Message) (*jobstypes.Settlement, bool) {
	switch e := m.(type) {
	case *jobstypes.EventJobCompleted:
		return &e.Settlement, true
	case *jobstypes.EventJobRefunded:
		return &e.Settlement, true
	case *jobstypes.EventJobExpired:
		return &e.Settlement, true
	case *jobstypes.EventJobCancelled:
		return &e.Settlement, true
	}
	return nil, false
}

// paidOut is every base unit a settlement moves out of the escrow account.
func paidOut(st *jobstypes.Settlement) math.Int {
	out := st.AgentTotal.Add(st.EmployerTotal).Add(st.CommunityPool)
	for _, v := range st.Validators {
		out = out.Add(v.BondReturned).Add(v.Reward)
	}
	return out
}

// recordBlockEvents counts the paths the block took.
func (s *Sim) recordBlockEvents(res *abci.ResponseFinalizeBlock) error {
	ev, err := ParseBlockEvents(res)
	if err != nil {
		return s.failf("events: %v", err)
	}
	p := s.Stats.Paths
	for _, te := range ev.Typed {
		name := proto.MessageName(te.Msg)
		p["event:"+name[strings.LastIndex(name, ".")+1:]]++
		if st, ok := settlementOf(te.Msg); ok {
			p["settled:"+strings.TrimPrefix(st.SettledBy.String(), "SETTLED_BY_")]++
			p["kind:"+strings.TrimPrefix(st.Kind.String(), "SETTLEMENT_KIND_")]++
			if te.InBlock {
				p["block:"+strings.TrimPrefix(st.SettledBy.String(), "SETTLED_BY_")]++
			}
		}
		switch e := te.Msg.(type) {
		case *jobstypes.EventJobDisputed:
			p["dispute:"+e.Cause]++
		case *jobstypes.EventPauseSet:
			p[fmt.Sprintf("pause:intake=%v,settlement=%v", e.Intake, e.Settlement)]++
		}
	}
	for _, e := range ev.Block {
		switch e.Type {
		case govtypes.EventTypeActiveProposal:
			p["proposal:"+attr(e, govtypes.AttributeKeyProposalResult)]++
		case banktypes.EventTypeCoinBurn:
			p["burn:"+s.moduleName(attr(e, banktypes.AttributeKeyBurner))]++
		}
	}
	for _, e := range ev.Tx {
		if e.Type == banktypes.EventTypeCoinBurn {
			p["burn:"+s.moduleName(attr(e, banktypes.AttributeKeyBurner))]++
		}
	}
	if n := s.dueEntries(); n > 0 {
		p["carry_over_blocks"]++
	}
	return nil
}

// moduleName names a module account address, or returns the address.
func (s *Sim) moduleName(addr string) string {
	for _, name := range []string{govtypes.ModuleName, minttypes.ModuleName, stakingtypes.BondedPoolName,
		stakingtypes.NotBondedPoolName, jobstypes.ModuleName, authtypes.FeeCollectorName, distrtypes.ModuleName, "nft"} {
		if authtypes.NewModuleAddress(name).String() == addr {
			return name
		}
	}
	return addr
}

// dueEntries counts the queue entries due at the last block time, that the
// EndBlocker left for later.
func (s *Sim) dueEntries() int {
	ctx := s.committedCtx()
	n := 0
	rng := new(collections.Range[collections.Pair[time.Time, uint64]]).EndExclusive(collections.Join(s.Time, uint64(0)))
	for _, q := range jobstypes.QueueKinds() {
		it, err := s.App.JobsKeeper.Queues[q].Iterate(ctx, rng)
		if err != nil {
			return 0
		}
		for ; it.Valid(); it.Next() {
			n++
		}
		it.Close()
	}
	return n
}

// --- the invariants ----------------------------------------------------------

// allJobs reads every job at the committed state.
func (s *Sim) allJobs(ctx sdk.Context) ([]jobstypes.Job, error) {
	if s.jobsMemo != nil {
		return *s.jobsMemo, nil
	}
	var jobs []jobstypes.Job
	err := s.App.JobsKeeper.Jobs.Walk(ctx, nil, func(_ uint64, j jobstypes.Job) (bool, error) {
		jobs = append(jobs, j)
		return false, nil
	})
	return jobs, err
}

// checkEscrowBalanced: the module account holds exactly the locked totals,
// per denom (the Accounting query).
func checkEscrowBalanced(s *Sim, _ Pre, _ *BlockEvents) error {
	acc, err := s.App.JobsKeeper.Accounting(s.committedCtx())
	if err != nil {
		return err
	}
	if !acc.Balanced {
		return fmt.Errorf("escrow %s holds %s, the jobs lock %s", acc.ModuleAddress, acc.ModuleBalance, acc.LockedTotal)
	}
	return nil
}

// checkLockedTotals: each locked total equals the sum over the jobs of what
// each holds for that purpose.
func checkLockedTotals(s *Sim, _ Pre, _ *BlockEvents) error {
	ctx := s.committedCtx()
	jobs, err := s.allJobs(ctx)
	if err != nil {
		return err
	}
	sum := jobstypes.LockedTotals{}
	for _, j := range jobs {
		sum = sum.Add(j.Locked())
	}
	got, err := s.App.JobsKeeper.Locked.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	for _, c := range []struct {
		name      string
		got, want sdk.Coins
	}{
		{"escrow", got.Escrow, sum.Escrow},
		{"agent_bonds", got.AgentBonds, sum.AgentBonds},
		{"validator_bonds", got.ValidatorBonds, sum.ValidatorBonds},
		{"dispute_bonds", got.DisputeBonds, sum.DisputeBonds},
	} {
		if !c.got.Equal(c.want) {
			return fmt.Errorf("locked %s is %s, the jobs hold %s", c.name, c.got, c.want)
		}
	}
	return nil
}

type pairKey[K comparable] struct {
	k  K
	id uint64
}

// checkQueuesAndIndexes: each deadline queue holds (deadline, id) exactly
// for the jobs whose state gives them that deadline, and the status,
// employer and agent indexes hold exactly the jobs' entries.
func checkQueuesAndIndexes(s *Sim, _ Pre, _ *BlockEvents) error {
	ctx := s.committedCtx()
	k := s.App.JobsKeeper
	jobs, err := s.allJobs(ctx)
	if err != nil {
		return err
	}
	for _, q := range jobstypes.QueueKinds() {
		want := map[pairKey[int64]]bool{}
		for _, j := range jobs {
			if at, ok := j.Deadline(q); ok {
				want[pairKey[int64]{at.UnixNano(), j.Id}] = true
			}
		}
		got := map[pairKey[int64]]bool{}
		if err := k.Queues[q].Walk(ctx, nil, func(key collections.Pair[time.Time, uint64]) (bool, error) {
			got[pairKey[int64]{key.K1().UnixNano(), key.K2()}] = true
			return false, nil
		}); err != nil {
			return err
		}
		if err := sameSet("queue "+q.String(), want, got); err != nil {
			return err
		}
	}

	wantStatus, gotStatus := map[pairKey[int32]]bool{}, map[pairKey[int32]]bool{}
	wantEmp, gotEmp := map[pairKey[string]]bool{}, map[pairKey[string]]bool{}
	wantAgent, gotAgent := map[pairKey[string]]bool{}, map[pairKey[string]]bool{}
	for _, j := range jobs {
		wantStatus[pairKey[int32]{int32(j.Status), j.Id}] = true
		wantEmp[pairKey[string]{j.Employer, j.Id}] = true
		if j.Agent != "" {
			wantAgent[pairKey[string]{j.Agent, j.Id}] = true
		}
	}
	if err := k.JobsByStatus.Walk(ctx, nil, func(key collections.Pair[int32, uint64]) (bool, error) {
		gotStatus[pairKey[int32]{key.K1(), key.K2()}] = true
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.JobsByEmployer.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		gotEmp[pairKey[string]{key.K1().String(), key.K2()}] = true
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.JobsByAgent.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		gotAgent[pairKey[string]{key.K1().String(), key.K2()}] = true
		return false, nil
	}); err != nil {
		return err
	}
	if err := sameSet("status index", wantStatus, gotStatus); err != nil {
		return err
	}
	if err := sameSet("employer index", wantEmp, gotEmp); err != nil {
		return err
	}
	return sameSet("agent index", wantAgent, gotAgent)
}

func sameSet[K comparable](what string, want, got map[K]bool) error {
	for key := range want {
		if !got[key] {
			return fmt.Errorf("%s lacks %+v", what, key)
		}
	}
	for key := range got {
		if !want[key] {
			return fmt.Errorf("%s has an extra entry %+v", what, key)
		}
	}
	return nil
}

// terminalStatus is the status each settlement kind leaves.
var terminalStatus = map[jobstypes.SettlementKind]jobstypes.JobStatus{
	jobstypes.SETTLEMENT_KIND_AGENT_WON:    jobstypes.JOB_STATUS_COMPLETED,
	jobstypes.SETTLEMENT_KIND_EMPLOYER_WON: jobstypes.JOB_STATUS_REFUNDED,
	jobstypes.SETTLEMENT_KIND_EXPIRED:      jobstypes.JOB_STATUS_EXPIRED,
	jobstypes.SETTLEMENT_KIND_CANCELLED:    jobstypes.JOB_STATUS_CANCELLED,
}

// checkSettlements: a terminal job has a Settlement of the matching kind
// that paid out exactly what the job held (payout and every bond) and holds
// nothing; a job that is not terminal has no Settlement and no
// certificate; a COMPLETED job's certificate exists and belongs to its
// employer.
func checkSettlements(s *Sim, _ Pre, _ *BlockEvents) error {
	ctx := s.committedCtx()
	jobs, err := s.allJobs(ctx)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if !j.Status.IsTerminal() {
			if j.Settlement != nil || j.CertificateId != "" {
				return fmt.Errorf("job %d is %s but has a settlement (%v) or certificate %q", j.Id, j.Status, j.Settlement != nil, j.CertificateId)
			}
			continue
		}
		st := j.Settlement
		if st == nil {
			return fmt.Errorf("job %d is %s without a settlement", j.Id, j.Status)
		}
		if terminalStatus[st.Kind] != j.Status {
			return fmt.Errorf("job %d is %s but settled as %s", j.Id, j.Status, st.Kind)
		}
		held := j.Payout.Amount.Add(orZero(j.AgentBond)).Add(orZero(j.DisputeBond)).
			Add(orZero(j.ValidatorBond).MulRaw(int64(j.Approvals + j.Disapprovals)))
		if out := paidOut(st); !out.Equal(held) {
			return fmt.Errorf("job %d held %s but its settlement paid out %s", j.Id, held, out)
		}
		if !j.Locked().Total().IsZero() {
			return fmt.Errorf("terminal job %d still locks %s", j.Id, j.Locked().Total())
		}
		wantCert := j.Status == jobstypes.JOB_STATUS_COMPLETED
		if wantCert != (j.CertificateId != "") {
			return fmt.Errorf("job %d is %s with certificate %q", j.Id, j.Status, j.CertificateId)
		}
		if wantCert {
			owner := s.App.NFTKeeper.GetOwner(ctx, jobstypes.CertificateClassID, j.CertificateId)
			if owner.String() != j.Employer {
				return fmt.Errorf("certificate %s of job %d belongs to %q, not the employer %s", j.CertificateId, j.Id, owner.String(), j.Employer)
			}
		}
	}
	return nil
}

func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}

// checkVotes: every vote belongs to a job, a job's votes agree with its
// approval and disapproval counts, are numbered 1..n in vote order and each
// locked the job's validator bond.
func checkVotes(s *Sim, _ Pre, _ *BlockEvents) error {
	ctx := s.committedCtx()
	k := s.App.JobsKeeper
	type tally struct {
		approvals, disapprovals uint32
		orders                  map[uint32]bool
	}
	tallies := map[uint64]*tally{}
	var bad error
	if err := k.Votes.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], v jobstypes.Vote) (bool, error) {
		j, err := k.Jobs.Get(ctx, key.K1())
		if err != nil {
			bad = fmt.Errorf("vote %d/%s for a job that cannot be read: %v", key.K1(), key.K2(), err)
			return true, nil
		}
		if v.JobId != key.K1() || v.Validator != key.K2().String() || !v.Bond.Equal(orZero(j.ValidatorBond)) {
			bad = fmt.Errorf("vote %d/%s does not match its key or job: %+v", key.K1(), key.K2(), v)
			return true, nil
		}
		t := tallies[key.K1()]
		if t == nil {
			t = &tally{orders: map[uint32]bool{}}
			tallies[key.K1()] = t
		}
		if v.Approve {
			t.approvals++
		} else {
			t.disapprovals++
		}
		t.orders[v.Order] = true
		return false, nil
	}); err != nil {
		return err
	}
	if bad != nil {
		return bad
	}
	jobs, err := s.allJobs(ctx)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		t := tallies[j.Id]
		if t == nil {
			t = &tally{orders: map[uint32]bool{}}
		}
		if t.approvals != j.Approvals || t.disapprovals != j.Disapprovals {
			return fmt.Errorf("job %d counts %d/%d votes, the store holds %d/%d", j.Id, j.Approvals, j.Disapprovals, t.approvals, t.disapprovals)
		}
		for o := uint32(1); o <= j.Approvals+j.Disapprovals; o++ {
			if !t.orders[o] {
				return fmt.Errorf("job %d has no vote number %d", j.Id, o)
			}
		}
		if j.Approvals+j.Disapprovals > j.Terms.MaxValidatorsPerJob {
			return fmt.Errorf("job %d has %d votes, more than its max_validators_per_job %d", j.Id, j.Approvals+j.Disapprovals, j.Terms.MaxValidatorsPerJob)
		}
	}
	return nil
}

// checkCounters: the status counts and the agents' active-job counts equal
// a recount; the id sequence is one past the highest id and ids run 1..n.
func checkCounters(s *Sim, _ Pre, _ *BlockEvents) error {
	ctx := s.committedCtx()
	k := s.App.JobsKeeper
	jobs, err := s.allJobs(ctx)
	if err != nil {
		return err
	}
	wantStatus := map[int32]uint64{}
	wantActive := map[string]uint64{}
	for i, j := range jobs {
		if j.Id != uint64(i+1) {
			return fmt.Errorf("job ids are not 1..n: position %d holds id %d", i+1, j.Id)
		}
		wantStatus[int32(j.Status)]++
		if j.Status.IsActive() {
			wantActive[j.Agent]++
		}
	}
	gotStatus := map[int32]uint64{}
	if err := k.StatusCounts.Walk(ctx, nil, func(st int32, n uint64) (bool, error) {
		gotStatus[st] = n
		return false, nil
	}); err != nil {
		return err
	}
	if err := sameCounts("status counts", wantStatus, gotStatus); err != nil {
		return err
	}
	gotActive := map[string]uint64{}
	if err := k.ActiveJobs.Walk(ctx, nil, func(a sdk.AccAddress, n uint64) (bool, error) {
		gotActive[a.String()] = n
		return false, nil
	}); err != nil {
		return err
	}
	if err := sameCounts("active jobs", wantActive, gotActive); err != nil {
		return err
	}
	next, err := k.NextJobID.Peek(ctx)
	if err != nil {
		return err
	}
	if next != uint64(len(jobs))+1 {
		return fmt.Errorf("next job id is %d with %d jobs", next, len(jobs))
	}
	return nil
}

func sameCounts[K comparable](what string, want, got map[K]uint64) error {
	for key, n := range got {
		if n == 0 {
			return fmt.Errorf("%s keeps a zero counter for %v", what, key)
		}
		if want[key] != n {
			return fmt.Errorf("%s: %v counts %d, recount %d", what, key, n, want[key])
		}
	}
	for key, n := range want {
		if got[key] != n {
			return fmt.Errorf("%s: %v counts %d, recount %d", what, key, got[key], n)
		}
	}
	return nil
}

// checkSupply: the supply of the payment denom moves only by what x/mint
// minted and what gov (deposits) and the staking pools (slashes) burnt,
// each seen in the block's bank events; nobody else mints or burns (x/jobs
// has neither permission), and x/mint's event agrees with the bank's.
func checkSupply(s *Sim, pre Pre, ev *BlockEvents) error {
	ctx := s.committedCtx()
	minted, burnt, mintEvent := math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	mintAddr := authtypes.NewModuleAddress(minttypes.ModuleName).String()
	burners := map[string]bool{
		authtypes.NewModuleAddress(govtypes.ModuleName).String():            true,
		authtypes.NewModuleAddress(stakingtypes.BondedPoolName).String():    true,
		authtypes.NewModuleAddress(stakingtypes.NotBondedPoolName).String(): true,
	}
	for _, events := range [][]abci.Event{ev.Tx, ev.Block} {
		for _, e := range events {
			switch e.Type {
			case banktypes.EventTypeCoinMint:
				if m := attr(e, banktypes.AttributeKeyMinter); m != mintAddr {
					return fmt.Errorf("%s minted coins", s.moduleName(m))
				}
				amt, err := sdk.ParseCoinsNormalized(attr(e, sdk.AttributeKeyAmount))
				if err != nil {
					return err
				}
				minted = minted.Add(amt.AmountOf(app.BondDenom))
			case banktypes.EventTypeCoinBurn:
				if b := attr(e, banktypes.AttributeKeyBurner); !burners[b] {
					return fmt.Errorf("%s burnt coins", s.moduleName(b))
				}
				amt, err := sdk.ParseCoinsNormalized(attr(e, sdk.AttributeKeyAmount))
				if err != nil {
					return err
				}
				burnt = burnt.Add(amt.AmountOf(app.BondDenom))
			case minttypes.EventTypeMint:
				amt, ok := math.NewIntFromString(attr(e, sdk.AttributeKeyAmount))
				if !ok {
					return fmt.Errorf("mint event amount %q", attr(e, sdk.AttributeKeyAmount))
				}
				mintEvent = mintEvent.Add(amt)
			}
		}
	}
	if !minted.Equal(mintEvent) {
		return fmt.Errorf("the bank minted %s, x/mint reports %s", minted, mintEvent)
	}
	post := s.App.BankKeeper.GetSupply(ctx, app.BondDenom).Amount
	if want := pre.Supply.Add(minted).Sub(burnt); !post.Equal(want) {
		return fmt.Errorf("supply went from %s to %s; minted %s, burnt %s: expected %s", pre.Supply, post, minted, burnt, want)
	}
	return nil
}

// checkEscrowEvents: the escrow account's balance moves exactly as the
// bank's transfers say, those transfers run only between the escrow and
// ordinary accounts or the community pool (distribution), and the typed
// x/jobs events rebuild the same amounts: payouts and bonds in,
// settlements out.
func checkEscrowEvents(s *Sim, pre Pre, ev *BlockEvents) error {
	ctx := s.committedCtx()
	in, out := math.ZeroInt(), math.ZeroInt()
	for _, te := range ev.Typed {
		switch e := te.Msg.(type) {
		case *jobstypes.EventJobCreated:
			in = in.Add(e.Payout.Amount)
		case *jobstypes.EventJobApplied:
			in = in.Add(e.AgentBond.Amount)
		case *jobstypes.EventJobVoted:
			in = in.Add(e.Bond.Amount)
		case *jobstypes.EventJobDisputed:
			in = in.Add(e.DisputeBond.Amount)
		default:
			if st, ok := settlementOf(te.Msg); ok {
				out = out.Add(paidOut(st))
			}
		}
	}
	escrow := s.App.JobsKeeper.ModuleAddress().String()
	pool := authtypes.NewModuleAddress(distrtypes.ModuleName).String()
	bankIn, bankOut := math.ZeroInt(), math.ZeroInt()
	for _, events := range [][]abci.Event{ev.Tx, ev.Block} {
		for _, e := range events {
			if e.Type != banktypes.EventTypeTransfer {
				continue
			}
			from, to := attr(e, banktypes.AttributeKeySender), attr(e, banktypes.AttributeKeyRecipient)
			if from != escrow && to != escrow {
				continue
			}
			amt, err := sdk.ParseCoinsNormalized(attr(e, sdk.AttributeKeyAmount))
			if err != nil {
				return err
			}
			other := to
			if to == escrow {
				other = from
				bankIn = bankIn.Add(amt.AmountOf(app.BondDenom))
			} else {
				bankOut = bankOut.Add(amt.AmountOf(app.BondDenom))
			}
			if name := s.moduleName(other); name != other && !(other == pool && from == escrow) {
				return fmt.Errorf("the escrow account exchanged %s with the %s module account", amt, name)
			}
		}
	}
	post := s.App.BankKeeper.GetBalance(ctx, s.App.JobsKeeper.ModuleAddress(), app.BondDenom).Amount
	if want := pre.Escrow.Add(bankIn).Sub(bankOut); !post.Equal(want) {
		return fmt.Errorf("escrow went from %s to %s, the bank's transfers say +%s -%s", pre.Escrow, post, bankIn, bankOut)
	}
	if !in.Equal(bankIn) || !out.Equal(bankOut) {
		return fmt.Errorf("the x/jobs events say +%s -%s, the bank moved +%s -%s", in, out, bankIn, bankOut)
	}
	return nil
}

// checkEndBlocker: no settlement failed; the EndBlocker handled at most
// max_settlements_per_block due entries, none while settlement is paused,
// and it left due entries only when it hit the cap.
func checkEndBlocker(s *Sim, _ Pre, ev *BlockEvents) error {
	ctx := s.committedCtx()
	processed := 0
	for _, te := range ev.Typed {
		if f, ok := te.Msg.(*jobstypes.EventSettlementFailed); ok {
			return fmt.Errorf("settlement of job %d (%s) failed: %s", f.JobId, f.Queue, f.Error)
		}
		if !te.InBlock {
			continue
		}
		switch e := te.Msg.(type) {
		case *jobstypes.EventDisputeStale:
			processed++
		case *jobstypes.EventJobDisputed:
			if e.Cause == "review_end" {
				processed++
			}
		default:
			if st, ok := settlementOf(te.Msg); ok {
				switch st.SettledBy {
				case jobstypes.SETTLED_BY_VOTES, jobstypes.SETTLED_BY_NO_VOTES, jobstypes.SETTLED_BY_EXPIRY, jobstypes.SETTLED_BY_APPLY_BY:
					processed++
				}
			}
		}
	}
	params, err := s.App.JobsKeeper.Params.Get(ctx)
	if err != nil {
		return err
	}
	pause, err := s.App.JobsKeeper.Pause.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	limit := int(params.MaxSettlementsPerBlock)
	switch left := s.dueEntries(); {
	case pause.Settlement && processed > 0:
		return fmt.Errorf("the EndBlocker handled %d entries while settlement is paused", processed)
	case processed > limit:
		return fmt.Errorf("the EndBlocker handled %d entries, the cap is %d", processed, limit)
	case !pause.Settlement && processed < limit && left > 0:
		return fmt.Errorf("the EndBlocker handled %d entries (cap %d) and left %d due", processed, limit, left)
	}
	return nil
}

// checkJobsGenesisRoundTrip: exporting x/jobs' genesis and importing it into
// an emptied store rebuilds exactly the same store (every index, queue,
// total and counter is a function of the jobs and votes).
func checkJobsGenesisRoundTrip(s *Sim, _ Pre, _ *BlockEvents) error {
	ctx := s.committedCtx()
	k := s.App.JobsKeeper
	key := s.App.GetKey(jobstypes.StoreKey)
	before := jobsenv.StoreDump(ctx, key)
	gs, err := k.ExportGenesis(ctx)
	if err != nil {
		return err
	}
	cache, _ := ctx.CacheContext()
	st := cache.KVStore(key)
	for _, kv := range before {
		st.Delete(kv[0])
	}
	if err := k.InitGenesis(cache, gs); err != nil {
		return fmt.Errorf("importing the exported genesis: %w", err)
	}
	after := jobsenv.StoreDump(cache, key)
	if len(after) != len(before) {
		return fmt.Errorf("the store holds %d keys, a genesis round trip rebuilds %d", len(before), len(after))
	}
	for i := range before {
		if !bytes.Equal(before[i][0], after[i][0]) || !bytes.Equal(before[i][1], after[i][1]) {
			return fmt.Errorf("key %x differs after a genesis round trip (rebuilt key %x)", before[i][0], after[i][0])
		}
	}
	return nil
}
