#!/usr/bin/env python3
"""Turn a terminal capture with ANSI SGR colours (tmux `capture-pane -e -p -N`) into an SVG picture.

    python3 ansi2svg.py [--cols 120] [--rows 40] [--title TEXT] < capture.ans > screen.svg

Dependency-free (Python 3 standard library only). What it understands:

* SGR: reset, bold (1), dim (2), italic (3), underline (4, 4:n, 21), blink (5, drawn plain), reverse (7),
  hidden (8), strike (9) and their resets (22-29); colours 30-37/90-97/39 and 40-47/100-107/49, 256 colours
  (38;5;n / 48;5;n) and truecolor (38;2;r;g;b / 48;2;r;g;b, also the colon forms). Other escape sequences
  (other CSI, OSC, DCS, ...) are skipped.
* A monospace grid: every cell is CELL_W x CELL_H pixels; a wide character (East Asian Wide or Fullwidth) takes
  two cells, a combining mark joins the character before it.
* A dark default background and a light default foreground; reverse swaps foreground and background.
* Block elements (U+2580-U+259F: the half blocks a QR code is drawn with, full block, quadrants, shades) and the
  common box-drawing lines are drawn as rectangles, not font glyphs, so they meet exactly at cell edges and a QR
  code in the picture scans.
"""

import argparse
import re
import sys
import unicodedata
from xml.sax.saxutils import escape

CELL_W = 9
CELL_H = 18
FONT_SIZE = 15
BASELINE = 14  # from the top of a cell
PAD = 12       # frame around the grid
FONT = "'DejaVu Sans Mono', 'Menlo', 'Consolas', 'Liberation Mono', monospace"

DEFAULT_FG = (0xD0, 0xD0, 0xD0)
DEFAULT_BG = (0x1C, 0x1C, 0x1C)

