#!/usr/bin/env python3
"""Writes good and bad PNG/JPEG files into DIR for run_bad_image.sh (and as fuzz seeds):
good_*.png/jpg must render; every other file must be refused with a message naming it.
    make_images.py DIR"""
import os
import struct
import sys
import zlib


def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)


def png(w, h, bd=8, ct=2, il=0, rows=None, filt=0, extra=b"", plte=b""):
    ch = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct]
    rb = (w * ch * bd + 7) // 8
    raw = b"".join(bytes([filt]) + bytes((x * 37 + y) & 0xFF for x in range(rb))
                   for y in range(h if rows is None else rows))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bd, ct, 0, 0, il))
            + extra + (chunk(b"PLTE", plte) if plte else b"") + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def jpeg(w, h, comp=3, prec=8):
    sof = bytes([0xFF, 0xC0, 0, 8 + 3 * comp, prec, h >> 8, h & 255, w >> 8, w & 255, comp])
    sof += b"".join(bytes([i + 1, 0x11, 0]) for i in range(comp))
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + sof
            + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x12\x34\xff\xd9")


def main():
    out = sys.argv[1]
    good = png(30, 20)
    idat = good.index(b"IDAT") - 4
    zlen = struct.unpack(">I", good[idat:idat + 4])[0]
    bad_adler = bytearray(good)
    bad_adler[idat + 8 + zlen - 1] ^= 0x55
    bad_adler[idat + 8 + zlen:idat + 12 + zlen] = struct.pack(
        ">I", zlib.crc32(bytes(bad_adler[idat + 4:idat + 8 + zlen])) & 0xFFFFFFFF)
    files = {
        "good_rgb.png": good,
        "good_rgba.png": png(16, 16, ct=6),
        "good_palette.png": png(8, 8, ct=3, plte=b"\x00\x00\x00\xff\x00\x00"),
        "good_photo.jpg": jpeg(64, 48),
        "empty.png": b"",
        "truncated.png": good[:60],
        "signature.png": b"\x89PNX" + good[4:],
        "crc.png": good[:20] + bytes([good[20] ^ 1]) + good[21:],
        "huge.png": png(20000, 20000, bd=1, ct=0, rows=0),
        "short_rows.png": png(30, 20, rows=10),
        "filter.png": png(30, 20, filt=9),
        "zlib.png": bytes(bad_adler),
        "sixteen.png": png(4, 4, bd=16),
        "interlaced.png": png(4, 4, il=1),
        "no_plte.png": png(4, 4, ct=3),
        "text.png": b"this is not an image\n",
        "huge.jpg": jpeg(20000, 20000),
        "truncated.jpg": jpeg(64, 48)[:30],
        "twelve_bit.jpg": jpeg(64, 48, prec=12),
        # libharu 2.3.0 reads an RGB image's tRNS through a NULL pointer (SIGSEGV)
        "rgb_trns.png": png(8, 8, extra=chunk(b"tRNS", b"\0\0\0\0\0\0")),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


main()
