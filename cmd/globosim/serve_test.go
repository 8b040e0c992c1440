package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/workshop"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

func TestServeBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--bogus"},
		{"extra"},
		{"--max-players", "0"},
		{"--max-players", "5000"},
		{"--idle-timeout", "-1s"},
		{"--idle-timeout", "soon"},
		{"--facilitator", "the host"},
		{"--room-code", "  "},
		{"--data", ""},
		{"--seed", "-1"},
		{"--max-startups", "0"},
		{"--max-startups-per-address", "0"},
		{"--max-startups-per-address", "99999"},
		{"--rounds", "26,13"},
		{"--rounds", "13,52"},
		{"--rounds", "thirteen"},
		{"--rounds", ""},
	} {
		code, out, errs := runCLI(append([]string{"serve"}, args...)...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errs, "globosim serve: ") {
			t.Errorf("serve %v: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out, errs)
		}
	}
}

func TestServeBadScenario(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCLI("serve", "--scenario", "nosuch", "--data", filepath.Join(dir, "room"))
	if code != exitFail || !strings.Contains(errs, "nosuch") {
		t.Fatalf("unknown scenario: exit %d, %q", code, errs)
	}
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[company]\nnmae = \"x\"\n"), 0o644)
	code, _, errs = runCLI("serve", "--scenario", bad, "--data", filepath.Join(dir, "room"))
	if code != exitFail || !strings.Contains(errs, "bad.toml:") {
		t.Fatalf("broken scenario: exit %d, %q", code, errs)
	}
}

func TestServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	data := filepath.Join(t.TempDir(), "room")
	code, _, errs := runCLI("serve", "--addr", ln.Addr().String(), "--data", data)
	if code != exitFail || !strings.HasPrefix(errs, "globosim serve: cannot listen on "+ln.Addr().String()) || strings.Count(errs, "\n") != 1 {
		t.Fatalf("exit %d, %q; want exit 1 and one line", code, errs)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Fatalf("the room's folder was made before listening: %v", err)
	}
}

// One room folder, one server: a second `serve` on a served folder exits
// 1 naming the folder and the process serving it, `room export` still
// reads it, and once the first is killed the folder is free again. Strings
// from outside reach the log escaped, or are refused first.
func TestServeLocksTheFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildGlobosim(t, dir)
	data := roomWithResults(t)
	first := startServer(t, bin, "--data", data)

	second := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", data)
	var errs strings.Builder
	second.Stderr = &errs
	err := second.Run()
	want := fmt.Sprintf("globosim serve: %s is being served by another globosim serve (process %d)", data, first.cmd.Process.Pid)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFail || !strings.HasPrefix(errs.String(), want) || strings.Count(errs.String(), "\n") != 1 {
		t.Fatalf("a second serve: %v, %q; want exit 1 and %q", err, errs.String(), want)
	}
	out := filepath.Join(dir, "debrief")
	if out, err := exec.Command(bin, "room", "export", "--data", data, "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("room export on a served folder: %v\n%s", err, out)
	}

	first.cmd.Process.Signal(syscall.SIGKILL)
	<-first.ended
	first.cmd.Wait()
	src, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "globomantics.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// A scenario whose name would act on the facilitator's terminal is
	// refused before anything is made; one named with markup is served and
	// its name printed as written.
	evil := filepath.Join(dir, "evil.toml")
	os.WriteFile(evil, []byte(strings.Replace(string(src), `name = "Globomantics"`, `name = "Evil\u001b[2J"`, 1)), 0o644)
	refused := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "room3"), "--scenario", evil)
	if msg, err := refused.CombinedOutput(); err == nil || !strings.Contains(string(msg), "control character U+001B") || strings.ContainsRune(string(msg), 0x1b) {
		t.Errorf("serve with a scenario that has an escape in its name: %v, %q", err, msg)
	}
	if _, err := os.Stat(filepath.Join(dir, "room3")); !os.IsNotExist(err) {
		t.Errorf("a refused scenario left a room folder: %v", err)
	}
	marked := filepath.Join(dir, "marked.toml")
	os.WriteFile(marked, []byte(strings.Replace(string(src), `name = "Globomantics"`, `name = "Evil <b>"`, 1)), 0o644)
	// A room code with an escape in it is printed escaped.
	third := startServer(t, bin, "--data", filepath.Join(dir, "room2"), "--scenario", marked, "--room-code", "blue\x1b[2J")
	third.waitLog(`room code: blue\x1b[2J;`, keyWait)
	third.waitLog(`The room is open: Evil <b>, seed 1`, keyWait)
	again := startServer(t, bin, "--data", data) // the killed server's lock went with it
	again.waitLog("The room is open", keyWait)
	for _, s := range []*server{third, again} {
		s.control("q")
		s.waitLog("The room is closed.", keyWait)
		if err := s.cmd.Wait(); err != nil {
			t.Fatalf("globosim serve ended with %v", err)
		}
		s.mu.Lock()
		for _, l := range s.lines {
			if strings.ContainsRune(l, 0x1b) {
				t.Errorf("the log printed an escape: %q", l)
			}
		}
		s.mu.Unlock()
	}
}