# The 16 ANSI colours (xterm's defaults).
ANSI16 = [
    (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
]


def palette256(n):
    """The xterm 256-colour palette."""
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + 10 * (n - 232)
    return (level, level, level)


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse", "hidden", "strike")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None  # None = default, else (r, g, b)
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = False
        self.reverse = self.hidden = self.strike = False

    def copy(self):
        other = Style.__new__(Style)
        for name in Style.__slots__:
            setattr(other, name, getattr(self, name))
        return other

    def key(self):
        return tuple(getattr(self, name) for name in Style.__slots__)


def parse_extended_colour(params, i):
    """Read a 38/48 colour starting at params[i] (the 38 or 48). Returns (colour or None, next index)."""
    head = params[i]
    if len(head) > 1:  # colon form: 38:5:n or 38:2:[space]:r:g:b
        sub = [int(x) if x.isdigit() else 0 for x in head[1:]]
        if sub and sub[0] == 5 and len(sub) >= 2:
            return palette256(sub[1] % 256), i + 1
        if sub and sub[0] == 2 and len(sub) >= 4:
            rgb = sub[-3:]
            return tuple(max(0, min(255, v)) for v in rgb), i + 1
        return None, i + 1
    # semicolon form
    if i + 1 < len(params):
        mode = params[i + 1][0]
        if mode == "5" and i + 2 < len(params):
            return palette256(int(params[i + 2][0] or 0) % 256), i + 3
        if mode == "2" and i + 4 < len(params):
            rgb = [int(params[i + k][0] or 0) for k in (2, 3, 4)]
            return tuple(max(0, min(255, v)) for v in rgb), i + 5
    return None, len(params)


def apply_sgr(style, text):
    params = [p.split(":") for p in text.split(";")] if text else [[""]]
    i = 0
    while i < len(params):
        p = params[i]
        code = int(p[0]) if p[0].isdigit() else 0
        if code == 0:
            style.reset()
        elif code == 1:
            style.bold = True
        elif code == 2:
            style.dim = True
        elif code == 3:
            style.italic = True
        elif code == 4:
            style.underline = not (len(p) > 1 and p[1] == "0")
        elif code == 7:
            style.reverse = True
        elif code == 8:
            style.hidden = True
        elif code == 9:
            style.strike = True
        elif code == 21:
            style.underline = True
        elif code == 22:
            style.bold = style.dim = False
        elif code == 23:
            style.italic = False
        elif code == 24:
            style.underline = False
        elif code == 27:
            style.reverse = False
        elif code == 28:
            style.hidden = False
        elif code == 29:
            style.strike = False
        elif 30 <= code <= 37:
            style.fg = ANSI16[code - 30]
        elif 90 <= code <= 97:
            style.fg = ANSI16[code - 90 + 8]
        elif code == 39:
            style.fg = None
        elif 40 <= code <= 47:
            style.bg = ANSI16[code - 40]
        elif 100 <= code <= 107:
            style.bg = ANSI16[code - 100 + 8]
        elif code == 49:
            style.bg = None
        elif code in (38, 48, 58):
            colour, nxt = parse_extended_colour(params, i)
            if code == 38:
                style.fg = colour
            elif code == 48:
                style.bg = colour
            i = nxt
            continue
        i += 1


def char_width(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


ESCAPE = re.compile(r"\x1b(?:\[([0-9;:?<=>]*)([ -/]*[@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")


def parse(text, cols, rows):
    """The grid: rows of cells, each cell (char or None for the right half of a wide char, Style)."""
    blank = Style()
    grid = [[[" ", blank] for _ in range(cols)] for _ in range(rows)]
    style = Style()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for y, line in enumerate(lines[:rows]):
        x = 0
        pos = 0
        last = None  # the cell the last printed character went to
        while pos < len(line):
            m = ESCAPE.match(line, pos) if line[pos] == "\x1b" else None
            if m:
                if m.group(2) == "m":
                    apply_sgr(style, m.group(1))
                pos = m.end()
                continue
            if line[pos] == "\x1b":
                pos += 1
                continue
            ch = line[pos]
            pos += 1
            if ch in "\r\x00" or (ord(ch) < 32 and ch != "\t"):
                continue
            if ch == "\t":
                ch = " "
            w = char_width(ch)
            if w == 0:
                if last is not None:
                    last[0] += ch
                continue
            if x + w > cols:
                break
            snapshot = style.copy()
            grid[y][x] = [ch, snapshot]
            last = grid[y][x]
            if w == 2:
                grid[y][x + 1] = [None, snapshot]
            x += w
    return grid


def resolved_colours(style):
    fg = style.fg or DEFAULT_FG
    bg = style.bg or DEFAULT_BG
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple((2 * f + b) // 3 for f, b in zip(fg, bg))
    return fg, bg


def hexc(rgb):
    return "#%02x%02x%02x" % rgb


# Block elements as rectangles in units of eighths of a cell: (x0, y0, x1, y1) in 0..8.
BLOCKS = {
    "\u2580": [(0, 0, 8, 4)],  # ▀ upper half
    "\u2581": [(0, 7, 8, 8)], "\u2582": [(0, 6, 8, 8)], "\u2583": [(0, 5, 8, 8)],
    "\u2584": [(0, 4, 8, 8)],  # ▄ lower half
    "\u2585": [(0, 3, 8, 8)], "\u2586": [(0, 2, 8, 8)], "\u2587": [(0, 1, 8, 8)],
    "\u2588": [(0, 0, 8, 8)],  # █ full
    "\u2589": [(0, 0, 7, 8)], "\u258A": [(0, 0, 6, 8)], "\u258B": [(0, 0, 5, 8)],
    "\u258C": [(0, 0, 4, 8)],  # ▌ left half
    "\u258D": [(0, 0, 3, 8)], "\u258E": [(0, 0, 2, 8)], "\u258F": [(0, 0, 1, 8)],
    "\u2590": [(4, 0, 8, 8)],  # ▐ right half
    "\u2594": [(0, 0, 8, 1)], "\u2595": [(7, 0, 8, 8)],
    "\u2596": [(0, 4, 4, 8)], "\u2597": [(4, 4, 8, 8)], "\u2598": [(0, 0, 4, 4)],
    "\u2599": [(0, 0, 4, 8), (4, 4, 8, 8)], "\u259A": [(0, 0, 4, 4), (4, 4, 8, 8)],
    "\u259B": [(0, 0, 8, 4), (0, 4, 4, 8)], "\u259C": [(0, 0, 8, 4), (4, 4, 8, 8)],
    "\u259D": [(4, 0, 8, 4)], "\u259E": [(4, 0, 8, 4), (0, 4, 4, 8)],
    "\u259F": [(4, 0, 8, 8), (0, 4, 4, 8)],
}
SHADES = {"\u2591": 0.25, "\u2592": 0.5, "\u2593": 0.75}

# Box drawing: which arms a character has (up, right, down, left) and whether they are heavy/double.
LIGHT, HEAVY, DOUBLE = 1, 2, 3
BOX = {}


def _box(chars, arms, weight):
    for ch in chars:
        BOX[ch] = tuple(weight if a else 0 for a in arms)


_box("─╌┄┈", (0, 1, 0, 1), LIGHT); _box("│╎┆┊", (1, 0, 1, 0), LIGHT)
_box("┌╭", (0, 1, 1, 0), LIGHT); _box("┐╮", (0, 0, 1, 1), LIGHT)
_box("└╰", (1, 1, 0, 0), LIGHT); _box("┘╯", (1, 0, 0, 1), LIGHT)
_box("├", (1, 1, 1, 0), LIGHT); _box("┤", (1, 0, 1, 1), LIGHT)
_box("┬", (0, 1, 1, 1), LIGHT); _box("┴", (1, 1, 0, 1), LIGHT); _box("┼", (1, 1, 1, 1), LIGHT)
_box("╴", (0, 0, 0, 1), LIGHT); _box("╵", (1, 0, 0, 0), LIGHT)
_box("╶", (0, 1, 0, 0), LIGHT); _box("╷", (0, 0, 1, 0), LIGHT)
_box("━╍┅┉", (0, 1, 0, 1), HEAVY); _box("┃╏┇┋", (1, 0, 1, 0), HEAVY)
_box("┏", (0, 1, 1, 0), HEAVY); _box("┓", (0, 0, 1, 1), HEAVY)
_box("┗", (1, 1, 0, 0), HEAVY); _box("┛", (1, 0, 0, 1), HEAVY)
_box("┣", (1, 1, 1, 0), HEAVY); _box("┫", (1, 0, 1, 1), HEAVY)
_box("┳", (0, 1, 1, 1), HEAVY); _box("┻", (1, 1, 0, 1), HEAVY); _box("╋", (1, 1, 1, 1), HEAVY)
_box("═", (0, 1, 0, 1), DOUBLE); _box("║", (1, 0, 1, 0), DOUBLE)
_box("╔", (0, 1, 1, 0), DOUBLE); _box("╗", (0, 0, 1, 1), DOUBLE)
_box("╚", (1, 1, 0, 0), DOUBLE); _box("╝", (1, 0, 0, 1), DOUBLE)
_box("╠", (1, 1, 1, 0), DOUBLE); _box("╣", (1, 0, 1, 1), DOUBLE)
_box("╦", (0, 1, 1, 1), DOUBLE); _box("╩", (1, 1, 0, 1), DOUBLE); _box("╬", (1, 1, 1, 1), DOUBLE)


def box_rects(ch, px, py):
    """Rectangles (x, y, w, h) in pixels for a box-drawing character in the cell at (px, py)."""
    up, right, down, left = BOX[ch]
    cx, cy = px + CELL_W // 2, py + CELL_H // 2
    rects = []

    def arm_rects(weight, horizontal, start, end):
        if weight == DOUBLE:
            offsets = (-2, 2)
            thick = 1
        else:
            offsets = (0,)
            thick = 1 if weight == LIGHT else 2
        for off in offsets:
            if horizontal:
                rects.append((start, cy + off - thick // 2 if thick > 1 else cy + off, end - start, thick))
            else:
                rects.append((cx + off - thick // 2 if thick > 1 else cx + off, start, thick, end - start))

    # Arms reach from the cell edge past the centre, so corners and joins close.
    ext = 3 if any(w == DOUBLE for w in (up, right, down, left)) else 1
    if left:
        arm_rects(left, True, px, cx + ext)
    if right:
        arm_rects(right, True, cx - ext + 1, px + CELL_W)
    if up:
        arm_rects(up, False, py, cy + ext)
    if down:
        arm_rects(down, False, cy - ext + 1, py + CELL_H)
    return rects


def render(grid, title=None):
    rows, cols = len(grid), len(grid[0]) if grid else 0
    width, height = cols * CELL_W + 2 * PAD, rows * CELL_H + 2 * PAD
    out = []
    out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
               'shape-rendering="crispEdges">' % (width, height, width, height))
    if title:
        out.append("<title>%s</title>" % escape(title))
    out.append('<rect x="0" y="0" width="%d" height="%d" fill="%s"/>' % (width, height, hexc(DEFAULT_BG)))
    out.append('<g transform="translate(%d %d)">' % (PAD, PAD))

    # 1. Backgrounds, merged into runs of equal colour per row.
    for y, row in enumerate(grid):
        x = 0
        while x < cols:
            _, bg = resolved_colours(row[x][1])
            start = x
            while x < cols and resolved_colours(row[x][1])[1] == bg:
                x += 1
            if bg != DEFAULT_BG:
                out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                           % (start * CELL_W, y * CELL_H, (x - start) * CELL_W, CELL_H, hexc(bg)))

    # 2. Blocks and box lines as rectangles; 3. text as glyphs, in runs of one style.
    shapes, texts, lines = [], [], []
    for y, row in enumerate(grid):
        x = 0
        while x < cols:
            ch, style = row[x]
            if ch is None:
                x += 1
                continue
            width_cells = 2 if x + 1 < cols and row[x + 1][0] is None else 1
            fg, bg = resolved_colours(style)
            px, py = x * CELL_W, y * CELL_H
            if style.underline or style.strike:
                lines.append((px, py, width_cells * CELL_W, fg, style.underline, style.strike))
            if style.hidden or ch == " ":
                x += 1
                continue
            base = ch[0]
            if base in BLOCKS:
                for (x0, y0, x1, y1) in BLOCKS[base]:
                    # Round on the pixel grid so neighbouring halves share an edge exactly.
                    rx0, rx1 = px + x0 * CELL_W // 8, px + x1 * CELL_W // 8
                    ry0, ry1 = py + y0 * CELL_H // 8, py + y1 * CELL_H // 8
                    shapes.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                                  % (rx0, ry0, rx1 - rx0, ry1 - ry0, hexc(fg)))
                x += 1
                continue
            if base in SHADES:
                shapes.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" fill-opacity="%.2f"/>'
                              % (px, py, CELL_W, CELL_H, hexc(fg), SHADES[base]))
                x += 1
                continue
            if base in BOX and len(ch) == 1:
                for (rx, ry, rw, rh) in box_rects(base, px, py):
                    shapes.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                                  % (rx, ry, rw, rh, hexc(fg)))
                x += 1
                continue
            # A run of ordinary characters with the same look.
            run_start = x
            glyphs, xs = [], []
            key = (fg, style.bold, style.italic)
            while x < cols:
                c, s = row[x]
                if c is None:
                    x += 1
                    continue
                if c == " " or s.hidden or c[0] in BLOCKS or c[0] in SHADES or (c[0] in BOX and len(c) == 1):
                    break
                f, _ = resolved_colours(s)
                if (f, s.bold, s.italic) != key:
                    break
                if x != run_start and (s.underline or s.strike):
                    w = 2 if x + 1 < cols and row[x + 1][0] is None else 1
                    lines.append((x * CELL_W, y * CELL_H, w * CELL_W, f, s.underline, s.strike))
                glyphs.append(c)
                xs.append(x * CELL_W)
                x += 1
            if not glyphs:
                x += 1
                continue
            attrs = ' fill="%s"' % hexc(fg)
            if style.bold:
                attrs += ' font-weight="bold"'
            if style.italic:
                attrs += ' font-style="italic"'
            # One x per glyph pins every character to its cell, whatever the font's advance width.
            positions = []
            for c, gx in zip(glyphs, xs):
                positions.append(str(gx))
                positions.extend([str(gx)] * (len(c) - 1))  # combining marks sit on their base
            texts.append('<text x="%s" y="%d"%s>%s</text>'
                         % (" ".join(positions), py + BASELINE, attrs, escape("".join(glyphs))))
    out.extend(shapes)
    out.append('<g font-family="%s" font-size="%d" xml:space="preserve">' % (FONT, FONT_SIZE))
    out.extend(texts)
    out.append("</g>")
    for (lx, ly, lw, colour, underline, strike) in lines:
        if underline:
            out.append('<rect x="%d" y="%d" width="%d" height="1" fill="%s"/>' % (lx, ly + CELL_H - 2, lw, hexc(colour)))
        if strike:
            out.append('<rect x="%d" y="%d" width="%d" height="1" fill="%s"/>' % (lx, ly + CELL_H // 2, lw, hexc(colour)))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cols", type=int, default=120)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--title")
    parser.add_argument("input", nargs="?", help="capture file (default: standard input)")
    parser.add_argument("-o", "--output", help="SVG file (default: standard output)")
    args = parser.parse_args()
    if args.input:
        with open(args.input, encoding="utf-8", errors="replace") as f:
            text = f.read()
    else:
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    svg = render(parse(text, args.cols, args.rows), args.title)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(svg)
    else:
        sys.stdout.write(svg)


if __name__ == "__main__":
    main()
