// Package ner is newsgraph's learned named-entity tagger.
//
// It tags tokenised sentences with PER, ORG, LOC and MISC entities in the
// IOB2 (BIO) encoding (Label, Spans), using a structured averaged
// perceptron over hashed features, decoded with Viterbi per sentence. It is
// pure Go and allocation-free per token once warm.
//
// # Tagging a document
//
// TagDocument takes a whole document, because much of what tells a name
// apart is elsewhere in it:
//
//   - Truecasing. Words whose capitals say nothing (in an ALL-CAPS or Title
//     Case headline, at the start of a sentence) are read in the case the
//     same word has mid-sentence in the document ("MACRON" as "Macron"),
//     else in the training text ("MEETS" as "meets").
//   - Document cues, for every capitalised word: how it is written
//     elsewhere, whether one of its occurrences follows a title ("President
//     X") or "in"/"at"/"near", ends or starts a run of capitalised words, or
//     sits in a name ending in a company word ("Pirelli SpA").
//   - Two passes. The second sees, for each capitalised word, the types the
//     first pass gave it elsewhere in the document ("extended prediction
//     history").
//
// Per-token features: the word as written and lowercased (digits as 0,
// typographic quotes and dashes folded to ASCII), its shape (Xxxx, XX, d-d,
// X.X.), prefixes and suffixes of one to four letters, the words and
// shapes two either side, sentence position and capitalisation mode, title
// words, and a gazetteer of the entities of the training split. Every
// feature is a 64-bit hash of a template id and precomputed word hashes,
// whose top bits pick one of 2^17 rows of nine int16 weights.
//
// # Training
//
// Train (run by `go generate`, see gen/) learns from CoNLL-2003 English
// train: ten jackknife folds give each training document a gazetteer and
// first-pass labels made without it, so the model learns how far to trust
// both on unseen text; identity features of capitalised words are dropped
// at random so unseen names are tagged from shape and context; a share of
// documents is rewritten into today's forms (agency datelines, Title Case
// and sentence-case headlines); and three perceptrons with different
// shufflings are averaged. The dev split was used only to choose these
// settings and the number of epochs.
//
// The shipped model (model.bin, 1.7 MB) is read once by Default, in
// place from the binary's read-only data, and is safe for concurrent use. On CoNLL-2003 dev, with gold
// tokens, it scores PER/ORG/LOC exact-span micro F1 0.933 (TestDevF1).
package ner
