package prose

import (
	"strings"
	"unicode/utf8"
)

// Wrap breaks text into lines of at most width columns, at spaces (a
// word longer than width gets a line of its own), each line ending in a
// newline.
func Wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(text) {
		w := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case n+1+w > width:
			b.WriteString("\n")
			n = 0
		default:
			b.WriteString(" ")
			n++
		}
		b.WriteString(word)
		n += w
	}
	return b.String() + "\n"
}
