// Package inputfile reads the files that come from outside the program:
// scenarios, plans, saved games and exported results. It reads only
// regular files, and never more bytes than a cap that no honest file of
// the kind comes near, so that /dev/zero, a named pipe, a folder or a file
// that grows while it is read is refused with one line instead of filling
// the memory or hanging.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Kind is a kind of file and the most bytes one may hold.
type Kind struct {
	Noun string // names the kind in messages: "a scenario file"
	Max  int64
}

// The caps, and the largest honest file of each kind when they were
// chosen (docs/scenarios.md states them): a built-in scenario is 18 KB
// and the commented starter 21 KB; a plan 1.2 KB; a saved game holds its
// scenario's text (at most a scenario's cap, escaped) and the decisions; a
// 1000-week game's exported result is about 0.5 MB, a 52-week one 80 KB.
var (
	Scenario = Kind{"a scenario file", 1 << 20}
	Plan     = Kind{"a plan file", 1 << 20}
	Save     = Kind{"a saved game", 8 << 20}
	Result   = Kind{"an exported result", 16 << 20}
	// A room's results.jsonl holds one exported result a line: 500
	// players finishing two 52-week games each come to about 80 MB.
	RoomResults = Kind{"a room's results file", 256 << 20}
	// A room's names.jsonl holds a name and its key a line, about 120
	// bytes: a million names would not reach the cap.
	RoomNames = Kind{"a room's names file", 128 << 20}
	// A room's rounds.jsonl holds a player's game at a round's end a line,
	// about 250 bytes: 500 players in 51 rounds come to 6.4 MB.
	RoomRounds = Kind{"a room's rounds file", 64 << 20}
	// A room's room.json holds the facilitator's decisions (started,
	// paused, the message, scheduled events): a few hundred bytes.
	RoomState = Kind{"a room's state file", 1 << 20}
)

// ErrRefused is wrapped by every error for a file that exists but is not
// one this program reads: not a regular file, or too large.
var ErrRefused = errors.New("refused")

// refused is a file that was opened but not read; its message says what
// the file is, without the path, which the caller puts in front.
type refused struct{ msg string }

func (e *refused) Error() string        { return e.msg }
func (e *refused) Is(target error) bool { return target == ErrRefused }

// Read returns the contents of the regular file at path, or an error that
// says, without repeating the path, why it cannot: the system's reason
// when it cannot be opened (errors.Is(err, fs.ErrNotExist) for a missing
// file), or what the file is when it is not one to read (ErrRefused).
func Read(path string, k Kind) ([]byte, error) {
	// Non-blocking, so that opening a named pipe with no writer returns at
	// once; the file's kind is then checked on the open file, not on the
	// path, which could be swapped in between.
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	defer f.Close()
	return ReadOpen(f, k)
}

// ReadOpen is Read for a file the caller has opened itself (to write to it
// afterwards, as the room does with its results): the same checks on the
// open file, the same cap. It reads from the file's current offset.
func ReadOpen(f *os.File, k Kind) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if what := notRegular(info.Mode()); what != "" {
		return nil, &refused{fmt.Sprintf("%s, not %s", what, k.Noun)}
	}
	if info.Size() > k.Max {
		return nil, k.tooLarge(k.size(info.Size()))
	}
	return k.read(f)
}

// read reads r through the cap: a file that grows while it is read is no
// more honest than one that was large from the start.
func (k Kind) read(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, k.Max+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	if int64(len(data)) > k.Max {
		return nil, k.tooLarge("more than " + Size(k.Max))
	}
	return data, nil
}

// Check refuses data larger than the kind's cap, for text that reaches a
// reader another way than from its own file: a scenario kept in a save.
func Check(data []byte, k Kind) error {
	if int64(len(data)) > k.Max {
		return k.tooLarge(k.size(int64(len(data))))
	}
	return nil
}

// size writes the size of a file over the cap, in bytes when rounding
// would make it look no larger than the cap.
func (k Kind) size(n int64) string {
	if n < k.Max+k.Max/10 {
		return fmt.Sprintf("%d bytes", n)
	}
	return Size(n)
}

func (k Kind) tooLarge(size string) error {
	return &refused{fmt.Sprintf("%s, larger than %s can be (at most %s)", size, k.Noun, Size(k.Max))}
}

// notRegular names what a file that is not a regular file is, or "".
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Size writes a number of bytes the way the caps are stated: "1 MiB",
// "50.0 MiB", "900 KiB", "12 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
