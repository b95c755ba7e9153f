package doc

import "context"

// Layer names an annotation layer of a Document that a stage fills.
type Layer string

// The layers of a Document, in pipeline order.
const (
	LayerBlocks    Layer = "blocks"
	LayerSentences Layer = "sentences"
	LayerTokens    Layer = "tokens"
	LayerEntities  Layer = "entities"
	LayerPlaces    Layer = "places"
	LayerQuotes    Layer = "quotes"
	LayerDates     Layer = "dates"
	LayerEvents    Layer = "events"
	LayerTone      Layer = "tone"
)

// Stage is one step of the pipeline. It reads the layers it Requires and
// fills the layers it Provides. A stage that meets bad input records a
// Diagnostic and returns nil; an error means the document cannot be analysed.
type Stage interface {
	Name() string
	Requires() []Layer
	Provides() []Layer
	Run(ctx context.Context, d *Document) error
}
