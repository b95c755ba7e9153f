package store

import (
	"strconv"
	"strings"
	"time"
)

// cameoRoot maps PLOVER event types to CAMEO root codes. It was written
// for newsgraph from the PLOVER type definitions and the CAMEO codebook's
// root categories (not taken from a published crosswalk): where one PLOVER
// type covers several CAMEO roots the most common one is used, and ASSAULT
// with a mode of firearms, explosives or aerial weapons is FIGHT (19)
// rather than ASSAULT (18).
var cameoRoot = map[string]string{
	"AGREE":       "03", // express intent to cooperate (signing is 057, under 05)
	"CONSULT":     "04",
	"SUPPORT":     "05", // engage in diplomatic cooperation
	"CONCEDE":     "08", // yield
	"COOPERATE":   "06", // material cooperation
	"AID":         "07",
	"RETREAT":     "08", // yield: withdraw
	"REQUEST":     "02", // appeal
	"ACCUSE":      "11", // disapprove: accuse
	"DISAPPROVE":  "11",
	"REJECT":      "12",
	"THREATEN":    "13",
	"PROTEST":     "14",
	"SANCTION":    "16", // reduce relations
	"MOBILIZE":    "15", // exhibit force posture
	"COERCE":      "17",
	"ASSAULT":     "18",
	"DEMAND":      "10",
	"INVESTIGATE": "09",
	"STATEMENT":   "01",
}

// goldstein is the Goldstein scale value of each CAMEO root event code: the
// value of its x0 base code in the CAMEO Goldstein table that GDELT
// distributes (CAMEO.goldsteinscale.txt), as we recall it; check against that
// file before relying on the figures.
var goldstein = map[string]float64{
	"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
	"08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -4.4,
	"14": -6.5, "15": -7.2, "16": -4.0, "17": -5.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

// CAMEORoot returns the CAMEO root code ("04") of a PLOVER event type and
// mode, or "" when there is none.
func CAMEORoot(ploverType, mode string) string {
	root := cameoRoot[strings.ToUpper(ploverType)]
	if root == "18" {
		switch strings.ToLower(mode) {
		case "firearms", "explosives", "aerial", "shelling", "fight", "artillery":
			return "19"
		}
	}
	return root
}

// quadClass returns the GDELT QuadClass of a CAMEO root code: 1 verbal
// cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
func quadClass(root string) string {
	n, err := strconv.Atoi(root)
	switch {
	case err != nil:
		return ""
	case n <= 5:
		return "1"
	case n <= 8:
		return "2"
	case n <= 13:
		return "3"
	}
	return "4"
}

// GDELTColumns are the 61 columns of a GDELT 2.0 Events record, in order.
var GDELTColumns = strings.Fields(`GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL`)

// GDELTRow renders an event as a GDELT 2.0 Events record with the given
// event id. Actor codes are the ISO 3166-1 alpha-3 country (CAMEO country
// codes) followed by the CAMEO sector when known; geography is left empty
// except for the place name, because GDELT wants FIPS 10-4 country codes and
// feature ids that newsgraph does not have. It returns nil for events with
// no CAMEO equivalent.
func GDELTRow(id int64, e EventHit, added time.Time) []string {
	root := CAMEORoot(e.Type, e.Mode)
	if root == "" {
		return nil
	}
	row := make([]string, len(GDELTColumns))
	day := e.Date
	if len(day) != len("2006-01-02") && e.Published != nil {
		day = e.Published.UTC().Format("2006-01-02")
	}
	row[0] = strconv.FormatInt(id, 10)
	if t, err := time.Parse("2006-01-02", day); err == nil {
		row[1] = t.Format("20060102")
		row[2] = t.Format("200601")
		row[3] = t.Format("2006")
		row[4] = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365, 'f', 4, 64)
	}
	actor := func(base int, as []Actor) {
		if len(as) == 0 {
			return
		}
		a := as[0]
		row[base] = a.Country
		row[base+1] = strings.ToUpper(a.Name)
		row[base+2] = a.Country
	}
	actor(5, e.Source)
	actor(15, e.Target)
	row[25] = "1"
	row[26], row[27], row[28] = root+"0", root+"0", root
	row[29] = quadClass(root)
	row[30] = strconv.FormatFloat(goldstein[root], 'f', 1, 64)
	row[31], row[32], row[33] = "1", "1", "1"
	row[34] = "0"
	row[52] = e.Location // ActionGeo_FullName; the type and codes need a FIPS gazetteer
	row[59] = added.UTC().Format("20060102150405")
	row[60] = e.URL
	return row
}
