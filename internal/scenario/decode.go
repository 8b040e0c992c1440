package scenario

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/globomantics/globosim/internal/textsafe"
)

// decoder walks the tree that toml.Decode made, checking every key and value
// against the format and collecting every problem rather than stopping at
// the first.
type decoder struct {
	file     string
	at       map[string]pos // where each path is in the text; see locate
	diags    Diagnostics
	warnings Diagnostics // in a valid file: what its author should know

	hoursPerWeek int      // for durations written in days and weeks
	reworks      []rework // valid rework tables, checked against routes at the end
	valued       []bool   // for each work type: whether it has a value key, readable or not
	hasSlicing   bool     // whether there is a [slicing] table, readable or not
	// misspelt holds the paths of keys that an unknown key was probably
	// meant to be: that key is reported once, as a misspelling, not also as
	// missing.
	misspelt map[string]bool
}

// in is a table being decoded.
type in struct {
	t     map[string]any
	path  string // "stage[2].service"
	owner string // how messages name it: `stage "build"`; "" at the top level
	// prefix starts messages about one of its values: `stage "build": ` for
	// "capacity", `stage "build": service ` for "mean".
	prefix string
	where  string // places unknown and missing keys: `in [[stage]] "build"`
}

func (x in) key(k string) string  { return joinKey(x.path, k) }
func (x in) name(k string) string { return x.prefix + k }
func (x in) has(k string) bool    { _, ok := x.t[k]; return ok }

// sub is the table x holds at key.
func (x in) sub(key string, t map[string]any) in {
	s := in{t: t, path: x.key(key), owner: x.owner, prefix: x.prefix + key + " "}
	s.where = "in [" + key + "]"
	if x.owner != "" {
		s.where = fmt.Sprintf("in the %s of %s", key, x.owner)
	}
	return s
}

func (d *decoder) report(path, format string, args ...any) {
	p := d.position(path)
	d.diags = append(d.diags, Diagnostic{File: d.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// position is where path is in the text, or where the nearest table around
// it is; the top level is 1:1.
func (d *decoder) position(path string) pos {
	for path != "" {
		if p, ok := d.at[path]; ok {
			return p
		}
		path = parent(path)
	}
	return pos{1, 1}
}

// checkKeys reports every key of x that section does not list.
func (d *decoder) checkKeys(x in, section Section) {
	for _, k := range sortedKeys(x.t) {
		if slices.Contains(section.Keys, k) {
			continue
		}
		d.report(x.key(k), "unknown key %s %s%s", quote(k), x.where, didYouMean(k, section.Keys, "keys"))
		if meant, ok := meant(k, section.Keys); ok {
			d.misspelt[x.key(meant)] = true
		}
	}
}

func sortedKeys(t map[string]any) []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *decoder) missing(x in, key string) { d.missingFor(x, key, "") }

// missingKeys reports every key of section that t lacks: a small table in
// which every key is required.
func (d *decoder) missingKeys(t in, section Section) {
	for _, k := range section.Keys {
		if !t.has(k) {
			d.missing(t, k)
		}
	}
}

// missingFor reports a key that is required here; why, if not "", says why.
func (d *decoder) missingFor(x in, key, why string) {
	if d.misspelt[x.key(key)] {
		return
	}
	if why != "" {
		why = ": " + why
	}
	d.report(x.path, "missing required key %q %s%s", key, x.where, why)
}

// wrongType reports a value of the wrong kind: "capacity must be a whole
// number ..., not a string "four"".
func (d *decoder) wrongType(x in, key, want string) {
	d.report(x.key(key), "%s must be %s, not %s", x.name(key), want, describe(x.t[key]))
}

// text reads an optional string.
func (d *decoder) text(x in, key string) (string, bool) {
	v, ok := x.t[key]
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		d.wrongType(x, key, "text in quotes")
		return s, ok
	}
	if r, bad := controlIn(s); bad {
		d.report(x.key(key), "%s has the control character %U in it: text is shown on a terminal, so only printable characters and line breaks may be used", x.name(key), r)
		return "", false
	}
	return s, ok
}

// controlIn finds the first character in s that a terminal would act on
// rather than show (an escape, a carriage return, a bidirectional override,
// a zero-width mark): the same characters textsafe shows escaped, so a
// scenario's text can never move the cursor or recolour the screen. Line
// breaks are allowed: briefings run over several lines.
func controlIn(s string) (rune, bool) {
	for _, r := range s {
		if r != '\n' && textsafe.Acts(r) {
			return r, true
		}
	}
	return 0, false
}

// whole reads an optional whole number from lo to hi, or def.
func (d *decoder) whole(x in, key string, def, lo, hi int64) int64 {
	v, ok := x.t[key]
	if !ok {
		return def
	}
	want := fmt.Sprintf("a whole number from %d to %d", lo, hi)
	if hi == math.MaxInt64 {
		want = fmt.Sprintf("a whole number of at least %d", lo)
	}
	n, ok := wholeNumber(v)
	switch {
	case !ok:
		d.wrongType(x, key, want)
	case n < lo || n > hi:
		d.report(x.key(key), "%s must be %s (got %s)", x.name(key), want, show(v))
	default:
		return n
	}
	return def
}

// wholeNumber accepts an integer, or a float with nothing after the point.
func wholeNumber(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<62 {
			return int64(v), true
		}
	}
	return 0, false
}

