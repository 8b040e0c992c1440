package scenario

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// BurntSushi/toml reports where a syntax error is but not where each key is
// (its key positions are private and lose the index of an array of tables),
// so the loader finds them itself with the scanner in this file.

// pos is a place in a file: a 1-based line and a 1-based byte column, as
// toml.ParseError counts them.
type pos struct{ line, col int }

// A path names a value in the document the way the decoder walks it:
// "name", "stage[2].service.mean", "work[0].route[1]". A key that is not a
// bare key is quoted: `"odd key".x`.

// joinKey is the path of key inside the table at parent.
func joinKey(parent, key string) string {
	seg := key
	if !isBareKey(key) {
		seg = strconv.Quote(key)
	}
	if parent == "" {
		return seg
	}
	return parent + "." + seg
}

// index is the path of the i-th element of the array at parent.
func index(parent string, i int) string {
	return parent + "[" + strconv.Itoa(i) + "]"
}

// parent is the path of the table or array that holds path; "" for the top
// level.
func parent(path string) string {
	last := 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '"':
			for i++; i < len(path) && path[i] != '"'; i++ {
				if path[i] == '\\' {
					i++
				}
			}
		case '.', '[':
			last = i
		}
	}
	return path[:last]
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isBareKeyByte(s[i]) {
			return false
		}
	}
	return true
}

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// Limits on the shape of a scenario file. No scenario comes close to them,
// and beyond them BurntSushi/toml takes time quadratic in the depth, or
// the checks time and memory in proportion to a count no game has, so
// Parse refuses such text before decoding it.
const (
	// maxNesting is how deeply arrays and inline tables may nest.
	maxNesting = 32
	// maxKeyParts is how many dotted parts a key or table header may have.
	maxKeyParts = 32
	// maxEntries is how many keys, table headers and list elements a file
	// may have; the largest built-in scenario has 448.
	maxEntries = 10_000
)

const (
	// maxPath is the longest path the locator records, so that long or deeply
	// dotted keys cannot make it build ever longer strings.
	maxPath = 512
	// lost stands for a path longer than maxPath; it is never recorded.
	lost = "\x00"
)

// located is what the locator found in a TOML document.
type located struct {
	at map[string]pos // the place of each path
	// excess, if not "", says how the text goes past maxNesting,
	// maxKeyParts or maxEntries, and excessNeed how many a file needs at
	// most ("three"); excessAt is the first place it does.
	excess, excessNeed string
	excessAt           pos
}