// roomWithResults writes a room folder whose results hold whole games of
// the default scenario: ana follows the DevOps plan, ben does nothing.
func roomWithResults(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	devops, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	var lines []byte
	for _, p := range []struct {
		name string
		plan *sim.Plan
	}{{"ana", devops}, {"ben", nil}} {
		line, err := json.Marshal(workshop.Record{Player: p.name, Finished: time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC), Result: sim.RunGame(sc, 1, 0, p.plan)})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(append(lines, line...), '\n')
	}
	if err := os.WriteFile(filepath.Join(dir, workshop.ResultsFile), lines, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRoomExport(t *testing.T) {
	data := roomWithResults(t)
	out := filepath.Join(t.TempDir(), "debrief")
	code, stdout, errs := runCLI("room", "export", "--data", data, "--out", out)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, %q", code, errs)
	}
	csvPath, mdPath := filepath.Join(out, "results.csv"), filepath.Join(out, "debrief.md")
	if stdout != csvPath+"\n"+mdPath+"\n" {
		t.Fatalf("printed %q, want the two paths", stdout)
	}

	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and two players:\n%v", len(rows), rows)
	}
	header := strings.Join(rows[0], ",")
	if !strings.HasPrefix(header, "rank,player,finished,won,weeks,score,market_share,budget,dora_band,") || !strings.Contains(header, "lead_time_for_changes_hours") {
		t.Fatalf("header: %s", header)
	}
	if rows[1][0] != "1" || rows[1][1] != "ana" || rows[1][3] != "true" || rows[2][1] != "ben" || rows[2][2] != "2026-03-12T10:00:00Z" {
		t.Fatalf("rows (ana's plan wins, ben loses):\n%v\n%v", rows[1], rows[2])
	}

	md, err := os.ReadFile(mdPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"# ", "ana", "ben", "seed 1"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("the debrief lacks %q", s)
		}
	}
	// The debrief is what compare makes of the players' exported results.
	exports := t.TempDir()
	for _, name := range []string{"ana", "ben"} {
		os.WriteFile(filepath.Join(exports, name+".json"), exportedRecord(t, data, name), 0o644)
	}
	if code, compared, errs := runCLI("compare", "--format", "markdown", exports); code != exitOK || compared != string(md) {
		t.Fatalf("compare: exit %d, %s; its Markdown and the export differ", code, errs)
	}

	if code, printed, _ := runCLI("room", "export", "--data", data); code != exitOK || !strings.Contains(printed, filepath.Join(data, "debrief.md")) {
		t.Fatalf("export into the room's folder: exit %d, %q", code, printed)
	}
}

// exportedRecord is a player's result as JSON with their name in it, as
// compare reads it.
func exportedRecord(t *testing.T, data, name string) []byte {
	t.Helper()
	records, err := workshop.ReadResults(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if r.Player == name {
			b, _ := json.Marshal(struct {
				Player string `json:"player"`
				sim.Result
			}{name, r.Result})
			return b
		}
	}
	t.Fatalf("no result for %s", name)
	return nil
}

func TestRoomExportMistakes(t *testing.T) {
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"room"}, exitUsage, "name what to do"},
		{[]string{"room", "import"}, exitUsage, `unknown subcommand "import"`},
		{[]string{"room", "export", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"room", "export", "--data", empty, "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"room", "export", "--data", empty}, exitFail, "has no games yet, finished or in progress"},
		{[]string{"room", "export", "--data", filepath.Join(empty, "none")}, exitFail, "no such room folder"},
	} {
		code, _, errs := runCLI(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

// buildGlobosim builds the binary into dir.
func buildGlobosim(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "globosim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// server is `globosim serve` running as its own process, without a
// terminal: it logs events on its standard output and takes the
// facilitator's controls as lines on its standard input.
type server struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.WriteCloser
	addr  string

	mu    sync.Mutex
	lines []string
	next  int           // waitLog looks from here
	grew  chan struct{} // a line was added (buffered: one wake-up stands for any number)
	ended chan struct{}
}

func startServer(t *testing.T, bin string, args ...string) *server {
	t.Helper()
	s := &server{t: t, cmd: exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...), grew: make(chan struct{}, 1), ended: make(chan struct{})}
	var err error
	if s.stdin, err = s.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill(); <-s.ended })
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			s.mu.Lock()
			s.lines = append(s.lines, sc.Text())
			s.mu.Unlock()
			select {
			case s.grew <- struct{}{}:
			default:
			}
		}
		close(s.ended)
	}()
	first := s.waitLog("participants type ssh -p ", 10*time.Second)
	port := strings.Fields(first[strings.Index(first, "-p "):])[1]
	s.addr = "127.0.0.1:" + port
	return s
}

