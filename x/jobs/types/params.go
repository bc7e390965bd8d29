package types

import (
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Limits that no parameter change may cross.
const (
	// MaxValidatorsPerJobLimit bounds votes per job, and so settlement work.
	MaxValidatorsPerJobLimit = 50
	// MaxAgentTiers bounds the tier list read at every apply.
	MaxAgentTiers = 32
	// MaxReviewPeriod bounds every review, challenge and dispute period.
	MaxReviewPeriod = 365 * 24 * time.Hour
	// MaxActiveJobsPerAgentLimit bounds max_active_jobs_per_agent.
	MaxActiveJobsPerAgentLimit = 10_000
	// MaxSettlementsPerBlockLimit bounds the EndBlocker's work per block.
	MaxSettlementsPerBlockLimit = 10_000
	// MaxCertificateBaseURILength bounds certificate_base_uri, in bytes.
	MaxCertificateBaseURILength = 512
	// BpsDenominator is 100 % in basis points.
	BpsDenominator = 10_000
)

// MaxAmount bounds every amount parameter at 2^160 base units (about
// 1.46·10^42 AGI), so that no product in the bond and settlement arithmetic
// (an amount times bps, a duration in seconds or a vote count, each below
// 2^34) comes near math.Int's 256 bits.
var MaxAmount = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 160))

// DefaultPaymentDenom is the base denom of AGI (1 AGI = 10^6 uagi).
const DefaultPaymentDenom = "uagi"

// agi returns n AGI in uagi.
func agi(n int64) math.Int { return math.NewInt(n).MulRaw(1_000_000) }

// DefaultParams returns the chain's defaults (DESIGN §3.4).
func DefaultParams() Params {
	return Params{
		PaymentDenom:           DefaultPaymentDenom,
		RequiredApprovals:      3,
		RequiredDisapprovals:   3,
		VoteQuorum:             3,
		CompletionReviewPeriod: 7 * 24 * time.Hour,
		ChallengePeriod:        24 * time.Hour,
		DisputeReviewPeriod:    14 * 24 * time.Hour,
		ValidatorRewardPct:     8,
		DefaultAgentPayoutPct:  90,
		AgentTiers:             []AgentTier{},
		AgentBondBps:           500,
		AgentBondMin:           agi(1),
		AgentBondMax:           agi(88_888_888),
		ValidatorBondBps:       1500,
		ValidatorBondMin:       agi(10),
		ValidatorBondMax:       agi(88_888_888),
		ValidatorSlashBps:      8000,
		DisputeBondBps:         50,
		DisputeBondMin:         agi(1),
		DisputeBondMax:         agi(200),
		MaxJobPayout:           agi(88_888_888),
		MaxJobDuration:         10_000_000 * time.Second,
		MaxActiveJobsPerAgent:  3,
		MaxValidatorsPerJob:    MaxValidatorsPerJobLimit,
		MaxSettlementsPerBlock: 100,
		CertificateBaseUri:     "",
	}
}

