package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	cases := map[string]string{
		"alice":                   "alice",
		"Zoë":                     "Zoë",
		"\x1b[2J\x1b]0;pwned\x07": `\x1b[2J\x1b]0;pwned\x07`,
		"a\nb\r\tc":               `a\nb\r\tc`,
		"del\x7f":                 `del\x7f`,
		"c1\u009b31m":             `c1\u009b31m`,
		"bidi\u202eevil":          `bidi\u202eevil`,
		"zw\u200bj":               `zw\u200bj`,
		"bad\xffutf8":             `bad\xffutf8`,
		`back\slash`:              `back\\slash`,
		"line\u2028sep":           `line\u2028sep`,
	}
	for in, want := range cases {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerminalLeavesNoControl(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\xff\xfe")
	out := Terminal(all.String())
	if !utf8.ValidString(out) {
		t.Fatal("output is not valid UTF-8")
	}
	for _, r := range out {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || hidden(r) {
			t.Fatalf("output still has %U", r)
		}
	}
}

func TestLine(t *testing.T) {
	if got := Line("abcdef", 4); got != "abc…" {
		t.Errorf("Line cut = %q", got)
	}
	if got := Line("abc", 4); got != "abc" {
		t.Errorf("Line short = %q", got)
	}
	if got := Line("\x1b", 2); got != `\…` {
		t.Errorf("Line counts the escaped form, got %q", got)
	}
	if got := Line("abc", 0); got != "abc" {
		t.Errorf("Line with no limit = %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	cases := map[string]string{
		"alice":                     "alice",
		"<script>alert(1)</script>": `&lt;script&gt;alert(1)&lt;/script&gt;`,
		"*bold* | x":                `\*bold\* \| x`,
		"[link](http://x)":          `\[link\](http://x)`,
		"a&b \"q\"":                 `a&amp;b "q"`,
		"\x1b[31m":                  `\\x1b\[31m`,
	}
	for in, want := range cases {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	cases := map[string]string{
		"":         "",
		"alice":    "alice",
		"=1+1":     "'=1+1",
		"+cmd":     "'+cmd",
		"-dash":    "'-dash",
		"@SUM(A1)": "'@SUM(A1)",
		"\tx":      "'\tx",
		"\rx":      "'\rx",
		"a=b":      "a=b",
	}
	for in, want := range cases {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTerminal(f *testing.F) {
	f.Add("\x1b[2Jhello")
	f.Add("bidi\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || hidden(r) {
				t.Fatalf("Terminal(%q) keeps %U", s, r)
			}
		}
		if isPlain(s) && out != s {
			t.Fatalf("plain %q changed to %q", s, out)
		}
	})
}