// waitLog waits for a line of the log containing text, after the last
// one found.
func (s *server) waitLog(text string, d time.Duration) string {
	s.t.Helper()
	timeout := time.NewTimer(d)
	defer timeout.Stop()
	for ended := false; ; {
		s.mu.Lock()
		for i := s.next; i < len(s.lines); i++ {
			if strings.Contains(s.lines[i], text) {
				s.next = i + 1
				line := s.lines[i]
				s.mu.Unlock()
				return line
			}
		}
		all := strings.Join(s.lines, "\n")
		s.mu.Unlock()
		if ended {
			s.t.Fatalf("the server's log ended without %q:\n%s", text, all)
		}
		select {
		case <-s.grew:
		case <-s.ended:
			ended = true // look once more: the last lines may have come with the end
		case <-timeout.C:
			s.t.Fatalf("waited %v for %q in the server's log:\n%s", d, text, all)
		}
	}
}

func (s *server) control(line string) { fmt.Fprintln(s.stdin, line) }

const keyWait = 10 * time.Second

func joinGame(t *testing.T, addr, name string) *workshoptest.Client {
	t.Helper()
	c := workshoptest.Dial(t, addr, name, workshoptest.Options{})
	c.WaitFor("Welcome to the room, "+name, keyWait)
	c.Type("\r")
	c.WaitFor("start the game", keyWait)
	c.Type("\r")
	c.WaitFor("week 1/52", keyWait)
	return c
}

// The real binary, killed without a chance to close (SIGKILL) with one game
// finished and one mid-round, started again on the same folder: the
// finished game is in the results and on the leaderboard, the other player
// resumes at the week saved, export and q work from standard input.
func TestServeKilledAndRestarted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildGlobosim(t, dir)
	data := filepath.Join(dir, "room")

	s := startServer(t, bin, "--data", data)
	ana, ben := joinGame(t, s.addr, "ana"), joinGame(t, s.addr, "ben")
	s.waitLog("ben joined.", keyWait)
	s.control("s")
	s.waitLog("The facilitator started the round.", keyWait)
	ben.WaitFor("play on", keyWait)
	ben.Type("   ")
	ben.WaitFor("week 4/52", keyWait)
	waitSaved(t, filepath.Join(data, "players", "ben.json"), 3) // by the room's next batch of saves
	ana.WaitFor("play on", keyWait)
	// To the end screen, scored; 1 answers each event that asks on the way
	// (on the dashboard it does nothing).
	for deadline := time.Now().Add(keyWait); ; {
		ana.Type(strings.Repeat(" 1", 10))
		if _, err := ana.Await("Skill or luck?", 2*time.Second); err == nil {
			break
		} else if time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
	s.waitLog("ana finished in week", keyWait)
	s.control("l nope")
	s.waitLog(`Not scheduled: there is no event called "nope"`, keyWait)
	// For the week after the one the furthest game reached, ana's (over):
	// no game has played it without the event.
	s.control("l globex-stall")
	s.waitLog(`The facilitator scheduled "globex-stall" for week `, keyWait)

	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.ended
	s.cmd.Wait()

	s = startServer(t, bin, "--data", data)
	s.waitLog("The room is open: Globomantics, seed 1; 1 finished, 1 saved.", keyWait)
	// Still started, with its schedule: nobody presses s again.
	s.waitLog("The round is on, as the server left it, with 1 scheduled event.", keyWait)
	back := workshoptest.Dial(t, s.addr, "ben", workshoptest.Options{})
	back.WaitFor("you stopped after week 3", keyWait)
	back.Type("\r")
	back.WaitFor("week 4/52", keyWait)
	back.Type(" ")
	back.WaitFor("week 5/52", keyWait)
	done := workshoptest.Dial(t, s.addr, "ana", workshoptest.Options{})
	done.WaitFor("Your game in this round is over, ana.", keyWait)

	s.control("x")
	s.waitLog("Exported the results to "+filepath.Join(data, "results.csv"), keyWait)
	if b, err := os.ReadFile(filepath.Join(data, "results.csv")); err != nil || !strings.Contains(string(b), "\n1,ana,") {
		t.Fatalf("results.csv after the restart: %v\n%s", err, b)
	}
	s.control("q")
	s.waitLog("The room is closed.", keyWait)
	back.WaitFor("The facilitator has closed the room. Your game is saved after week 4, ben.", keyWait)
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("globosim serve ended with %v", err)
	}
}

