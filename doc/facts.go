package doc

// EntityType is the kind of a named entity.
type EntityType string

// The entity types newsgraph assigns.
const (
	Person    EntityType = "PERSON"
	Org       EntityType = "ORG"
	Loc       EntityType = "LOC"
	Fac       EntityType = "FAC"
	NORP      EntityType = "NORP"  // nationalities, religious and political groups
	EventName EntityType = "EVENT" // named events: wars, summits, games
	Misc      EntityType = "MISC"
)

// MentionKind says how an entity is mentioned.
type MentionKind string

// The kinds of mention.
const (
	NameMention        MentionKind = "name"
	PronounMention     MentionKind = "pronoun"
	DescriptionMention MentionKind = "description" // "the Russian leader"
)

// Entity is one person, organisation, place or group, resolved within the
// document: all its mentions, its canonical name, roles and country.
type Entity struct {
	ID       string     `json:"id"` // "e1", "e2", … unique within the document
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Country  string     `json:"country,omitempty"` // ISO 3166-1 alpha-3
	Sector   string     `json:"sector,omitempty"`  // CAMEO-style sector: GOV, MIL, MED, …
	Roles    []string   `json:"roles,omitempty"`
	Mentions []Mention  `json:"mentions"` // by name: "US President Donald Trump", "Mr Trump", "Trump"

	// References are mentions by pronoun or description ("he", "the Russian
	// leader") linked to the entity where the evidence is clear. They are
	// kept apart from Mentions so that name counts and NER scores stay clean.
	References []Mention `json:"references,omitempty"`
}

// Mention is one place in the text that refers to an entity.
type Mention struct {
	Span
	Text string      `json:"text"`
	Kind MentionKind `json:"kind,omitempty"`
}

// QuoteKind says how a statement is reported.
type QuoteKind string

// The kinds of quotation.
const (
	Direct   QuoteKind = "direct"   // a whole quoted sentence or more
	Partial  QuoteKind = "partial"  // a quoted fragment inside the writer's sentence
	Indirect QuoteKind = "indirect" // reported speech without quotation marks
)

// Quote is a statement attributed (or not) to a speaker.
type Quote struct {
	Text         string    `json:"text"` // the content, without surrounding marks
	Kind         QuoteKind `json:"kind"`
	Span                   // the content
	Cue          string    `json:"cue"`
	CueStart     int       `json:"cue_start"`
	CueEnd       int       `json:"cue_end"`
	Speaker      *string   `json:"speaker"` // entity id; nil when no one is identifiable
	SpeakerName  string    `json:"speaker_name"`
	SpeakerStart *int      `json:"speaker_start"` // the mention the cue attaches to
	SpeakerEnd   *int      `json:"speaker_end"`
}

// EventStatus says whether an event is reported as having happened.
type EventStatus string

// The statuses of an event.
const (
	Occurred     EventStatus = "occurred"
	Intended     EventStatus = "intended"
	Hypothetical EventStatus = "hypothetical"
	Negated      EventStatus = "negated"
)

// Event is a PLOVER-coded political event with its evidence.
type Event struct {
	Type     string      `json:"type"` // one of the 16 PLOVER types
	Mode     string      `json:"mode,omitempty"`
	Status   EventStatus `json:"status"`
	Source   []string    `json:"source"` // entity ids
	Target   []string    `json:"target"`
	Location string      `json:"location,omitempty"`
	Date     string      `json:"date,omitempty"` // YYYY-MM-DD, YYYY-MM or YYYY
	Sentence int         `json:"sentence"`       // index into Document.Sentences
	Evidence string      `json:"evidence"`
	Trigger  Span        `json:"trigger"` // the words that coded the event
}

// Place is a location resolved to a gazetteer entry.
type Place struct {
	Name    string  `json:"name"`
	Admin1  string  `json:"admin1,omitempty"`
	Country string  `json:"country"` // ISO 3166-1 alpha-3
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Entity  string  `json:"entity,omitempty"` // the entity id it resolves
}
