package api

import (
	"bytes"
	"container/list"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Bounds of the response cache.
const (
	cacheEntries  = 4096
	cacheBytes    = 64 << 20 // all bodies together
	cacheMaxEntry = 1 << 20  // larger bodies are not kept
)

// respCache keeps the bodies of successful GET /api/ answers for a short
// time, so that the same search asked again (a popular name, the next
// analyst, a page reloaded) is not worked out again. A write through this
// server clears it; a write by another process (newsgraph ingest) shows
// after at most ttl.
type respCache struct {
	ttl      time.Duration
	mu       sync.Mutex
	lru      *list.List // of *cacheEntry, most recent first
	byKey    map[string]*list.Element
	bytes    int
	inFlight map[string]chan struct{} // closed when the answer to the key is kept (or failed)
}

type cacheEntry struct {
	key   string
	ctype string
	body  []byte
	at    time.Time
}

func newRespCache(ttl time.Duration) *respCache {
	return &respCache{ttl: ttl, lru: list.New(), byKey: map[string]*list.Element{}, inFlight: map[string]chan struct{}{}}
}

func (c *respCache) get(key string) (*cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if time.Since(e.at) > c.ttl {
		c.remove(el)
		return nil, false
	}
	c.lru.MoveToFront(el)
	return e, true
}

// claim returns nil when the caller is to work out the answer to key (and
// call release when done), or a channel closed when another request that
// is working it out is done.
func (c *respCache) claim(key string) <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.inFlight[key]; ok {
		return ch
	}
	c.inFlight[key] = make(chan struct{})
	return nil
}

func (c *respCache) release(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.inFlight[key]; ok {
		close(ch)
		delete(c.inFlight, key)
	}
}

func (c *respCache) put(e *cacheEntry) {
	if len(e.body) > cacheMaxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[e.key]; ok {
		c.remove(el)
	}
	c.byKey[e.key] = c.lru.PushFront(e)
	c.bytes += len(e.body)
	for c.lru.Len() > cacheEntries || c.bytes > cacheBytes {
		c.remove(c.lru.Back())
	}
}

func (c *respCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.byKey, e.key)
	c.bytes -= len(e.body)
}

func (c *respCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Init()
	clear(c.byKey)
	c.bytes = 0
}

// bufferWriter keeps what a handler writes.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

// cached serves GET /api/ requests from s.cache when it can, and keeps
// the successful answers of next.
func (s *Server) cached(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cache == nil || r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/api/openapi.json" {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI()
		hit := func() bool {
			e, ok := s.cache.get(key)
			if ok {
				w.Header().Set("Content-Type", e.ctype)
				w.Header().Set("Cache-Control", "no-store")
				w.Header().Set("X-Cache", "hit")
				w.Write(e.body)
			}
			return ok
		}
		if hit() {
			return
		}
		// The same question asked again while it is being answered waits
		// for that answer rather than working it out twice.
		if wait := s.cache.claim(key); wait != nil {
			select {
			case <-wait:
				if hit() {
					return
				}
			case <-r.Context().Done():
			}
		} else {
			defer s.cache.release(key)
		}
		buf := &bufferWriter{header: w.Header()}
		next.ServeHTTP(buf, r)
		if buf.status == 0 {
			buf.status = http.StatusOK
		}
		if buf.status == http.StatusOK {
			s.cache.put(&cacheEntry{key: key, ctype: buf.header.Get("Content-Type"), body: bytes.Clone(buf.body.Bytes()), at: time.Now()})
		}
		w.Header().Set("X-Cache", "miss")
		w.WriteHeader(buf.status)
		w.Write(buf.body.Bytes())
	})
}
