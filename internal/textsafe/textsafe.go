// Package textsafe makes strings that came from outside (a file, an SSH
// user name, a scenario) safe to show: on a terminal, in Markdown that may be
// rendered as HTML, and in a CSV file a spreadsheet will open. Every string
// from a file or a stranger goes through one of these before it is printed.
package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terminal returns s with every character a terminal would act on rather
// than print shown escaped: C0 and C1 controls (ESC among them), DEL, line
// breaks, invalid UTF-8 and the Unicode marks that reorder or hide text.
// What is left prints as itself and moves the cursor only forward.
func Terminal(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(escapeControl(r))
		case Acts(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// Line is Terminal cut to at most max characters, with "…" where it was cut,
// for a field that has a column of its own or goes into an error message.
func Line(s string, max int) string {
	t := Terminal(s)
	if max <= 0 || utf8.RuneCountInString(t) <= max {
		return t
	}
	if max == 1 {
		return "…"
	}
	runes := []rune(t)
	return string(runes[:max-1]) + "…"
}

// Markdown returns s, made safe by Terminal, with every character that
// Markdown or HTML would read as markup escaped, so a name such as
// "<script>" or "*bold* | x" reads as typed in a table cell or a sentence.
// Parentheses, quotes and "!" stay as they are: with "[", "]" and "<"
// escaped they cannot make a link, an image or an attribute, and honest
// names and answers often have them.
func Markdown(s string) string {
	t := Terminal(s)
	var b strings.Builder
	for _, r := range t {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CSVCell returns s so that a spreadsheet reads it as text, never as a
// formula: a cell that begins with =, +, -, @, a tab or a carriage return is
// prefixed with a single quote, as OWASP's guide to CSV injection advises.
// The CSV writer still does the quoting.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

func escapeControl(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	return fmt.Sprintf(`\x%02x`, r)
}

// Acts reports whether a terminal would act on r rather than print it:
// a C0 or C1 control, DEL, or a format character that reorders or hides
// text. Terminal shows each one escaped; a scenario may not hold one.
func Acts(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || hidden(r)
}

// hidden reports the format characters that change how text around them is
// shown (bidirectional overrides and isolates, zero-width marks): a name
// with one could look like another or reverse the line it is in.
func hidden(r rune) bool {
	return unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029
}
