package report

import (
	"bytes"
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// Distribution summarises one number over many runs.
type Distribution struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	P5   float64 `json:"p5"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
}

// Summarize returns the distribution of xs: mean, sample standard deviation
// and nearest-rank percentiles. It does not modify xs.
func Summarize(xs []float64) Distribution {
	n := len(xs)
	if n == 0 {
		return Distribution{}
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(n)
	var ss float64
	for _, x := range xs {
		d := x - mean
		ss += float64(d * d) // rounded here so no machine fuses it
	}
	sd := 0.0
	if n > 1 {
		sd = math.Sqrt(ss / float64(n-1))
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	rank := func(p int) float64 { return sorted[max((p*n+99)/100, 1)-1] }
	return Distribution{Mean: round4(mean), SD: round4(sd), P5: rank(5), P50: rank(50), P95: rank(95)}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// node is a value in an aggregated result: an object with fields in order,
// an array, a string, a Distribution, or none (a metric no run has a
// value for).
type node struct {
	fields []field
	items  []node
	isList bool
	str    *string
	dist   *Distribution
	none   bool
}

type field struct {
	key string
	val node
}

// aggregate turns many values of one struct type into one tree in which every
// number (and every bool, as 0 or 1) becomes its Distribution over the values.
// A sim.Metric's is over the values that have one. Embedded structs'
// fields are the struct's own, as in JSON. Fields named in skip (by JSON
// name) are left out.
func aggregate(vs []reflect.Value, skip ...string) node {
	t := vs[0].Type()
	switch {
	case t == metricType:
		var xs []float64
		for _, v := range vs {
			if x, ok := v.Interface().(sim.Metric).Get(); ok {
				xs = append(xs, x)
			}
		}
		if len(xs) == 0 {
			return node{none: true}
		}
		d := Summarize(xs)
		return node{dist: &d}
	case t.Kind() == reflect.Struct:
		var n node
		for i := range t.NumField() {
			f := t.Field(i)
			sub := make([]reflect.Value, len(vs))
			for j, v := range vs {
				sub[j] = v.Field(i)
			}
			if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
				n.fields = append(n.fields, aggregate(sub, skip...).fields...)
				continue
			}
			name := jsonName(f)
			if name == "" || slices.Contains(skip, name) {
				continue
			}
			n.fields = append(n.fields, field{name, aggregate(sub)})
		}
		return n
	case t.Kind() == reflect.Slice:
		n := node{isList: true}
		length := vs[0].Len()
		for _, v := range vs {
			length = min(length, v.Len())
		}
		for i := range length {
			sub := make([]reflect.Value, len(vs))
			for j, v := range vs {
				sub[j] = v.Index(i)
			}
			n.items = append(n.items, aggregate(sub))
		}
		return n
	case t.Kind() == reflect.String, t.Implements(textMarshaler): // a band is a word, not a number
		text := func(v reflect.Value) string {
			if m, ok := v.Interface().(encoding.TextMarshaler); ok {
				b, _ := m.MarshalText()
				return string(b)
			}
			return v.String()
		}
		s := text(vs[0])
		for _, v := range vs {
			if text(v) != s {
				s = "(varies)"
				break
			}
		}
		return node{str: &s}
	}
	xs := make([]float64, len(vs))
	for i, v := range vs {
		switch v.Kind() {
		case reflect.Bool:
			if v.Bool() {
				xs[i] = 1
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			xs[i] = float64(v.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			xs[i] = float64(v.Uint())
		case reflect.Float32, reflect.Float64:
			xs[i] = v.Float()
		}
	}
	d := Summarize(xs)
	return node{dist: &d}
}

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name
	}
	return f.Name
}

// MarshalJSON writes the tree with its fields in struct order.
func (n node) MarshalJSON() ([]byte, error) {
	switch {
	case n.none:
		return []byte("null"), nil
	case n.dist != nil:
		return json.Marshal(n.dist)
	case n.str != nil:
		return json.Marshal(*n.str)
	case n.isList:
		if n.items == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(n.items)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range n.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := f.val.MarshalJSON()
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// row is one line of a flattened tree: a dotted path and its distribution,
// nil for a metric that no run has a value for.
type row struct {
	path string
	dist *Distribution
}

// flatten lists the distributions of a tree by path, in order; list items
// are named by their "id" field when they have one.
func (n node) flatten(prefix string, out []row) []row {
	switch {
	case n.none, n.dist != nil:
		return append(out, row{prefix, n.dist})
	case n.isList:
		for i, it := range n.items {
			name := it.id()
			if name == "" {
				name = strconv.Itoa(i)
			}
			out = it.flatten(join(prefix, name), out)
		}
	default:
		for _, f := range n.fields {
			out = f.val.flatten(join(prefix, f.key), out)
		}
	}
	return out
}

func (n node) id() string {
	for _, f := range n.fields {
		if f.key == "id" && f.val.str != nil {
			return *f.val.str
		}
	}
	return ""
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
