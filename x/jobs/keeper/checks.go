package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	allowlistkeeper "github.com/agijobmanager/agij/x/allowlist/keeper"
	allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"
	"github.com/agijobmanager/agij/x/jobs/types"
)

// blockTime is the only clock the module reads.
func blockTime(ctx context.Context) time.Time {
	return sdk.UnwrapSDKContext(ctx).BlockTime()
}

// emit emits a typed event.
func emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

// checkPause refuses a message while a pause holds it: intake messages
// (create, apply) first check the intake pause, then every participant
// message checks the settlement pause.
func (k Keeper) checkPause(ctx context.Context, intake bool) error {
	p, err := k.Pause.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if intake && p.Intake {
		return errorsmod.Wrap(types.ErrIntakePaused, "new jobs and applications are paused by governance")
	}
	if p.Settlement {
		return errorsmod.Wrap(types.ErrSettlementPaused, "job operations are paused by governance")
	}
	return nil
}

// checkRole refuses addr unless x/allowlist authorizes it for role now.
// A bar is ErrBlacklisted, any other refusal ErrUnauthorized; both keep
// x/allowlist's reason.
func (k Keeper) checkRole(ctx context.Context, addr sdk.AccAddress, addrStr string, role allowlisttypes.Role) error {
	err := k.allowlistKeeper.CheckAuthorized(ctx, addr, role)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, allowlisttypes.ErrBlacklisted):
		return errorsmod.Wrap(types.ErrBlacklisted, err.Error())
	case allowlistkeeper.IsReason(err):
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s may not act as %s: %s", addrStr, role, err)
	default:
		return err
	}
}

// isAuthority reports whether signer is the module authority.
func (k Keeper) isAuthority(signer string) bool { return signer == k.authority }

// requireAuthority refuses anyone but the authority.
func (k Keeper) requireAuthority(signer, action string) error {
	if !k.isAuthority(signer) {
		return errorsmod.Wrapf(types.ErrUnauthorized, "only the authority %s may %s; %s is not it", k.authority, action, signer)
	}
	return nil
}

// requireStatus refuses a job that is not in one of the given statuses.
func requireStatus(job types.Job, action string, want ...types.JobStatus) error {
	for _, s := range want {
		if job.Status == s {
			return nil
		}
	}
	return errorsmod.Wrapf(types.ErrInvalidState, "job %d is %s; %s needs %s", job.Id, job.Status, action, statusList(want))
}

func statusList(ss []types.JobStatus) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " or "
		}
		out += s.String()
	}
	return out
}

// requireOpenWindow refuses once block time is past the last second of a
// window (windows include their last second).
func requireOpenWindow(ctx context.Context, job types.Job, what string, last time.Time) error {
	if now := blockTime(ctx); now.After(last) {
		return errorsmod.Wrapf(types.ErrInvalidState, "job %d: %s closed at %s (block time %s)",
			job.Id, what, formatTime(last), formatTime(now))
	}
	return nil
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// lock moves amount from addr into the escrow account; insufficient funds is
// the bank's own error. It sends to the escrow's address directly:
// SendCoinsFromAccountToModule would first load the module account, which
// InitGenesis has already created, only to take its address, one read of
// ~1.3k gas on every lock.
func (k Keeper) lock(ctx context.Context, from sdk.AccAddress, denom string, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	return k.bankKeeper.SendCoins(ctx, from, k.moduleAddress, sdk.NewCoins(sdk.NewCoin(denom, amount)))
}

// payment is an amount the escrow account owes to a bech32 address.
type payment struct {
	to     string
	amount math.Int
}

// payAll moves every positive payment out of the escrow account in a single
// bank transfer: one input (the escrow) and one output per recipient, merged
// by address, in the order given. A send per recipient would read the
// escrow's account and balance and rewrite its balance entries for each one (2
// reads and 2 writes, ~8.3k gas, per recipient; docs/PERFORMANCE.md). Like
// SendCoinsFromModuleToAccount, it refuses a blocked recipient (the first in
// order, with the bank's own error) before anything moves.
func (k Keeper) payAll(ctx context.Context, denom string, payments []payment) error {
	outputs := make([]banktypes.Output, 0, len(payments))
	total := math.ZeroInt()
	for _, p := range payments {
		if !p.amount.IsPositive() {
			continue
		}
		addr, err := k.addressCodec.StringToBytes(p.to)
		if err != nil {
			return err
		}
		if k.bankKeeper.BlockedAddr(addr) {
			return errorsmod.Wrapf(sdkerrors.ErrUnauthorized, "%s is not allowed to receive funds", sdk.AccAddress(addr))
		}
		total = total.Add(p.amount)
		coins := sdk.NewCoins(sdk.NewCoin(denom, p.amount))
		// Addresses are canonical (canonicalSigner), so equal strings are
		// equal accounts.
		if i := slices.IndexFunc(outputs, func(o banktypes.Output) bool { return o.Address == p.to }); i >= 0 {
			outputs[i].Coins = outputs[i].Coins.Add(coins...)
			continue
		}
		outputs = append(outputs, banktypes.Output{Address: p.to, Coins: coins})
	}
	if len(outputs) == 0 {
		return nil
	}
	return k.bankKeeper.InputOutputCoins(ctx, banktypes.NewInput(k.moduleAddress, sdk.NewCoins(sdk.NewCoin(denom, total))), outputs)
}

// canonicalSigner decodes a message's signer and returns it with its
// canonical bech32 spelling. Bech32 also accepts an all-uppercase string for
// the same account, so every comparison and everything stored uses the
// canonical form: a party cannot slip past the self-dealing checks, or store
// a job the index lookups would miss, by spelling its address differently.
func (k Keeper) canonicalSigner(field string, s *string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(*s)
	if err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q: %s", field, *s, err)
	}
	canonical, err := k.addressCodec.BytesToString(bz)
	if err != nil {
		return nil, err
	}
	*s = canonical
	return bz, nil
}
