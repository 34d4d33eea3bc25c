#!/usr/bin/env python3
"""Counts the pixels of each colour asked for in a PNG (8-bit RGB or RGBA, not interlaced, as
Chromium's screenshots are), to tell a rendered picture from a blank one without an image library.

    png_colours.py FILE.png RRGGBB...   prints "RRGGBB COUNT" per colour and "total N"
"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise SystemExit(f"{path}: only 8-bit RGB(A), not interlaced (got {header})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    out = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(bytes(line))
        previous = line
    return width, height, bpp, out


def main():
    width, height, bpp, rows = pixels(sys.argv[1])
    wanted = {bytes.fromhex(c): 0 for c in sys.argv[2:]}
    for row in rows:
        for x in range(0, len(row), bpp):
            rgb = row[x:x + 3]
            if rgb in wanted:
                wanted[rgb] += 1
    for colour, count in wanted.items():
        print(colour.hex(), count)
    print("total", width * height)


main()
