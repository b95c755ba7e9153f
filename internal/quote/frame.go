package quote

// Attributions by a frame rather than a verb: figures "in" a poll and views
// held "for" someone. PolNeAR annotates both (the preposition is the cue).

// framed finds the frames of the sentence [lo, hi): "In a CNN poll
// released Monday, CLAUSE", "CLAUSE in the latest CNN/ORC poll" and "For
// most Democrats today, CLAUSE".
func (x *analysis) framed(lo, hi int) {
	first := lo
	for first < hi && (x.has(first, fMark) || !x.isWord(first)) {
		first++
	}
	if first+3 >= hi {
		return
	}
	switch x.tokText(first) {
	case "In", "For":
		if comma := x.frameComma(first, hi); comma > 0 && !x.apposition(comma+1, hi) {
			m := x.rightNP(first+1, comma)
			if x.tokText(first) == "In" && x.surveyIn(first+1, comma) {
				x.emitFrame(first, comma+1, x.clauseEnd(comma+1, hi), mention{a: first + 1, b: comma, kind: descMention})
			} else if x.tokText(first) == "For" && m.ok() && m.b <= comma && (m.kind == nameMention || x.has(m.b-1, fPeople) && !x.has(m.b-1, fSurvey)) {
				x.emitFrame(first, comma+1, x.clauseEnd(comma+1, hi), m)
			}
			return
		}
	}
	// "CLAUSE in the polls": the clause before, when the sentence opens with
	// it (not "When Sanders began closing on Clinton in national polls").
	if t := x.tokText(first); x.has(first, fStop) || len(t) > 3 && t[len(t)-3:] == "ing" {
		return
	}
	for i := first + 2; i+1 < hi && i < first+maxSubject; i++ {
		if x.has(i, fInQuote|fMark) || x.tokText(i) == "," || x.tokText(i) == ";" {
			return
		}
		if x.tokText(i) != "in" {
			continue
		}
		for j := i + 1; j < hi && j < i+8; j++ {
			if !x.isWord(j) && x.tokText(j) != "/" && x.tokText(j) != "-" {
				break
			}
			if x.has(j, fSurvey) && (j+1 >= hi || !x.isWord(j+1) || x.has(j+1, fStop|fPrep|fSkip) || isPastTense(x.tokText(j+1))) {
				x.emitFrame(i, first, i, mention{a: i + 1, b: j + 1, kind: descMention})
				return
			}
		}
	}
}

// frameComma returns the comma that closes an opening frame at token f,
// or -1.
func (x *analysis) frameComma(f, hi int) int {
	for j := f + 1; j < hi && j < f+20; j++ {
		switch t := x.tokText(j); {
		case t == ",":
			if j+1 < hi && x.isWord(j+1) {
				return j
			}
			return -1
		case x.has(j, fInQuote|fMark), t == ";", t == ":":
			return -1
		}
	}
	return -1
}

// surveyIn reports whether tokens [a, b) name a poll or survey.
func (x *analysis) surveyIn(a, b int) bool {
	for i := a; i < b; i++ {
		if x.has(i, fSurvey) {
			return true
		}
	}
	return false
}

// emitFrame adds the indirect quotation [a, b) framed by the preposition at
// token c, whose holder is m.
func (x *analysis) emitFrame(c, a, b int, m mention) {
	if b-a < 3 {
		return
	}
	n := len(x.out)
	x.emitAnon(c, a, b)
	if len(x.out) > n {
		x.speaker(&x.out[n], m)
		x.speech[n] = true // a quotation inside is the poll's: In a CNN poll, 31% said they were “extremely enthusiastic”
	}
}

// apposition reports whether the tokens from i start an apposition or a
// relative clause rather than a clause: "For Trump, the Republican
// front-runner, …", "For Mr. Rubio, who has been called …".
func (x *analysis) apposition(i, hi int) bool {
	if i >= hi || x.tokText(i) == "who" || x.tokText(i) == "which" {
		return true
	}
	m := x.rightNP(i, hi)
	return m.ok() && m.kind != pronounMention && m.b < hi && x.tokText(m.b) == ","
}
