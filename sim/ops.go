package sim

import (
	"encoding/hex"
	"fmt"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	jobstypes "github.com/agijobmanager/agij/x/jobs/types"
)

// op is one transaction of a block with its predicted outcome.
type op struct {
	// name is the message type, for the statistics.
	name   string
	msgs   []sdk.Msg
	signer *Account
	// expect is nil for success, else the registered error predicted.
	expect error
	// anteFails is set when the ante handler refuses the transaction (its
	// sequence is then not used).
	anteFails bool
	desc      string
}

// opGen builds one operation from the view, or nil when it finds nothing to
// do.
type opGen struct {
	weight int
	gen    func(s *Sim, v *view) []*op
}

var opGens = []opGen{
	{16, (*Sim).genCreate},
	{1, (*Sim).genBatch},
	{14, (*Sim).genApply},
	{10, (*Sim).genRequest},
	{18, (*Sim).genVote},
	{4, (*Sim).genDispute},
	{5, (*Sim).genResolve},
	{3, (*Sim).genCancel},
	{4, (*Sim).genFinalize},
	{4, (*Sim).genExpire},
	{2, (*Sim).genUnknownJob},
	{4, (*Sim).genProposal},
	{1, (*Sim).genCancelProposal},
	{1, (*Sim).genStrayVote},
}

// genOps builds the block's operations: the operator's votes on open
// proposals, then random operations.
func (s *Sim) genOps(v *view) []*op {
	var ops []*op
	for _, id := range sortedIDs(v.proposals) {
		if !v.operatorVoted[id] && s.rng.IntN(10) < 7 {
			ops = append(ops, s.operatorVote(v, id))
		}
	}
	total := 0
	for _, g := range opGens {
		total += g.weight
	}
	n := s.rng.IntN(s.cfg.MaxOpsPerBlock + 1)
	for attempts := 0; len(ops) < n && attempts < 5*n; attempts++ {
		r := s.rng.IntN(total)
		for _, g := range opGens {
			if r < g.weight {
				ops = append(ops, g.gen(s, v)...)
				break
			}
			r -= g.weight
		}
	}
	return ops
}

// pct is true with probability p percent.
func (s *Sim) pct(p int) bool { return s.rng.IntN(100) < p }

func pick[T any](s *Sim, xs []T) T { return xs[s.rng.IntN(len(xs))] }

// anyAccount is a random account.
func (s *Sim) anyAccount() *Account { return pick(s, s.Accounts) }

// withRole lists the accounts authorized for role now.
func (v *view) withRole(role allowlisttypes.Role) []*Account {
	var out []*Account
	for _, a := range v.s.Accounts {
		if v.authorized(a, role) {
			out = append(out, a)
		}
	}
	return out
}

// pickSigner returns, with probability p %, a random account of good (when
// there is one), else any account.
func (s *Sim) pickSigner(p int, good []*Account) *Account {
	if len(good) > 0 && s.pct(p) {
		return pick(s, good)
	}
	return s.anyAccount()
}

// pickJob returns, with probability p %, one of preferred (when there is
// one), else any job the view can predict, else 0.
func (s *Sim) pickJob(v *view, p int, preferred []uint64) uint64 {
	if len(preferred) > 0 && s.pct(p) {
		return pick(s, preferred)
	}
	if len(preferred) == 0 && s.pct(75) {
		// Nothing suits: mostly do something else.
		return 0
	}
	all := v.jobsIn(jobstypes.JOB_STATUS_OPEN, jobstypes.JOB_STATUS_IN_PROGRESS, jobstypes.JOB_STATUS_COMPLETION_REQUESTED,
		jobstypes.JOB_STATUS_APPROVED, jobstypes.JOB_STATUS_DISPUTED, jobstypes.JOB_STATUS_COMPLETED,
		jobstypes.JOB_STATUS_REFUNDED, jobstypes.JOB_STATUS_EXPIRED, jobstypes.JOB_STATUS_CANCELLED)
	if len(all) == 0 {
		return 0
	}
	return pick(s, all)
}

