package workshop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/ui"
)

// The room's own state: what the facilitator has decided (started, paused,
// ended, the message, the scheduled events), in room.json in the room's
// folder, written whole after every change so that a restarted server
// takes up the round where it was.

// RoomStateFile is the room's state in its folder.
const RoomStateFile = "room.json"

// roomStateVersion is the format of room.json this globosim writes and
// reads.
const roomStateVersion = 1

// roomState is room.json.
type roomState struct {
	Version  int    `json:"version"`
	Scenario string `json:"scenario"` // the world it belongs to
	Seed     uint64 `json:"seed"`
	Started  bool   `json:"started"`
	Paused   bool   `json:"paused"`
	Ended    bool   `json:"ended"`
	Message  string `json:"message,omitempty"`
	// Rounds are the room's rounds when it was written, and Gate the
	// round's week the games were held at (0: none).
	Rounds    []int                `json:"rounds,omitempty"`
	Gate      int                  `json:"gate,omitempty"`
	Scheduled []sim.ScheduledEvent `json:"scheduled,omitempty"`
}

func (r *Room) stateOfLocked() roomState {
	st := r.status
	return roomState{Version: roomStateVersion, Scenario: r.scenario, Seed: r.seed,
		Started: st.Started, Paused: st.Paused, Ended: st.Ended, Message: st.Message,
		Rounds: st.Rounds, Gate: st.Gate, Scheduled: st.Scheduled}
}

// restoreLocked takes up the round where the state left it: started,
// paused or ended, the message, the schedule, and the gate when the room
// has the same rounds as then (otherwise its rounds start again at the
// first). It says whether the gate was kept.
func (s roomState) restoreLocked(st *ui.RoomStatus) (gateKept bool) {
	st.Started, st.Paused, st.Ended, st.Message, st.Scheduled = s.Started, s.Paused, s.Ended, s.Message, s.Scheduled
	if slices.Equal(s.Rounds, st.Rounds) {
		st.Gate = s.Gate
		return true
	}
	return false
}

// loadRoomState reads the room's state from its folder: ok is false when
// there is none (a new room, or one from before globosim kept it). A file
// that cannot be read, is too large or is damaged is one error that names
// it and says what to do; checkRoomState checks it is this room's.
func (r *Room) loadRoomState() (s roomState, ok bool, err error) {
	path := r.roomStatePath()
	data, err := inputfile.Read(path, inputfile.RoomState)
	if errors.Is(err, fs.ErrNotExist) {
		return roomState{}, false, nil
	}
	if err != nil {
		return roomState{}, false, fmt.Errorf("cannot read the room's state, %s (%w); %s", path, err, fixRoomState)
	}
	s, err = decodeRoomState(path, data)
	return s, err == nil, err
}

// decodeRoomState reads room.json's bytes, read from path.
func decodeRoomState(path string, data []byte) (s roomState, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return roomState{}, fmt.Errorf("%s is damaged, not the room's state (%w); %s", path, err, fixRoomState)
	}
	if dec.More() {
		return roomState{}, fmt.Errorf("%s is damaged, not the room's state (more after its end); %s", path, fixRoomState)
	}
	switch {
	case s.Version != roomStateVersion:
		return roomState{}, fmt.Errorf("%s is in format version %d, and this globosim reads version %d; %s", path, s.Version, roomStateVersion, fixRoomState)
	case len(s.Scheduled) > maxScheduled:
		return roomState{}, fmt.Errorf("%s schedules %d events, more than a room's %d; %s", path, len(s.Scheduled), maxScheduled, fixRoomState)
	}
	for i, e := range s.Scheduled {
		s.Scheduled[i] = sim.ScheduledEvent{Week: e.Week, Event: e.Event}
	}
	s.Message = textsafe.Terminal(s.Message) // it goes to every player's screen
	return s, nil
}

// fixRoomState is what to do about a room.json that will not do.
const fixRoomState = "fix it or remove it: the room then waits for the facilitator to start the round, and has no scheduled events"

func (r *Room) roomStatePath() string { return filepath.Join(r.cfg.DataDir, RoomStateFile) }

// checkRoomState fails if the room's state is of another world, or
// schedules what this scenario cannot.
func (r *Room) checkRoomState(s roomState) error {
	if err := r.sameWorld(s.Scenario, s.Seed, "the room's state ("+RoomStateFile+")"); err != nil {
		return err
	}
	for i, e := range s.Scheduled {
		if err := r.sc.CheckScheduled(e, r.weeks); err != nil {
			return fmt.Errorf("%s: scheduled event %d: %w; %s", r.roomStatePath(), i+1, err, fixRoomState)
		}
	}
	return nil
}

// stateWriter writes the room's state after every change, off the caller:
// the latest state wins, and flush waits until it is on disk.
type stateWriter struct {
	path string
	fail func(error) // hears of a write that failed

	mu   sync.Mutex
	next *roomState // to be written
	busy bool       // a goroutine is writing
	done sync.WaitGroup
}

func newStateWriter(dir string, fail func(error)) *stateWriter {
	return &stateWriter{path: filepath.Join(dir, RoomStateFile), fail: fail}
}

// write has s written soon; it never waits for the disk.
func (w *stateWriter) write(s roomState) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next = &s
	if w.busy {
		return
	}
	w.busy = true
	w.done.Add(1)
	go w.run()
}

func (w *stateWriter) run() {
	defer w.done.Done()
	for {
		w.mu.Lock()
		s := w.next
		w.next = nil
		if s == nil {
			w.busy = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		data, err := json.MarshalIndent(s, "", "  ")
		if err == nil {
			err = atomicfile.Write(w.path, append(data, '\n'), 0o600)
		}
		if err != nil {
			w.fail(fmt.Errorf("cannot save the room's state in %s: %w", w.path, err))
		}
	}
}

// flush waits until every state written so far is on disk (or failed).
func (w *stateWriter) flush() { w.done.Wait() }

// roundWords is where the round stands, for the room's events.
func roundWords(st ui.RoomStatus) string {
	switch {
	case st.Ended:
		return "over"
	case !st.Started:
		return "not started"
	case st.Paused:
		return "paused"
	}
	return "on"
}

func scheduledWords(n int) string {
	if n == 0 {
		return ""
	}
	return ", with " + prose.Count(n, "scheduled event", "scheduled events")
}
