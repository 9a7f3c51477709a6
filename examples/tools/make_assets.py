#!/usr/bin/env python3
"""Draw the assets of the salute-couplets, lut-beauty, face-bird, red-packet-rain and flower-text examples.

Everything is drawn procedurally (Pillow) or generated (the LUT), except the fonts: each example
that shows text carries a subset of LXGW WenKai (SIL OFL 1.1, Debian package
`fonts-lxgw-wenkai`) with only the glyphs it uses, renamed as the OFL asks of modified versions
(the subset may not use the reserved names "LXGW" / "霞鹜"), with the licence text beside it.

Setup (once):
    apt-get install fonts-lxgw-wenkai
    python3 -m venv ~/.cache/lantern/examples-venv
    ~/.cache/lantern/examples-venv/bin/pip install fonttools Pillow
Run from the repository root:
    ~/.cache/lantern/examples-venv/bin/python examples/tools/make_assets.py [EXAMPLE…]

The output is deterministic for a given Pillow/fontTools version. The older examples (lucky-hat,
heart-fireworks) are drawn by effect-schema/tools/draw_example_assets.py.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import art  # noqa: E402
import fonts  # noqa: E402
import lut  # noqa: E402

# Every character each example's text layers and scripts can show.
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
COUPLET_TEXT = "春回大地福满人间万事如意抱拳" + "·" + ASCII
FILM_TEXT = "柔光胶片暖调" + "·’" + ASCII
GAME_TEXT = ASCII + "·×"
PACKET_TEXT = "红包雨福恭喜发财" + "·×¥" + ASCII
GREETING_TEXT = "比心爱你哟送你小红花" + "·♥" + ASCII
FLOWER_TEXT = "新年快乐万事如意恭喜发财挥手" + "·！" + ASCII


def heart_greeting(root):
    """Only the greeting font of heart-fireworks (its art is drawn by the older tool)."""
    d = f"{root}/heart-fireworks"
    fonts.subset(GREETING_TEXT, f"{d}/fonts/greeting-kai.ttf", "Lantern Greeting Kai")


def salute_couplets(root):
    d = f"{root}/salute-couplets"
    art.save(art.scroll_sheet(vertical=True), f"{d}/images/couplet-unroll.png")
    art.save(art.scroll_sheet(vertical=False), f"{d}/images/banner-unroll.png")
    art.save(art.spark(32), f"{d}/images/gold-spark.png")
    fonts.subset(COUPLET_TEXT, f"{d}/fonts/couplet-kai.ttf", "Lantern Couplet Kai")
    art.save(art.couplet_thumbnail(f"{d}/fonts/couplet-kai.ttf"), f"{d}/thumbnail.png")


def lut_beauty(root):
    d = f"{root}/lut-beauty"
    lut.write_cube(f"{d}/luts/soft-film.cube", 17, lut.soft_film, "Lantern soft warm film")
    art.save(art.light_leak(384), f"{d}/images/light-leak.png")
    fonts.subset(FILM_TEXT, f"{d}/fonts/film-kai.ttf", "Lantern Film Kai")
    art.save(art.lut_thumbnail(lut.soft_film), f"{d}/thumbnail.png")


def face_bird(root):
    d = f"{root}/face-bird"
    art.save(art.bird(), f"{d}/images/bird.png")
    top, bottom = art.pipes(120, 1280)
    art.save(top, f"{d}/images/pipe-top.png")
    art.save(bottom, f"{d}/images/pipe-bottom.png")
    art.save(art.feather(40), f"{d}/images/feather.png")
    fonts.subset(GAME_TEXT, f"{d}/fonts/game-kai.ttf", "Lantern Game Kai")
    art.save(art.bird_thumbnail(), f"{d}/thumbnail.png")


def red_packet_rain(root):
    d = f"{root}/red-packet-rain"
    fonts.subset(PACKET_TEXT, f"{d}/fonts/packet-kai.ttf", "Lantern Packet Kai")
    art.save(art.red_packet(f"{d}/fonts/packet-kai.ttf"), f"{d}/images/red-packet.png")
    art.save(art.spark(32), f"{d}/images/gold-spark.png")
    art.save(art.coin(40), f"{d}/images/coin.png")
    art.save(art.packet_thumbnail(f"{d}/fonts/packet-kai.ttf"), f"{d}/thumbnail.png")


def flower_text(root):
    d = f"{root}/flower-text"
    fonts.subset(FLOWER_TEXT, f"{d}/fonts/flower-kai.ttf", "Lantern Flower Kai")
    art.save(art.ribbon(), f"{d}/images/ribbon.png")
    art.save(art.spark(32), f"{d}/images/gold-spark.png")
    art.save(art.flower_thumbnail(f"{d}/fonts/flower-kai.ttf"), f"{d}/thumbnail.png")


EXAMPLES = {
    "salute-couplets": salute_couplets,
    "lut-beauty": lut_beauty,
    "face-bird": face_bird,
    "red-packet-rain": red_packet_rain,
    "heart-fireworks": heart_greeting,
    "flower-text": flower_text,
}


def main():
    """Every example's assets, or only those of the examples named on the command line."""
    root = "examples"
    if not os.path.isdir(root):
        sys.exit("run from the repository root (examples/ not found)")
    names = sys.argv[1:] or list(EXAMPLES)
    for name in names:
        if name not in EXAMPLES:
            sys.exit(f"unknown example {name!r}: one of {', '.join(EXAMPLES)}")
        EXAMPLES[name](root)


if __name__ == "__main__":
    main()
