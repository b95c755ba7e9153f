package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	st, err := sqlite.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("tok123\n"), 0o600)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- serveCmd{}.Run(ctx, []string{"--db", db, "--addr", "127.0.0.1:0", "--token-file", tokenFile}, IO{Stdout: &stdout, Stderr: &stderr})
	}()
	addrRE := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stdout.String()); m != nil {
			base = "http://" + m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s %s", stdout.String(), stderr.String())
		}
	}
	get := func(path string) (int, string) {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, `"writable":true`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, body := get("/"); code != 200 || !strings.Contains(body, "/static/app.js") {
		t.Errorf("/: %d %s", code, body)
	}
	if code, _ := get("/static/app.js"); code != 200 {
		t.Errorf("app.js: %d", code)
	}
	req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(`"We will win," Senator Maria Lopez said on Tuesday in Springfield.`))
	req.Header.Set("Authorization", "Bearer tok123")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Errorf("POST with the token from --token-file: %d", res.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(stdout.String(), "stopped") {
			t.Errorf("exit %d, stdout %q", code, stdout.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}
	if !strings.Contains(stderr.String(), `"msg":"request"`) || !strings.Contains(stderr.String(), `"path":"/healthz"`) {
		t.Errorf("no access log: %s", stderr.String())
	}
}

func TestServeRefuses(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o600)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--db", filepath.Join(dir, "none.db")}, 1, "no database"},
		{[]string{"--db", filepath.Join(dir, "none.db"), "--token-file", empty}, 2, "is empty"},
		{[]string{"--token-file", filepath.Join(dir, "missing")}, 2, "token-file"},
		{[]string{"extra"}, 2, "Usage"},
	} {
		var out, errb bytes.Buffer
		code := serveCmd{}.Run(context.Background(), c.args, IO{Stdout: &out, Stderr: &errb})
		if code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("serve %v: exit %d, %q; want %d and %q", c.args, code, errb.String(), c.code, c.msg)
		}
	}
}

func TestReadToken(t *testing.T) {
	t.Setenv("NEWSGRAPH_TOKEN", " envtok ")
	if tok, err := readToken(""); tok != "envtok" || err != nil {
		t.Errorf("from the environment: %q, %v", tok, err)
	}
	f := filepath.Join(t.TempDir(), "t")
	os.WriteFile(f, []byte("filetok\nsecond line\n"), 0o600)
	if tok, err := readToken(f); tok != "filetok" || err != nil {
		t.Errorf("from a file: %q, %v", tok, err)
	}
}
