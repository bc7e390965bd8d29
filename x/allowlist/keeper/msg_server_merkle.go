package keeper

import (
	"context"
	"errors"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/agijobmanager/agij/x/allowlist/types"
)

// SetMerkleRoot publishes the signer's root for msg.Role, replacing the
// previous one, whose claims stop being authorized. The signer is the
// authority (the root is stored under its address) or an issuer accredited
// for the role.
func (m msgServer) SetMerkleRoot(ctx context.Context, msg *types.MsgSetMerkleRoot) (*types.MsgSetMerkleRootResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	signer, signerStr, err := m.decodeAddress("signer", msg.Signer)
	if err != nil {
		return nil, err
	}

	if _, err := m.signerCapacity(ctx, signer, signerStr, msg.Role); err != nil {
		return nil, err
	}

	key := collections.Join(signer, int32(msg.Role))
	var previous string
	prev, err := m.MerkleRoots.Get(ctx, key)
	switch {
	case err == nil:
		previous = prev.Root
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}

	entry := types.MerkleRootEntry{
		Issuer: signerStr,
		Role:   msg.Role,
		Root:   msg.Root,
		SetAt:  sdk.UnwrapSDKContext(ctx).BlockTime(),
	}
	if err := m.MerkleRoots.Set(ctx, key, entry); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventMerkleRootSet{
		Issuer:       signerStr,
		Role:         msg.Role,
		Root:         msg.Root,
		PreviousRoot: previous,
	}); err != nil {
		return nil, err
	}
	return &types.MsgSetMerkleRootResponse{}, nil
}

// ClaimRole admits the claimant to msg.Role when msg.Proof leads from its
// address to the current root of msg.Issuer for the role. The issuer must be
// the authority or an issuer still accredited for the role. The membership
// (source MERKLE_CLAIM, no expiry, the issuer's jurisdiction) records the
// root; it stays authorized while that root is current. A claim replaces
// only an earlier claim of the same issuer under an older root.
func (m msgServer) ClaimRole(ctx context.Context, msg *types.MsgClaimRole) (*types.MsgClaimRoleResponse, error) {
	if err := msg.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	claimant, claimantStr, err := m.decodeAddress("claimant", msg.Claimant)
	if err != nil {
		return nil, err
	}
	issuerAddr, issuerStr, err := m.decodeAddress("issuer", msg.Issuer)
	if err != nil {
		return nil, err
	}
	proof, err := types.ParseMerkleProof(msg.Proof)
	if err != nil {
		return nil, err
	}

	// Anyone may claim for itself; the issuer must be able to admit the role.
	var jurisdiction string
	if issuerStr != m.authority {
		issuer, err := m.Issuers.Get(ctx, issuerAddr)
		if errors.Is(err, collections.ErrNotFound) {
			return nil, errorsmod.Wrapf(types.ErrIssuerNotFound, "%s is not an accredited issuer", issuerStr)
		}
		if err != nil {
			return nil, err
		}
		if !slices.Contains(issuer.Roles, msg.Role) {
			return nil, errorsmod.Wrapf(types.ErrIssuerNotFound, "issuer %s (%s) is not accredited for %s", issuerStr, issuer.Name, msg.Role)
		}
		jurisdiction = issuer.Jurisdiction
	}

	root, err := m.MerkleRoots.Get(ctx, collections.Join(issuerAddr, int32(msg.Role)))
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrIssuerNotFound, "%s has published no Merkle root for %s", issuerStr, msg.Role)
	}
	if err != nil {
		return nil, err
	}
	rootHash, err := types.ParseMerkleRoot(root.Root)
	if err != nil {
		return nil, err
	}
	barred, err := m.Blacklist.Has(ctx, memberKey(msg.Role, claimant))
	if err != nil {
		return nil, err
	}
	old, found, err := m.getMember(ctx, msg.Role, claimant)
	if err != nil {
		return nil, err
	}

	if barred {
		return nil, errorsmod.Wrapf(types.ErrBlacklisted, "%s is blacklisted for %s", claimantStr, msg.Role)
	}
	if !types.VerifyMerkleProof(rootHash, claimant, proof) {
		return nil, errorsmod.Wrapf(types.ErrInvalidProof, "the proof does not lead from %s to root %s of %s for %s",
			claimantStr, root.Root, issuerStr, msg.Role)
	}
	if found {
		switch {
		case old.Issuer != issuerStr:
			return nil, errorsmod.Wrapf(types.ErrAlreadyMember, "%s already holds %s, granted by %s", claimantStr, msg.Role, old.Issuer)
		case old.Source != types.ADMISSION_SOURCE_MERKLE_CLAIM:
			return nil, errorsmod.Wrapf(types.ErrAlreadyMember, "%s already holds %s by a direct grant of %s, which a claim does not replace",
				claimantStr, msg.Role, old.Issuer)
		case old.MerkleRoot == root.Root:
			return nil, errorsmod.Wrapf(types.ErrAlreadyMember, "%s already claimed %s under the current root %s", claimantStr, msg.Role, root.Root)
		}
	}

	member := types.Member{
		Address:      claimantStr,
		Role:         msg.Role,
		Issuer:       issuerStr,
		Jurisdiction: jurisdiction,
		GrantedAt:    sdk.UnwrapSDKContext(ctx).BlockTime(),
		Source:       types.ADMISSION_SOURCE_MERKLE_CLAIM,
		MerkleRoot:   root.Root,
	}
	var prev *types.Member
	if found {
		prev = &old
	}
	if err := m.setMember(ctx, claimant, member, prev); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventRoleClaimed{
		Address:    claimantStr,
		Role:       msg.Role,
		Issuer:     issuerStr,
		MerkleRoot: root.Root,
		Updated:    found,
	}); err != nil {
		return nil, err
	}
	return &types.MsgClaimRoleResponse{}, nil
}