func (s *Sim) randHash() string {
	if s.pct(30) {
		return ""
	}
	b := make([]byte, 32)
	for i := range b {
		b[i] = byte(s.rng.IntN(256))
	}
	return hex.EncodeToString(b)
}

// newOp finishes an operation: unpredictable ones are dropped.
func newOp(name string, signer *Account, expect error, desc string, msgs ...sdk.Msg) []*op {
	if expect == errUnpredictable {
		return nil
	}
	return []*op{{name: name, msgs: msgs, signer: signer, expect: expect, desc: desc}}
}

// --- MsgCreateJob -----------------------------------------------------------

func (s *Sim) randPayout(v *view) sdk.Coin {
	denom := v.params.PaymentDenom
	var amt math.Int
	switch r := s.rng.IntN(100); {
	case r < 3:
		amt = math.ZeroInt()
	case r < 6:
		amt = v.params.MaxJobPayout.Add(math.NewInt(1 + s.rng.Int64N(1_000_000_000)))
	case r < 10:
		amt = math.NewInt(1 + s.rng.Int64N(2000)) // dust: bonds capped at P
	case r < 12:
		denom = "ufoo"
		amt = agi(1 + s.rng.Int64N(100))
	default:
		// 1 .. ~5000 AGI, log-uniform.
		amt = math.NewInt(1_000_000).MulRaw(int64(1) << s.rng.IntN(13)).AddRaw(s.rng.Int64N(1_000_000_000))
	}
	return sdk.Coin{Denom: denom, Amount: amt}
}

func (s *Sim) genCreate(v *view) []*op {
	var employer *Account
	switch r := s.rng.IntN(100); {
	case r < 80:
		employer = s.byName[fmt.Sprintf("employer%d", s.rng.IntN(4))]
	case r < 90:
		employer = s.byName["pauper"]
	default:
		employer = s.anyAccount()
	}
	msg := &jobstypes.MsgCreateJob{
		Employer: employer.Str,
		SpecUri:  fmt.Sprintf("ipfs://spec/%d/%d", v.height, s.rng.IntN(1_000_000)),
		SpecHash: s.randHash(),
		Payout:   s.randPayout(v),
		Details:  "simulated job",
	}
	maxDur := uint64(v.params.MaxJobDuration / time.Second)
	switch r := s.rng.IntN(100); {
	case r < 3:
		msg.DurationSeconds = 0
	case r < 6:
		msg.DurationSeconds = maxDur + 1 + uint64(s.rng.IntN(100))
	default:
		msg.DurationSeconds = uint64(10 + s.rng.IntN(230))
	}
	switch r := s.rng.IntN(100); {
	case r < 3:
		t := v.now.Add(-time.Duration(s.rng.IntN(10)) * time.Second)
		msg.ApplyBy = &t
	case r < 40:
		t := v.now.Add(time.Duration(5+s.rng.IntN(150)) * time.Second)
		msg.ApplyBy = &t
	}
	switch r := s.rng.IntN(100); {
	case r < 12:
		msg.MinAgentReputation = uint64(1 + s.rng.IntN(60))
	case r < 18:
		msg.MinAgentReputation = 1_000_000
	}
	if s.pct(2) {
		msg.SpecUri = "ipfs://spec with space"
	}
	expect := v.expectCreate(employer, msg)
	if expect == nil {
		v.applyCreate(msg)
	}
	return newOp("MsgCreateJob", employer, expect, fmt.Sprintf("%s creates %s for %ds", employer.Name, msg.Payout, msg.DurationSeconds), msg)
}

func (v *view) expectCreate(employer *Account, msg *jobstypes.MsgCreateJob) error {
	if err := msg.ValidateBasic(); err != nil {
		return jobstypes.ErrInvalidParams
	}
	if err := v.pauseErr(true); err != nil {
		return err
	}
	switch {
	case msg.Payout.Denom != v.params.PaymentDenom,
		msg.Payout.Amount.GT(v.params.MaxJobPayout),
		msg.DurationSeconds > uint64(v.params.MaxJobDuration/time.Second),
		msg.ApplyBy != nil && !msg.ApplyBy.After(v.now):
		return jobstypes.ErrInvalidParams
	}
	if err := v.lockCheck(employer, msg.Payout.Amount); err != nil {
		return err
	}
	v.spend(employer, msg.Payout.Amount)
	return nil
}

