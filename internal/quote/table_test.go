package quote

import (
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// want is one expected quotation: its kind, its text, the text of the
// speaker's mention ("" for none) and the speaker's name.
type want struct {
	kind          doc.QuoteKind
	text, mention string
	name          string
}

var trump = testEntity{name: "Donald Trump", mentions: []string{"US President Donald Trump", "Donald Trump", "Mr Trump", "Trump"}}
var putin = testEntity{name: "Vladimir Putin", mentions: []string{"Vladimir Putin", "Mr Putin", "Putin"}, refs: []testRef{{"He", 0}, {"he", 0}}}

func TestQuotes(t *testing.T) {
	cases := []struct {
		name string
		text string
		ents []testEntity
		want []want
	}{
		{"speaker after", "“There’s no deal until there’s a deal,” Mr Trump said on Friday night in Anchorage.",
			[]testEntity{trump}, []want{{doc.Direct, "There’s no deal until there’s a deal", "Mr Trump", "Donald Trump"}}},
		{"inverted", "“We had a very productive meeting,” said Mr Putin.",
			[]testEntity{putin}, []want{{doc.Direct, "We had a very productive meeting", "Mr Putin", "Vladimir Putin"}}},
		{"speaker before with colon", "Mr Trump said: “We made some headway.”",
			[]testEntity{trump}, []want{{doc.Direct, "We made some headway.", "Mr Trump", "Donald Trump"}}},
		{"split quotation", "“It was a good meeting,” he said, “and we will meet again in Moscow.”",
			[]testEntity{putin}, []want{
				{doc.Direct, "It was a good meeting", "he", "Vladimir Putin"},
				{doc.Partial, "and we will meet again in Moscow.", "he", "Vladimir Putin"}}},
		{"introduced by the sentence before", "Mr Putin said:\n“The next meeting should take place in Moscow.”",
			[]testEntity{putin}, []want{{doc.Direct, "The next meeting should take place in Moscow.", "Mr Putin", "Vladimir Putin"}}},
		{"partial quotation and pronoun", "He said it was important for countries to “turn the page”.",
			[]testEntity{putin}, []want{
				{doc.Indirect, "it was important for countries to “turn the page”", "He", "Vladimir Putin"},
				{doc.Partial, "turn the page", "He", "Vladimir Putin"}}},
		{"coordinated cue", "US President Donald Trump called his meeting with Russian counterpart Vladimir Putin “extremely productive” but indicated that a deal to end the war had still not been finalised.",
			[]testEntity{trump, putin}, []want{
				{doc.Partial, "extremely productive", "US President Donald Trump", "Donald Trump"},
				{doc.Indirect, "a deal to end the war had still not been finalised", "US President Donald Trump", "Donald Trump"}}},
		{"appositive", "Mustafa Nayyem, a Ukrainian journalist-turned-politician, posted an image of the red carpet with the caption: “Make Kneeling Great Again”.",
			[]testEntity{{name: "Mustafa Nayyem", mentions: []string{"Mustafa Nayyem"}}}, []want{
				{doc.Direct, "Make Kneeling Great Again", "Mustafa Nayyem", "Mustafa Nayyem"}}},
		{"shouted question", "Trump and Putin did not respond to shouted questions including: “President Putin, will you stop killing civilians?”",
			[]testEntity{trump, putin}, []want{{doc.Direct, "President Putin, will you stop killing civilians?", "", ""}}},
		{"nickname, sign and printed words", "Putin joined Trump in the limousine nicknamed “the Beast”. A platform bore a sign that read “Alaska 2025″. The backdrop had the words “Pursuing Peace” printed on it.",
			[]testEntity{trump, putin}, nil},
		{"apostrophes", "Putin’s plane landed; it don’t matter, as in the ’90s, said the Jones’ lawyer.",
			nil, []want{{doc.Indirect, "it don’t matter, as in the ’90s", "the Jones’ lawyer", ""}}},
		{"according to", "The talks lasted nearly three hours, according to Russian officials.",
			nil, []want{{doc.Indirect, "The talks lasted nearly three hours", "Russian officials", ""}}},
		{"fronted report", "The summit will take place in Moscow, a Kremlin spokesman said on Saturday.",
			nil, []want{{doc.Indirect, "The summit will take place in Moscow", "a Kremlin spokesman", ""}}},
		{"name without an entity", "“We are ready,” said Gov. Jane Doe.",
			nil, []want{{doc.Direct, "We are ready", "Gov. Jane Doe", "Jane Doe"}}},
		{"quotation over two paragraphs", "Mr Putin said:\n“The first part of a long statement.\n“And its second part, in a new paragraph.”",
			[]testEntity{putin}, []want{
				{doc.Direct, "The first part of a long statement.", "Mr Putin", "Vladimir Putin"},
				{doc.Direct, "And its second part, in a new paragraph.", "Mr Putin", "Vladimir Putin"}}},
		{"speaker named after the last paragraph", "“The first part of a long statement.\n“And its second part,” Mr Putin said.",
			[]testEntity{putin}, []want{
				{doc.Direct, "The first part of a long statement.", "Mr Putin", "Vladimir Putin"},
				{doc.Direct, "And its second part", "Mr Putin", "Vladimir Putin"}}},
		{"unclosed quotation stays in its paragraph", "Mr Putin said “this is never closed.\nMr Trump said he was “very happy” with the talks.",
			[]testEntity{trump, putin}, []want{
				{doc.Partial, "this is never closed.", "Mr Putin", "Vladimir Putin"},
				{doc.Indirect, "he was “very happy” with the talks", "Mr Trump", "Donald Trump"},
				{doc.Partial, "very happy", "Mr Trump", "Donald Trump"}}},
		{"guillemets and typewriter marks", "«Nous sommes prêts», said Mr Putin. ''Nusra is Al Qaeda,'' Mr. Kerry said.",
			[]testEntity{putin}, []want{
				{doc.Direct, "Nous sommes prêts", "Mr Putin", "Vladimir Putin"},
				{doc.Direct, "Nusra is Al Qaeda", "Mr. Kerry", "Kerry"}}},
		{"relative pronoun", "Mr Putin, who says the pact is “disastrous,” left early.",
			[]testEntity{putin}, []want{
				{doc.Indirect, "the pact is “disastrous,”", "Mr Putin, who", "Vladimir Putin"},
				{doc.Partial, "disastrous", "Mr Putin, who", "Vladimir Putin"}}},
		{"restrictive relative pronoun", "President Obama rebuked the critics who say he should condemn “radical Islamists.” Palin posted it under a headline that said, “ISIS Declares Death to Children.”",
			nil, []want{
				{doc.Indirect, "he should condemn “radical Islamists.”", "the critics who", ""},
				{doc.Partial, "radical Islamists.", "the critics who", ""},
				{doc.Direct, "ISIS Declares Death to Children.", "a headline that", ""}}},
		{"title of a work", "She appeared on CNN’s “State of the Union” on Sunday.",
			nil, nil},
		{"headline", "Graham: Trump’s Rhetoric Destroying the Party’s Chances.\nThe senator left on Thursday.",
			nil, []want{{doc.Indirect, "Trump’s Rhetoric Destroying the Party’s Chances", "Graham", "Graham"}}},
		{"appearance", "Trump’s supporters seemed equally unperturbed.",
			nil, []want{{doc.Indirect, "Trump’s supporters", "", ""}}},
		{"poll frame", "In a CNN poll released Monday, 50 percent of respondents chose Clinton.",
			nil, []want{{doc.Indirect, "50 percent of respondents chose Clinton", "a CNN poll released Monday", ""}}},
		{"infinitive and request", "Mr Trump vowed to ban imports. He asked her to call Mr Putin.",
			[]testEntity{trump}, []want{
				{doc.Indirect, "to ban imports", "Mr Trump", "Donald Trump"},
				{doc.Indirect, "her to call Mr Putin", "He", "Donald Trump"}, // no entity reference: the person named last
				{doc.Indirect, "Mr Putin", "He", "Donald Trump"}}},
		{"passive agent", "The judge was described by Trump as “a hater.”",
			[]testEntity{trump}, []want{{doc.Partial, "a hater.", "Trump", "Donald Trump"}}},
		{"time phrase between subject and cue", "Trump on Tuesday said the deal was “a disaster for our workers.”",
			[]testEntity{trump}, []want{{doc.Partial, "a disaster for our workers.", "Trump", "Donald Trump"}}},
		{"prepositional phrase between subject and cue", "Trump in an interview with CNN said the deal was “a disaster.”",
			[]testEntity{trump}, []want{
				{doc.Indirect, "the deal was “a disaster.”", "Trump", "Donald Trump"},
				{doc.Partial, "a disaster.", "Trump", "Donald Trump"}}},
		{"two appositions before the cue", "“It’s outrageous,” John Lewis, 75, a civil rights icon, said.",
			[]testEntity{{name: "John Lewis", mentions: []string{"John Lewis"}}}, []want{{doc.Direct, "It’s outrageous", "John Lewis", "John Lewis"}}},
		{"long description after a quotation", "“I have been warning about this,” the Florida senator and Republican presidential candidate said in a statement.",
			nil, []want{{doc.Direct, "I have been warning about this", "the Florida senator and Republican presidential candidate", ""}}},
		{"time adverbial before a bare clause", "The president said Tuesday his actions are consistent with the Constitution.",
			nil, []want{{doc.Indirect, "his actions are consistent with the Constitution", "The president", ""}}},
		{"quantifier subject of the clause", "Bucher said none of the other candidates were listed on those ballots.",
			nil, []want{{doc.Indirect, "none of the other candidates were listed on those ballots", "Bucher", "Bucher"}}},
		{"gerund subject of the clause", "The billionaire businessman says running for president is tough.",
			nil, []want{{doc.Indirect, "running for president is tough", "The billionaire businessman", ""}}},
		{"object before an adverbial", "Trump has hammered Bush throughout the campaign. Voters supported Sanders because he was honest.",
			[]testEntity{trump}, []want{
				{doc.Indirect, "Bush", "Trump", "Donald Trump"},
				{doc.Indirect, "Sanders", "Voters", "Voters"}}},
		{"preposition before a day", "European leaders were quick to offer their condolences on Monday.",
			nil, []want{{doc.Indirect, "their condolences", "European leaders", ""}}},
		{"stance participle after its holder", "Donors gave $25 million to an outside group backing Marco Rubio.",
			nil, []want{{doc.Indirect, "Marco Rubio", "an outside group", ""}}},
		{"infinitive cue", "House Republican Thomas Massie used to support Rand Paul.",
			nil, []want{{doc.Indirect, "Rand Paul", "House Republican Thomas Massie", "House Republican Thomas Massie"}}},
		{"speaker with a preposition after the quotation", "“They know Hillary is the only one strong enough,” a voice-over in the ad states.",
			nil, []want{{doc.Direct, "They know Hillary is the only one strong enough", "a voice-over in the ad", ""}}},
		{"possessive inside a description", "“He is a politician selling his own brand of fiction,” the paper's editorial board wrote.",
			nil, []want{{doc.Direct, "He is a politician selling his own brand of fiction", "the paper's editorial board", ""}}},
		{"cue word as a noun after an article", "“Hi Americans!” a welcome message on the website reads.",
			nil, []want{{doc.Direct, "Hi Americans!", "a welcome message on the website", ""}}},
		{"phrasal verbs of speech", "“They are all here for the free stuff,” Bennett shot back with a laugh. “Nooooo!” the crowd cried out, booing.",
			nil, []want{
				{doc.Direct, "They are all here for the free stuff", "Bennett", "Bennett"},
				{doc.Direct, "Nooooo!", "the crowd", ""}}},
		{"quoted adjective before a noun cue", "Ryan lamented the “disheartened” state of the campaign.",
			nil, []want{
				{doc.Indirect, "the “disheartened” state of the campaign", "Ryan", "Ryan"},
				{doc.Partial, "disheartened", "Ryan", "Ryan"}}},
		{"signature with an apposition", "“He can have intelligence briefings,” Reid said.\n“Great speech. She is ready.”\n-President Obama, tweeting after the speech.",
			nil, []want{
				{doc.Direct, "He can have intelligence briefings", "Reid", "Reid"},
				{doc.Direct, "Great speech. She is ready.", "President Obama", "Obama"}}},
		{"pull quotes signed on the next line", "\"I worry that we may see a resurgence of Democrats singing the virtues of balanced budgets.\nDean Baker, Center for Economic and Policy Research.\"\n\n\"“If I was a donor, I’d want answers.”\nRepublican National Committee member.\"\n\n\"Sometimes I feel too Mexican for Americans.\n@lalatina_22.\"",
			nil, []want{
				{doc.Direct, "I worry that we may see a resurgence of Democrats singing the virtues of balanced budgets.", "Dean Baker", "Dean Baker"},
				{doc.Partial, "If I was a donor, I’d want answers.", "Republican National Committee member", "Republican National Committee"},
				{doc.Direct, "Sometimes I feel too Mexican for Americans.", "@lalatina_22", "@lalatina_22"}}},
		{"voices signed on their line", "“I have never felt this scared about an election.” — Maria Lopez, 34, Phoenix\n\n\"Honestly, I'm tired of being treated like a problem,\" — Rosa Delgado\n\n“The Republican Party has lost me.” (Carlos, 45)\n\n“My grandchildren ask me if we will be sent away.” ―Luisa, grandmother of six",
			nil, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "Honestly, I'm tired of being treated like a problem", "Rosa Delgado", "Rosa Delgado"},
				{doc.Direct, "The Republican Party has lost me.", "Carlos", "Carlos"},
				{doc.Direct, "My grandchildren ask me if we will be sent away.", "Luisa", "Luisa"}}},
		{"signature after a description, not after a partial quotation", "“I think both candidates have ignored young Latinos.”\n– Facebook user Sofia Reyes\n\nTrump pointed to a man in the crowd and called him \"my African American.\"\n\n- Reuters.",
			nil, []want{
				{doc.Direct, "I think both candidates have ignored young Latinos.", "Facebook user Sofia Reyes", "Sofia Reyes"},
				{doc.Partial, "my African American.", "Trump", "Trump"}}},
		{"voices headed by their names", "Maria Lopez\n“I have never felt this scared about an election.”\n\n1. Jorge Ramirez\n“They only remember us every four years.”\n\nAna Torres (27)\n“We work hard and pay our taxes.”\n\nREGIONAL WORRIES.\n“The situation is very dangerous.”",
			[]testEntity{{name: "Maria Lopez", mentions: []string{"Maria Lopez"}}, {name: "Jorge Ramirez", mentions: []string{"Jorge Ramirez"}}, {name: "Ana Torres", mentions: []string{"Ana Torres"}}}, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "They only remember us every four years.", "Jorge Ramirez", "Jorge Ramirez"},
				{doc.Direct, "We work hard and pay our taxes.", "Ana Torres", "Ana Torres"},
				{doc.Direct, "The situation is very dangerous.", "", ""}}},
		{"voices signed by their names alone", "We asked readers what they think.\n\n“Honestly, I’m tired of being treated like a problem.”\nRosa Delgado, 33, nurse\n\n“Being Latino means being proud of where you come from.”\nMiguel Sanchez, 40, Albuquerque\n\n“It feels like nobody is talking to us.” Jorge Ramirez, 52, Miami\n\n“I’m voting for the first time this year.” —Daniel Ortiz, 19, Denver, Colorado. “I want my voice to count.”",
			nil, []want{
				{doc.Direct, "Honestly, I’m tired of being treated like a problem.", "Rosa Delgado", "Rosa Delgado"},
				{doc.Direct, "Being Latino means being proud of where you come from.", "Miguel Sanchez", "Miguel Sanchez"},
				{doc.Direct, "It feels like nobody is talking to us.", "Jorge Ramirez", "Jorge Ramirez"},
				{doc.Direct, "I’m voting for the first time this year.", "Daniel Ortiz", "Daniel Ortiz"},
				{doc.Direct, "I want my voice to count.", "Daniel Ortiz", "Daniel Ortiz"}}},
		{"voices headed by a name and an apposition", "Maria Lopez, 34, Phoenix: “I have never felt this scared about an election.”\n\nSofia Reyes, 23\nAustin, Texas\n“I think both candidates have ignored young Latinos.”\n\nLuisa Fernandez, 61, Chicago\n“My grandchildren ask me if we will be sent away.”\n\nCarlos Mendez, 45\n“The Republican Party has lost me.”",
			nil, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "I think both candidates have ignored young Latinos.", "Sofia Reyes", "Sofia Reyes"},
				{doc.Direct, "My grandchildren ask me if we will be sent away.", "Luisa Fernandez", "Luisa Fernandez"},
				{doc.Direct, "The Republican Party has lost me.", "Carlos Mendez", "Carlos Mendez"}}},
		{"a digest's items, and an opening glyph that closes", "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one.” [538.]\n\nMedia shares blame - HuffPollster: “Pollsters are taking a lot of heat from the public.“[HuffPost.]\n\nWhat that means - More from Jones: “The partisanship of the state population is a starting point.”",
			nil, []want{
				{doc.Direct, "One of the biggest lessons was a simple one.", "Carl Bialik", "Carl Bialik"},
				{doc.Direct, "Pollsters are taking a lot of heat from the public.", "HuffPollster", "HuffPollster"},
				{doc.Direct, "The partisanship of the state population is a starting point.", "Jones", "Jones"}}},
		{"transcript turns, not an interview's Q and A or a list", "Partial transcript as follows:\n\nJAKE TAPPER: Do you think Donald Trump has campaigned as a racial healer?\n\nFALLIN: Well, the whole nation needs to work together.\n\nTAPPER: Thank you, Governor.\n\nFALLIN: Thank you.\n\nQ: Does Ted Cruz?\n\nA: No!\n\nSanders: Win in a walk.",
			nil, []want{
				{doc.Direct, "Do you think Donald Trump has campaigned as a racial healer?", "JAKE TAPPER", "JAKE TAPPER"},
				{doc.Direct, "Well, the whole nation needs to work together.", "FALLIN", "FALLIN"},
				{doc.Direct, "Thank you, Governor.", "TAPPER", "TAPPER"},
				{doc.Direct, "Thank you.", "FALLIN", "FALLIN"},
				{doc.Indirect, "Does Ted Cruz", "Q", "Q"}, // (headlines: "Graham: Trump’s Rhetoric Destroying GOP")
				{doc.Indirect, "Win in a walk", "Sanders", "Sanders"}}},
		{"here is someone", "Here’s Clinton in December 1992: “Our new direction must rest on an understanding of the new realities.”\n\nHere is Trump on Tuesday:\n“We will build the wall.”",
			nil, []want{
				{doc.Direct, "Our new direction must rest on an understanding of the new realities.", "Clinton", "Clinton"},
				{doc.Direct, "We will build the wall.", "Trump", "Trump"}}},
		{"signed with a description", "“I have never felt this scared about an election.”\n— a retired teacher from Ohio\n\n“We need change.” — one voter in Iowa",
			nil, []want{
				{doc.Direct, "I have never felt this scared about an election.", "a retired teacher", ""},
				{doc.Direct, "We need change.", "one voter", ""}}},
		{"a quotation of two paragraphs signed at its end", "“I have never felt this scared about an election.”\n— Maria Lopez, 34, Phoenix\n\n“It feels like nobody is talking to us.\n\n“My parents came here with nothing.”\n— Jorge Ramirez, 52, Miami",
			nil, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "It feels like nobody is talking to us.", "Jorge Ramirez", "Jorge Ramirez"},
				{doc.Direct, "My parents came here with nothing.", "Jorge Ramirez", "Jorge Ramirez"}}},
		{"an excerpt's paragraph does not run on into a quotation of the other style", "CNN reported that night:\n\n\"The hearing was closed but Congressman Pete King spoke to reporters afterwards.\n\n“He misled us,” King said.",
			nil, []want{
				{doc.Direct, "The hearing was closed but Congressman Pete King spoke to reporters afterwards.", "CNN", "CNN"},
				{doc.Direct, "He misled us", "King", "King"}}},
		{"a name after a quotation that starts a sentence of its own signs nothing", "“We are not criminals.” Trump, however, disagrees with that.",
			[]testEntity{trump}, []want{{doc.Direct, "We are not criminals.", "", ""}}},
		{"a straight mark glued between two sentences opens", "\"After we came here, we realized it was all lies,\" said one shop owner who declined to be named.\"We basically got deceived into coming here.\"",
			nil, []want{
				{doc.Direct, "After we came here, we realized it was all lies", "one shop owner", ""},
				{doc.Indirect, "to be named.\"", "one shop owner who", ""},
				{doc.Direct, "We basically got deceived into coming here.", "one shop owner", ""}}},
		{"one capitalised word is a sentence, not a heading", "\"Well, thank you so much,\" she said.\n\nPause.\n\n\"Well, you do that! Hillary will appreciate it.\"",
			[]testEntity{{name: "Ann Miller", mentions: []string{"Ann Miller"}, refs: []testRef{{"she", 0}}}}, []want{
				{doc.Direct, "Well, thank you so much", "she", "Ann Miller"},
				{doc.Direct, "Well, you do that! Hillary will appreciate it.", "she", "Ann Miller"}}},
		{"a sentence about a thing before a quotation names no speaker", "Carlos Mendez is a mechanic. The choice for him was simple this year.\n“The Republican Party has lost me.”",
			nil, []want{{doc.Direct, "The Republican Party has lost me.", "", ""}}},
		{"a headline that opens with its speaker's name", "4\nGina Rodriguez Questioned What It Means To Be “Latino Enough.”\n\nGetty.\n\n9\nSelenis Leyva Got Real About Being Called “A Real Woman.”",
			[]testEntity{{name: "Gina Rodriguez", mentions: []string{"Gina Rodriguez"}}, {name: "Selenis Leyva", mentions: []string{"Selenis Leyva"}}}, []want{
				{doc.Partial, "Latino Enough.", "Gina Rodriguez", "Gina Rodriguez"},
				{doc.Partial, "A Real Woman.", "Selenis Leyva", "Selenis Leyva"}}},
		{"a name heading, a photo's credit, then the quotation", "1\nMaria Lopez, 34\n\nGetty.\n\n“I have never felt this scared about an election.”\n\n2\nJorge Ramirez\n\nJohn Moore via Getty Images.\n\n“They only remember us every four years.”",
			[]testEntity{{name: "Jorge Ramirez", mentions: []string{"Jorge Ramirez"}}}, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "They only remember us every four years.", "Jorge Ramirez", "Jorge Ramirez"}}},
		{"a photo's credit names no speaker", "We asked readers.\n\nGetty Images.\n\n“They only remember us every four years.”",
			[]testEntity{{name: "Getty Images", mentions: []string{"Getty Images"}}}, []want{
				{doc.Direct, "They only remember us every four years.", "", ""}}},
		{"a fragment in the sentence after a report goes on with its speaker", "Jahangir said she was angered by the media. Doing so ”appeared to be an attempt at poisoning the California election.”",
			nil, []want{
				{doc.Indirect, "she was angered by the media", "Jahangir", "Jahangir"},
				{doc.Partial, "appeared to be an attempt at poisoning the California election.", "Jahangir", "Jahangir"}}},
		{"as someone put it, in someone's words", "As the Rainmakers sang back in the 1980s, \"They will turn us all into beggars.\"\n\nBut at the time, as prosecutor Marc Trevidic put it, \"apart from the wrong crowd, there was not much to complain about.\"\n\nThey are hubs because, in Forbes’ words, “they are the most entrepreneurial places on the planet.”\n\nIt is popular in states such as Ohio, “the heart of it all.”",
			nil, []want{
				{doc.Indirect, "in the 1980s", "the Rainmakers sang", ""}, // (a stance by an odd phrase: sang is no verb to the lexicon)
				{doc.Direct, "They will turn us all into beggars.", "the Rainmakers", ""},
				{doc.Partial, "apart from the wrong crowd, there was not much to complain about.", "Marc Trevidic", "Marc Trevidic"},
				{doc.Partial, "they are the most entrepreneurial places on the planet.", "Forbes", "Forbes"},
				{doc.Partial, "the heart of it all.", "", ""}}},
		{"named by the sentence after", "With Clinton, the bad rep grows.\n\n\"I would rather have a sister in a whorehouse than a brother in the FBI.\" That quote from Alabama Securities Commissioner Thomas Krebs dates to 1978.",
			nil, []want{{doc.Direct, "I would rather have a sister in a whorehouse than a brother in the FBI.", "Alabama Securities Commissioner Thomas Krebs", "Alabama Securities Commissioner Thomas Krebs"}}},
		{"a question word or a month is no speaker", "Only three remained.\n\nWhy was he out in the heat? \"My mom says I have to save up for college.\"",
			nil, []want{{doc.Direct, "My mom says I have to save up for college.", "", ""}}},
		{"labels are no transcript", "UPDATE: The campaign responded on Tuesday evening.\n\nThe rally drew thousands.\n\nCORRECTION: An earlier version misstated the date.",
			nil, []want{ // (the headline convention's, "Poll: Sanders Leads", not turns)
				{doc.Indirect, "The campaign responded on Tuesday evening", "UPDATE", "UPDATE"},
				{doc.Indirect, "An earlier version misstated the date", "CORRECTION", "CORRECTION"}}},
		{"a handle before a colon", "We asked on Twitter.\n\n@maria_lopez: “I have never felt this scared about an election.”",
			nil, []want{{doc.Direct, "I have never felt this scared about an election.", "@maria_lopez", "@maria_lopez"}}},
		{"a post signed with its handle and date after its markup", "The rally went on.\n\n<tweet id=\"772\" author=\"@bj\" datetime=\"2016-09-01\">“Why is Pence not wearing one?” — Ben Jacobs (@bj) September 1, 2016</tweet>.",
			nil, []want{{doc.Partial, "Why is Pence not wearing one?", "Ben Jacobs", "Ben Jacobs"}}},
		{"the owner of a noun of speech", "His approval improved after the shootings, and his call for “a total and complete ban” on all Muslims entering the United States drew cheers.",
			nil, []want{{doc.Partial, "a total and complete ban", "his", ""}}},
		{"a fragment in a relative clause is its subject's", "Graham contrasted that with Clinton who is looking to bring “people together to accomplish the goal.”\n\nA Texas voter who supports Trump, Golvach lost his son when “an illegal alien chose my son’s head for target practice.”",
			nil, []want{
				{doc.Partial, "people together to accomplish the goal.", "Clinton who", "Clinton"},
				{doc.Indirect, "Trump", "A Texas voter who", ""},
				{doc.Partial, "an illegal alien chose my son’s head for target practice.", "Golvach", "Golvach"}}},
		{"a name and a trade on two lines", "We asked.\n\nMaria Lopez, 34\nRetired teacher\n“I have never felt this scared about an election.”",
			nil, []want{{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"}}},
		{"a list's introduction does not head its first voice", "Here is what they told us:\n\n“We work hard.”\n— Ana Torres, 27\n\nHere is what they said:\n\n“I have never felt this scared about an election.”\nMaria Lopez, 34, Phoenix\n\n“They only remember us every four years.”\nJorge Ramirez, 52, Miami",
			nil, []want{
				{doc.Direct, "We work hard.", "Ana Torres", "Ana Torres"},
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "They only remember us every four years.", "Jorge Ramirez", "Jorge Ramirez"}}},
		{"names that head quotations do not sign the one before", "Carlos Mendez, 45\n“The Republican Party has lost me.”\n“Nobody in my family will vote for him.”\n\nLuisa Fernandez, 61, Chicago\n“My grandchildren ask me if we will be sent away.”",
			nil, []want{
				{doc.Direct, "The Republican Party has lost me.", "Carlos Mendez", "Carlos Mendez"},
				{doc.Direct, "Nobody in my family will vote for him.", "Carlos Mendez", "Carlos Mendez"},
				{doc.Direct, "My grandchildren ask me if we will be sent away.", "Luisa Fernandez", "Luisa Fernandez"}}},
		{"a series of voices signed after an introduction that names someone, then text", "This is what Latinos told HuffPost:\n\n“I have never felt this scared about an election.”\nMaria Lopez, 34, Phoenix\n\n“They only remember us every four years.”\nJorge Ramirez, 52, Miami\n\n“We work hard and pay our taxes.”\nAna Torres, 27, Los Angeles\n\nThe survey of 500 voters found that most were worried.",
			nil, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "They only remember us every four years.", "Jorge Ramirez", "Jorge Ramirez"},
				{doc.Direct, "We work hard and pay our taxes.", "Ana Torres", "Ana Torres"},
				{doc.Indirect, "most were worried", "The survey of 500 voters", ""}}},
		{"a series of voices headed by names after a colon line", "Maria Lopez, 34, Phoenix:\n“I have never felt this scared about an election.”\nJorge Ramirez, 52, Miami\n“They only remember us every four years.”",
			nil, []want{
				{doc.Direct, "I have never felt this scared about an election.", "Maria Lopez", "Maria Lopez"},
				{doc.Direct, "They only remember us every four years.", "Jorge Ramirez", "Jorge Ramirez"}}},
		{"marks of the other style nested", "Smith said: \"The department is not about “Equal Justice Under Law” anymore,\" and left.",
			nil, []want{{doc.Direct, "The department is not about “Equal Justice Under Law” anymore", "Smith", "Smith"}}},
		{"stray typewriter mark before a quotation", "\"“You do not win the nomination by how many states you win,” Rubio responded.",
			nil, []want{{doc.Partial, "You do not win the nomination by how many states you win", "Rubio", "Rubio"}}},
		{"party and state before a comma", "Tuesday at Baldwin Wallace University, after winning Ohio in the primary, Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”",
			nil, []want{{doc.Direct, "I’m getting ready to rent a covered wagon.", "Gov. John Kasich", "John Kasich"}}},
		{"passive agent is no object", "The Russian president, who is wanted by the international criminal court, appeared to shrug.",
			nil, nil},
		{"contracted auxiliary before the cue", "He’s predicting he will do “very, very well” in Nevada.",
			nil, []want{
				{doc.Indirect, "he will do “very, very well” in Nevada", "He", ""},
				{doc.Partial, "very, very well", "He", ""}}},
		{"quantity of a group", "Hundreds of demonstrators marched through Center City on Monday, chanting “Bernie or Jill, No Hill.”",
			nil, []want{{doc.Direct, "Bernie or Jill, No Hill.", "Hundreds of", ""}}},
		{"verb outside the lexicon after a quotation", "“Would it be negotiable about the 11 million?” Hannity pressed. “This is fantastic!” beamed Donald Hartley of Madison. “France will always be France,” an angry Hollande retaliated.",
			nil, []want{
				{doc.Direct, "Would it be negotiable about the 11 million?", "Hannity", "Hannity"},
				{doc.Direct, "This is fantastic!", "Donald Hartley of Madison", "Donald Hartley"},
				{doc.Direct, "France will always be France", "an angry Hollande", ""}}},
		{"bare verb form as a noun", "Sanders delivered a snappy retort: “No one is tearing this up.”",
			nil, []want{{doc.Direct, "No one is tearing this up.", "Sanders", "Sanders"}}},
		{"verb after a plural subject", "Outside the sports arena in downtown Washington, about 200 protesters congregated in three clusters, holding signs and chanting “Dump Trump.”",
			nil, []want{{doc.Direct, "Dump Trump.", "200 protesters", ""}}},
		{"as someone put it", "As John Cornyn, the No. 2 in the GOP leadership, put it: “This person will not be confirmed.”",
			nil, []want{{doc.Direct, "This person will not be confirmed.", "John Cornyn", "John Cornyn"}}},
		{"party and state before a colon", "Rep. Trey Gowdy (R-S.C.): “I have not heard anyone cite that figure.”",
			nil, []want{{doc.Direct, "I have not heard anyone cite that figure.", "Rep. Trey Gowdy", "Trey Gowdy"}}},
		{"dateline before the subject", "Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump, saying that “bombastic comments” do harm.",
			nil, []want{{doc.Partial, "bombastic comments", "Democrat Hillary Clinton", "Democrat Hillary Clinton"}}},
		{"coordinated subject", "Netanyahu and other right-wing Israeli leaders shunned Jimmy Carter, claiming that the former president is “anti-Israel.”",
			nil, []want{
				{doc.Indirect, "the former president is “anti-Israel.”", "Netanyahu and other right-wing Israeli leaders", ""},
				{doc.Partial, "anti-Israel.", "Netanyahu and other right-wing Israeli leaders", ""}}},
		{"cue with nothing reported in the sentence before", "Sam Lau, the party's spokesman, said in a statement. “There are no paper ballots to recount.”",
			nil, []want{{doc.Direct, "There are no paper ballots to recount.", "Sam Lau", "Sam Lau"}}},
		{"object of a verb that reports a fact", "In his financial disclosures, Trump reports investments in Ford Motor Credit worth $1 million.",
			nil, []want{{doc.Indirect, "investments in Ford Motor Credit worth $1 million", "Trump", "Trump"}}},
		{"fronted report before a dash", "A six-year trend of declining deficits will end this year, the Congressional Budget Office reported on Tuesday -- a development that injects the deficit into the campaign.",
			nil, []want{{doc.Indirect, "A six-year trend of declining deficits will end this year", "Congressional Budget Office", "Congressional Budget Office"}}},
		{"second predicate after and or but", "He did not mention his opponents by name but did note that he had won the most states. At one point, a woman asked for a photo and Clinton said it was fine.",
			nil, []want{
				{doc.Indirect, "his opponents by name", "", ""},
				{doc.Indirect, "he had won the most states", "He", ""},
				{doc.Indirect, "for a photo", "a woman", ""},
				{doc.Indirect, "it was fine", "Clinton", "Clinton"}}},
		{"adverbial after an object", "Trump blasted the California yoga instructor during a campaign rally.",
			nil, []want{{doc.Indirect, "the California yoga instructor", "Trump", "Trump"}}},
		{"fragment in a report before another speaker", "After Scalia said that some students might do better at “less advanced schools,” Trump said he did not like it.",
			nil, []want{
				{doc.Indirect, "some students might do better at “less advanced schools,”", "Scalia", "Scalia"},
				{doc.Partial, "less advanced schools", "Scalia", "Scalia"},
				{doc.Indirect, "he did not like it", "Trump", "Trump"}}},
		{"pronoun before an adverbial insert", "He pledged to enact judicial reform and he, once again, pledged a “political revolution” for the country.",
			nil, []want{
				{doc.Indirect, "to enact judicial reform", "He", ""},
				{doc.Indirect, "a “political revolution” for the country", "he", ""},
				{doc.Partial, "political revolution", "he", ""}}},
		{"cue before and after a quotation", "After Clinton accused him of sexism, he warned, “If they play the woman's card, that will be fair game,” Trump told NBC.",
			nil, []want{
				{doc.Indirect, "him of sexism", "Clinton", "Clinton"},
				{doc.Direct, "If they play the woman's card, that will be fair game", "he", ""}}},
		{"speech noun with a that-clause or an object", "Albright fanned controversy with her remark that “there’s a special place in hell” for some. Trump's criticism of the judge was sharp.",
			nil, []want{
				{doc.Partial, "there’s a special place in hell", "her", ""},
				{doc.Indirect, "the judge", "Trump", "Trump"}}},
		{"speech noun after a description's possessive", "The campaign's criticism of the judge was sharp.",
			nil, []want{{doc.Indirect, "the judge", "The campaign", ""}}},
		{"according to as an insert", "Fundraising, according to the campaign, has surged in the same period. That’s according to early results of exit polls.",
			nil, []want{
				{doc.Indirect, "has surged in the same period", "the campaign", ""},
				{doc.Indirect, "That", "early results of exit polls", ""}}},
		{"hearer before a bare clause", "Podesta told the AP his firm worked closely with the nonprofit. Murphy told me he had a tragedy-free life.",
			nil, []want{
				{doc.Indirect, "his firm worked closely with the nonprofit", "Podesta", "Podesta"},
				{doc.Indirect, "he had a tragedy-free life", "Murphy", "Murphy"}}},
		{"reflexive object", "Sanders calls himself a democratic socialist.",
			nil, []want{{doc.Indirect, "himself a democratic socialist", "Sanders", "Sanders"}}},
		{"quoted fragment inside an apposition", "Humphrey, who calls Trump a “sociopath,” said he does not believe the effort requires an alternative. The plan is “dead on arrival,” said Smith.",
			nil, []want{
				{doc.Partial, "sociopath", "Humphrey, who", "Humphrey"},
				{doc.Indirect, "he does not believe the effort requires an alternative", "Humphrey", "Humphrey"},
				{doc.Indirect, "the effort requires an alternative", "", ""},
				{doc.Partial, "dead on arrival", "Smith", "Smith"}}},
		{"object whose holders are not found", "In each of those states, about a third of Democratic voters or less want a switch to more liberal policies. Analysts agree the race is close, analyst says.",
			nil, []want{
				{doc.Indirect, "a switch to more liberal policies", "", ""},
				{doc.Indirect, "Analysts agree the race is close", "analyst", ""},
				{doc.Indirect, "the race is close", "Analysts", "Analysts"}}},
		{"objects of writing, hearers after to, requests to a plural", "Clinton tweeted her thanks to the president. The American Legion wrote to Sanders’ Senate office that it did not have permission. Cruz urges conservatives to unite behind him.",
			nil, []want{
				{doc.Indirect, "her thanks to the president", "Clinton", "Clinton"},
				{doc.Indirect, "it did not have permission", "The American Legion", "American Legion"},
				{doc.Indirect, "conservatives to unite behind him", "Cruz", "Cruz"}}},
		{"fronted clause before a cue with an object", "For instance, a WBUR poll last week showed Rubio in third at 11 percent.",
			nil, []want{{doc.Indirect, "Rubio in third at 11 percent", "a WBUR poll", ""}}},
		{"cue words that are nouns or names", "“The first line of defense is within the community,” said former secretary of state Hillary Clinton. In other words, explained CBS moderator Nancy Cordes, “you are taking money.” “We have assessed this deal,” Read said. At a rally, the secretary of state said she wanted to win.",
			nil, []want{
				{doc.Direct, "The first line of defense is within the community", "former secretary of state Hillary Clinton", "Hillary Clinton"},
				{doc.Partial, "you are taking money.", "CBS moderator Nancy Cordes", "Nancy Cordes"},
				{doc.Direct, "We have assessed this deal", "Read", "Read"},
				{doc.Indirect, "she wanted to win", "the secretary of state", ""},
				{doc.Indirect, "to win", "she", ""}}},
		{"in support of, support behind", "Sen. Graham has come out in support of Cruz. Carly Fiorina threw her support behind Sen. Ted Cruz on Wednesday.",
			nil, []want{
				{doc.Indirect, "Cruz", "Sen. Graham", "Graham"},
				{doc.Indirect, "Sen. Ted Cruz", "her", ""}}},
		{"objects of doubt and responses", "Mr. Christie questioned his depth and experience. When asked whom she supported, she smiled. The campaign responded to a request for comment.",
			nil, []want{
				{doc.Indirect, "his depth and experience", "Mr. Christie", "Christie"},
				{doc.Indirect, "whom she supported", "", ""},
				{doc.Indirect, "to a request for comment", "The campaign", ""}}},
		{"second predicate with a cue, short gerund subject", "He says he respects Clinton and calls her a friend. Kasich says going through a dark time has helped him.",
			nil, []want{
				{doc.Indirect, "he respects Clinton", "He", ""},
				{doc.Indirect, "her a friend", "He", ""},
				{doc.Indirect, "going through a dark time has helped him", "Kasich", "Kasich"}}},
		{"name after a preposition, adjective before a noun of speech", "Most said they would vote for Clinton for president. Asked about his previous criticisms of Trump, Christie shrugged.",
			nil, []want{
				{doc.Indirect, "they would vote for Clinton for president", "Most", ""},
				{doc.Indirect, "for Clinton", "they", ""},
				{doc.Indirect, "about his previous criticisms of Trump", "", ""},
				{doc.Indirect, "Trump", "his", ""}}},
		{"gerund after a preposition", "Republicans were largely focused on criticizing her record.",
			nil, []want{
				{doc.Indirect, "on criticizing her record", "Republicans", "Republicans"},
				{doc.Indirect, "her record", "Republicans", "Republicans"}}},
		{"no report in aspect, motion or quantity", "Sanders continues to trail Clinton. Kasich went to college in the 1970s. Rubio is a few percentage points behind Sen. Ted Cruz. Cruz went after Rubio on immigration. His home state of Florida votes next.",
			nil, []want{{doc.Indirect, "after Rubio", "Cruz", "Cruz"}}},
		{"speaking at a place", "O’Malley spoke at the Fair Immigration Reform Movement forum on Sunday. Clinton spoke about the economy.",
			nil, []want{{doc.Indirect, "about the economy", "Clinton", "Clinton"}}},
		{"merged entity", "“We will win,” Sanders campaign manager Jeff Weaver said.",
			[]testEntity{{name: "Bernie Sanders", mentions: []string{"Sanders campaign manager Jeff Weaver"}}}, []want{
				{doc.Direct, "We will win", "manager Jeff Weaver", "Jeff Weaver"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := analyze(t, c.text, c.ents...)
			checkQuotes(t, d)
			var got []want
			for _, q := range d.Quotes {
				w := want{kind: q.Kind, text: q.Text, name: q.SpeakerName}
				if q.SpeakerStart != nil {
					w.mention = d.Text[*q.SpeakerStart:*q.SpeakerEnd]
				}
				got = append(got, w)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d quotations, want %d:\n%s", len(got), len(c.want), dump(d))
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("quotation %d:\n got %+v\nwant %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// TestExample checks the example article against its gold quotations,
// with the entities an entity stage would give.
func TestExample(t *testing.T) {
	b, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		t.Skip(err)
	}
	d := analyze(t, string(b),
		testEntity{name: "Donald Trump", mentions: []string{"US President Donald Trump", "Mr Trump", "Trump"}},
		testEntity{name: "Vladimir Putin", mentions: []string{"Vladimir Putin", "Mr Putin", "Putin"}, refs: []testRef{{"He", 0}, {"He", 1}, {"He", 2}}},
		testEntity{name: "Mustafa Nayyem", mentions: []string{"Mustafa Nayyem"}},
	)
	checkQuotes(t, d)
	speaker := map[string]string{}
	for _, q := range d.Quotes {
		speaker[q.Text] = q.SpeakerName
		for _, not := range []string{"the Beast", "Pursuing Peace", "Alaska 2025"} {
			if q.Text == not {
				t.Errorf("%q is not a quotation", not)
			}
		}
	}
	for text, who := range map[string]string{
		"extremely productive":                 "Donald Trump",
		"There’s no deal until there’s a deal": "Donald Trump",
		"walk away":                    "Donald Trump",
		"in a constructive atmosphere": "Vladimir Putin",
		"turn the page":                "Vladimir Putin",
		"Make Kneeling Great Again":    "Mustafa Nayyem",
		"President Putin, will you stop killing civilians?": "",
	} {
		if got, ok := speaker[text]; !ok || got != who {
			t.Errorf("%q: speaker %q (found %v), want %q", text, got, ok, who)
		}
	}
	for _, frag := range []string{"a deal to end the war had still not been finalised", "he would speak to NATO allies",
		"Ukraine was only one of multiple issues", "the next conversation with Mr Trump should take place in Moscow"} {
		found := false
		for _, q := range d.Quotes {
			found = found || q.Kind == doc.Indirect && strings.Contains(q.Text, frag)
		}
		if !found {
			t.Errorf("indirect quotation %q not found", frag)
		}
	}
}
