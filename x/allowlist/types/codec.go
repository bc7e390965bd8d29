package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the messages for amino JSON signing; the
// names match the amino.name options of tx.proto.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "agij/allowlist/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgGrantRole{}, "agij/allowlist/MsgGrantRole")
	legacy.RegisterAminoMsg(cdc, &MsgRevokeRole{}, "agij/allowlist/MsgRevokeRole")
	legacy.RegisterAminoMsg(cdc, &MsgSetBlacklist{}, "agij/allowlist/MsgSetBlacklist")
	legacy.RegisterAminoMsg(cdc, &MsgSetIssuer{}, "agij/allowlist/MsgSetIssuer")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveIssuer{}, "agij/allowlist/MsgRemoveIssuer")
	legacy.RegisterAminoMsg(cdc, &MsgSetMerkleRoot{}, "agij/allowlist/MsgSetMerkleRoot")
	legacy.RegisterAminoMsg(cdc, &MsgClaimRole{}, "agij/allowlist/MsgClaimRole")
}

// RegisterInterfaces registers the messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{},
		&MsgGrantRole{},
		&MsgRevokeRole{},
		&MsgSetBlacklist{},
		&MsgSetIssuer{},
		&MsgRemoveIssuer{},
		&MsgSetMerkleRoot{},
		&MsgClaimRole{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
