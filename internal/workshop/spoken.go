package workshop

import (
	"strings"
	"time"

	"github.com/globomantics/globosim/internal/prose"
)

// spoken is a wall-clock length as players read it: "10 minutes",
// "1 minute 30 seconds", "2 hours"; never Go's "10m0s". Under a second is
// a second, so a wait is never "0 seconds".
func spoken(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	h, m, s := secs/3600, secs/60%60, secs%60
	part := func(n int, one, many string) string {
		if n == 0 {
			return ""
		}
		return prose.Count(n, one, many)
	}
	var words []string
	for _, w := range []string{part(h, "hour", "hours"), part(m, "minute", "minutes"), part(s, "second", "seconds")} {
		if w != "" {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return "1 second"
	}
	if h > 0 && len(words) == 3 { // an hour and more needs no seconds
		words = words[:2]
	}
	return strings.Join(words, " ")
}
