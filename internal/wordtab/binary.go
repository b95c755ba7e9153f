package wordtab

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// The binary form of a Table (AppendBinary, View), for tables built ahead
// of time and embedded in the binary: a header of four little-endian
// uint32s (keys, slots, bytes of rest, zero), the slots as they lie in
// memory on a little-endian machine (head uint64, size uint32, val int32:
// slotSize bytes each), the tails (uint32 each) and rest. It is a whole
// number of 8-byte words long.
const (
	headerSize = 16
	slotSize   = 16
)

// AppendBinary appends t in its binary form to b. The form starts with
// an 8-byte word: put it at a multiple of 8 bytes from an aligned start
// for View to use it in place.
func (t *Table) AppendBinary(b []byte) ([]byte, error) {
	start := len(b)
	b = binary.LittleEndian.AppendUint32(b, uint32(t.n))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.slots)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.rest)))
	b = binary.LittleEndian.AppendUint32(b, 0)
	for _, sl := range t.slots {
		b = binary.LittleEndian.AppendUint64(b, sl.head)
		b = binary.LittleEndian.AppendUint32(b, sl.size)
		b = binary.LittleEndian.AppendUint32(b, uint32(sl.val))
	}
	for _, x := range t.tails {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	b = append(b, t.rest...)
	for (len(b)-start)%8 != 0 {
		b = append(b, 0)
	}
	return b, nil
}

// ErrBadBinary is returned by View for data that is not the binary form
// of a Table.
var ErrBadBinary = errors.New("wordtab: bad binary table")

// View returns the Table whose binary form (AppendBinary) starts data,
// and the rest of data after it. On a little-endian machine, when data is
// 8-byte aligned, the table uses data in place: nothing is copied, and
// the pages of data are read only when a lookup reaches them. Otherwise
// it is decoded into new memory. Only the header is checked: data must
// come from AppendBinary (a damaged table may make lookups panic). Setting
// a key in a table read in place first copies it.
func View(data string) (Table, string, error) {
	if len(data) < headerSize {
		return Table{}, "", ErrBadBinary
	}
	n := int(le32(data, 0))
	nSlots := int(le32(data, 4))
	nRest := int(le32(data, 8))
	tailsAt := headerSize + nSlots*slotSize
	restAt := tailsAt + 4*nSlots
	end := (restAt + nRest + 7) &^ 7
	if nSlots&(nSlots-1) != 0 || n > nSlots/2 || end > len(data) || end < headerSize {
		return Table{}, "", ErrBadBinary
	}
	t := Table{n: n, rest: []byte(data[restAt : restAt+nRest])}
	if nSlots == 0 {
		return Table{}, data[end:], nil
	}
	p := unsafe.StringData(data)
	if unsafe.Sizeof(slot{}) == slotSize && unsafe.Offsetof(slot{}.size) == 8 && unsafe.Offsetof(slot{}.val) == 12 &&
		binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && uintptr(unsafe.Pointer(p))%8 == 0 {
		t.slots = unsafe.Slice((*slot)(unsafe.Add(unsafe.Pointer(p), headerSize)), nSlots)
		t.tails = unsafe.Slice((*uint32)(unsafe.Add(unsafe.Pointer(p), tailsAt)), nSlots)
		t.rest = unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), restAt)), nRest)
		t.shared = true
	} else {
		t.slots, t.tails = make([]slot, nSlots), make([]uint32, nSlots)
		for i := range t.slots {
			at := headerSize + i*slotSize
			t.slots[i] = slot{head: uint64(le32(data, at)) | uint64(le32(data, at+4))<<32, size: le32(data, at+8), val: int32(le32(data, at+12))}
			t.tails[i] = le32(data, tailsAt+4*i)
		}
	}
	return t, data[end:], nil
}

// le32 returns the little-endian uint32 at data[i:].
func le32(data string, i int) uint32 {
	return uint32(data[i]) | uint32(data[i+1])<<8 | uint32(data[i+2])<<16 | uint32(data[i+3])<<24
}