// locate finds the position of every key, table header and array element
// in a TOML document, by path. A key is placed at its first character, a
// table at its header's "[", an array element at its first character; the
// first place wins when a table is both implied and declared. Any bytes are
// safe: the scanner always moves forward and stops following nesting at
// maxNesting. On text that is not TOML its findings are a best guess.
func locate(src []byte) *located {
	l := &locator{src: src, located: located{at: map[string]pos{}}, arrays: map[string]int{}, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	l.document()
	return &l.located
}

type locator struct {
	located
	src    []byte
	i      int            // the next byte to read
	lines  []int          // offset of the first byte of each line
	arrays map[string]int // path of each array of tables → elements so far
}

func (l *locator) document() {
	if strings.HasPrefix(string(l.src[:min(3, len(l.src))]), "\uFEFF") {
		l.i = 3
	}
	table := ""
	for {
		l.skipSpace()
		if l.eof() {
			return
		}
		switch c := l.src[l.i]; {
		case c == '[':
			table = l.header()
		case isKeyStart(c):
			l.keyValue(table, 0)
		default: // not TOML: step over it
			l.i++
		}
	}
}

func (l *locator) eof() bool { return l.i >= len(l.src) }

func (l *locator) peek(k int) byte {
	if l.i+k < len(l.src) {
		return l.src[l.i+k]
	}
	return 0
}

// mark records that path starts at offset, unless it is already placed.
// Past maxEntries it stops the scan.
func (l *locator) mark(path string, offset int) {
	if path == lost {
		return
	}
	if _, ok := l.at[path]; ok {
		return
	}
	if len(l.at) == maxEntries {
		l.tooMuch(offset, fmt.Sprintf("the file has more than %d keys, tables and list elements", maxEntries), "a few hundred")
		l.i = len(l.src)
		return
	}
	l.at[path] = l.pos(offset)
}

func (l *locator) pos(offset int) pos {
	line := sort.Search(len(l.lines), func(k int) bool { return l.lines[k] > offset })
	return pos{line, offset - l.lines[line-1] + 1}
}

// tooMuch notes the first place the text goes past a limit: what says
// how, need how many a file needs at most.
func (l *locator) tooMuch(offset int, what, need string) {
	if l.excess == "" {
		l.excess, l.excessNeed, l.excessAt = what, need, l.pos(offset)
	}
}

// child is joinKey, bounded by maxPath.
func child(parent, key string) string {
	if parent == lost || len(parent)+len(key) > maxPath {
		return lost
	}
	return joinKey(parent, key)
}

// element is index, bounded by maxPath.
func element(parent string, i int) string {
	if parent == lost || len(parent) > maxPath {
		return lost
	}
	return index(parent, i)
}

// header reads "[a.b]" or "[[a.b]]" and returns the path of the table it
// opens: for an array of tables, its new element ("stage[3]"); a key that
// names an array of tables refers to its latest element, as in TOML.
func (l *locator) header() string {
	start := l.i
	l.i++
	double := l.peek(0) == '['
	if double {
		l.i++
	}
	keys := l.keys()
	path := ""
	for k, key := range keys {
		path = child(path, key)
		switch n, isArray := l.arrays[path]; {
		case double && k == len(keys)-1:
			if path != lost {
				l.arrays[path] = n + 1
			}
			l.mark(path, start)
			path = element(path, n)
		case isArray:
			path = element(path, n-1)
		}
		l.mark(path, start)
	}
	l.skipBlank()
	for l.peek(0) == ']' {
		l.i++
	}
	return path
}

// keyValue reads `key = value` inside the table at table.
func (l *locator) keyValue(table string, depth int) {
	start := l.i
	keys := l.keys()
	if l.i == start {
		l.i++ // not a key after all; step over it
		return
	}
	path := table
	for _, key := range keys {
		path = child(path, key)
		l.mark(path, start)
	}
	l.skipBlank()
	if l.peek(0) != '=' {
		return
	}
	l.i++
	l.skipBlank()
	l.value(path, depth)
}

// keys reads a dotted key such as `service.mean` or `"odd key".x`.
func (l *locator) keys() []string {
	var keys []string
	for {
		l.skipBlank()
		start := l.i
		key, ok := l.key()
		if !ok {
			return keys
		}
		if len(keys) == maxKeyParts {
			l.tooMuch(start, fmt.Sprintf("a key or table name has more than %d dotted parts", maxKeyParts), "three")
		}
		keys = append(keys, key)
		l.skipBlank()
		if l.peek(0) != '.' {
			return keys
		}
		l.i++
	}
}

func isKeyStart(c byte) bool { return isBareKeyByte(c) || c == '"' || c == '\'' }

// key reads one bare or quoted key.
func (l *locator) key() (string, bool) {
	start := l.i
	switch l.peek(0) {
	case '"':
		l.quoted()
		raw := string(l.src[start:l.i])
		if s, err := strconv.Unquote(goEscapes(raw)); err == nil {
			return s, true
		}
		return strings.Trim(raw, `"`), true
	case '\'':
		l.quoted()
		return strings.Trim(string(l.src[start:l.i]), "'"), true
	}
	for !l.eof() && isBareKeyByte(l.src[l.i]) {
		l.i++
	}
	return string(l.src[start:l.i]), l.i > start
}

// goEscapes rewrites the escapes of a TOML basic string that Go's differ
// from: TOML 1.1's \e (escape) and \xHH (the character U+00HH, where Go
// means the byte HH), so that strconv.Unquote reads the key as the decoder
// does.
func goEscapes(quoted string) string {
	if !strings.Contains(quoted, `\e`) && !strings.Contains(quoted, `\x`) {
		return quoted
	}
	var b strings.Builder
	for i := 0; i < len(quoted); i++ {
		c := quoted[i]
		if c != '\\' || i+1 == len(quoted) {
			b.WriteByte(c)
			continue
		}
		switch next := quoted[i+1]; next {
		case 'e':
			b.WriteString(`\x1b`)
		case 'x':
			b.WriteString(`\u00`)
		default:
			b.WriteByte(c)
			b.WriteByte(next)
		}
		i++
	}
	return b.String()
}

func (l *locator) value(path string, depth int) {
	switch l.peek(0) {
	case '"', '\'':
		l.quoted()
	case '[':
		l.array(path, depth+1)
	case '{':
		l.inlineTable(path, depth+1)
	default: // number, boolean, date: up to whatever ends a value
		for !l.eof() && !strings.ContainsRune(",]}#\r\n", rune(l.src[l.i])) {
			l.i++
		}
	}
}

func (l *locator) array(path string, depth int) {
	if depth > maxNesting {
		l.tooMuch(l.i, fmt.Sprintf("lists and tables nest more than %d deep", maxNesting), "three")
		l.skipNested()
		return
	}
	l.i++
	for n := 0; ; {
		l.skipSpace()
		if l.eof() {
			return
		}
		switch l.src[l.i] {
		case ']':
			l.i++
			return
		case ',':
			l.i++
		default:
			start := l.i
			elem := element(path, n)
			n++
			l.mark(elem, start)
			l.value(elem, depth)
			if l.i == start {
				l.i++
			}
		}
	}
}

func (l *locator) inlineTable(path string, depth int) {
	if depth > maxNesting {
		l.tooMuch(l.i, fmt.Sprintf("lists and tables nest more than %d deep", maxNesting), "three")
		l.skipNested()
		return
	}
	l.i++
	for {
		l.skipSpace()
		if l.eof() {
			return
		}
		switch l.src[l.i] {
		case '}':
			l.i++
			return
		case ',':
			l.i++
		default:
			l.keyValue(path, depth)
		}
	}
}

// skipNested steps over an array or inline table without recording
// anything, counting brackets instead of recursing.
func (l *locator) skipNested() {
	open := 0
	for !l.eof() {
		switch l.src[l.i] {
		case '[', '{':
			open++
		case ']', '}':
			open--
		case '"', '\'':
			l.quoted()
			continue
		case '#':
			l.skipComment()
			continue
		}
		l.i++
		if open <= 0 {
			return
		}
	}
}

// quoted steps over a basic, literal or multi-line string.
func (l *locator) quoted() {
	q := l.src[l.i]
	if l.peek(1) == q && l.peek(2) == q {
		l.i += 3
		for !l.eof() {
			switch c := l.src[l.i]; {
			case c == '\\' && q == '"':
				l.i += 2
			case c == q && l.peek(1) == q && l.peek(2) == q:
				l.i += 3
				for k := 0; k < 2 && l.peek(0) == q; k++ { // """a"""" ends in a quote
					l.i++
				}
				return
			default:
				l.i++
			}
		}
		l.i = min(l.i, len(l.src))
		return
	}
	l.i++
	for !l.eof() {
		switch c := l.src[l.i]; {
		case c == '\\' && q == '"':
			l.i += 2
		case c == q:
			l.i++
			return
		case c == '\n':
			return
		default:
			l.i++
		}
	}
	l.i = min(l.i, len(l.src))
}

// skipBlank steps over spaces and tabs.
func (l *locator) skipBlank() {
	for !l.eof() && (l.src[l.i] == ' ' || l.src[l.i] == '\t') {
		l.i++
	}
}

// skipSpace steps over white space, line ends and comments.
func (l *locator) skipSpace() {
	for !l.eof() {
		switch l.src[l.i] {
		case ' ', '\t', '\r', '\n':
			l.i++
		case '#':
			l.skipComment()
		default:
			return
		}
	}
}

// skipComment steps to the end of the line, if a comment starts here.
func (l *locator) skipComment() {
	if l.peek(0) != '#' {
		return
	}
	for !l.eof() && l.src[l.i] != '\n' {
		l.i++
	}
}
