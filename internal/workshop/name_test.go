package workshop

import (
	"net"
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, name := range []string{"a", "ana", "Ana-2", "j_doe", strings.Repeat("x", 24)} {
		if err := CheckName(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	for _, name := range []string{"", "j.doe", "two words", "ünï", "../x", strings.Repeat("x", 25)} {
		if err := CheckName(name); err == nil {
			t.Errorf("%q was accepted", name)
		}
	}
}

func TestJoinCommand(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:2222": "ssh -p 2222 127.0.0.1",
		"10.0.0.5:22":    "ssh 10.0.0.5",
	} {
		a, _ := net.ResolveTCPAddr("tcp", addr)
		if got := JoinCommand(a); got != want {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
	any, _ := net.ResolveTCPAddr("tcp", ":2222")
	if got := JoinCommand(any); !strings.HasPrefix(got, "ssh -p 2222 ") || strings.HasSuffix(got, " ") {
		t.Errorf("every address: %q", got)
	}
}
