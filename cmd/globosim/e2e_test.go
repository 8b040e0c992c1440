package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/save"
)

// The end-to-end test plays the real binary in a real terminal (tmux), as a
// player would: launch, Enter, Enter, auto-play to the end, export the
// report, quit; then check the report file and that the terminal was given
// back in a sane state. Other runs are stopped mid-game by each signal and
// by ctrl+c, and resumed from their save. CI installs tmux and sets
// GLOBOSIM_REQUIRE_TMUX.

type tmuxTerm struct {
	t      *testing.T
	socket string
	dir    string
}

func newTerm(t *testing.T, dir, name, command string) *tmuxTerm {
	t.Helper()
	// The socket is named for the test's own temporary directory (its
	// parent holds a random number), so tests run at once on one machine do
	// not share a tmux server.
	tm := &tmuxTerm{t: t, socket: "globosim-e2e-" + filepath.Base(filepath.Dir(dir)) + "-" + name, dir: dir}
	// After the game exits, print its exit status and the terminal's
	// settings, then stay, so the test can read them.
	script := command + "; echo EXIT:$?; stty -a | tr '\\n' ' '; echo STTY-END; sleep 60"
	tm.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30",
		"env", "TERM=xterm-256color", "GLOBOSIM_DATA_DIR="+filepath.Join(dir, "data"), "sh", "-c", "cd "+dir+" && "+script)
	tm.tmux("set-option", "-t", "e2e", "status", "off")
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmuxTerm) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *tmuxTerm) screen() string { return tm.tmux("capture-pane", "-p", "-J", "-t", "e2e") }

// modes checks that the pane is out of the alternate screen with its
// cursor shown, as a shell expects it after the game.
func (tm *tmuxTerm) modes() {
	tm.t.Helper()
	if got := strings.TrimSpace(tm.tmux("display-message", "-p", "-t", "e2e", "alt=#{alternate_on} cursor=#{cursor_flag}")); got != "alt=0 cursor=1" {
		tm.t.Fatalf("the terminal was left with %s (want alt=0 cursor=1):\n%s", got, tm.screen())
	}
}

func (tm *tmuxTerm) keys(keys ...string) {
	tm.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// waitFor waits until the screen shows text.
func (tm *tmuxTerm) waitFor(text string, d time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		s := tm.screen()
		if strings.Contains(s, text) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %v for %q; the screen shows:\n%s", d, text, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("GLOBOSIM_REQUIRE_TMUX") != "" {
			t.Fatal("tmux is not installed (apt-get install -y tmux)")
		}
		t.Skip("tmux not installed; apt-get install -y tmux to run the end-to-end test")
	}
	bin := filepath.Join(dir, "globosim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func saneTerminal(t *testing.T, screen string) {
	t.Helper()
	i := strings.Index(screen, "EXIT:")
	if i < 0 {
		t.Fatalf("no exit status on the screen:\n%s", screen)
	}
	flags := map[string]bool{}
	for _, f := range strings.Fields(screen[i:]) {
		flags[f] = true
	}
	// Raw mode turns these off; a restored terminal has them on again.
	for _, want := range []string{"icanon", "echo", "icrnl", "isig"} {
		if !flags[want] || flags["-"+want] {
			t.Fatalf("the terminal was not restored (%s): %s", want, screen[i:])
		}
	}
}

func TestEndToEndInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	tm := newTerm(t, dir, "play", "./globosim")

	tm.waitFor("G L O B O S I M", 10*time.Second)
	tm.keys("Enter")
	tm.waitFor("start the game", 5*time.Second)
	tm.keys("Enter")
	tm.waitFor("week 1/52", 5*time.Second)

	// Buy CI, so the report has a decision in it.
	tm.keys("i")
	tm.waitFor("Investments", 5*time.Second)
	tm.keys("Enter")
	tm.waitFor("Buy Build automation (CI)", 5*time.Second)
	tm.keys("y")
	tm.waitFor("Started Build automation (CI)", 5*time.Second)
	tm.keys("Escape")
	// The dashboard's help is back: the Esc was read on its own (an Esc
	// followed at once by a key would read as Alt+key).
	tm.waitFor("space next week", 5*time.Second)

	// Auto-play at the fastest speed to the end, through the news: auto-play
	// stops for news unless n says to keep going. Each event that asks
	// stops it; enter answers (the default is selected) and auto-play goes on.
	tm.keys("+", "+", "+", "n")
	tm.waitFor("Auto-play keeps going through the news", 5*time.Second)
	tm.keys("p")
	tm.waitFor("playing fastest", 5*time.Second)
	asked := 0
	deadline := time.Now().Add(90 * time.Second)
	var end string
	for end == "" {
		s := tm.screen()
		switch {
		case strings.Contains(s, "e export report"): // the end screen's help (its "Press e" line may be below the fold)
			end = s
		case strings.Contains(s, "an answer is needed"):
			if strings.Contains(s, "playing") {
				t.Fatalf("a question is on screen but the header says playing:\n%s", s)
			}
			asked++
			tm.keys("Enter") // the first enter after the box opens only asks to confirm the default
			tm.waitFor("Enter again answers", 5*time.Second)
			tm.keys("Enter")
			tm.waitFor("answered", 5*time.Second)
		case time.Now().After(deadline):
			t.Fatalf("waited 90s for the end; the screen shows:\n%s", s)
		default:
			time.Sleep(100 * time.Millisecond)
		}
	}
	if asked == 0 {
		t.Fatal("no event asked on the way to the end")
	}
	if !strings.Contains(end, "GAME OVER") && !strings.Contains(end, "YOU WON") {
		t.Fatalf("the end screen has no outcome:\n%s", end)
	}
	tm.keys("e")
	tm.waitFor("Report written to", 10*time.Second)

	md, err := os.ReadFile(filepath.Join(dir, "globosim-globomantics-seed1.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The report is Markdown: a name from the scenario is escaped (textsafe.Markdown).
	for _, want := range []string{"# Globomantics", "Seed 1", "Build automation (CI)", "DORA"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Fatalf("the report lacks %q:\n%s", want, md)
		}
	}
	if js, err := os.ReadFile(filepath.Join(dir, "globosim-globomantics-seed1.json")); err != nil || !bytes.Contains(js, []byte(`"decisions"`)) {
		t.Fatalf("the JSON report: %v", err)
	}

	tm.keys("q")
	saneTerminal(t, tm.waitFor("STTY-END", 10*time.Second))
	tm.modes()
	if !strings.Contains(tm.screen(), "EXIT:0") {
		t.Fatalf("the game did not exit with 0:\n%s", tm.screen())
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "save.json")); !os.IsNotExist(err) {
		t.Fatalf("a finished game left its save behind: %v", err)
	}
}

