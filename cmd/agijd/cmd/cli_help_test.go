package cmd

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every command of the agij modules says what it does, shows an example,
// and explains each of its flags: autocli leaves a message field's flag
// without help unless the module's autocli.go gives it.
func TestAgijCommandsDocumented(t *testing.T) {
	root := NewRootCmd()
	checked := 0
	for _, group := range []string{"tx", "query"} {
		for _, module := range []string{"allowlist", "jobs", "reputation"} {
			cmd, _, err := root.Find([]string{group, module})
			require.NoError(t, err)
			require.Equal(t, module, cmd.Name(), "%s %s", group, module)
			for _, sub := range cmd.Commands() {
				if sub.Hidden || !sub.IsAvailableCommand() {
					continue
				}
				name := group + " " + module + " " + sub.Name()
				require.NotEmpty(t, sub.Short, name)
				require.NotEmpty(t, sub.Example, name)
				sub.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
					// autocli's --page-* flags (the SDK's PageRequest) come
					// without help; the module READMEs explain them.
					if !f.Hidden && !strings.HasPrefix(f.Name, "page-") {
						assert.NotEmpty(t, f.Usage, "agijd %s --%s has no help text", name, f.Name)
					}
				})
				checked++
			}
		}
	}
	require.Greater(t, checked, 40)
}
