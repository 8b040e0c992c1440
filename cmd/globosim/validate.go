package main

import (
	"bytes"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/globomantics/globosim/internal/scenario"
)

// validateCmd is `globosim validate FILE...`: every problem in every file,
// compiler style, on stderr; a line per good file on stdout, after its
// warnings (on stderr, which do not fail it).
func validateCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "globosim validate: name at least one scenario file, e.g. globosim validate my-company.toml")
		return exitUsage
	}
	code := exitOK
	for _, path := range fs.Args() {
		sc, warnings, err := scenario.Validate(path)
		if err != nil {
			fmt.Fprintln(stderr, err)
			code = exitFail
			continue
		}
		if len(warnings) > 0 {
			fmt.Fprintln(stderr, warnings)
		}
		fmt.Fprintf(stdout, "%s: ok: %q, %d work types, %d stages, %d weeks\n",
			path, sc.Name, len(sc.Work), len(sc.Stages), sc.Weeks)
	}
	return code
}

// scenariosCmd is `globosim scenarios`: the built-in scenarios.
func scenariosCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("scenarios")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "globosim scenarios: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	// Written whole, so that a failed write is one error, said once.
	var out bytes.Buffer
	tw := tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
	for _, b := range scenario.Builtins() {
		fmt.Fprintf(tw, "%s\t%s\n", b.Name, b.Description)
	}
	tw.Flush() // into a bytes.Buffer: cannot fail
	fmt.Fprintln(&out, "\nPlans (decisions by week, for globosim run --plan NAME):")
	tw = tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
	for _, b := range scenario.BuiltinPlans() {
		fmt.Fprintf(tw, "  %s\t%s\n", b.Name, b.Description)
	}
	tw.Flush()
	fmt.Fprintln(&out, "\nUse them with: globosim run --scenario NAME --plan NAME (or give paths to your own TOML files)")
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "globosim scenarios: cannot write the list: %v\n", err)
		return exitFail
	}
	return exitOK
}
