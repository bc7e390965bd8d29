// Command agijd is the node daemon and command-line client of the agij chain.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/agijobmanager/agij/app"
	"github.com/agijobmanager/agij/cmd/agijd/cmd"
)

func main() {
	if err := svrcmd.Execute(cmd.NewRootCmd(), "AGIJD", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