// genBatch is an employer posting several jobs in one transaction, all open
// until the same apply_by: those nobody takes fall due together, more than
// the EndBlocker settles in one block.
func (s *Sim) genBatch(v *view) []*op {
	employer := s.byName[fmt.Sprintf("employer%d", s.rng.IntN(4))]
	applyBy := v.now.Add(time.Duration(10+s.rng.IntN(40)) * time.Second)
	var msgs []sdk.Msg
	total := math.ZeroInt()
	for i := range 4 + s.rng.IntN(5) {
		m := &jobstypes.MsgCreateJob{
			Employer:        employer.Str,
			SpecUri:         fmt.Sprintf("ipfs://batch/%d/%d", v.height, i),
			Payout:          sdk.NewCoin(v.params.PaymentDenom, agi(int64(1+s.rng.IntN(500)))),
			DurationSeconds: uint64(10 + s.rng.IntN(120)),
			ApplyBy:         &applyBy,
		}
		if m.Payout.Amount.GT(v.params.MaxJobPayout) || m.DurationSeconds > uint64(v.params.MaxJobDuration/time.Second) {
			return nil
		}
		msgs = append(msgs, m)
		total = total.Add(m.Payout.Amount)
	}
	// All or nothing: the first message refused fails the transaction.
	expect := v.pauseErr(true)
	if expect == nil {
		expect = v.lockCheck(employer, total)
	}
	if expect == nil {
		for _, m := range msgs {
			v.applyCreate(m.(*jobstypes.MsgCreateJob))
		}
		v.spend(employer, total)
	}
	return newOp("MsgCreateJob×batch", employer, expect, fmt.Sprintf("%s posts %d jobs open until %s", employer.Name, len(msgs), applyBy.Format(time.RFC3339)), msgs...)
}

// applyCreate adds the job the message will create to the view.
func (v *view) applyCreate(msg *jobstypes.MsgCreateJob) {
	terms := jobstypes.TermsFromParams(v.params)
	j := &jobstypes.Job{
		Id: v.nextJobID, Employer: msg.Employer, SpecUri: msg.SpecUri, Payout: msg.Payout,
		DurationSeconds: msg.DurationSeconds, MinAgentReputation: msg.MinAgentReputation,
		Status: jobstypes.JOB_STATUS_OPEN, Terms: terms, CreatedAt: v.now,
		AgentBond: math.ZeroInt(), ValidatorBond: terms.ValidatorBond(msg.Payout.Amount), DisputeBond: math.ZeroInt(),
	}
	if msg.ApplyBy != nil {
		t := msg.ApplyBy.UTC()
		j.ApplyBy = &t
	}
	v.jobs[j.Id] = j
	v.nextJobID++
}

// --- MsgApplyForJob ---------------------------------------------------------

func (s *Sim) genApply(v *view) []*op {
	id := s.pickJob(v, 85, v.jobsIn(jobstypes.JOB_STATUS_OPEN))
	if id == 0 {
		return nil
	}
	agent := s.pickSigner(85, v.withRole(allowlisttypes.ROLE_AGENT))
	msg := &jobstypes.MsgApplyForJob{Agent: agent.Str, JobId: id}
	expect := v.expectApply(agent, id)
	ops := newOp("MsgApplyForJob", agent, expect, fmt.Sprintf("%s applies for job %d", agent.Name, id), msg)
	// Sometimes a second agent applies for the same job in the same block:
	// the first one gets it.
	if expect == nil && s.pct(15) {
		other := s.pickSigner(90, v.withRole(allowlisttypes.ROLE_AGENT))
		msg2 := &jobstypes.MsgApplyForJob{Agent: other.Str, JobId: id}
		ops = append(ops, newOp("MsgApplyForJob", other, v.expectApply(other, id),
			fmt.Sprintf("%s applies for job %d after %s", other.Name, id, agent.Name), msg2)...)
	}
	return ops
}

