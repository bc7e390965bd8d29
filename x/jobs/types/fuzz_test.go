package types_test

// Fuzz targets of issue 7 item 4 for x/jobs: the stateless validation of
// every Msg, the settlement arithmetic and the bond formulas. Seed corpora
// are in testdata/fuzz/<FuzzName>/; scripts/fuzz.sh runs every target for a
// bounded time (go test -fuzz), and `go test` replays the seeds.

import (
	"bytes"
	"errors"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/agijobmanager/agij/x/jobs/types"
)

// ---------------------------------------------------------------------------
// Message validation

// fzAddress turns fuzz input into a signer: a well-formed address of the
// process's prefix made from addrBytes, the raw string, a fixed valid
// address, or addrBytes under another bech32 prefix.
func fzAddress(mode uint8, addrBytes []byte, raw string) string {
	switch mode % 4 {
	case 0:
		return sdk.AccAddress(addrBytes).String()
	case 1:
		return raw
	case 2:
		return employerAddr
	default:
		s, err := bech32.ConvertAndEncode("osmo", addrBytes)
		if err != nil {
			return raw
		}
		return s
	}
}

// fzInt reads an amount: a decimal string (empty or malformed gives a nil
// Int, which a hostile client can also send).
func fzInt(s string) math.Int {
	i, ok := math.NewIntFromString(s)
	if !ok {
		return math.Int{}
	}
	return i
}

// The documented limits (DESIGN §3.2), restated independently of msgs.go.

func fzAddrOK(s string) bool {
	_, err := sdk.AccAddressFromBech32(s)
	return err == nil
}

// fzURIOK: 1..max bytes of valid UTF-8, no whitespace; U+FFFD is refused
// as well, since it is what invalid UTF-8 decodes to.
func fzURIOK(s string, maxLen int) bool {
	if len(s) == 0 || len(s) > maxLen || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}

func fzHashOK(h string) bool {
	if h == "" {
		return true
	}
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if !strings.ContainsRune("0123456789abcdef", rune(h[i])) {
			return false
		}
	}
	return true
}

func fzPayoutOK(c sdk.Coin) bool {
	return sdk.ValidateDenom(c.Denom) == nil && !c.Amount.IsNil() && c.Amount.IsPositive()
}

// fzParamsLimits restates the limits Params.Validate documents; it returns a
// description of the first one that does not hold.
func fzParamsLimits(p types.Params) string {
	const maxVotes = types.MaxValidatorsPerJobLimit
	switch {
	case sdk.ValidateDenom(p.PaymentDenom) != nil:
		return "payment_denom"
	case p.MaxValidatorsPerJob < 1 || p.MaxValidatorsPerJob > maxVotes:
		return "max_validators_per_job"
	case uint64(p.RequiredApprovals)+uint64(p.RequiredDisapprovals) > maxVotes:
		return "required_approvals + required_disapprovals"
	case p.VoteQuorum < 1 || p.VoteQuorum > p.MaxValidatorsPerJob ||
		p.RequiredApprovals > p.MaxValidatorsPerJob || p.RequiredDisapprovals > p.MaxValidatorsPerJob:
		return "vote thresholds"
	case p.ValidatorRewardPct < 1 || p.ValidatorRewardPct > 100:
		return "validator_reward_pct"
	case uint64(p.DefaultAgentPayoutPct)+uint64(p.ValidatorRewardPct) > 100:
		return "default_agent_payout_pct + validator_reward_pct"
	case len(p.AgentTiers) > types.MaxAgentTiers:
		return "agent_tiers length"
	case p.ValidatorSlashBps > types.BpsDenominator:
		return "validator_slash_bps"
	case p.MaxJobPayout.IsNil() || !p.MaxJobPayout.IsPositive() || p.MaxJobPayout.GT(types.MaxAmount):
		return "max_job_payout"
	case p.MaxJobDuration <= 0 || p.MaxJobDuration%time.Second != 0:
		return "max_job_duration"
	case p.MaxActiveJobsPerAgent < 1 || p.MaxActiveJobsPerAgent > types.MaxActiveJobsPerAgentLimit:
		return "max_active_jobs_per_agent"
	case p.MaxSettlementsPerBlock < 1 || p.MaxSettlementsPerBlock > types.MaxSettlementsPerBlockLimit:
		return "max_settlements_per_block"
	case len(p.CertificateBaseUri) > types.MaxCertificateBaseURILength || strings.IndexFunc(p.CertificateBaseUri, unicode.IsSpace) >= 0:
		return "certificate_base_uri"
	}
	for _, d := range []time.Duration{p.CompletionReviewPeriod, p.ChallengePeriod, p.DisputeReviewPeriod} {
		if d <= 0 || d%time.Second != 0 || d > types.MaxReviewPeriod {
			return "review periods"
		}
	}
	for _, t := range p.AgentTiers {
		if t.PayoutPct < 1 || t.PayoutPct > 100 || uint64(t.PayoutPct)+uint64(p.ValidatorRewardPct) > 100 {
			return "agent tier payout_pct"
		}
		if len(t.NftClassId) < 3 || len(t.NftClassId) > 100 {
			return "agent tier class id"
		}
	}
	for _, b := range []struct {
		bps      uint32
		min, max math.Int
		withBps  bool
	}{
		{p.AgentBondBps, p.AgentBondMin, p.AgentBondMax, false},
		{p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax, true},
		{p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax, true},
	} {
		if b.bps > types.BpsDenominator || b.min.IsNil() || b.max.IsNil() || b.min.IsNegative() || b.min.GT(b.max) ||
			b.max.GT(types.MaxAmount) {
			return "bond bps/min/max"
		}
		off := b.bps == 0 && b.min.IsZero() && b.max.IsZero()
		if !off && (!b.max.IsPositive() || (b.withBps && b.bps > 0 && b.min.IsZero())) {
			return "bond max/min"
		}
	}
	return ""
}

