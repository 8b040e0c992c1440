//go:build !linux

package workshop

// totalMemory is the machine's memory in bytes; 0 if unknown.
func totalMemory() uint64 { return 0 }
