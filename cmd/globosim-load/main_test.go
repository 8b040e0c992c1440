package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// A small load: three players on the tool's own room, a key each every
// 300 ms for three seconds; every one echoes and the report says so.
func TestLoadMeasuresTheEcho(t *testing.T) {
	var out, errs bytes.Buffer
	if code := cli([]string{"--players", "3", "--duration", "3s", "--every", "300ms", "--size", "80x24"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs.String(), out.String())
	}
	report := out.String()
	m := regexp.MustCompile(`3 players, .* of play, a key every 300ms each: (\d+) echoes, p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms`).FindStringSubmatch(report)
	if m == nil || m[1] == "0" {
		t.Fatalf("no echo measured:\n%s", report)
	}
	if !strings.Contains(report, "players failed 0") {
		t.Errorf("a player failed:\n%s", report)
	}
	// What the figures depend on: the collector's setting, as serve has
	// it, and the memory.
	for _, want := range []string{"serving a room of its own on 127.0.0.1, with the collector: GOGC ", "memory from the system: ", "the target, p95 at most 100ms with every key echoed: ",
		// What makes the tail: when it came, and the runtime's waits.
		"the echo's p95 by when the key was sent: 0s ", "the Go runtime of this process: a runnable goroutine waited for a core: p50 ",
		"the collector stopped the world: p50 "} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, report)
		}
	}
}

// Its bounds: no more than 1000 players or ten minutes, one clear line.
func TestLoadBounds(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--players", "1001"}, "--players 1001: give 1 to 1000"},
		{[]string{"--players", "0"}, "give 1 to 1000"},
		{[]string{"--duration", "11m"}, "at most 10m0s"},
		{[]string{"--every", "10ms"}, "at least 200ms"},
		{[]string{"--size", "big"}, `--size "big"`},
		{[]string{"extra"}, `unexpected argument "extra"`},
	} {
		var out, errs bytes.Buffer
		if code := cli(c.args, &out, &errs); code != 2 || !strings.Contains(errs.String(), c.want) || strings.Count(errs.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs.String(), c.want)
		}
	}
}