// table reads an optional table such as rework = { ... }, checking its keys.
func (d *decoder) table(x in, key string, section Section, example string) (in, bool) {
	v, ok := x.t[key]
	if !ok {
		return in{}, false
	}
	t, ok := v.(map[string]any)
	if !ok {
		d.wrongType(x, key, "a table such as "+example)
		return in{}, false
	}
	sub := x.sub(key, t)
	d.checkKeys(sub, section)
	return sub, true
}

// entry is one table of an array of tables such as [[stage]].
type entry struct {
	in
	id string // as written, even if malformed; "" when missing
}

// section reads an optional table of the top level such as [company],
// checking its keys. Messages about its values start "company: ".
func (d *decoder) section(root in, key string, section Section) (in, bool) {
	v, ok := root.t[key]
	if !ok {
		return in{}, false
	}
	t, ok := v.(map[string]any)
	if !ok {
		if _, list := v.([]map[string]any); list {
			d.report(root.key(key), "%s must be written [%s], with single brackets: there is only one", key, key)
		} else {
			d.wrongType(root, key, fmt.Sprintf("a table, written [%s] on a line of its own", key))
		}
		return in{}, false
	}
	x := in{t: t, path: root.key(key), owner: "[" + key + "]", prefix: key + ": ", where: "in [" + key + "]"}
	d.checkKeys(x, section)
	return x, true
}

// entries reads an array of tables ([[stage]], [[work]]) in which each
// table has a well-formed, unique id. need says why at least one is
// needed, or is "" when the list may be left out.
func (d *decoder) entries(root in, key, need string) []entry {
	return d.tables(root, key, need, d.id)
}

// tables reads an array of tables. ident reads what names each table (its
// id, its name) and checks it is unique among those in first; nil when the
// tables are known by their position only.
func (d *decoder) tables(root in, key, need string, ident func(x in, key string, first map[string]string) string) []entry {
	path := root.key(key)
	var tables []any
	switch v := root.t[key].(type) {
	case nil:
		if need != "" {
			d.report(root.path, "no [[%s]] tables: %s", key, need)
		}
		return nil
	case []map[string]any:
		for _, t := range v {
			tables = append(tables, t)
		}
	case []any:
		tables = v
	case map[string]any:
		d.report(path, "%s must be written [[%s]], with double brackets, even when there is only one", key, key)
		return nil
	default:
		d.wrongType(root, key, fmt.Sprintf("a list of [[%s]] tables", key))
		return nil
	}
	if len(tables) == 0 && need != "" {
		d.report(path, "no [[%s]] tables: %s", key, need)
	}
	var list []entry
	first := map[string]string{} // id → path of the first table with it
	for i, v := range tables {
		e := entry{in: in{path: index(path, i), owner: fmt.Sprintf("%s #%d", key, i+1)}}
		e.where = fmt.Sprintf("in [[%s]] #%d", key, i+1)
		t, ok := v.(map[string]any)
		if !ok {
			d.report(e.path, "each %s must be a table, not %s", key, describe(v))
			continue
		}
		e.t = t
		e.prefix = e.owner + ": "
		if ident != nil {
			e.id = ident(e.in, key, first)
		}
		if e.id != "" {
			e.owner = fmt.Sprintf("%s %s", key, quote(e.id))
			e.prefix = e.owner + ": "
			e.where = fmt.Sprintf("in [[%s]] %s", key, quote(e.id))
		}
		list = append(list, e)
	}
	return list
}

