package workshop

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/ui"
)

// styles are the game's styles and the few the room's own screens add,
// built once per connection from its renderer.
type styles struct {
	ui.Styles
	Text lipgloss.Style // a paragraph (give it a width)
}

func newStyles(r *lipgloss.Renderer) *styles {
	return &styles{
		Styles: ui.DefaultStyles(r),
		Text:   r.NewStyle(),
	}
}