func (v *view) expectApply(agent *Account, id uint64) error {
	if err := v.pauseErr(true); err != nil {
		return err
	}
	j, ok := v.job(id)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if agent.Str == j.Employer {
		return jobstypes.ErrSelfDealing
	}
	if err := v.roleErr(agent, allowlisttypes.ROLE_AGENT); err != nil {
		return err
	}
	if j.Status != jobstypes.JOB_STATUS_OPEN {
		return jobstypes.ErrInvalidState
	}
	// A settlement earlier in the block may free a slot or add reputation,
	// never take them away.
	if v.active[agent.Str] >= uint64(v.params.MaxActiveJobsPerAgent) {
		if v.volatile[agent.Str] {
			return errUnpredictable
		}
		return jobstypes.ErrTooManyActiveJobs
	}
	if v.score[agent.Str] < j.MinAgentReputation {
		if v.volatile[agent.Str] {
			return errUnpredictable
		}
		return jobstypes.ErrInsufficientReputation
	}
	payoutPct := v.payoutPct(j, agent)
	if payoutPct == 0 {
		return jobstypes.ErrIneligiblePayout
	}
	if j.ApplyBy != nil && v.now.After(*j.ApplyBy) {
		return jobstypes.ErrInvalidState
	}
	bond := j.Terms.AgentBond(j.Payout.Amount, j.DurationSeconds)
	if err := v.lockCheck(agent, bond); err != nil {
		return err
	}
	v.spend(agent, bond)
	now := v.now
	j.Status = jobstypes.JOB_STATUS_IN_PROGRESS
	j.Agent = agent.Str
	j.AssignedAt = &now
	j.AgentPayoutPct = payoutPct
	j.AgentBond = bond
	v.active[agent.Str]++
	return nil
}

// payoutPct is the agent's share for the job: the default of its terms or
// a higher tier whose NFT the agent holds.
func (v *view) payoutPct(j *jobstypes.Job, agent *Account) uint32 {
	best := j.Terms.DefaultAgentPayoutPct
	for _, t := range j.Terms.AgentTiers {
		if t.PayoutPct > best && v.s.App.NFTKeeper.GetBalance(v.ctx, t.NftClassId, agent.Addr) > 0 {
			best = t.PayoutPct
		}
	}
	return best
}

// --- MsgRequestCompletion ---------------------------------------------------

func (s *Sim) genRequest(v *view) []*op {
	id := s.pickJob(v, 85, v.jobsIn(jobstypes.JOB_STATUS_IN_PROGRESS))
	if id == 0 {
		return nil
	}
	var signer *Account
	if j := v.jobs[id]; j.Agent != "" && s.pct(90) {
		signer = s.byAddr[j.Agent]
	} else {
		signer = s.anyAccount()
	}
	msg := &jobstypes.MsgRequestCompletion{
		Agent: signer.Str, JobId: id, CompletionUri: fmt.Sprintf("ipfs://work/%d", id), CompletionHash: s.randHash(),
	}
	if s.pct(25) {
		msg.CompletionUri = fmt.Sprintf("/relative/work-%d", id) // joined with certificate_base_uri
	}
	return newOp("MsgRequestCompletion", signer, v.expectRequest(signer, id),
		fmt.Sprintf("%s requests completion of job %d", signer.Name, id), msg)
}

func (v *view) expectRequest(agent *Account, id uint64) error {
	if err := v.pauseErr(false); err != nil {
		return err
	}
	j, ok := v.job(id)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if agent.Str != j.Agent {
		return jobstypes.ErrUnauthorized
	}
	if j.Status != jobstypes.JOB_STATUS_IN_PROGRESS || v.now.After(j.AssignmentDeadline()) {
		return jobstypes.ErrInvalidState
	}
	now := v.now
	j.Status = jobstypes.JOB_STATUS_COMPLETION_REQUESTED
	j.CompletionRequestedAt = &now
	return nil
}

// --- MsgApproveJob / MsgDisapproveJob ---------------------------------------

