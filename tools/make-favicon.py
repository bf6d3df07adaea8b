#!/usr/bin/env python3
"""Writes wwwroot-assets/favicon.ico (16, 32 and 48 px PNG images) from wwwroot-assets/favicon.svg.

The mark is only rounded rectangles, so this draws the SVG's <rect> elements itself (4x4 supersampling) with the
standard library: no image tools needed. Run it after changing favicon.svg: python3 tools/make-favicon.py
"""
import pathlib
import struct
import xml.etree.ElementTree as ET
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent / "wwwroot-assets"
SIZES = (16, 32, 48)
SAMPLES = 4


def read_rects(svg_path):
    svg = ET.parse(svg_path).getroot()
    view = [float(v) for v in svg.get("viewBox").split()]
    rects = []
    for rect in svg.iter("{http://www.w3.org/2000/svg}rect"):
        fill = rect.get("fill").lstrip("#")
        rects.append((
            float(rect.get("x", 0)), float(rect.get("y", 0)), float(rect.get("width")), float(rect.get("height")),
            float(rect.get("rx", 0)), tuple(int(fill[i:i + 2], 16) for i in (0, 2, 4)),
        ))
    return view[2], rects


def inside(px, py, rect):
    x, y, w, h, r, _ = rect
    if not (x <= px <= x + w and y <= py <= y + h):
        return False
    cx = min(max(px, x + r), x + w - r)
    cy = min(max(py, y + r), y + h - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def render(size, view, rects):
    rows = []
    scale = view / size
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            r = g = b = a = 0.0
            for sj in range(SAMPLES):
                for si in range(SAMPLES):
                    px = (i + (si + 0.5) / SAMPLES) * scale
                    py = (j + (sj + 0.5) / SAMPLES) * scale
                    colour = None
                    for rect in rects:
                        if inside(px, py, rect):
                            colour = rect[5]
                    if colour:
                        r, g, b, a = r + colour[0], g + colour[1], b + colour[2], a + 1
            n = SAMPLES * SAMPLES
            row += bytes([round(r / a) if a else 0, round(g / a) if a else 0, round(b / a) if a else 0, round(255 * a / n)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(images):
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


def main():
    view, rects = read_rects(ROOT / "favicon.svg")
    (ROOT / "favicon.ico").write_bytes(ico([(size, render(size, view, rects)) for size in SIZES]))


if __name__ == "__main__":
    main()
