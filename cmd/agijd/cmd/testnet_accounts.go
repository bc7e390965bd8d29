package cmd

import allowlisttypes "github.com/agijobmanager/agij/x/allowlist/types"

// devAccount is a key of the local networks, derived from a fixed mnemonic so
// that the addresses in the README and the guides stay valid.
//
// These mnemonics are public. Never hold real value with them.
type devAccount struct {
	name     string
	mnemonic string
}

// localnetRoles are the allowlist roles each local key holds from genesis, so
// the gates of x/allowlist let every key do what its name says.
var localnetRoles = map[string][]allowlisttypes.Role{
	"validator":  {allowlisttypes.ROLE_CONSENSUS_VALIDATOR},
	"node1":      {allowlisttypes.ROLE_CONSENSUS_VALIDATOR},
	"node2":      {allowlisttypes.ROLE_CONSENSUS_VALIDATOR},
	"node3":      {allowlisttypes.ROLE_CONSENSUS_VALIDATOR},
	"agent1":     {allowlisttypes.ROLE_AGENT},
	"agent2":     {allowlisttypes.ROLE_AGENT},
	"validator1": {allowlisttypes.ROLE_VALIDATOR},
	"validator2": {allowlisttypes.ROLE_VALIDATOR},
	"validator3": {allowlisttypes.ROLE_VALIDATOR},
	"moderator":  {allowlisttypes.ROLE_MODERATOR},
}

// localnetAccounts live in the first node's test keyring. "validator" is the
// first consensus validator's operator; validator1..3 are job validators
// (reviewers), not consensus validators.
var localnetAccounts = []devAccount{
	{"validator", "bounce trap erosion twelve brave smile canyon month wage cross thank fuel patrol father manage subway olive aim involve odor nothing polar leaf room"},
	{"employer", "blade melody skirt early canoe action vehicle rally ivory little fame upset entry moral ritual gate crouch never giggle thumb crush useless buffalo inner"},
	{"agent1", "swarm clay reform strike duck furnace net raw weasel liquid panic scrap job poem high design enact apart cost honey again comfort observe swim"},
	{"agent2", "public brain toy pyramid egg wise sugar garage limb village spice bind again extend beauty unfold tent casino patrol avocado brave define attack brass"},
	{"validator1", "borrow aware enter provide link husband outside promote sand list desert chest crowd scale coast faculty fatigue soon disease snow mesh wing cycle sweet"},
	{"validator2", "predict fire inquiry claim sing lucky forward oblige mesh kitchen neck profit glow wheat upon road poet egg among dry foster execute extend phone"},
	{"validator3", "festival auction always garbage crush army leave group reduce again delay fringe section pottery genre scare gas bone play that scrap bachelor grunt gasp"},
	{"moderator", "cave long know analyst theory wrestle vibrant trade aerobic supply spice balance net try place chef remain admit friend actress debris enough math false"},
}

// extraValidatorAccounts are the operators of nodes 1..3 of a multi-node
// localnet, each in its own node's keyring.
var extraValidatorAccounts = []devAccount{
	{"node1", "mad axis banner absurd dad excite beef blur unknown depend average left script calm account brief nasty bid foil broken minute gap visa razor"},
	{"node2", "machine wasp behave episode slow magic law symptom recall grunt dial maid sure wing wedding snow lamp play bless evil illness harvest wave budget"},
	{"node3", "long vital series school defy cheese occur require dolphin error liar faint balcony noodle lion game snow panda situate judge face mix whale nation"},
}