func (s *Sim) genVote(v *view) []*op {
	id := s.pickJob(v, 85, v.jobsIn(jobstypes.JOB_STATUS_COMPLETION_REQUESTED, jobstypes.JOB_STATUS_APPROVED))
	if id == 0 {
		return nil
	}
	// Validators mostly agree on a job's quality: one job in four is poor
	// work that most of them reject, so every threshold is reached.
	approve := s.pct(85)
	if id%4 == 0 {
		approve = s.pct(10)
	}
	val := s.pickSigner(85, v.withRole(allowlisttypes.ROLE_VALIDATOR))
	var msg sdk.Msg
	name := "MsgApproveJob"
	if approve {
		msg = &jobstypes.MsgApproveJob{Validator: val.Str, JobId: id}
	} else {
		name = "MsgDisapproveJob"
		msg = &jobstypes.MsgDisapproveJob{Validator: val.Str, JobId: id}
	}
	return newOp(name, val, v.expectVote(val, id, approve), fmt.Sprintf("%s votes %v on job %d", val.Name, approve, id), msg)
}

func (v *view) expectVote(val *Account, id uint64, approve bool) error {
	if err := v.pauseErr(false); err != nil {
		return err
	}
	j, ok := v.job(id)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if val.Str == j.Employer || val.Str == j.Agent {
		return jobstypes.ErrSelfDealing
	}
	if err := v.roleErr(val, allowlisttypes.ROLE_VALIDATOR); err != nil {
		return err
	}
	if !j.Status.IsUnderReview() || v.voted[id][val.Str] {
		return jobstypes.ErrInvalidState
	}
	if j.Approvals+j.Disapprovals >= j.Terms.MaxValidatorsPerJob {
		return jobstypes.ErrValidatorLimit
	}
	if v.now.After(j.ReviewEnd()) {
		return jobstypes.ErrInvalidState
	}
	if err := v.lockCheck(val, j.ValidatorBond); err != nil {
		return err
	}
	v.spend(val, j.ValidatorBond)
	v.markVoted(id, val.Str)
	now := v.now
	if approve {
		j.Approvals++
		if j.Status == jobstypes.JOB_STATUS_COMPLETION_REQUESTED && j.Terms.RequiredApprovals > 0 &&
			j.Approvals >= j.Terms.RequiredApprovals {
			j.Status = jobstypes.JOB_STATUS_APPROVED
			j.ApprovedAt = &now
		}
	} else {
		j.Disapprovals++
		if j.Terms.RequiredDisapprovals > 0 && j.Disapprovals >= j.Terms.RequiredDisapprovals {
			j.Status = jobstypes.JOB_STATUS_DISPUTED
			j.DisputedAt = &now
		}
	}
	return nil
}

// --- MsgDisputeJob ----------------------------------------------------------

func (s *Sim) genDispute(v *view) []*op {
	id := s.pickJob(v, 85, v.jobsIn(jobstypes.JOB_STATUS_COMPLETION_REQUESTED, jobstypes.JOB_STATUS_APPROVED))
	if id == 0 {
		return nil
	}
	j := v.jobs[id]
	var signer *Account
	switch r := s.rng.IntN(100); {
	case r < 45:
		signer = s.byAddr[j.Employer]
	case r < 90 && j.Agent != "":
		signer = s.byAddr[j.Agent]
	default:
		signer = s.anyAccount()
	}
	msg := &jobstypes.MsgDisputeJob{Disputant: signer.Str, JobId: id, Reason: "the work does not match the spec"}
	return newOp("MsgDisputeJob", signer, v.expectDispute(signer, id), fmt.Sprintf("%s disputes job %d", signer.Name, id), msg)
}

func (v *view) expectDispute(signer *Account, id uint64) error {
	if err := v.pauseErr(false); err != nil {
		return err
	}
	j, ok := v.job(id)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if signer.Str != j.Employer && signer.Str != j.Agent {
		return jobstypes.ErrUnauthorized
	}
	if !j.Status.IsUnderReview() || v.now.After(j.ReviewEnd()) {
		return jobstypes.ErrInvalidState
	}
	bond := j.Terms.DisputeBond(j.Payout.Amount)
	if err := v.lockCheck(signer, bond); err != nil {
		return err
	}
	v.spend(signer, bond)
	now := v.now
	j.Status = jobstypes.JOB_STATUS_DISPUTED
	j.DisputedAt = &now
	j.DisputeInitiator = signer.Str
	j.DisputeBond = bond
	return nil
}