// A signal mid-game (SIGHUP: the terminal window was closed; SIGTERM;
// SIGINT), or ctrl+c and y: the terminal is restored (out of the alternate
// screen, cursor shown, cooked mode), a signal saves the game as it stands
// and exits 130, and the game resumes from the save. The window is first
// made too small for the game and grown back, which holds the game.
func TestEndToEndStoppedAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	savePath := filepath.Join(dir, "data", "save.json")
	for _, c := range []struct {
		name, signal string
		exit         string
	}{
		{"hup", "HUP", "EXIT:130"},
		{"term", "TERM", "EXIT:130"},
		{"int", "INT", "EXIT:130"},
		{"ctrl-c", "", "EXIT:0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(savePath)
			tm := newTerm(t, dir, c.name, "./globosim play --seed 7")
			tm.waitFor("G L O B O S I M", 10*time.Second)
			tm.keys("Enter")
			tm.waitFor("start the game", 5*time.Second)
			tm.keys("Enter")
			tm.waitFor("week 1/52", 5*time.Second)
			tm.keys("Space", "Space", "Space")
			tm.waitFor("week 4/52", 5*time.Second)

			tm.tmux("resize-window", "-t", "e2e", "-x", "50", "-y", "12")
			tm.waitFor("Terminal too small: 50×12; needs 80×24 (q quits)", 5*time.Second)
			// Space is not played while the player cannot see the game; q
			// still asks (and shows that the keys before it were read).
			tm.keys("Space", "q")
			tm.waitFor("Quit the game? y/n", 5*time.Second)
			tm.keys("n")
			tm.waitFor("Terminal too small", 5*time.Second)
			tm.tmux("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
			if s := tm.waitFor("week 4/52", 5*time.Second); strings.Contains(s, "Quit the game?") {
				t.Fatalf("n did not close the question:\n%s", s)
			}

			if c.signal == "" {
				tm.keys("C-c")
				tm.waitFor("Quit the game?", 5*time.Second)
				tm.keys("y")
			} else {
				// The weekly save is there (once its command has run);
				// remove it to see the signal save.
				waitForSave(t, savePath, 3, 10*time.Second)
				if err := os.Remove(savePath); err != nil {
					t.Fatal(err)
				}
				if err := exec.Command("kill", "-"+c.signal, gameProcess(t, dir)).Run(); err != nil {
					t.Fatal(err)
				}
			}
			s := tm.waitFor("STTY-END", 10*time.Second)
			saneTerminal(t, s)
			tm.modes()
			if !strings.Contains(s, c.exit) {
				t.Fatalf("want %s:\n%s", c.exit, s)
			}
			if c.signal != "" && !strings.Contains(s, "globosim: stopped by SIG"+c.signal+"; the game is saved in "+savePath) {
				t.Fatalf("the game does not say it saved:\n%s", s)
			}

			if c.name == "ctrl-c" {
				// A new game asks before it replaces the saved one.
				again := newTerm(t, dir, c.name+"-again", "./globosim play")
				again.waitFor("Saved game: Globomantics, stopped after week 3 of 52", 10*time.Second)
				again.keys("Enter")
				again.waitFor("A saved game of Globomantics, stopped after week 3 of 52, exists.", 5*time.Second)
				again.keys("Escape")
				// The saved game's line wraps to the title's width.
				again.waitFor("continue it.", 5*time.Second)
				again.keys("q")
				again.waitFor("EXIT:0", 10*time.Second)
			}

			resumed := newTerm(t, dir, c.name+"-resumed", "./globosim play --resume")
			s = resumed.waitFor("week 4/52", 10*time.Second)
			if !strings.Contains(s, "Welcome back") {
				t.Fatalf("resumed screen:\n%s", s)
			}
			resumed.keys("q")
			resumed.waitFor("Quit the game?", 5*time.Second)
			resumed.keys("y")
			resumed.waitFor("EXIT:0", 10*time.Second)
		})
	}
}

