package ui

import (
	"testing"

	"github.com/globomantics/globosim/internal/fuzzing"
)

func TestMain(m *testing.M) { fuzzing.Main(m) }
