package save

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DataDirEnv names the environment variable that, when set, is the
// directory saves go to, whatever the platform (tests and the room server
// use it).
const DataDirEnv = "GLOBOSIM_DATA_DIR"

// DefaultPath is where the game saves itself: save.json in $GLOBOSIM_DATA_DIR
// if set, else in the user's data directory: $XDG_DATA_HOME/globosim, else
// ~/.local/share/globosim on Linux and other Unixes, and the user's
// configuration directory (Application Support, %AppData%) on macOS and
// Windows.
func DefaultPath() (string, error) {
	dir, err := dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir, os.UserConfigDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "save.json"), nil
}

func dataDir(goos string, getenv func(string) string, home, config func() (string, error)) (string, error) {
	if d := getenv(DataDirEnv); d != "" {
		return d, nil
	}
	// The XDG specification says to ignore a relative path.
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "globosim"), nil
	}
	switch goos {
	case "darwin", "ios", "windows", "plan9":
		d, err := config()
		if err != nil {
			return "", errors.New("cannot find a directory to save the game in: " + err.Error() + "; set " + DataDirEnv)
		}
		return filepath.Join(d, "globosim"), nil
	}
	h, err := home()
	if err != nil {
		return "", errors.New("cannot find a directory to save the game in: " + err.Error() + "; set " + DataDirEnv)
	}
	return filepath.Join(h, ".local", "share", "globosim"), nil
}
