package api

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/web"
)

// chromium returns the path of a Chromium or Chrome binary: $NEWSGRAPH_CHROMIUM,
// else the first found of the usual names; "" when there is none.
func chromium() string {
	if p := os.Getenv("NEWSGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifacts returns the folder for screenshots: $NEWSGRAPH_ARTIFACTS, else
// newsgraph-artifacts under the system's temporary folder.
func artifacts(t *testing.T) string {
	dir := os.Getenv("NEWSGRAPH_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "newsgraph-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser drives the web interface in a real headless Chromium over
// the PolNeAR test corpus: search, open an article, open a speaker's page,
// see the graph, the timeline and the map, the empty and error states, and
// the hostile document shown as text. It saves a screenshot of each page.
func TestBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium found (install Debian's chromium: apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM); browser tests skipped")
	}
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	st, err := sqlite.Open(context.Background(), corpus(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(New(Options{Store: st, UI: web.FS()}))
	defer srv.Close()
	shots := artifacts(t)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(actx)
	defer cancelCtx()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("starting %s: %v", bin, err)
	}
	// Any alert, confirm or prompt means a script of the corpus ran.
	dialogs := make(chan string, 4)
	opening := chromedp.Events(ctx, cdppage.JavascriptDialogOpening)
	go func() {
		for ev, err := range opening {
			if err != nil {
				return
			}
			select {
			case dialogs <- ev.Message:
			default:
			}
			chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
		}
	}()

	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), buf, 0o644)
		})
	}
	view := func(name string) chromedp.Action[chromedp.Void] { // the viewport only
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.CaptureScreenshot()(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), buf, 0o644)
		})
	}
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return n
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	type css = chromedp.CSS

	// Home, then a search typed into the header box, reached with "/".
	run("home", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(css(".stats")), shot("01-home.png"),
		chromedp.KeyEvent("/"))
	if focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); err != nil || focused != "quick-q" {
		t.Errorf(`"/" focused %q, want the search box (%v)`, focused, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("quick-q").value = ""`)); err != nil {
		t.Fatal(err)
	}
	run("search", chromedp.SendKeys(css("#quick-q"), "Clinton\n"),
		chromedp.WaitVisible(css("ol.hits li")), chromedp.WaitVisible(css("aside .ents")), shot("02-search.png"))
	if n := count("ol.hits li"); n < 5 {
		t.Errorf("search for Clinton shows %d hits", n)
	}
	if n := count("ol.hits mark"); n == 0 {
		t.Error("search snippets have no highlighted words")
	}
	// Filters: an outlet and dates, from the form.
	run("filter", chromedp.SetValue(css("#f-outlet"), "nyt"), chromedp.SetValue(css("#f-from"), "2016-09-01"),
		chromedp.Submit(css("#f-q")), chromedp.WaitVisible(css("ol.hits li")))
	loc := location()
	if !strings.Contains(loc, "outlet=nyt") || !strings.Contains(loc, "from=2016-09-01") {
		t.Errorf("filtered search went to %s", loc)
	}
	// Open the first article.
	run("article", chromedp.Click(css("ol.hits li a.title")), chromedp.WaitVisible(css("#text")),
		chromedp.WaitVisible(css(".side")), shot("03-article.png"), view("03-article-top.png"))
	if count("#text a.m") == 0 || count("#text .q") == 0 {
		t.Errorf("article shows %d entity mentions and %d quote pieces", count("#text a.m"), count("#text .q"))
	}
	// Evidence of an event, if the article has one, lights its sentence.
	if count(".events button") > 0 {
		run("evidence", chromedp.Click(css(".events button")), chromedp.WaitVisible(css("#text .flash")))
	}
	// A speaker's page, from the legend of the article.
	run("speaker", chromedp.Click(css(".legend a")), chromedp.WaitVisible(css("section[aria-label=Quotes]")),
		chromedp.WaitVisible(css("aside section[aria-label=Articles] ol.hits li")), shot("04-speaker.png"), view("04-speaker-top.png"))
	loc = location()
	if !strings.Contains(loc, "/entity/") {
		t.Errorf("speaker link went to %s", loc)
	}
	// A named speaker page with quotes over time.
	run("clinton", chromedp.Navigate(srv.URL+"/entity/"+url.PathEscape("PERSON:Hillary Clinton")),
		chromedp.WaitVisible(css("section[aria-label=Quotes]")), shot("05-hillary-clinton.png"), view("05-hillary-clinton-top.png"))
	if count("svg.chart rect") == 0 || count("ol.quotes li") == 0 {
		t.Errorf("Hillary Clinton's page: %d bars, %d quotes", count("svg.chart rect"), count("ol.quotes li"))
	}
	// An event's evidence links to its sentence in the article.
	if count("section[aria-label=Events] .evidence a") > 0 {
		run("evidence link", chromedp.Click(css("section[aria-label=Events] .evidence a")), chromedp.WaitVisible(css("#text .flash")),
			view("05b-evidence.png"))
	}
	// The actor network: nodes, focusable, Enter opens an actor.
	run("graph", chromedp.Navigate(srv.URL+"/graph?type=all"), chromedp.WaitVisible(css("figure.graph svg g.n")), shot("06-graph.png"))
	if n := count("figure.graph g.n"); n < 3 {
		t.Errorf("graph has %d nodes", n)
	}
	run("graph keyboard", chromedp.Focus(css("figure.graph g.n")), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(css("section[aria-label=Events]")))
	loc = location()
	if !strings.Contains(loc, "/entity/") {
		t.Errorf("Enter on a graph node went to %s", loc)
	}
	run("timeline", chromedp.Navigate(srv.URL+"/timeline"), chromedp.WaitVisible(css("figure.timeline svg circle")), shot("07-timeline.png"), view("07-timeline-top.png"))
	run("map", chromedp.Navigate(srv.URL+"/map"), chromedp.WaitVisible(css("figure.mapbox svg path")), shot("08-map.png"))
	if n := count("figure.mapbox path.land"); n < 150 {
		t.Errorf("map has %d countries", n)
	}
	if count("figure.mapbox circle.place") == 0 {
		t.Error("map shows no event places")
	}
	// Captions and their photo credits in the summit article.
	run("summit", chromedp.Navigate(srv.URL+"/search?q=Anchorage"), chromedp.WaitVisible(css("ol.hits li a.title")),
		chromedp.Click(css("ol.hits li a.title")), chromedp.WaitVisible(css("#text .b-caption")), view("08b-captions.png"))
	if count("#text .b-caption") == 0 || count("#text .credit") == 0 || count(".credits li") < 3 {
		t.Errorf("summit article: %d caption pieces, %d credit pieces, %d credits listed",
			count("#text .b-caption"), count("#text .credit"), count(".credits li"))
	}
	if credits := text(".credits"); !strings.Contains(credits, "Getty Images") || !strings.Contains(credits, "Photographers:") {
		t.Errorf("credits: %q", credits)
	}
	// Empty and error states.
	run("empty", chromedp.Navigate(srv.URL+"/search?q=zzxqvj"), chromedp.WaitVisible(css("main .empty")), shot("09-empty.png"))
	run("error", chromedp.Navigate(srv.URL+"/article/"+strings.Repeat("0", 64)), chromedp.WaitVisible(css("main .error")), shot("10-not-found.png"))
	// The hostile document: every string shows as text, nothing runs.
	run("script", chromedp.Navigate(srv.URL+"/article/"+scriptID), chromedp.WaitVisible(css("#text")), shot("11-script-as-text.png"))
	body, title := text("#text"), text("main h1")
	if !strings.Contains(body, "<script>alert('quote')</script>") || !strings.Contains(title, `<script>alert("title")</script>`) {
		t.Errorf("markup not shown as text: title %q, text %q", title, body)
	}
	if n := count("main script, main img, main svg image, main b, main i"); n != 0 {
		t.Errorf("%d elements from the corpus became markup", n)
	}
	if n := count(`main a[href^="javascript"]`); n != 0 {
		t.Errorf("%d javascript: links", n)
	}
	run("script speaker", chromedp.Navigate(srv.URL+"/entity/"+url.PathEscape("PERSON:Mallory <img src=x onerror=alert(1)> Script")),
		chromedp.WaitVisible(css("section[aria-label=Accusations] ol.events")), shot("12-script-speaker.png"))
	if n := count("main img"); n != 0 {
		t.Errorf("an entity name became %d images", n)
	}
	select {
	case m := <-dialogs:
		t.Errorf("a script from the corpus ran: dialog %q", m)
	default:
	}
	t.Logf("screenshots in %s", shots)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
