"""Extract the corpus of the Tokens tab into assets/corpus/ (run once; the output is committed).

    apt-get download debian-reference-en debian-reference-zh-cn fortunes-zh    # ~4 MB of .deb files
    python scripts/extract_tokens_corpus.py debian-reference-en_*.deb debian-reference-zh-cn_*.deb fortunes-zh_*.deb

- en.txt: the prose paragraphs (`<p>` elements of at least 80 characters) of the Debian Reference, English
  original (Osamu Aoki, GPL-2+), chapters in order, one paragraph a line.
- zh.txt: the same paragraphs of its Simplified Chinese translation (same licence), then classical Chinese
  from fortunes-zh (GPL-3+ compilation of public-domain works): the 300 Tang poems, 100 Song lyrics, and the
  entries of the Analects (论语), Dao De Jing (道德经), Caigentan (菜根谭), Zengguang Xianwen (增广贤文)
  and proverbs (谚语). Colour codes and attributions are stripped; one entry a line.
Each file is capped at MAX_BYTES so that the repository stays small and training stays fast.
"""

import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "corpus"
MAX_BYTES = 700_000  # per language: ~1.4 MB in all
PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.S)
TAG = re.compile(r"<[^>]+>")
COLOUR = re.compile(r"\x1b\[[0-9;]*m")
CLASSICS = ("《论语》", "论语", "《道德经》", "《菜根谭》", "《增广贤文》", "《谚语》")


def unpack(deb: str, into: Path) -> Path:
    subprocess.run(["dpkg-deb", "-x", deb, str(into)], check=True)
    return into


def paragraphs(folder: Path, lang: str, min_chars: int) -> list[str]:
    """The prose paragraphs of every chapter (ch01..ch12, then the appendix), tags removed."""
    chapters = sorted(folder.glob(f"usr/share/debian-reference/ch*.{lang}.html"))
    lines = []
    for chapter in chapters:
        for raw in PARAGRAPH.findall(chapter.read_text("utf-8")):
            text = " ".join(html.unescape(TAG.sub("", raw)).split())
            if len(text) >= min_chars:
                lines.append(text)
    return lines


def fortunes(folder: Path) -> list[str]:
    """Tang and Song poems, then the classical sayings of the `chinese` file, each on one line."""
    games = folder / "usr/share/games/fortunes"
    lines = []
    for name in ("tang300", "song100", "chinese"):
        for entry in (games / name).read_text("utf-8").split("\n%\n"):
            entry = COLOUR.sub("", entry).strip()
            body, _, source = entry.rpartition("--") if "--" in entry else (entry, "", "")
            if name == "chinese" and not source.strip().startswith(CLASSICS):
                continue
            if name != "chinese":  # the first two lines are 《title》 and 作者：name
                body = "".join(entry.splitlines()[2:])
            text = "".join(body.split())
            if text:
                lines.append(text)
    return lines


def capped(lines: list[str], max_bytes: int) -> str:
    out, size = [], 0
    for line in lines:
        size += len(line.encode("utf-8")) + 1
        if size > max_bytes:
            break
        out.append(line)
    return "\n".join(out) + "\n"


def main(en_deb: str, zh_deb: str, fortunes_deb: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        en = paragraphs(unpack(en_deb, Path(tmp) / "en"), "en", 80)
        zh_prose = paragraphs(unpack(zh_deb, Path(tmp) / "zh"), "zh-cn", 30)
        classics = fortunes(unpack(fortunes_deb, Path(tmp) / "fortunes"))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "en.txt").write_text(capped(en, MAX_BYTES), "utf-8")
    half = MAX_BYTES // 2  # half modern technical prose, half classical
    zh = capped(zh_prose, MAX_BYTES - half) + capped(classics, half)
    (OUT / "zh.txt").write_text(zh, "utf-8")
    for name in ("en.txt", "zh.txt"):
        text = (OUT / name).read_text("utf-8")
        print(f"{name}: {len(text):,} characters, {len(text.encode()):,} bytes, {text.count(chr(10)):,} lines")


if __name__ == "__main__":
    main(*sys.argv[1:4])