// id reads the required id of a [[key]] entry and checks that it is well
// formed and not taken by an earlier entry in first.
func (d *decoder) id(x in, key string, first map[string]string) string {
	const want = `a short name in quotes made of letters, digits, "-" and "_"`
	v, ok := x.t["id"]
	if !ok {
		d.missing(x, "id")
		return ""
	}
	id, ok := v.(string)
	switch {
	case !ok:
		d.wrongType(x, "id", want)
		return ""
	case id == "":
		d.report(x.key("id"), "%s must not be empty; it must be %s", x.name("id"), want)
		return ""
	case strings.IndexFunc(id, notIDRune) >= 0:
		d.report(x.key("id"), "%s %s may use only letters, digits, \"-\" and \"_\"", x.name("id"), quote(id))
	}
	if p, taken := first[id]; taken {
		d.report(x.key("id"), "%s id %s is used twice (the first is on line %d); ids must be unique", key, quote(id), d.position(p).line)
	} else {
		first[id] = x.key("id")
	}
	return id
}

// ref reads an id at key that must be one of ids, the ids of kind
// ("stage", "work"), and returns its position in ids, or -1 when the key is
// left out or has a problem, which is reported.
func (d *decoder) ref(x in, key, kind string, ids []string) int {
	v, ok := x.t[key]
	if !ok {
		return -1
	}
	id, ok := v.(string)
	if !ok {
		d.wrongType(x, key, withArticle(kind)+" id in quotes")
		return -1
	}
	if i := slices.Index(ids, id); i >= 0 && id != "" {
		return i
	}
	d.report(x.key(key), "%s names %s %s, which does not exist%s", x.name(key), kind, quote(id), idHint(id, ids, kind+" ids"))
	return -1
}

// idHint ends a message about an id that is not one of ids; what names
// them in the list of them all: "stage ids".
func idHint(id string, ids []string, what string) string {
	known := slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == "" })
	if len(known) == 0 {
		return ""
	}
	return didYouMean(id, known, what)
}

// withArticle puts "a" or "an" before a noun: "an investment".
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func notIDRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_'
}

// describe names a value's kind for "must be X, not Y".
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "a string " + quote(v)
	case int64, float64:
		return "the number " + show(v)
	case bool:
		return fmt.Sprintf("the value %t", v)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("a %T", v)
}

// show writes a value the way the file would.
func show(v any) string {
	switch v := v.(type) {
	case string:
		return quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		switch {
		case math.IsNaN(v):
			return "nan"
		case math.IsInf(v, 1):
			return "inf"
		case math.IsInf(v, -1):
			return "-inf"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return describe(v)
}

// quote quotes text for a message, shortening it if it is long.
func quote(s string) string {
	const longest = 40
	if utf8.RuneCountInString(s) > longest {
		s = string([]rune(s)[:longest]) + "…"
	}
	return strconv.Quote(s)
}

// inlineTables reads the list of inline tables at key, such as effects =
// [{ ... }, { ... }]: each item placed and named "noun #n of owner", or nil
// for an item that is not a table (reported with example). ok is false
// when the value is not a list (reported: it must be listWant).
func (d *decoder) inlineTables(x in, key, noun, listWant, example string) (items []*in, ok bool) {
	var list []any
	switch v := x.t[key].(type) {
	case []any:
		list = v
	case []map[string]any:
		for _, t := range v {
			list = append(list, t)
		}
	default:
		d.wrongType(x, key, listWant)
		return nil, false
	}
	for i, v := range list {
		e := &in{path: index(x.key(key), i), owner: fmt.Sprintf("%s #%d of %s", noun, i+1, x.owner)}
		e.prefix = fmt.Sprintf("%s%s #%d: ", x.prefix, noun, i+1)
		e.where = "in " + e.owner
		t, ok := v.(map[string]any)
		if !ok {
			d.report(e.path, "%seach %s must be a table in { } such as %s, not %s", x.prefix, noun, example, describe(v))
			e = nil
		} else {
			e.t = t
		}
		items = append(items, e)
	}
	return items, true
}