// Validate applies the reference contract's setter constraints and refuses
// anything that could divide by zero or pay out more than a job's payout.
func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.PaymentDenom); err != nil {
		return fmt.Errorf("payment_denom: %w", err)
	}
	if err := p.validateVotes(); err != nil {
		return err
	}
	for _, period := range []struct {
		name string
		d    time.Duration
	}{
		{"completion_review_period", p.CompletionReviewPeriod},
		{"challenge_period", p.ChallengePeriod},
		{"dispute_review_period", p.DisputeReviewPeriod},
	} {
		if err := validatePeriod(period.name, period.d, MaxReviewPeriod); err != nil {
			return err
		}
	}
	if err := p.validatePayoutShares(); err != nil {
		return err
	}
	if err := validateBond("agent_bond", p.AgentBondBps, p.AgentBondMin, p.AgentBondMax, false); err != nil {
		return err
	}
	if err := validateBond("validator_bond", p.ValidatorBondBps, p.ValidatorBondMin, p.ValidatorBondMax, true); err != nil {
		return err
	}
	if p.ValidatorSlashBps > BpsDenominator {
		return fmt.Errorf("validator_slash_bps must be at most %d, got %d", BpsDenominator, p.ValidatorSlashBps)
	}
	if err := validateBond("dispute_bond", p.DisputeBondBps, p.DisputeBondMin, p.DisputeBondMax, true); err != nil {
		return err
	}
	if p.MaxJobPayout.IsNil() || !p.MaxJobPayout.IsPositive() || p.MaxJobPayout.GT(MaxAmount) {
		return fmt.Errorf("max_job_payout must be in 1..%s, got %s", MaxAmount, intString(p.MaxJobPayout))
	}
	// No upper bound beyond what a Duration holds: the agent bond divides by it.
	if err := validatePeriod("max_job_duration", p.MaxJobDuration, 0); err != nil {
		return err
	}
	if p.MaxActiveJobsPerAgent < 1 || p.MaxActiveJobsPerAgent > MaxActiveJobsPerAgentLimit {
		return fmt.Errorf("max_active_jobs_per_agent must be in 1..%d, got %d", MaxActiveJobsPerAgentLimit, p.MaxActiveJobsPerAgent)
	}
	if p.MaxSettlementsPerBlock < 1 || p.MaxSettlementsPerBlock > MaxSettlementsPerBlockLimit {
		return fmt.Errorf("max_settlements_per_block must be in 1..%d, got %d", MaxSettlementsPerBlockLimit, p.MaxSettlementsPerBlock)
	}
	return validateCertificateBaseURI(p.CertificateBaseUri)
}

// validateVotes checks the thresholds, the quorum and the vote cap together:
// a job must be able to reach every threshold that is switched on.
func (p Params) validateVotes() error {
	if p.RequiredApprovals > MaxValidatorsPerJobLimit || p.RequiredDisapprovals > MaxValidatorsPerJobLimit ||
		p.RequiredApprovals+p.RequiredDisapprovals > MaxValidatorsPerJobLimit {
		return fmt.Errorf("required_approvals (%d) + required_disapprovals (%d) must be at most %d",
			p.RequiredApprovals, p.RequiredDisapprovals, MaxValidatorsPerJobLimit)
	}
	if p.VoteQuorum < 1 || p.VoteQuorum > MaxValidatorsPerJobLimit {
		return fmt.Errorf("vote_quorum must be in 1..%d, got %d", MaxValidatorsPerJobLimit, p.VoteQuorum)
	}
	if p.MaxValidatorsPerJob < 1 || p.MaxValidatorsPerJob > MaxValidatorsPerJobLimit {
		return fmt.Errorf("max_validators_per_job must be in 1..%d, got %d", MaxValidatorsPerJobLimit, p.MaxValidatorsPerJob)
	}
	for _, t := range []struct {
		name string
		v    uint32
	}{
		{"required_approvals", p.RequiredApprovals},
		{"required_disapprovals", p.RequiredDisapprovals},
		{"vote_quorum", p.VoteQuorum},
	} {
		if t.v > p.MaxValidatorsPerJob {
			return fmt.Errorf("%s (%d) exceeds max_validators_per_job (%d)", t.name, t.v, p.MaxValidatorsPerJob)
		}
	}
	return nil
}