// fzCheckJobsMsg runs ValidateBasic and compares its verdict with the
// documented limits. A refusal must be one of the module's registered
// errors or the SDK's invalid-address error.
func fzCheckJobsMsg(t *testing.T, msg sdk.HasValidateBasic) {
	t.Helper()
	var want bool
	limit := ""
	switch m := msg.(type) {
	case *types.MsgCreateJob:
		want = fzAddrOK(m.Employer) && fzURIOK(m.SpecUri, types.MaxSpecURILength) && fzHashOK(m.SpecHash) &&
			fzPayoutOK(m.Payout) && m.DurationSeconds > 0 && len(m.Details) <= types.MaxDetailsLength
	case *types.MsgCancelJob:
		want = fzAddrOK(m.Employer) && m.JobId > 0
	case *types.MsgDelistJob:
		want = fzAddrOK(m.Authority) && m.JobId > 0 && len(m.Reason) <= types.MaxReasonLength
	case *types.MsgApplyForJob:
		want = fzAddrOK(m.Agent) && m.JobId > 0
	case *types.MsgRequestCompletion:
		want = fzAddrOK(m.Agent) && m.JobId > 0 && fzURIOK(m.CompletionUri, types.MaxCompletionURILength) && fzHashOK(m.CompletionHash)
	case *types.MsgApproveJob:
		want = fzAddrOK(m.Validator) && m.JobId > 0
	case *types.MsgDisapproveJob:
		want = fzAddrOK(m.Validator) && m.JobId > 0
	case *types.MsgDisputeJob:
		want = fzAddrOK(m.Disputant) && m.JobId > 0 && len(m.Reason) <= types.MaxReasonLength
	case *types.MsgResolveDispute:
		want = fzAddrOK(m.Resolver) && m.JobId > 0 && len(m.Reason) <= types.MaxReasonLength &&
			(m.Outcome == types.DISPUTE_OUTCOME_AGENT_WINS || m.Outcome == types.DISPUTE_OUTCOME_EMPLOYER_WINS ||
				m.Outcome == types.DISPUTE_OUTCOME_NO_ACTION)
	case *types.MsgFinalizeJob:
		want = fzAddrOK(m.Sender) && m.JobId > 0
	case *types.MsgExpireJob:
		want = fzAddrOK(m.Sender) && m.JobId > 0
	case *types.MsgSetPause:
		want = fzAddrOK(m.Authority)
	case *types.MsgUpdateParams:
		// Validate is the definition; the restated limits must follow from it.
		want = fzAddrOK(m.Authority) && m.Params.Validate() == nil
		if want {
			limit = fzParamsLimits(m.Params)
		}
	default:
		t.Fatalf("unexpected message %T", msg)
	}
	err := msg.ValidateBasic()
	if want != (err == nil) {
		t.Fatalf("%T: ValidateBasic returned %v, the documented limits say valid=%v\n%+v", msg, err, want, msg)
	}
	if limit != "" {
		t.Fatalf("MsgUpdateParams accepted although %s is out of its documented range: %+v", limit, msg)
	}
	if err != nil {
		if !errors.Is(err, types.ErrInvalidParams) && !errors.Is(err, sdkerrors.ErrInvalidAddress) {
			t.Fatalf("%T: refusal %q is neither ErrInvalidParams nor ErrInvalidAddress", msg, err)
		}
		return
	}
	// An accepted message survives the wire: it encodes, decodes to the
	// same bytes and is still accepted.
	pm, ok := msg.(interface {
		Marshal() ([]byte, error)
		Unmarshal([]byte) error
	})
	if !ok {
		t.Fatalf("%T has no gogoproto Marshal", msg)
	}
	bz, err := pm.Marshal()
	if err != nil {
		t.Fatalf("%T: an accepted message does not encode: %v", msg, err)
	}
	back := fzNewLike(msg)
	if err := back.(interface{ Unmarshal([]byte) error }).Unmarshal(bz); err != nil {
		t.Fatalf("%T: decoding its own encoding: %v", msg, err)
	}
	bz2, _ := back.(interface{ Marshal() ([]byte, error) }).Marshal()
	if !bytes.Equal(bz, bz2) {
		t.Fatalf("%T: encoding is not stable", msg)
	}
	if err := back.ValidateBasic(); err != nil {
		t.Fatalf("%T: accepted, but refused after a round trip: %v", msg, err)
	}
}

