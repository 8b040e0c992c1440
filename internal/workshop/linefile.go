package workshop

import (
	"fmt"
	"io"
	"os"
)

// lineFile is a file of JSON lines, open for appending whole lines only:
// a line whose write or sync fails is cut off, so the next one starts a
// line of its own and the file still opens. Until a cut succeeds, damaged
// says why and no line is appended after the torn one (each append tries
// the cut again). The caller holds a lock around it.
type lineFile struct {
	file    *os.File
	size    int64 // the end of the last whole line
	damaged error
}

// append writes line (ending in '\n') and syncs it to disk.
func (f *lineFile) append(line []byte) error {
	if f.damaged != nil {
		if err := f.cut(); err != nil {
			return fmt.Errorf("the file still ends in a torn line: %w", err)
		}
	}
	_, err := f.file.Write(line)
	if err == nil {
		err = f.file.Sync()
	}
	if err != nil {
		if cerr := f.cut(); cerr != nil {
			return fmt.Errorf("%w (and cutting off the torn line failed: %v)", err, cerr)
		}
		return err
	}
	f.size += int64(len(line))
	return nil
}

// cut cuts the file back to the end of its last whole line.
func (f *lineFile) cut() error {
	f.damaged = cutBack(f.file, f.size)
	return f.damaged
}

// cutBack cuts file back to size and writes on from there.
func cutBack(file *os.File, size int64) error {
	err := file.Truncate(size)
	if err == nil {
		_, err = file.Seek(size, io.SeekStart)
	}
	return err
}