// The leaderboard in the facilitator's terminal (tmux): it shows the room,
// s starts the round for the players, q asks, y closes the room and gives
// the terminal back.
func TestServeBoardInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	tm := newTerm(t, dir, "serve", "./globosim serve --addr "+addr+" --data room --room-code blue-42")
	tm.waitFor("Round: waiting for you (s starts it)", 10*time.Second)
	tm.waitFor("code blue-42", time.Second)

	ana := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	ana.WaitFor("This room has a code", keyWait)
	ana.Type("blue-42\r")
	ana.Type("\r")
	ana.WaitFor("start the game", keyWait)
	ana.Type("\r")
	ana.WaitFor("Waiting for the facilitator", keyWait)
	screen := tm.waitFor("ana", 5*time.Second)
	if !strings.Contains(screen, "lobby") || !strings.Contains(screen, "1 of 40 players connected") {
		t.Fatalf("the board:\n%s", screen)
	}
	tm.keys("s")
	ana.WaitFor("play on", keyWait)
	ana.Type("  ")
	tm.waitFor("3/52", 5*time.Second) // two weeks played: the board counts the week in play, as the header does
	tm.waitFor("Round: on", time.Second)

	tm.keys("q")
	tm.waitFor("Close the room?", 5*time.Second)
	tm.keys("y")
	saneTerminal(t, tm.waitFor("STTY-END", 10*time.Second))
	if s := tm.screen(); !strings.Contains(s, "EXIT:0") || !strings.Contains(s, "The room is closed") {
		t.Fatalf("after closing:\n%s", s)
	}
	ana.WaitFor("Your game is saved after week 2, ana.", keyWait)
}

// serve --teams on the real binary: two members play one company, the
// server is killed (SIGKILL) mid-round, and on the same folder a member
// picks the team and continues its game at the week saved.
func TestServeTeamsKilledAndRestarted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildGlobosim(t, dir)
	data := filepath.Join(dir, "room")
	member := func(addr, name, team string) *workshoptest.Client {
		c := workshoptest.Dial(t, addr, name, workshoptest.Options{})
		c.WaitFor("Which team do you play in, "+name+"?", keyWait)
		c.Type(team + "\r")
		c.WaitFor("Your role in team rockets", keyWait)
		c.Type("\r")
		return c
	}

	s := startServer(t, bin, "--data", data, "--teams")
	ana := member(s.addr, "ana", "rockets")
	ana.WaitFor("Welcome to the room", keyWait)
	ana.Type("\r")
	ana.WaitFor("start the game", keyWait)
	ana.Type("\r")
	s.waitLog("ana joined team rockets as Development.", keyWait)
	bob := member(s.addr, "bob", "")
	s.waitLog("bob joined team rockets as Operations.", keyWait)
	bob.WaitFor("Welcome to the room", keyWait)
	bob.Type("\r")
	bob.WaitFor("start the game", keyWait)
	bob.Type("\r")
	s.control("s")
	ana.WaitFor("play on", keyWait)
	ana.Type("   ")
	bob.WaitFor("week 4/52", keyWait)
	waitSaved(t, filepath.Join(data, "players", "rockets.json"), 3) // by the room's next batch of saves

	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.ended
	s.cmd.Wait()

	s = startServer(t, bin, "--data", data, "--teams")
	s.waitLog("The room is open: Globomantics, seed 1; 0 finished, 1 saved.", keyWait)
	// Back in the team, bob has his role again without being asked.
	back := workshoptest.Dial(t, s.addr, "bob", workshoptest.Options{})
	back.WaitFor("Which team do you play in, bob?", keyWait)
	back.Type("\r")
	back.WaitFor("Welcome to the room, rockets · bob (Operations)", keyWait)
	back.WaitFor("you stopped after week 3", keyWait)
	back.Type("\r")
	back.WaitFor("week 4/52", keyWait)
	s.control("q")
	s.waitLog("The room is closed.", keyWait)
	back.WaitFor("Team rockets's game is saved after week 3, bob.", keyWait)
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("globosim serve ended with %v", err)
	}
}

// waitSaved waits for the save at path to be of the week: a room writes
// its games' saves in batches, a few seconds apart.
func waitSaved(t *testing.T, path string, week int) {
	t.Helper()
	for deadline := time.Now().Add(keyWait); ; {
		f, err := save.Read(path)
		if err == nil && f.Week == week {
			return
		} else if time.Now().After(deadline) {
			t.Fatalf("no save of week %d in %s: %v", week, path, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
