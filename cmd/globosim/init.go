package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/globomantics/globosim/scenarios"
)

// starterTemplate is the scenario `globosim scenario init` writes.
const starterTemplate = "templates/starter.toml"

// scenarioCmd is `globosim scenario SUBCOMMAND`: work on scenario files.
func scenarioCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "globosim scenario: name what to do: globosim scenario init FILE writes a starter scenario to make your own")
		return exitUsage
	}
	switch args[0] {
	case "init":
		return scenarioInitCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "globosim scenario: unknown subcommand %q; the one there is: globosim scenario init FILE\n", args[0])
	return exitUsage
}

// scenarioInitCmd is `globosim scenario init FILE`: a fully commented
// starter scenario that validates and plays as it is.
func scenarioInitCmd(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("scenario init")
	force := flags.Bool("force", false, "")
	files, ok, code := parseInterspersed(flags, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "globosim scenario init: name one file to write, e.g. globosim scenario init my-company.toml")
		return exitUsage
	}
	path := files[0]
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			fmt.Fprintf(stderr, "globosim scenario init: %s is a folder; name the file to write, e.g. %s\n", path, filepath.Join(path, "my-company.toml"))
			return exitFail
		}
		if !*force {
			fmt.Fprintf(stderr, "globosim scenario init: %s already exists; choose another name, or add --force to overwrite it\n", path)
			return exitFail
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "globosim scenario init: %v\n", err)
		return exitFail
	}
	src, err := fs.ReadFile(scenarios.Templates, starterTemplate)
	if err != nil { // the template is compiled in: only a broken build gets here
		fmt.Fprintf(stderr, "globosim scenario init: %v\n", err)
		return exitFail
	}
	if err := writeFileAtomic(path, src); err != nil {
		fmt.Fprintf(stderr, "globosim scenario init: %v\n", err)
		return exitFail
	}
	fmt.Fprint(stdout, nextSteps(path))
	return exitOK
}

// nextSteps tells what to do with a new scenario file.
func nextSteps(path string) string {
	q := shellQuote(path)
	plan := shellQuote(strings.TrimSuffix(path, filepath.Ext(path)) + "-devops.toml")
	return fmt.Sprintf(`Wrote %s: Acme, a starter scenario that plays as it is. Every key is in it, with a comment.
Make it your own company, then:

  globosim validate %s
      check the file: every problem at once, with its line
  globosim play --scenario %s
      play it
  globosim balance --plan %s %s
      is it a good game? Doing nothing should lose and a sound plan win.
      Copy the plan at the end of %s into %s first.

Every key is described in docs/scenarios.md.
`, path, q, q, plan, q, path, plan)
}

// shellQuote quotes a path for a shell when it needs it.
func shellQuote(s string) string {
	const plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./"
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !strings.ContainsRune(plain, r) }) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
