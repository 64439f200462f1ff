"""The interactive HTML view: self-contained, and drawn offline by a real browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from network_gold import sentence

from natokg.network import (
    TYPE_COLOURS,
    interactive,
    write_network,
)


def test_html_is_self_contained(network: nx.MultiDiGraph) -> None:
    page = interactive(network).html
    assert not re.search(r"<(script|img|iframe)[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b|@import|url\(|\bfetch\(|XMLHttpRequest|import\(", page, re.I)
    data = json.loads(re.search(r'<script id="natokg-data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert len(data["nodes"]) == network.number_of_nodes() and len(data["edges"]) == network.number_of_edges()
    edge = next(e for e in data["edges"] if e["label"] == "absent from a meeting of" and "Rubio" in e["evidence"][0])
    assert edge["evidence"] == [sentence(3)]
    view = interactive(network)._repr_html_()
    assert view.startswith("<iframe srcdoc=") and "<script" not in view  # the page is escaped into srcdoc


def test_html_relations_have_the_colour_blind_safe_styles(network: nx.MultiDiGraph) -> None:
    page = interactive(network).html
    data = json.loads(re.search(r'<script id="natokg-data" type="application/json">(.*?)</script>', page, re.S)[1])
    by_label = {e["label"]: (e["colour"], e["dash"]) for e in data["edges"]}
    # The pairs the issue found alike, now apart in colour and pattern.
    assert by_label["represents"] == ("#D55E00", [])
    assert by_label["questioned the commitment of"] == ("#0072B2", [1.5, 2.5])
    assert by_label["announced a handover by"] == ("#009E73", [1.5, 2.5])
    assert by_label["member of"] == ("#E69F00", []) and by_label["responded to"] == ("#CC79A7", [1.5, 2.5])
    assert by_label["holds a post in"] == ("#0072B2", []) and by_label["spoke to"] == ("#000000", [6.0, 3.0])
    # The legend shows the pattern too (CSS border styles), and the page draws edges with it.
    assert ["responded to", "#CC79A7", "dotted"] in data["relations"]
    assert "ctx.setLineDash(e.dash)" in page and "borderTopStyle = item[2]" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium (Debian package 'chromium')")
def test_html_draws_offline_in_headless_chromium(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = write_network(network, tmp_path / "network.html")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing resolves: the page must need no network
        "--window-size=1400,900",
    ]
    dom = subprocess.run(
        [*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    status = re.search(r'id="natokg-status" data-drawn-nodes="(\d+)" data-drawn-edges="(\d+)"', dom)
    assert status, dom[:2000]
    assert (int(status[1]), int(status[2])) == (network.number_of_nodes(), network.number_of_edges())

    # Clicking an actor shows its relations with their evidence (here opened by the URL's #select=).
    dom = subprocess.run(
        [*command, "--dump-dom", page.as_uri() + "#select=Marco%20Rubio"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    panel = dom[dom.index('<aside id="panel">') :]
    assert "3 relations" in panel and "Marco Rubio absent from a meeting of NATO" in panel
    assert "Rubio missed a gathering of the alliance" in panel

    from PIL import Image

    shot = tmp_path / "shot.png"
    subprocess.run([*command, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    with Image.open(shot) as image:
        pixels = Counter({colour: n for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)})
    for colour in (TYPE_COLOURS["person"], TYPE_COLOURS["collective actor"]):
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert pixels[rgb] > 100, f"no {colour} node discs on the canvas"
