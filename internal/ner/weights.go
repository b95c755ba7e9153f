package ner

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// weights is the quantised weight table: 1<<bits rows of numLabels int16
// weights, more than half of them all zero. Only the rows with a non-zero
// weight are stored, packed one after another in slots of rowBytes, so
// that the table (about 1 MB instead of the 4 MB of a dense, padded one)
// mostly stays in the L2 cache while a document is tagged. A bitmap with
// running counts (32 KB) gives a row's slot; a row that is all zero reads
// slot 0, which holds zeros.
//
// A weight v is stored as the uint16 v+bias, little-endian, so that
// sumLanes can add four of them with one 64-bit load (see there).
type weights struct {
	index []rankWord // one per 64 rows
	rows  []byte     // rowBytes per slot; slot 0 is all zeros
}

const (
	rowBytes = 2 * numLabels
	bias     = 1 << 15
)

// rankWord covers rows 64k to 64k+63.
type rankWord struct {
	bits uint64 // bit j is set when row 64k+j is stored
	base uint32 // slot of the first stored row at or after 64k
}

// packWeights packs a dense table of rows of stride int16s, numLabels used.
func packWeights(dense []int16, stride int) weights {
	n := len(dense) / stride
	w := weights{index: make([]rankWord, (n+63)/64), rows: make([]byte, 0, rowBytes*(1+n/2))}
	w.rows = appendRow(w.rows, make([]int16, numLabels))
	for r := 0; r < n; r++ {
		row := dense[r*stride : r*stride+numLabels]
		rw := &w.index[r/64]
		if r%64 == 0 {
			rw.base = uint32(len(w.rows) / rowBytes)
		}
		for _, v := range row {
			if v != 0 {
				rw.bits |= 1 << (r % 64)
				w.rows = appendRow(w.rows, row)
				break
			}
		}
	}
	return w
}

func appendRow(b []byte, row []int16) []byte {
	for _, v := range row {
		b = binary.LittleEndian.AppendUint16(b, uint16(int32(v)+bias))
	}
	return b
}

// slot returns row r's slot in w.rows (0 for a zero row). It does not
// branch on whether the row is stored.
func (w *weights) slot(r uint32) int {
	rw := &w.index[r>>6]
	sh := r & 63
	k := rw.base + uint32(bits.OnesCount64(rw.bits&(1<<sh-1)))
	return int(k & -uint32(rw.bits>>sh&1))
}

// offsets sets off[i] to the byte offset in w.rows of row feats[i]. It is
// a loop of its own so that sumLanes, which reads the rows, has no call
// (bits.OnesCount64 may be one) to spill its sums around.
func (w *weights) offsets(off, feats []uint32) {
	off = off[:len(feats)]
	for i, b := range feats {
		off[i] = uint32(w.slot(b) * rowBytes)
	}
}

// row returns the numLabels weights of row r.
func (w *weights) row(r uint32) []int16 {
	b := w.rows[w.slot(r)*rowBytes:]
	out := make([]int16, numLabels)
	for y := range out {
		out[y] = int16(int32(binary.LittleEndian.Uint16(b[2*y:])) - bias)
	}
	return out
}

// stored returns the number of rows with a non-zero weight.
func (w *weights) stored() int { return len(w.rows)/rowBytes - 1 }

// lanes holds nine sums of weights two to a 64-bit word, in 32-bit lanes:
// labels 0 and 2, 1 and 3, 4 and 6, 5 and 7, and 8 alone. Each lane holds
// its sum plus a bias that keeps it positive, so that adding lanes word by
// word adds the sums lane by lane, without a carry from one lane into the
// next, as long as the lanes stay below 1<<32.
type lanes [5]uint64

// laneBias is the bias of cached lanes (rebias), and cachedRows bounds the
// rows of a cached sum: its sums lie within ±cachedRows<<15 < laneBias.
const (
	laneBias   = 1 << 22
	cachedRows = 1<<22>>15 - 1
)

// scores sets out[y] to sum y in l, less n, times scale.
func (l *lanes) scores(out *[numLabels]float32, n int64, scale float32) {
	out[0] = float32(int32(int64(l[0]&0xffffffff)-n)) * scale
	out[1] = float32(int32(int64(l[1]&0xffffffff)-n)) * scale
	out[2] = float32(int32(int64(l[0]>>32)-n)) * scale
	out[3] = float32(int32(int64(l[1]>>32)-n)) * scale
	out[4] = float32(int32(int64(l[2]&0xffffffff)-n)) * scale
	out[5] = float32(int32(int64(l[3]&0xffffffff)-n)) * scale
	out[6] = float32(int32(int64(l[2]>>32)-n)) * scale
	out[7] = float32(int32(int64(l[3]>>32)-n)) * scale
	out[8] = float32(int32(int64(l[4])-n)) * scale
}

// sumLanes returns the sums of the rows at byte offsets off (see offsets)
// in rows, which must be fewer than 1<<16 (the callers sum the rows of one
// token or one word, a few dozen at most), as lanes each biased by
// len(off)*bias.
//
// It adds the biased weights four at a time, as 64-bit words: one load
// brings labels 0–3. A plain sum of the words would carry from one 16-bit
// lane into the next, so a second sum adds the odd lanes alone, in 32-bit
// lanes that cannot overflow for fewer than 1<<16 rows; the even lanes are
// the plain sum less the odd lanes shifted into place. Integer sums are
// exact, so this gives the same totals as adding the weights one by one.
//
// It calls nothing, so that its sums stay in registers.
func sumLanes(rows []byte, off []uint32) lanes {
	const odd = 0x0000ffff0000ffff
	var s03, s13, s47, s57, s8 uint64
	// The offsets come from weights.offsets, which gives only offsets of
	// whole rows within rows. Reading through a pointer saves a bounds
	// check and the registers it needs in the tagger's hottest loop (with
	// one, the sums no longer fit in registers).
	p := unsafe.Pointer(unsafe.SliceData(rows))
	for _, o := range off {
		r := unsafe.Add(p, o)
		x := *(*uint64)(r)
		y := *(*uint64)(unsafe.Add(r, 8))
		s03 += x
		s13 += x >> 16 & odd
		s47 += y
		s57 += y >> 16 & odd
		s8 += uint64(*(*uint16)(unsafe.Add(r, 16)))
	}
	return lanes{s03 - s13<<16, s13, s47 - s57<<16, s57, s8}
}

// rebias turns the lanes of the sum of n rows (sumLanes), n <= cachedRows,
// into lanes biased by laneBias.
func rebias(l lanes, n int) lanes {
	d := uint64(laneBias - n*bias)
	dd := d | d<<32
	return lanes{l[0] + dd, l[1] + dd, l[2] + dd, l[3] + dd, l[4] + d}
}
