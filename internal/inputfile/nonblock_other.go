//go:build !unix

package inputfile

// Elsewhere a named pipe is not opened by path, so there is nothing to
// keep from blocking.
const nonBlock = 0
