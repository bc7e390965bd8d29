package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/reputation/types"
)

// RecordSettlement is the one entry point x/jobs calls when an assigned job
// settles. It computes the points (types.Points), applies them and updates
// the track records:
//
//   - agent won: the agent gets the points unless EarnsReputation is false,
//     and counts a completed job; approvers get ValidatorPoints, disapprovers
//     nothing.
//   - employer won: the agent gets nothing and counts a refunded job;
//     disapprovers get ValidatorPoints (from the same formula), approvers
//     nothing.
//   - expired: the agent gets nothing and counts an expired job; there are no
//     votes.
//
// Every touched record emits EventReputationUpdated, the agent's first, then
// the validators' in the given order. It returns the agent's points, before
// the max_score cap, for the certificate and the Settlement. Invalid facts
// are ErrInvalidSettlement and change nothing.
func (k Keeper) RecordSettlement(ctx context.Context, facts types.SettlementFacts) (uint64, error) {
	if err := facts.Validate(k.addressCodec); err != nil {
		return 0, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	points := types.Points(types.OrZero(facts.Payout), params.ReputationUnit, facts.DurationSeconds, facts.CompletionSeconds)
	var agentPoints uint64
	if facts.Kind == types.SettlementKindAgentWon && facts.EarnsReputation {
		agentPoints = points
	}
	validatorPoints := types.ValidatorPoints(points, facts.ValidatorRewardPct)

	agent, err := k.addressCodec.StringToBytes(facts.Agent)
	if err != nil {
		return 0, err
	}
	rec, err := k.GetRecord(ctx, agent, allowlisttypes.ROLE_AGENT)
	if err != nil {
		return 0, err
	}
	switch facts.Kind {
	case types.SettlementKindAgentWon:
		rec.Agent.JobsCompleted++
	case types.SettlementKindEmployerWon:
		rec.Agent.JobsRefunded++
	case types.SettlementKindExpired:
		rec.Agent.JobsExpired++
	}
	rec.Agent.TotalEarned = rec.Agent.TotalEarned.Add(types.OrZero(facts.AgentPaid))
	if err := k.addPoints(ctx, agent, rec, agentPoints, params.MaxScore, facts.JobID); err != nil {
		return 0, err
	}

	for _, v := range facts.Validators {
		addr, err := k.addressCodec.StringToBytes(v.Address)
		if err != nil {
			return 0, err
		}
		rec, err := k.GetRecord(ctx, addr, allowlisttypes.ROLE_VALIDATOR)
		if err != nil {
			return 0, err
		}
		rec.Validator.Votes++
		var pts uint64
		if v.Correct(facts.Kind) {
			rec.Validator.Correct++
			pts = validatorPoints
		} else {
			rec.Validator.Wrong++
		}
		rec.Validator.TotalRewarded = rec.Validator.TotalRewarded.Add(types.OrZero(v.Reward))
		rec.Validator.TotalSlashed = rec.Validator.TotalSlashed.Add(types.OrZero(v.Slashed))
		if err := k.addPoints(ctx, addr, rec, pts, params.MaxScore, facts.JobID); err != nil {
			return 0, err
		}
	}
	return agentPoints, nil
}

// addPoints adds points to the record's score (never decreasing, capped at
// maxScore), writes the record and emits EventReputationUpdated.
func (k Keeper) addPoints(ctx context.Context, addr sdk.AccAddress, rec types.Record, points, maxScore, jobID uint64) error {
	rec.Score = types.AddPoints(rec.Score, points, maxScore)
	if err := k.setRecord(ctx, addr, rec); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventReputationUpdated{
		Address:  rec.Address,
		Role:     rec.Role,
		Points:   points,
		NewScore: rec.Score,
		JobId:    jobID,
	})
}

// ValidatorPoints returns what each validator on the winning side of a
// settlement with these facts earns: the job's points (as if it earned
// reputation) times validatorRewardPct / 100.
func (k Keeper) ValidatorPoints(ctx context.Context, payout math.Int, durationSeconds, completionSeconds uint64, validatorRewardPct uint32) (uint64, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	points := types.Points(types.OrZero(payout), params.ReputationUnit, durationSeconds, completionSeconds)
	return types.ValidatorPoints(points, validatorRewardPct), nil
}
