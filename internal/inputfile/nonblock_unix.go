//go:build unix

package inputfile

import "syscall"

const nonBlock = syscall.O_NONBLOCK