// fzJobsMsgs is one empty value of every x/jobs Msg.
func fzJobsMsgs() []sdk.HasValidateBasic {
	return []sdk.HasValidateBasic{
		&types.MsgCreateJob{}, &types.MsgCancelJob{}, &types.MsgDelistJob{}, &types.MsgApplyForJob{},
		&types.MsgRequestCompletion{}, &types.MsgApproveJob{}, &types.MsgDisapproveJob{}, &types.MsgDisputeJob{},
		&types.MsgResolveDispute{}, &types.MsgFinalizeJob{}, &types.MsgExpireJob{}, &types.MsgSetPause{},
		&types.MsgUpdateParams{},
	}
}

// fzNewLike returns a new, empty message of msg's type.
func fzNewLike(msg sdk.HasValidateBasic) sdk.HasValidateBasic {
	return reflect.New(reflect.TypeOf(msg).Elem()).Interface().(sdk.HasValidateBasic)
}

// FuzzMsgValidateBasic builds every x/jobs Msg from the fuzzed fields, and
// decodes every Msg from raw as a hostile client's protobuf bytes. For each:
// no panic; ValidateBasic accepts exactly the messages within the documented
// limits (address, job id > 0, URI 1..2048/1..1024 bytes of UTF-8 without
// whitespace, hash empty or 64 lowercase hex, positive payout of a valid
// denom, duration > 0, details and reason ≤ 2048 bytes, a defined outcome,
// params within Params.Validate); a refusal is a registered error; an
// accepted message round-trips through protobuf.
func FuzzMsgValidateBasic(f *testing.F) {
	okHash := strings.Repeat("ab", 32)
	f.Add([]byte("employer____________"), "", uint8(0), uint64(1), "ipfs://spec", okHash, "Summarise the 2026 budget", "100000000", "uagi", uint64(3600), int32(1), int64(0), []byte{})
	f.Add([]byte{}, "not-an-address", uint8(1), uint64(0), "ipfs://a b", "XYZ", "", "0", "uagi", uint64(0), int32(0), int64(0), []byte{0x0a, 0x03, 'a', 'b', 'c'})
	f.Add([]byte("agent_______________"), "", uint8(3), uint64(18446744073709551615), strings.Repeat("u", 2049), strings.ToUpper(okHash), strings.Repeat("r", 2049), "-5", "UAGI", uint64(1), int32(4), int64(-62135596800), []byte{0x10, 0xff})
	f.Add([]byte("validator00000000001"), "", uint8(0), uint64(7), "ipfs://\xff\xfe", "", "é", "115792089237316195423570985008687907853269984665640564039457584007913129639936", "u", uint64(10_000_000), int32(3), int64(1798761600), []byte{0x22, 0x05, 0x0a, 0x03, 'u', 'a', 'g'})
	f.Fuzz(func(t *testing.T, addrBytes []byte, addrStr string, addrMode uint8, jobID uint64, uri, hash, text,
		amount, denom string, n uint64, outcome int32, applyBy int64, raw []byte,
	) {
		if len(addrBytes) > 300 {
			addrBytes = addrBytes[:300]
		}
		addr := fzAddress(addrMode, addrBytes, addrStr)
		var apply *time.Time
		if applyBy != 0 {
			// The instants protobuf can encode: years 1 to 9999.
			const lo, span = -62135596800, 315537897600
			a := time.Unix(lo+((applyBy%span)+span)%span, 0).UTC()
			apply = &a
		}
		p := types.DefaultParams()
		p.PaymentDenom = denom
		p.ValidatorSlashBps = uint32(n % 12_000)
		p.ValidatorRewardPct = uint32(jobID % 110)
		p.DefaultAgentPayoutPct = uint32(uint32(outcome) % 110)
		p.MaxValidatorsPerJob = uint32(addrMode % 60)
		p.CertificateBaseUri = uri
		if i := fzInt(amount); !i.IsNil() {
			p.AgentBondMin = i
		}
		msgs := []sdk.HasValidateBasic{
			&types.MsgCreateJob{
				Employer: addr, SpecUri: uri, SpecHash: hash, Payout: sdk.Coin{Denom: denom, Amount: fzInt(amount)},
				DurationSeconds: n, Details: text, ApplyBy: apply, MinAgentReputation: jobID,
			},
			&types.MsgCancelJob{Employer: addr, JobId: jobID},
			&types.MsgDelistJob{Authority: addr, JobId: jobID, Reason: text},
			&types.MsgApplyForJob{Agent: addr, JobId: jobID},
			&types.MsgRequestCompletion{Agent: addr, JobId: jobID, CompletionUri: uri, CompletionHash: hash},
			&types.MsgApproveJob{Validator: addr, JobId: jobID},
			&types.MsgDisapproveJob{Validator: addr, JobId: jobID},
			&types.MsgDisputeJob{Disputant: addr, JobId: jobID, Reason: text},
			&types.MsgResolveDispute{Resolver: addr, JobId: jobID, Outcome: types.DisputeOutcome(outcome), Reason: text},
			&types.MsgFinalizeJob{Sender: addr, JobId: jobID},
			&types.MsgExpireJob{Sender: addr, JobId: jobID},
			&types.MsgSetPause{Authority: addr, Intake: n%2 == 0, Settlement: jobID%2 == 0},
			&types.MsgUpdateParams{Authority: addr, Params: p},
			&types.MsgUpdateParams{Authority: addr, Params: types.DefaultParams()},
		}
		for _, m := range msgs {
			fzCheckJobsMsg(t, m)
		}
		// The same checks on whatever the raw bytes decode to.
		for _, m := range fzJobsMsgs() {
			if m.(interface{ Unmarshal([]byte) error }).Unmarshal(raw) == nil {
				fzCheckJobsMsg(t, m)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// Settlement arithmetic

// fzAmount is n·2^shift with shift ≤ 96: amounts up to 2^160 base units,
// far beyond any supply, without math.Int's 256-bit overflow in the ·bps and
// ·pct products.
func fzAmount(n uint64, shift uint8) math.Int {
	return math.NewIntFromBigInt(new(big.Int).Lsh(new(big.Int).SetUint64(n), uint(shift%97)))
}

// fzBond makes (bps, min, max) valid for validateBond: bps ≤ 10000, min ≤
// max, max > 0 unless all three are zero, and min > 0 when withBps and bps
// are set.
func fzBond(bps uint16, minAmt, maxAmt math.Int, withBps bool) (uint32, math.Int, math.Int) {
	b := uint32(bps) % (types.BpsDenominator + 1)
	if minAmt.GT(maxAmt) {
		minAmt, maxAmt = maxAmt, minAmt
	}
	if b == 0 && minAmt.IsZero() && maxAmt.IsZero() {
		return 0, minAmt, maxAmt
	}
	if maxAmt.IsZero() {
		maxAmt = math.NewInt(1 << 62)
	}
	if withBps && b > 0 && minAmt.IsZero() {
		minAmt = math.OneInt()
	}
	return b, minAmt, maxAmt
}

func fzRequireNonNegative(t *testing.T, what string, i math.Int) {
	t.Helper()
	if i.IsNil() || i.IsNegative() {
		t.Fatalf("%s is %v: every amount must be set and non-negative", what, i)
	}
}

// fzSettlementCase is the job, votes and terms a fuzz input describes.
type fzSettlementCase struct {
	job   types.Job
	votes []types.Vote
	p     types.Params
}

func fzSettlementInput(t *testing.T, payout uint64, shift, rewardPct, agentPct uint8, slashBps uint16,
	vBps uint16, vMin uint64, aBps uint16, aMin uint64, dBps uint16, dMin uint64, bondMax uint64,
	duration uint64, maxDurationSeconds uint32, nVotes uint8, approveMask uint64, requiredDisapprovals uint8, disputed bool,
) fzSettlementCase {
	p := types.DefaultParams()
	p.ValidatorRewardPct = 1 + uint32(rewardPct)%100
	p.DefaultAgentPayoutPct = uint32(agentPct) % (101 - p.ValidatorRewardPct)
	p.ValidatorSlashBps = uint32(slashBps) % (types.BpsDenominator + 1)
	p.RequiredDisapprovals = uint32(requiredDisapprovals) % (types.MaxValidatorsPerJobLimit + 1)
	p.RequiredApprovals = min(3, types.MaxValidatorsPerJobLimit-p.RequiredDisapprovals)
	maxAmt := fzAmount(bondMax, shift)
	p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax = fzBond(vBps, fzAmount(vMin, shift), maxAmt, true)
	p.AgentBondBps, p.AgentBondMin, p.AgentBondMax = fzBond(aBps, fzAmount(aMin, shift), maxAmt, false)
	p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax = fzBond(dBps, fzAmount(dMin, shift), maxAmt, true)
	if maxDurationSeconds > 0 {
		p.MaxJobDuration = time.Duration(maxDurationSeconds) * time.Second
	}
	amount := fzAmount(payout, shift)
	if !amount.IsPositive() {
		amount = math.OneInt()
	}
	if p.MaxJobPayout.LT(amount) {
		p.MaxJobPayout = amount
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("the fuzz target built invalid params: %v", err)
	}
	terms := types.TermsFromParams(p)
	d := duration % (uint64(p.MaxJobDuration/time.Second) + 1)
	job := types.Job{
		Id: 1, Employer: employerAddr, Agent: agentAddr, Payout: sdk.NewCoin("uagi", amount), DurationSeconds: d,
		Terms: terms, AgentPayoutPct: p.DefaultAgentPayoutPct, AgentBond: terms.AgentBond(amount, d),
		ValidatorBond: terms.ValidatorBond(amount), DisputeBond: math.ZeroInt(),
	}
	if disputed {
		job.DisputeBond = terms.DisputeBond(amount)
	}
	sides := make([]bool, int(nVotes)%(types.MaxValidatorsPerJobLimit+1))
	for i := range sides {
		sides[i] = approveMask&(1<<i) != 0
	}
	votes := withVotes(&job, sides...)
	return fzSettlementCase{job: job, votes: votes, p: p}
}

// fzCheckSettlement checks a settlement that succeeded: nothing negative,
// conservation, the totals add up, and every voter got the DESIGN §3.3
// amount.
func fzCheckSettlement(t *testing.T, job types.Job, votes []types.Vote, kind types.SettlementKind, s types.Settlement) {
	t.Helper()
	for name, a := range map[string]math.Int{
		"agent_share": s.AgentShare, "agent_bond_returned": s.AgentBondReturned, "agent_pool_remainder": s.AgentPoolRemainder,
		"agent_total": s.AgentTotal, "employer_refund": s.EmployerRefund, "employer_pool_remainder": s.EmployerPoolRemainder,
		"agent_bond_to_employer": s.AgentBondToEmployer, "employer_total": s.EmployerTotal, "agent_bond_pooled": s.AgentBondPooled,
		"validator_pool": s.ValidatorPool, "dispute_bond": s.DisputeBond, "community_pool": s.CommunityPool,
	} {
		fzRequireNonNegative(t, name, a)
	}
	if s.Kind != kind || s.Denom != job.Payout.Denom {
		t.Fatalf("kind %s denom %s, want %s %s", s.Kind, s.Denom, kind, job.Payout.Denom)
	}
	if len(s.Validators) != len(votes) {
		t.Fatalf("%d validator entries for %d votes", len(s.Validators), len(votes))
	}

	// Conservation: paid == held, counted independently of checkConservation.
	vbond := job.ValidatorBond
	held := job.Payout.Amount.Add(job.AgentBond).Add(job.DisputeBond).Add(vbond.MulRaw(int64(len(votes))))
	if !held.Equal(job.Held()) {
		t.Fatalf("Job.Held %s, counted %s", job.Held(), held)
	}
	paid := s.AgentTotal.Add(s.EmployerTotal).Add(s.CommunityPool)
	for i, v := range s.Validators {
		fzRequireNonNegative(t, "bond_returned", v.BondReturned)
		fzRequireNonNegative(t, "reward", v.Reward)
		fzRequireNonNegative(t, "slashed", v.Slashed)
		if v.Validator != votes[i].Validator || v.Approved != votes[i].Approve {
			t.Fatalf("validator entry %d is %s/%v, vote is %s/%v", i, v.Validator, v.Approved, votes[i].Validator, votes[i].Approve)
		}
		paid = paid.Add(v.BondReturned).Add(v.Reward)
	}
	if !paid.Equal(held) {
		t.Fatalf("conservation: the job held %s and the settlement pays %s (%+v)", held, paid, s)
	}

	// The parties' totals are the sums of their parts.
	agentTotal := s.AgentShare.Add(s.AgentBondReturned).Add(s.AgentPoolRemainder)
	employerTotal := s.EmployerRefund.Add(s.EmployerPoolRemainder).Add(s.AgentBondToEmployer)
	if job.DisputeBond.IsPositive() {
		want := job.Employer
		if kind == types.SETTLEMENT_KIND_AGENT_WON {
			want = job.Agent
			agentTotal = agentTotal.Add(job.DisputeBond)
		} else {
			employerTotal = employerTotal.Add(job.DisputeBond)
		}
		if s.DisputeBondRecipient != want || !s.DisputeBond.Equal(job.DisputeBond) {
			t.Fatalf("dispute bond %s to %q, want %s to the winner %s", s.DisputeBond, s.DisputeBondRecipient, job.DisputeBond, want)
		}
	}
	if !agentTotal.Equal(s.AgentTotal) || !employerTotal.Equal(s.EmployerTotal) {
		t.Fatalf("totals: agent %s (parts %s), employer %s (parts %s)", s.AgentTotal, agentTotal, s.EmployerTotal, employerTotal)
	}

	// The voters.
	if len(votes) == 0 {
		return
	}
	slash := vbond.Mul(math.NewInt(int64(job.Terms.ValidatorSlashBps))).QuoRaw(types.BpsDenominator)
	correct := 0
	for _, v := range votes {
		if v.Approve == (kind == types.SETTLEMENT_KIND_AGENT_WON) {
			correct++
		}
	}
	var share math.Int
	rewards := math.ZeroInt()
	for _, v := range s.Validators {
		rewards = rewards.Add(v.Reward)
		if v.Correct != (v.Approved == (kind == types.SETTLEMENT_KIND_AGENT_WON)) {
			t.Fatalf("%s marked correct=%v on a %s settlement", v.Validator, v.Correct, kind)
		}
		if v.Correct {
			if share.IsNil() {
				share = v.Reward
			}
			if !v.BondReturned.Equal(vbond) || !v.Reward.Equal(share) || !v.Slashed.IsZero() {
				t.Fatalf("correct voter %s got bond %s reward %s slashed %s; want bond %s and the same share %s",
					v.Validator, v.BondReturned, v.Reward, v.Slashed, vbond, share)
			}
		} else if !v.BondReturned.Equal(vbond.Sub(slash)) || !v.Reward.IsZero() || !v.Slashed.Equal(slash) {
			t.Fatalf("wrong voter %s got bond %s reward %s slashed %s; want bond − slash = %s − %s",
				v.Validator, v.BondReturned, v.Reward, v.Slashed, vbond, slash)
		}
	}
	remainder := s.AgentPoolRemainder
	if kind == types.SETTLEMENT_KIND_EMPLOYER_WON {
		remainder = s.EmployerPoolRemainder
	}
	if !rewards.Add(remainder).Equal(s.ValidatorPool) {
		t.Fatalf("rewards %s + remainder %s != validator pool %s", rewards, remainder, s.ValidatorPool)
	}
	if correct > 0 && !remainder.LT(math.NewInt(int64(correct))) {
		t.Fatalf("remainder %s with %d correct voters: the pool was not shared out", remainder, correct)
	}
	if correct == 0 && !remainder.Equal(s.ValidatorPool) {
		t.Fatalf("no correct voter, yet the winner got %s of the pool %s", remainder, s.ValidatorPool)
	}
}

// FuzzComputeSettlement settles fuzzed jobs: payout, bonds (bps 0..10000,
// minimums, shared maximum), slash bps, reward and agent percentages within
// Params.Validate, duration and max_job_duration, 0..50 votes with a fuzzed
// approve/disapprove mix, required_disapprovals, with or without a dispute
// bond. Every kind is tried: the two outcomes with the full job, cancelled
// and expired with the job they can hold, and the combinations that can
// never happen, which must be refused with ErrAccounting. No panic, no
// negative amount, paid == held, correct voters get bond + the same share,
// wrong voters bond − slash, and the remainder is below the number of
// correct voters.
func FuzzComputeSettlement(f *testing.F) {
	// The issue 5 example (b): 100 AGI, one approval, three disapprovals.
	f.Add(uint64(100_000_000), uint8(0), uint8(7), uint8(90), uint16(8000), uint16(1500), uint64(10_000_000), uint16(500), uint64(1_000_000),
		uint16(50), uint64(1_000_000), uint64(88_888_888_000_000), uint64(3600), uint32(10_000_000), uint8(4), uint64(0b0001), uint8(3), false)
	// 1 uagi, fifty votes, everything rounds down.
	f.Add(uint64(1), uint8(0), uint8(0), uint8(0), uint16(10000), uint16(10000), uint64(1), uint16(10000), uint64(0),
		uint16(10000), uint64(1), uint64(1), uint64(0), uint32(1), uint8(50), uint64(0x2AAAAAAAAAAAA), uint8(0), true)
	// Bonds switched off, a huge payout, agent wins with a dispute bond.
	f.Add(uint64(18446744073709551615), uint8(96), uint8(99), uint8(0), uint16(0), uint16(0), uint64(0), uint16(0), uint64(0),
		uint16(0), uint64(0), uint64(0), uint64(18446744073709551615), uint32(4294967295), uint8(3), uint64(0b111), uint8(50), true)
	f.Fuzz(func(t *testing.T, payout uint64, shift, rewardPct, agentPct uint8, slashBps, vBps uint16, vMin uint64,
		aBps uint16, aMin uint64, dBps uint16, dMin, bondMax, duration uint64, maxDurationSeconds uint32,
		nVotes uint8, approveMask uint64, requiredDisapprovals uint8, disputed bool,
	) {
		c := fzSettlementInput(t, payout, shift, rewardPct, agentPct, slashBps, vBps, vMin, aBps, aMin, dBps, dMin, bondMax,
			duration, maxDurationSeconds, nVotes, approveMask, requiredDisapprovals, disputed)
		job, votes := c.job, c.votes

		for _, kind := range []types.SettlementKind{types.SETTLEMENT_KIND_AGENT_WON, types.SETTLEMENT_KIND_EMPLOYER_WON} {
			s, err := types.ComputeSettlement(job, votes, kind)
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			fzCheckSettlement(t, job, votes, kind, s)
			budget := job.Payout.Amount.Mul(math.NewInt(int64(job.Terms.ValidatorRewardPct))).QuoRaw(100)
			if kind == types.SETTLEMENT_KIND_AGENT_WON {
				share := job.Payout.Amount.Mul(math.NewInt(int64(job.AgentPayoutPct))).QuoRaw(100)
				if !s.AgentShare.Equal(share) || !s.CommunityPool.Equal(job.Payout.Amount.Sub(share).Sub(budget)) {
					t.Fatalf("agent share %s community %s; want %s and P − A − V", s.AgentShare, s.CommunityPool, share)
				}
				if len(votes) == 0 && !s.EmployerRefund.Equal(budget) {
					t.Fatalf("no votes: the budget %s goes back to the employer, got %s", budget, s.EmployerRefund)
				}
			} else if !s.CommunityPool.IsZero() || !s.AgentShare.IsZero() {
				t.Fatalf("employer won, yet agent share %s community %s", s.AgentShare, s.CommunityPool)
			}
		}

		// Expired: the agent bond goes to the employer; no votes, no dispute.
		expired := job
		expired.DisputeBond, expired.Approvals, expired.Disapprovals = math.ZeroInt(), 0, 0
		s, err := types.ComputeSettlement(expired, nil, types.SETTLEMENT_KIND_EXPIRED)
		if err != nil {
			t.Fatalf("expired: %v", err)
		}
		fzCheckSettlement(t, expired, nil, types.SETTLEMENT_KIND_EXPIRED, s)
		if !s.EmployerTotal.Equal(job.Payout.Amount.Add(job.AgentBond)) {
			t.Fatalf("expired: employer gets %s, want P + agent bond", s.EmployerTotal)
		}

		// Cancelled: an open job, no agent, nothing but the payout.
		cancelled := expired
		cancelled.Agent, cancelled.AgentBond = "", math.ZeroInt()
		s, err = types.ComputeSettlement(cancelled, nil, types.SETTLEMENT_KIND_CANCELLED)
		if err != nil {
			t.Fatalf("cancelled: %v", err)
		}
		fzCheckSettlement(t, cancelled, nil, types.SETTLEMENT_KIND_CANCELLED, s)
		if !s.EmployerTotal.Equal(job.Payout.Amount) {
			t.Fatalf("cancelled: employer gets %s, want P", s.EmployerTotal)
		}

		// What can never happen is refused, never paid.
		refuse := func(name string, j types.Job, v []types.Vote, kind types.SettlementKind) {
			if _, err := types.ComputeSettlement(j, v, kind); !errors.Is(err, types.ErrAccounting) {
				t.Fatalf("%s: want ErrAccounting, got %v", name, err)
			}
		}
		if len(votes) > 0 || job.DisputeBond.IsPositive() {
			refuse("expired with votes or a dispute bond", job, votes, types.SETTLEMENT_KIND_EXPIRED)
		}
		if len(votes) > 0 || job.DisputeBond.IsPositive() || job.AgentBond.IsPositive() {
			refuse("cancelled with bonds or votes", job, votes, types.SETTLEMENT_KIND_CANCELLED)
		}
		refuse("unspecified kind", job, votes, types.SETTLEMENT_KIND_UNSPECIFIED)
		refuse("unknown kind", job, votes, types.SettlementKind(5+int32(rewardPct)))
	})
}

// ---------------------------------------------------------------------------
// Bonds

// fzClamped is min(max(P·bps/10000, min), max if max > 0, P), or 0 when the
// bond is switched off, in big.Int.
func fzClamped(p *big.Int, bps uint32, minAmt, maxAmt *big.Int) *big.Int {
	if bps == 0 && minAmt.Sign() == 0 && maxAmt.Sign() == 0 {
		return new(big.Int)
	}
	b := new(big.Int).Quo(new(big.Int).Mul(p, big.NewInt(int64(bps))), big.NewInt(types.BpsDenominator))
	if b.Cmp(minAmt) < 0 {
		b.Set(minAmt)
	}
	if maxAmt.Sign() > 0 && b.Cmp(maxAmt) > 0 {
		b.Set(maxAmt)
	}
	if b.Cmp(p) > 0 {
		b.Set(p)
	}
	return b
}

// fzAgentBondRef is DESIGN §3.3's agent bond in big.Int:
// b = max(P·bps/10000, min); b += b·D/max_job_duration; min(b, max, P).
func fzAgentBondRef(p *big.Int, bps uint32, minAmt, maxAmt *big.Int, d, limit uint64) *big.Int {
	if bps == 0 && minAmt.Sign() == 0 && maxAmt.Sign() == 0 {
		return new(big.Int)
	}
	b := new(big.Int).Quo(new(big.Int).Mul(p, big.NewInt(int64(bps))), big.NewInt(types.BpsDenominator))
	if b.Cmp(minAmt) < 0 {
		b.Set(minAmt)
	}
	if limit > 0 {
		extra := new(big.Int).Mul(b, new(big.Int).SetUint64(d))
		b.Add(b, extra.Quo(extra, new(big.Int).SetUint64(limit)))
	}
	if maxAmt.Sign() > 0 && b.Cmp(maxAmt) > 0 {
		b.Set(maxAmt)
	}
	if b.Cmp(p) > 0 {
		b.Set(p)
	}
	return b
}

// FuzzBonds checks AgentBond, ValidatorBond and DisputeBond for fuzzed
// payouts and valid (bps, min, max): 0 ≤ bond ≤ payout, bond ≤ max when a
// max is set, bond ≥ min(min, payout), all zero means no bond, the bond never
// falls when the payout (or, for the agent bond, the duration) grows, and it
// equals the formula recomputed in big.Int.
func FuzzBonds(f *testing.F) {
	f.Add(uint64(100_000_000), uint8(0), uint64(1), uint16(500), uint64(1_000_000), uint64(88_888_888_000_000), uint64(3600), uint32(10_000_000))
	f.Add(uint64(500_000), uint8(0), uint64(0), uint16(1500), uint64(10_000_000), uint64(88_888_888_000_000), uint64(1000), uint32(10_000_000))
	f.Add(uint64(0), uint8(0), uint64(1), uint16(0), uint64(0), uint64(0), uint64(0), uint32(0))
	f.Add(uint64(18446744073709551615), uint8(96), uint64(18446744073709551615), uint16(10000), uint64(18446744073709551615), uint64(1), uint64(18446744073709551615), uint32(1))
	f.Fuzz(func(t *testing.T, payout uint64, shift uint8, delta uint64, bps uint16, minAmt, maxAmt, duration uint64, maxDurationSeconds uint32) {
		p := fzAmount(payout, shift)
		bigger := p.Add(fzAmount(delta, shift))
		for _, withBps := range []bool{false, true} {
			rate, lo, hi := fzBond(bps, fzAmount(minAmt, shift), fzAmount(maxAmt, shift), withBps)
			params := types.DefaultParams()
			params.MaxJobDuration = 10_000_000 * time.Second
			if maxDurationSeconds > 0 {
				params.MaxJobDuration = time.Duration(maxDurationSeconds) * time.Second
			}
			params.AgentBondBps, params.AgentBondMin, params.AgentBondMax = rate, lo, hi
			if withBps {
				params.ValidatorBondBps, params.ValidatorBondMin, params.ValidatorBondMax = rate, lo, hi
				params.DisputeBondBps, params.DisputeBondMin, params.DisputeBondMax = rate, lo, hi
			}
			if err := params.Validate(); err != nil {
				t.Fatalf("the fuzz target built invalid params: %v", err)
			}
			terms := types.TermsFromParams(params)
			limit := uint64(params.MaxJobDuration / time.Second)
			d := duration % (limit + 1) // a job's duration is at most max_job_duration

			type bond struct {
				name     string
				of       func(math.Int) math.Int
				ref      *big.Int
				min, max math.Int
			}
			bonds := []bond{{
				"agent", func(x math.Int) math.Int { return terms.AgentBond(x, d) },
				fzAgentBondRef(p.BigInt(), rate, lo.BigInt(), hi.BigInt(), d, limit), lo, hi,
			}}
			if withBps {
				bonds = append(bonds,
					bond{"validator", terms.ValidatorBond, fzClamped(p.BigInt(), rate, lo.BigInt(), hi.BigInt()), lo, hi},
					bond{"dispute", terms.DisputeBond, fzClamped(p.BigInt(), rate, lo.BigInt(), hi.BigInt()), lo, hi})
			}
			for _, b := range bonds {
				got := b.of(p)
				if got.IsNil() || got.IsNegative() || got.GT(p) {
					t.Fatalf("%s bond %v for payout %s: want 0 <= bond <= payout", b.name, got, p)
				}
				if got.BigInt().Cmp(b.ref) != 0 {
					t.Fatalf("%s bond %s, formula %s (P %s bps %d min %s max %s D %d)", b.name, got, b.ref, p, rate, lo, hi, d)
				}
				if rate == 0 && b.min.IsZero() && b.max.IsZero() && !got.IsZero() {
					t.Fatalf("%s bond switched off but %s", b.name, got)
				}
				if b.max.IsPositive() && got.GT(b.max) {
					t.Fatalf("%s bond %s above its max %s", b.name, got, b.max)
				}
				if got.LT(math.MinInt(b.min, p)) {
					t.Fatalf("%s bond %s below min(min %s, payout %s)", b.name, got, b.min, p)
				}
				if up := b.of(bigger); up.LT(got) {
					t.Fatalf("%s bond falls from %s to %s when the payout grows from %s to %s", b.name, got, up, p, bigger)
				}
			}
			if d < limit && terms.AgentBond(p, d+1).LT(terms.AgentBond(p, d)) {
				t.Fatalf("agent bond falls when the duration grows from %d", d)
			}
		}
	})
}
