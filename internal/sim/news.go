package sim

import (
	"fmt"
	"strings"
)

// NewsKind is what a line of news is about.
type NewsKind uint8

// The kinds of news.
const (
	EventNews NewsKind = iota + 1
	InvestmentNews
	IncidentNews
	DecisionNews
	MarketNews
)

var newsKindNames = [...]string{"", "event", "investment", "incident", "decision", "market"}

func (k NewsKind) String() string {
	if k > 0 && int(k) < len(newsKindNames) {
		return newsKindNames[k]
	}
	return "unknown"
}

// MarshalText writes the kind's name.
func (k NewsKind) MarshalText() ([]byte, error) {
	if k.String() == "unknown" {
		return nil, fmt.Errorf("no kind of news %d", k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads a kind's name.
func (k *NewsKind) UnmarshalText(text []byte) error {
	for i, name := range newsKindNames {
		if i > 0 && string(text) == name {
			*k = NewsKind(i)
			return nil
		}
	}
	return fmt.Errorf("%.20q is not a kind of news (%s)", text, strings.Join(newsKindNames[1:], ", "))
}