// validatePayoutShares keeps agent share + validator budget within 100 %.
func (p Params) validatePayoutShares() error {
	if p.ValidatorRewardPct < 1 || p.ValidatorRewardPct > 100 {
		return fmt.Errorf("validator_reward_pct must be in 1..100, got %d", p.ValidatorRewardPct)
	}
	if len(p.AgentTiers) > MaxAgentTiers {
		return fmt.Errorf("agent_tiers: at most %d tiers, got %d", MaxAgentTiers, len(p.AgentTiers))
	}
	highest := p.DefaultAgentPayoutPct
	seen := make(map[string]bool, len(p.AgentTiers))
	for i, t := range p.AgentTiers {
		if err := validateClassID(t.NftClassId); err != nil {
			return fmt.Errorf("agent_tiers[%d]: %w", i, err)
		}
		if seen[t.NftClassId] {
			return fmt.Errorf("agent_tiers[%d]: class %q listed twice", i, t.NftClassId)
		}
		seen[t.NftClassId] = true
		if t.PayoutPct < 1 || t.PayoutPct > 100 {
			return fmt.Errorf("agent_tiers[%d]: payout_pct must be in 1..100, got %d", i, t.PayoutPct)
		}
		highest = max(highest, t.PayoutPct)
	}
	if uint64(highest)+uint64(p.ValidatorRewardPct) > 100 {
		return fmt.Errorf("highest agent payout pct (%d) + validator_reward_pct (%d) exceeds 100", highest, p.ValidatorRewardPct)
	}
	return nil
}

// validatePeriod wants a positive whole number of seconds, at most limit when
// limit is set.
func validatePeriod(name string, d, limit time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("%s must be positive, got %s", name, d)
	}
	if d%time.Second != 0 {
		return fmt.Errorf("%s must be a whole number of seconds, got %s", name, d)
	}
	if limit > 0 && d > limit {
		return fmt.Errorf("%s must be at most %s, got %s", name, limit, d)
	}
	return nil
}

// validateBond: bps ≤ 100 %; min ≤ max; bps, min and max all zero disable the
// bond; otherwise max > 0, and when minWithBps is set a percentage bond also
// needs a minimum (the reference's validator-bond rule).
func validateBond(name string, bps uint32, minAmt, maxAmt math.Int, minWithBps bool) error {
	if bps > BpsDenominator {
		return fmt.Errorf("%s_bps must be at most %d, got %d", name, BpsDenominator, bps)
	}
	if minAmt.IsNil() || minAmt.IsNegative() || maxAmt.IsNil() || maxAmt.IsNegative() {
		return fmt.Errorf("%s_min (%s) and %s_max (%s) must be non-negative", name, intString(minAmt), name, intString(maxAmt))
	}
	if maxAmt.GT(MaxAmount) {
		return fmt.Errorf("%s_max must be at most %s, got %s", name, MaxAmount, maxAmt)
	}
	if minAmt.GT(maxAmt) {
		return fmt.Errorf("%s_min (%s) exceeds %s_max (%s)", name, minAmt, name, maxAmt)
	}
	if bps == 0 && minAmt.IsZero() && maxAmt.IsZero() {
		return nil
	}
	if maxAmt.IsZero() {
		return fmt.Errorf("%s_max must be positive unless bps, min and max are all zero", name)
	}
	if minWithBps && bps > 0 && minAmt.IsZero() {
		return fmt.Errorf("%s_min must be positive when %s_bps is set", name, name)
	}
	return nil
}

// validateClassID accepts the ids x/nft accepts for classes: 3..100 characters,
// a letter first, then letters, digits, '/', ':', '.', '_' or '-'.
func validateClassID(id string) error {
	if len(id) < 3 || len(id) > 100 {
		return fmt.Errorf("nft_class_id %q must be 3..100 characters", id)
	}
	for i, c := range id {
		ok := c < unicode.MaxASCII && (unicode.IsLetter(c) || (i > 0 && (unicode.IsDigit(c) || strings.ContainsRune("/:._-", c))))
		if !ok {
			return fmt.Errorf("nft_class_id %q: invalid character %q at %d", id, c, i)
		}
	}
	return nil
}

func validateCertificateBaseURI(uri string) error {
	if len(uri) > MaxCertificateBaseURILength {
		return fmt.Errorf("certificate_base_uri must be at most %d bytes, got %d", MaxCertificateBaseURILength, len(uri))
	}
	if strings.IndexFunc(uri, unicode.IsSpace) >= 0 {
		return fmt.Errorf("certificate_base_uri must not contain whitespace")
	}
	return nil
}

func intString(i math.Int) string {
	if i.IsNil() {
		return "<nil>"
	}
	return i.String()
}