// --- MsgResolveDispute ------------------------------------------------------

func (s *Sim) genResolve(v *view) []*op {
	id := s.pickJob(v, 85, v.jobsIn(jobstypes.JOB_STATUS_DISPUTED))
	if id == 0 {
		return nil
	}
	mod := s.pickSigner(85, v.withRole(allowlisttypes.ROLE_MODERATOR))
	outcome := jobstypes.DISPUTE_OUTCOME_AGENT_WINS
	switch r := s.rng.IntN(100); {
	case r < 42:
	case r < 84:
		outcome = jobstypes.DISPUTE_OUTCOME_EMPLOYER_WINS
	case r < 97:
		outcome = jobstypes.DISPUTE_OUTCOME_NO_ACTION
	default:
		outcome = jobstypes.DISPUTE_OUTCOME_UNSPECIFIED
	}
	msg := &jobstypes.MsgResolveDispute{Resolver: mod.Str, JobId: id, Outcome: outcome, Reason: "moderator's decision"}
	return newOp("MsgResolveDispute", mod, v.expectResolve(mod, msg), fmt.Sprintf("%s resolves job %d: %s", mod.Name, id, outcome), msg)
}

func (v *view) expectResolve(mod *Account, msg *jobstypes.MsgResolveDispute) error {
	if err := msg.ValidateBasic(); err != nil {
		return jobstypes.ErrInvalidParams
	}
	if err := v.pauseErr(false); err != nil {
		return err
	}
	j, ok := v.job(msg.JobId)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if err := v.roleErr(mod, allowlisttypes.ROLE_MODERATOR); err != nil {
		return err
	}
	if mod.Str == j.Employer || mod.Str == j.Agent || v.voted[j.Id][mod.Str] {
		return jobstypes.ErrSelfDealing
	}
	if j.Status != jobstypes.JOB_STATUS_DISPUTED {
		return jobstypes.ErrInvalidState
	}
	if msg.Outcome != jobstypes.DISPUTE_OUTCOME_NO_ACTION {
		v.settledBy(j)
	}
	return nil
}

// --- MsgCancelJob -----------------------------------------------------------

func (s *Sim) genCancel(v *view) []*op {
	id := s.pickJob(v, 75, v.jobsIn(jobstypes.JOB_STATUS_OPEN))
	if id == 0 {
		return nil
	}
	signer := s.anyAccount()
	if s.pct(85) {
		signer = s.byAddr[v.jobs[id].Employer]
	}
	msg := &jobstypes.MsgCancelJob{Employer: signer.Str, JobId: id}
	return newOp("MsgCancelJob", signer, v.expectCancel(signer, id), fmt.Sprintf("%s cancels job %d", signer.Name, id), msg)
}

func (v *view) expectCancel(signer *Account, id uint64) error {
	if err := v.pauseErr(false); err != nil {
		return err
	}
	j, ok := v.job(id)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if signer.Str != j.Employer {
		return jobstypes.ErrUnauthorized
	}
	if j.Status != jobstypes.JOB_STATUS_OPEN {
		return jobstypes.ErrInvalidState
	}
	v.settledBy(j)
	return nil
}

// --- MsgFinalizeJob / MsgExpireJob -------------------------------------------

// finalizeDue reports whether MsgFinalizeJob would act on j now.
func (v *view) finalizeDue(j *jobstypes.Job) bool {
	if !j.Status.IsUnderReview() {
		return false
	}
	if j.Status == jobstypes.JOB_STATUS_APPROVED {
		if !v.now.After(j.ChallengeEnd()) {
			return false
		}
		if j.Approvals > j.Disapprovals {
			return true
		}
	}
	return v.now.After(j.ReviewEnd())
}

