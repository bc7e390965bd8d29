package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// msgs lists every message with its amino name; the names match the
// amino.name options of tx.proto.
func msgs() []struct {
	msg  sdk.Msg
	name string
} {
	return []struct {
		msg  sdk.Msg
		name string
	}{
		{&MsgCreateJob{}, "agij/jobs/MsgCreateJob"},
		{&MsgCancelJob{}, "agij/jobs/MsgCancelJob"},
		{&MsgDelistJob{}, "agij/jobs/MsgDelistJob"},
		{&MsgApplyForJob{}, "agij/jobs/MsgApplyForJob"},
		{&MsgRequestCompletion{}, "agij/jobs/MsgRequestCompletion"},
		{&MsgApproveJob{}, "agij/jobs/MsgApproveJob"},
		{&MsgDisapproveJob{}, "agij/jobs/MsgDisapproveJob"},
		{&MsgDisputeJob{}, "agij/jobs/MsgDisputeJob"},
		{&MsgResolveDispute{}, "agij/jobs/MsgResolveDispute"},
		{&MsgFinalizeJob{}, "agij/jobs/MsgFinalizeJob"},
		{&MsgExpireJob{}, "agij/jobs/MsgExpireJob"},
		{&MsgSetPause{}, "agij/jobs/MsgSetPause"},
		{&MsgUpdateParams{}, "agij/jobs/MsgUpdateParams"},
	}
}

// RegisterLegacyAminoCodec registers the messages for amino JSON signing.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs() {
		legacy.RegisterAminoMsg(cdc, m.msg, m.name)
	}
}

// RegisterInterfaces registers the messages with the interface registry, and
// JobCertificate so that x/nft's queries can show certificate data.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	for _, m := range msgs() {
		registry.RegisterImplementations((*sdk.Msg)(nil), m.msg)
	}
	registry.RegisterImplementations((*codec.ProtoMarshaler)(nil), &JobCertificate{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
