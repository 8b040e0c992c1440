package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// play --rounds takes weeks in increasing order within the game, and says
// in one line what is wrong otherwise, before any screen.
func TestPlayRoundsFlag(t *testing.T) {
	for args, want := range map[string]string{
		"26,13":   "--rounds: the weeks must be in increasing order, and 13 comes after 26",
		"13,x":    `--rounds: "x" is not a week`,
		"0":       `--rounds: "0" is not a week`,
		"13,52":   "--rounds: week 52 is not within the game: each week must be from 1 to 51 (the game has 52 weeks, and the last round ends with it)",
		"10,2000": "week 2000 is not within the game",
	} {
		code, out, errs := runCLI("play", "--scenario", "globomantics", "--rounds", args)
		if code != exitUsage || out != "" || !strings.HasPrefix(errs, "globosim play: --rounds: ") || !strings.Contains(errs, want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("play --rounds %s: exit %d, %q, %q; want exit 2 and %q", args, code, out, errs, want)
		}
	}
	code, _, errs := runCLI("serve", "--rounds", "13,60")
	if code != exitUsage || !strings.Contains(errs, "globosim serve: --rounds: week 60 is not within the game") {
		t.Errorf("serve --rounds 13,60: exit %d, %q", code, errs)
	}
}

// play --rounds in a real terminal: the game halts at the end of week 2,
// auto-play too, says enter starts the next round when the player is
// ready, and enter does.
func TestPlayRoundsInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	tm := newTerm(t, dir, "rounds", "./globosim play --scenario globomantics --rounds 2,4")
	tm.waitFor("G L O B O S I M", 10*time.Second)
	tm.keys("Enter")
	tm.waitFor("start the game", 5*time.Second)
	tm.keys("Enter")
	tm.waitFor("week 1/52", 5*time.Second)
	tm.keys("p") // auto-play, which the gate stops
	screen := tm.waitFor("Round 1 is over", 30*time.Second)
	for _, want := range []string{"week 3/52", "Press enter when you are ready for round 2"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("at the gate the screen lacks %q:\n%s", want, screen)
		}
	}
	tm.keys("Space")
	tm.waitFor("week 3/52", time.Second)
	tm.keys("Enter")
	tm.waitFor("Round 2 is over", 30*time.Second) // auto-play carried on, to the next gate
	tm.waitFor("week 5/52", time.Second)
	tm.keys("q")
	tm.waitFor("Quit", 5*time.Second)
	tm.keys("y")
	saneTerminal(t, tm.waitFor("STTY-END", 10*time.Second))
}

// serve --rounds without a terminal: the line s starts the round, and at
// the gate the next round; the players' games wait there until it comes.
func TestServeRoundsFromStandardInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildGlobosim(t, dir)
	s := startServer(t, bin, "--data", filepath.Join(dir, "room"), "--rounds", "2")
	ana := joinGame(t, s.addr, "ana")
	s.control("s")
	s.waitLog("The facilitator started the round.", keyWait)
	ana.WaitFor("play on", keyWait)
	ana.Type("    ")
	ana.WaitFor("Round 1 is over: the end of week 2 of 52", keyWait)
	s.control("s")
	s.waitLog("The facilitator started round 2, up to the end of the game (1 of 1 unfinished games had reached week 2).", keyWait)
	ana.WaitFor("Round 2 has begun: play on.", keyWait)
	ana.Type(" ")
	ana.WaitFor("week 4/52", keyWait)
	s.control("q")
	s.waitLog("The room is closed.", keyWait)
}