// expireDue reports whether MsgExpireJob would act on j now.
func (v *view) expireDue(j *jobstypes.Job) bool {
	switch j.Status {
	case jobstypes.JOB_STATUS_IN_PROGRESS:
		return v.now.After(j.AssignmentDeadline())
	case jobstypes.JOB_STATUS_OPEN:
		return j.ApplyBy != nil && v.now.After(*j.ApplyBy)
	}
	return false
}

func (s *Sim) genFinalize(v *view) []*op {
	var due []uint64
	for _, id := range v.jobsIn(jobstypes.JOB_STATUS_COMPLETION_REQUESTED, jobstypes.JOB_STATUS_APPROVED) {
		if v.finalizeDue(v.jobs[id]) {
			due = append(due, id)
		}
	}
	if len(due) == 0 || !s.pct(70) {
		due = v.jobsIn(jobstypes.JOB_STATUS_COMPLETION_REQUESTED, jobstypes.JOB_STATUS_APPROVED)
	}
	id := s.pickJob(v, 90, due)
	if id == 0 {
		return nil
	}
	signer := s.anyAccount()
	msg := &jobstypes.MsgFinalizeJob{Sender: signer.Str, JobId: id}
	return newOp("MsgFinalizeJob", signer, v.expectSettleDue(id, v.finalizeDue), fmt.Sprintf("%s finalizes job %d", signer.Name, id), msg)
}

func (s *Sim) genExpire(v *view) []*op {
	var due []uint64
	for _, id := range v.jobsIn(jobstypes.JOB_STATUS_OPEN, jobstypes.JOB_STATUS_IN_PROGRESS) {
		if v.expireDue(v.jobs[id]) {
			due = append(due, id)
		}
	}
	if len(due) == 0 || !s.pct(70) {
		due = v.jobsIn(jobstypes.JOB_STATUS_OPEN, jobstypes.JOB_STATUS_IN_PROGRESS)
	}
	id := s.pickJob(v, 90, due)
	if id == 0 {
		return nil
	}
	signer := s.anyAccount()
	msg := &jobstypes.MsgExpireJob{Sender: signer.Str, JobId: id}
	return newOp("MsgExpireJob", signer, v.expectSettleDue(id, v.expireDue), fmt.Sprintf("%s expires job %d", signer.Name, id), msg)
}

func (v *view) expectSettleDue(id uint64, due func(*jobstypes.Job) bool) error {
	if err := v.pauseErr(false); err != nil {
		return err
	}
	j, ok := v.job(id)
	if !ok {
		return errUnpredictable
	}
	if j == nil {
		return jobstypes.ErrJobNotFound
	}
	if !due(j) {
		return jobstypes.ErrInvalidState
	}
	// Finalize may settle or force a dispute; expire settles. Either way
	// the harness stops modelling the job for this block.
	v.settledBy(j)
	return nil
}

// --- unknown jobs -----------------------------------------------------------

// genUnknownJob sends a job message about an id that does not exist.
func (s *Sim) genUnknownJob(v *view) []*op {
	id := v.nextJobID + 1000 + uint64(s.rng.IntN(1000))
	a := s.anyAccount()
	var msg sdk.Msg
	intake := false
	switch s.rng.IntN(6) {
	case 0:
		msg, intake = &jobstypes.MsgApplyForJob{Agent: a.Str, JobId: id}, true
	case 1:
		msg = &jobstypes.MsgCancelJob{Employer: a.Str, JobId: id}
	case 2:
		msg = &jobstypes.MsgFinalizeJob{Sender: a.Str, JobId: id}
	case 3:
		msg = &jobstypes.MsgExpireJob{Sender: a.Str, JobId: id}
	case 4:
		msg = &jobstypes.MsgDisputeJob{Disputant: a.Str, JobId: id}
	default:
		msg = &jobstypes.MsgApproveJob{Validator: a.Str, JobId: id}
	}
	expect := v.pauseErr(intake)
	if expect == nil {
		expect = jobstypes.ErrJobNotFound
	}
	return newOp(sdk.MsgTypeURL(msg)[len("/agij.jobs.v1."):], a, expect, fmt.Sprintf("%s on unknown job %d", sdk.MsgTypeURL(msg), id), msg)
}
