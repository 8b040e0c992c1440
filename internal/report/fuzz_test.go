package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// FuzzDecodeAndCompare feeds compare what a stranger's file could hold:
// decoding never panics and its error is short and printable; what it
// accepts compares in every format without a panic, with no control
// character in the text and no markup in the Markdown.
func FuzzDecodeAndCompare(f *testing.F) {
	sc, err := scenario.Resolve("startup")
	if err != nil {
		f.Fatal(err)
	}
	r := sim.RunGame(sc, sc.Seed, 4, nil)
	var js bytes.Buffer
	Write(&js, "json", []sim.Result{r})
	f.Add(js.Bytes())
	f.Add(bytes.Replace(js.Bytes(), []byte("{"), []byte(`{"player": "\u001b[2J<script>|*x*|", `), 1))
	f.Add(bytes.Replace(js.Bytes(), []byte(`"weeks": 4`), []byte(`"weeks": -4`), 1))
	f.Add([]byte(`{"scenario": "\u001b]0;t\u0007", "seed": 1, "weeks": 1, "hours_per_week": 40, "summary": {"score": 9223372036854775807, "dora": {"band": "<b>"}}}`))
	f.Add([]byte(`{"runs": "\u001b", "scenario": 1}`))
	// What a DORA metric may hold in a file: 0 (before null), null, a
	// string, a huge negative; and a queueing model's result, without the game.
	for _, v := range []string{"0", "null", `"soon"`, "-1e308"} {
		f.Add(bytes.ReplaceAll(js.Bytes(), []byte("null"), []byte(v)))
	}
	var flow bytes.Buffer
	Write(&flow, "json", []sim.Result{mustRun(f, sc, sc.Seed, 2)})
	f.Add(flow.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodePlayer("\x1b[31mfile", data)
		if err != nil {
			if msg := err.Error(); len(msg) > 300 || strings.ContainsAny(msg, "\x1b\x07\n") {
				t.Fatalf("an error of %d bytes, or raw: %.300q", len(msg), msg)
			}
			return
		}
		other := Player{Name: "ana", Result: r}
		unchecked, err := SameOrigin([]Player{p, other})
		if err != nil && len(err.Error()) > 1000 || len(unchecked) > 1000 {
			t.Fatalf("SameOrigin says too much: %.300q, %.300v", unchecked, err)
		}
		for _, format := range CompareFormats {
			var b bytes.Buffer
			if err := Compare(&b, format, []Player{p, other}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out := b.String()
			switch {
			case format == "text" && strings.ContainsFunc(out, func(c rune) bool { return c < 0x20 && c != '\n' || c == 0x7f }):
				t.Fatalf("a control character in the text: %q", out)
			case format == "markdown" && strings.ContainsAny(out, "<>\x1b"):
				t.Fatalf("markup or a control character in the Markdown: %q", out)
			}
		}
	})
}
