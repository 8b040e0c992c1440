package scenario

import (
	"fmt"
	"strings"
)

// closest returns the candidate a mistyped word was most likely meant to be:
// one within an edit distance of 2, or of a third of the word's length,
// and not a complete rewrite. Ties go to the earlier candidate.
func closest(word string, candidates []string) (string, bool) {
	const longest = 64 // longer words are not typos of short keys
	if len(word) > longest {
		return "", false
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		d := levenshtein(word, c)
		n := len([]rune(word))
		if d > 2 && 3*d > n || d >= n || d >= len([]rune(c)) {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}

// levenshtein counts the single-character insertions, deletions and
// substitutions that turn a into b.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// meant is the word of known that word is a case slip or near miss of.
func meant(word string, known []string) (string, bool) {
	for _, k := range known {
		if strings.EqualFold(k, word) {
			return k, true
		}
	}
	return closest(word, known)
}

// didYouMean is the hint for a word that is not one of known: a correction
// for a case slip or a near miss, else the whole list.
func didYouMean(word string, known []string, what string) string {
	k, ok := meant(word, known)
	switch {
	case ok && strings.EqualFold(k, word):
		return fmt.Sprintf("; %s are case-sensitive: write %q", what, k)
	case ok:
		return fmt.Sprintf("; did you mean %q?", k)
	}
	return fmt.Sprintf("; %s are: %s", what, strings.Join(known, ", "))
}