// Closing the terminal for real. Under an interactive bash, the shell gets
// SIGHUP and passes it on, then the kernel sends the game another as the
// shell exits: the game saves on the first and is not killed by the
// second. Under a shell that ignores SIGHUP, no signal comes at all: the
// game sees its terminal gone, saves and exits 130 (the shell writes the
// status to a file, there being no screen left). Either way the save is
// there, written after the window closed, and the game has ended.
func TestEndToEndTerminalClosed(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	savePath := filepath.Join(dir, "data", "save.json")
	status := filepath.Join(dir, "status")
	for _, c := range []struct {
		name  string
		shell []string
		typed string // typed into the shell, if it is interactive
	}{
		{"bash", []string{"bash", "--norc", "--noprofile", "-i"}, "cd " + dir + " && ./globosim play --seed 7"},
		{"sh-ignoring-hup", []string{"sh", "-c", "trap '' HUP; cd " + dir + " && ./globosim play --seed 7; echo $? > " + status}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(savePath)
			tm := &tmuxTerm{t: t, socket: "globosim-e2e-" + filepath.Base(filepath.Dir(dir)) + "-closed-" + c.name, dir: dir}
			t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
			tm.tmux(append([]string{"-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30",
				"env", "-i", "PATH=/usr/bin:/bin", "HOME=" + dir, "TERM=xterm-256color", "PS1=$ ",
				"GLOBOSIM_DATA_DIR=" + filepath.Join(dir, "data")}, c.shell...)...)
			if c.typed != "" {
				tm.waitFor("$", 10*time.Second)
				tm.keys(c.typed, "Enter")
			}
			tm.waitFor("G L O B O S I M", 10*time.Second)
			tm.keys("Enter")
			tm.waitFor("start the game", 5*time.Second)
			tm.keys("Enter")
			tm.waitFor("week 1/52", 5*time.Second)
			tm.keys("Space", "Space")
			tm.waitFor("week 3/52", 5*time.Second)
			pid := gameProcess(t, dir)
			// The screen shows week 2 before the command that saves it has
			// run: remove the save once it holds week 2, not before.
			waitForSave(t, savePath, 2, 10*time.Second)
			if err := os.Remove(savePath); err != nil {
				t.Fatal(err)
			}
			tm.tmux("kill-server") // the window closes

			deadline := time.Now().Add(10 * time.Second)
			for running(pid) {
				if time.Now().After(deadline) {
					t.Fatal("the game still runs 10 s after its terminal was closed")
				}
				time.Sleep(50 * time.Millisecond)
			}
			f, err := save.Read(savePath)
			if err != nil {
				t.Fatalf("no save after the terminal closed: %v", err)
			}
			if f.Week != 2 {
				t.Fatalf("saved at week %d, want 2", f.Week)
			}
			if c.typed == "" {
				for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
					if b, _ := os.ReadFile(status); strings.TrimSpace(string(b)) == "130" {
						break
					} else if time.Now().After(deadline) {
						t.Fatalf("exit status %q, want 130", b)
					}
				}
			}
		})
	}
}

// waitForSave waits until the save at path holds week: the weekly save is
// written by a command after the screen shows the week, and one written is
// the last (a save is written whole, by a rename, or not at all).
func waitForSave(t *testing.T, path string, week int, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		f, err := save.Read(path)
		if err == nil && f.Week == week {
			return
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("it holds week %d", f.Week)
			}
			t.Fatalf("waited %v for the save of week %d: %v", d, week, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// running reports whether the process is alive (a zombie has ended).
func running(pid string) bool {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return false
	}
	_, after, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(after, "Z")
}

// play --resume with a save that does not replay exits 1 at once, saying
// what is wrong with which file, and never opens the game screen.
func TestEndToEndUnusableSave(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	savePath := filepath.Join(dir, "data", "save.json")
	os.MkdirAll(filepath.Dir(savePath), 0o700)
	if err := os.WriteFile(savePath, []byte(`{"version": 1, "source": "x", "weeks": 52}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := newTerm(t, dir, "unusable", "./globosim play --resume")
	s := tm.waitFor("STTY-END", 10*time.Second)
	if !strings.Contains(s, "globosim play: cannot resume the saved game: "+savePath+": ") || !strings.Contains(s, "EXIT:1") {
		t.Fatalf("an unusable save:\n%s", s)
	}
	tm.modes()
}

// gameProcess finds the game running in dir: a process named globosim
// whose working directory is dir.
func gameProcess(t *testing.T, dir string) string {
	t.Helper()
	out, _ := exec.Command("pgrep", "-x", "globosim").Output()
	want, _ := filepath.EvalSymlinks(dir)
	for _, pid := range strings.Fields(string(out)) {
		if cwd, err := os.Readlink("/proc/" + pid + "/cwd"); err == nil && cwd == want {
			return pid
		}
	}
	t.Fatalf("cannot find the game's process in %s (pgrep said %q)", dir, out)
	return ""
}
