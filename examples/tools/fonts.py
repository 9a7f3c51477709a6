"""Subset LXGW WenKai (SIL OFL 1.1) to the glyphs an example uses, renamed, with its licence.

The OFL allows modified versions (a subset is one) to be bundled with software as long as the
licence and copyright notice travel with them and the subset does not use the Reserved Font
Names "LXGW" and "霞鹜" as its primary name. So each subset gets its own family name, keeps the
copyright and licence name records, and gets an `OFL.txt` beside it.
"""
import os
import re

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
DEBIAN_COPYRIGHT = "/usr/share/doc/fonts-lxgw-wenkai/copyright"


def subset(text, out_path, family):
    """Write a TTF with only the glyphs of `text` (plus .notdef), named `family`."""
    if not os.path.exists(SOURCE):
        raise SystemExit(f"{SOURCE} not found: apt-get install fonts-lxgw-wenkai")
    opts = ftsubset.Options()
    opts.layout_features = []  # horizontal and vertical layout use plain advances
    opts.hinting = False
    opts.name_IDs = [0, 7, 13, 14]  # copyright, trademark, licence, licence URL
    opts.name_languages = [0x409]
    opts.notdef_outline = True
    opts.drop_tables += ["BASE", "GDEF", "GSUB", "GPOS", "vhea", "vmtx", "gasp"]
    font = TTFont(SOURCE)
    sub = ftsubset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    _rename(font, family)
    font["head"].modified = font["head"].created  # deterministic output
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    font.save(out_path)
    _write_licence(os.path.join(os.path.dirname(out_path), "OFL.txt"), font, family)


def _rename(font, family):
    ps = re.sub(r"[^A-Za-z0-9]", "", family) + "-Regular"
    name = font["name"]
    for nid, value in (
        (1, family),
        (2, "Regular"),
        (3, f"{ps};subset of LXGW WenKai 1.250 for Lantern examples"),
        (4, f"{family} Regular"),
        (5, "Version 1.250; subset"),
        (6, ps),
    ):
        name.setName(value, nid, 3, 1, 0x409)
        name.setName(value, nid, 1, 0, 0)


def _ofl_text():
    """The OFL 1.1 text as Debian's copyright file quotes it (de-indented)."""
    with open(DEBIAN_COPYRIGHT, encoding="utf-8") as f:
        text = f.read()
    start = text.index("License: OFL-1.1\n -----")
    block = text[start:].split("\n\nLicense:", 1)[0].splitlines()[1:]
    lines = [("" if line.strip() == "." else line[1:]) for line in block]
    return "\n".join(lines).rstrip() + "\n"


def _write_licence(path, font, family):
    copyright_ = font["name"].getDebugName(0) or ""
    header = (
        "The font file(s) in this folder are a subset of LXGW WenKai Regular 1.250\n"
        f"(https://github.com/lxgw/LxgwWenKai, Debian package fonts-lxgw-wenkai), renamed\n"
        f'"{family}" because the original reserves the font names "LXGW" and "霞鹜".\n'
        f"Only the glyphs the example shows are kept; the outlines are unmodified.\n\n"
        f"{copyright_}\n"
        f'With Reserved Font Names "霞鹜" and "LXGW".\n\n'
    )
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + _ofl_text())
