#!/usr/bin/env python3
"""Compare two renderings: pngcmp.py IMAGE REFERENCE.png [MAX_MEAN MAX_BAD_SHARE]

IMAGE is a PNG or a binary PGM/PPM (what pdftoppm writes); the reference is a
PNG.  Both are turned into 8-bit gray.  Passes (exit 0) when the mean absolute
difference is at most MAX_MEAN (default 0.25 levels) and the share of pixels
differing by more than 64 levels is at most MAX_BAD_SHARE (default 0.0005).
Standard library only (zlib): no PIL on the test machines.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('%s: not a PNG' % path)
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or interlace or ctype not in (0, 2, 4, 6):
        raise ValueError('%s: only 8-bit non-interlaced gray/RGB(A) PNGs' % path)
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    gray = bytearray()
    i = 0
    for _ in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        prev = line
        for x in range(w):
            px = line[x * bpp:x * bpp + bpp]
            gray.append(px[0] if bpp < 3 else (px[0] * 299 + px[1] * 587 + px[2] * 114) // 1000)
    return w, h, gray


def read_pnm(path):
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    magic, w, h = fields[0], int(fields[1]), int(fields[2])
    pix = data[pos:]
    if magic == b'P5':
        return w, h, bytearray(pix[:w * h])
    if magic == b'P6':
        return w, h, bytearray((pix[k] * 299 + pix[k + 1] * 587 + pix[k + 2] * 114) // 1000
                               for k in range(0, w * h * 3, 3))
    raise ValueError('%s: not a binary PGM/PPM' % path)


def read_any(path):
    with open(path, 'rb') as f:
        head = f.read(2)
    return read_pnm(path) if head in (b'P5', b'P6') else read_png(path)


def write_png(path, w, h, gray):
    """Write 8-bit gray (used to make the reference from a reviewed PGM)."""
    raw = b''.join(b'\x00' + bytes(gray[y * w:(y + 1) * w]) for y in range(h))
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) +
                chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--to-png':
        w, h, g = read_any(sys.argv[2])
        write_png(sys.argv[3], w, h, g)
        return 0
    if len(sys.argv) not in (3, 5):
        print(__doc__, file=sys.stderr)
        return 2
    max_mean = float(sys.argv[3]) if len(sys.argv) == 5 else 0.25
    max_bad = float(sys.argv[4]) if len(sys.argv) == 5 else 0.0005
    w1, h1, a = read_any(sys.argv[1])
    w2, h2, b = read_any(sys.argv[2])
    if (w1, h1) != (w2, h2):
        print('size differs: %dx%d vs %dx%d' % (w1, h1, w2, h2))
        return 1
    diff = [abs(x - y) for x, y in zip(a, b)]
    mean = sum(diff) / len(diff)
    bad = sum(1 for d in diff if d > 64) / len(diff)
    ok = mean <= max_mean and bad <= max_bad
    print('mean difference %.3f (max %.3f), pixels off by >64: %.4f%% (max %.4f%%): %s'
          % (mean, max_mean, bad * 100, max_bad * 100, 'same' if ok else 'DIFFERENT'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
