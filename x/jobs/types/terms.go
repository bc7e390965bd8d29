package types

import (
	"strings"
	"time"

	"cosmossdk.io/math"
)

// TermsFromParams snapshots the parameters a job keeps for its whole life
// (DESIGN §3.1): all but max_active_jobs_per_agent, max_settlements_per_block
// and certificate_base_uri, which are read when used.
func TermsFromParams(p Params) JobTerms {
	return JobTerms{
		PaymentDenom:           p.PaymentDenom,
		RequiredApprovals:      p.RequiredApprovals,
		RequiredDisapprovals:   p.RequiredDisapprovals,
		VoteQuorum:             p.VoteQuorum,
		CompletionReviewPeriod: p.CompletionReviewPeriod,
		ChallengePeriod:        p.ChallengePeriod,
		DisputeReviewPeriod:    p.DisputeReviewPeriod,
		ValidatorRewardPct:     p.ValidatorRewardPct,
		DefaultAgentPayoutPct:  p.DefaultAgentPayoutPct,
		AgentTiers:             append([]AgentTier{}, p.AgentTiers...),
		AgentBondBps:           p.AgentBondBps,
		AgentBondMin:           p.AgentBondMin,
		AgentBondMax:           p.AgentBondMax,
		ValidatorBondBps:       p.ValidatorBondBps,
		ValidatorBondMin:       p.ValidatorBondMin,
		ValidatorBondMax:       p.ValidatorBondMax,
		ValidatorSlashBps:      p.ValidatorSlashBps,
		DisputeBondBps:         p.DisputeBondBps,
		DisputeBondMin:         p.DisputeBondMin,
		DisputeBondMax:         p.DisputeBondMax,
		MaxJobPayout:           p.MaxJobPayout,
		MaxJobDuration:         p.MaxJobDuration,
		MaxValidatorsPerJob:    p.MaxValidatorsPerJob,
	}
}

// bps returns amount·bps/10000, rounded down.
func bps(amount math.Int, bps uint32) math.Int {
	return amount.Mul(math.NewIntFromUint64(uint64(bps))).QuoRaw(BpsDenominator)
}

// pct returns amount·pct/100, rounded down.
func pct(amount math.Int, pct uint32) math.Int {
	return amount.Mul(math.NewIntFromUint64(uint64(pct))).QuoRaw(100)
}

// AgentBond is the bond an agent locks at apply (DESIGN §3.3):
// b = max(P·bps/10000, min); b += b·D/max_job_duration; min(b, max, P).
// bps, min and max all zero mean no bond.
func (t JobTerms) AgentBond(payout math.Int, durationSeconds uint64) math.Int {
	if t.AgentBondBps == 0 && t.AgentBondMin.IsZero() && t.AgentBondMax.IsZero() {
		return math.ZeroInt()
	}
	b := math.MaxInt(bps(payout, t.AgentBondBps), t.AgentBondMin)
	if limit := uint64(t.MaxJobDuration / time.Second); limit > 0 {
		b = b.Add(b.Mul(math.NewIntFromUint64(durationSeconds)).Quo(math.NewIntFromUint64(limit)))
	}
	if t.AgentBondMax.IsPositive() {
		b = math.MinInt(b, t.AgentBondMax)
	}
	return math.MinInt(b, payout)
}

// ValidatorBond is the bond every vote on a job locks:
// min(max(P·bps/10000, min), max, P); all zero means no bond.
func (t JobTerms) ValidatorBond(payout math.Int) math.Int {
	return clampedBond(payout, t.ValidatorBondBps, t.ValidatorBondMin, t.ValidatorBondMax)
}

// DisputeBond is the bond of MsgDisputeJob: min(max(P·bps/10000, min), max, P).
func (t JobTerms) DisputeBond(payout math.Int) math.Int {
	return clampedBond(payout, t.DisputeBondBps, t.DisputeBondMin, t.DisputeBondMax)
}

func clampedBond(payout math.Int, rate uint32, minAmt, maxAmt math.Int) math.Int {
	if rate == 0 && minAmt.IsZero() && maxAmt.IsZero() {
		return math.ZeroInt()
	}
	b := math.MaxInt(bps(payout, rate), minAmt)
	if maxAmt.IsPositive() {
		b = math.MinInt(b, maxAmt)
	}
	return math.MinInt(b, payout)
}

// AgentShare is A = P·agent_payout_pct/100.
func AgentShare(payout math.Int, agentPayoutPct uint32) math.Int { return pct(payout, agentPayoutPct) }

// ValidatorBudget is V = P·validator_reward_pct/100.
func ValidatorBudget(payout math.Int, validatorRewardPct uint32) math.Int {
	return pct(payout, validatorRewardPct)
}

// CertificateURI applies certificate_base_uri to a completion URI (DESIGN
// §3.9): a URI containing "://", or any URI when the base is empty, is kept;
// otherwise base and URI are joined with exactly one "/".
func CertificateURI(base, uri string) string {
	if base == "" || strings.Contains(uri, "://") {
		return uri
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(uri, "/")
}
