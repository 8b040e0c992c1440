package version

import (
	"runtime/debug"
	"testing"
)

func TestOf(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "ac509b6f00d1e2c3b4a5968778695a4b3c2d1e0f"}}
	dirty := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	clean := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "false"})
	for _, c := range []struct {
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{nil, false, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: ""}}, true, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: clean}, true, "devel-ac509b6f00d1"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty}, true, "devel-ac509b6f00d1+dirty"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, true, "v1.2.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: clean}, true, "v1.2.0-ac509b6f00d1"},
		// go build in a repository: a pseudo-version that names the commit, and marks a dirty tree itself.
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202003900-ac509b6f00d1+dirty"}, Settings: dirty}, true, "v0.0.0-20261202003900-ac509b6f00d1+dirty"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202003900-ac509b6f00d1"}, Settings: dirty}, true, "v0.0.0-20261202003900-ac509b6f00d1+dirty"},
	} {
		if got := of(c.bi, c.ok); got != c.want {
			t.Errorf("%+v: %q, want %q", c.bi, got, c.want)
		}
	}
	if String() == "" {
		t.Error("no version")
	}
}
