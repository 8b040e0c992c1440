package main

import (
	"os"
	"strings"
)

// loadAverage is the machine's load average over the last minute, as
// /proc/loadavg has it; "" where there is none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return ""
}
