"""The README and docs/ stay navigable: every relative link and image resolves, and the README stays short.

No network and no app: each Markdown file is read as text, its links (`[x](path)`, `![x](path)`, reference
definitions `[x]: path`, `<img src=...>`, `<a href=...>`) are taken outside code, and every relative target must be
a file (or folder) of the repository; a `#anchor` must be the GitHub slug of a heading of the target Markdown file
(or of the same file for `#anchor` alone).
"""

import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
README_MAX_BYTES = 12 * 1024

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
# [text](target "title") and ![alt](target); the text may hold one level of brackets and span lines.
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*(<[^>]*>|\S+)", re.M)
HTML_LINK = re.compile(r"<(?:img|a|source)\b[^>]*?\b(?:src|href|srcset)\s*=\s*[\"']([^\"']+)[\"']", re.I)
HTML_ANCHOR = re.compile(r"<[a-z][^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.I)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def markdown_files() -> list[Path]:
    return [README, *sorted((ROOT / "docs").rglob("*.md"))]


def split_code(text: str) -> list[str]:
    """The file's lines, with fenced code and YAML front matter blanked (line numbers kept)."""
    lines = text.split("\n")
    out, fence = [], None
    for line in lines:
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
            out.append("")
        else:
            out.append(line)
    if out and out[0].strip() == "---":  # front matter (a Space's configuration): not Markdown
        end = next((i for i in range(1, len(out)) if out[i].strip() in ("---", "...")), None)
        if end is not None:
            out[: end + 1] = [""] * (end + 1)
    return out


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its rendered text, lower-cased, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", heading)  # an image renders no text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link renders its text
    text = INLINE_CODE.sub(lambda m: m.group(2), text)
    text = re.sub(r"<[^>]+>", "", text)  # HTML tags
    text = re.sub(r"(?<![\w])[*_~]+|[*_~]+(?![\w])", "", text)  # emphasis delimiters, not snake_case
    text = text.strip().lower()
    kept = []
    for ch in text:
        if ch == " ":
            kept.append("-")
        elif ch in "-_" or unicodedata.category(ch)[0] in "LNM":
            kept.append(ch)
    return "".join(kept)


def anchors(path: Path) -> set[str]:
    """Every anchor GitHub gives the headings of a Markdown file (duplicates get -1, -2, ...), plus id/name."""
    lines = split_code(path.read_text("utf-8"))
    found, seen = set(), {}
    for i, line in enumerate(lines):
        m = ATX.match(line)
        if m:
            heading = m.group(2) or ""
        elif i > 0 and SETEXT.match(line) and lines[i - 1].strip() and not ATX.match(lines[i - 1]):
            prev = lines[i - 1]
            if re.match(r"^ {0,3}([-*+]|\d+[.)])\s|^\s*\|", prev):  # a list item or a table row: no heading
                continue
            heading = prev.strip()
        else:
            continue
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    found.update(HTML_ANCHOR.findall("\n".join(lines)))
    return found


def links(path: Path) -> list[str]:
    """Every link and image target of a Markdown file, outside fenced and inline code."""
    text = "\n".join(split_code(path.read_text("utf-8")))
    text = INLINE_CODE.sub("", text)
    targets = [t[1:-1] if t.startswith("<") else t for t in INLINE_LINK.findall(text)]
    targets += [t[1:-1] if t.startswith("<") else t for t in REFERENCE.findall(text)]
    for found in HTML_LINK.findall(text):
        targets += [part.split()[0] for part in found.split(",") if part.strip()]  # srcset: "a.png 2x, b.png"
    return targets


def broken_links(path: Path) -> list[str]:
    """The links of one Markdown file that do not resolve, each with the reason."""
    broken = []
    for target in links(path):
        if SCHEME.match(target):
            continue  # http(s), mailto: not checked here (no network)
        raw_path, _, anchor = target.partition("#")
        raw_path = raw_path.split("?", 1)[0]
        if raw_path:
            base = ROOT if raw_path.startswith("/") else path.parent
            dest = (base / unquote(raw_path).lstrip("/")).resolve()
        else:
            dest = path.resolve()
        if not dest.is_relative_to(ROOT):
            broken.append(f"{target}: outside the repository")
            continue
        if not dest.exists():
            broken.append(f"{target}: no such file {dest.relative_to(ROOT)}")
            continue
        if anchor:
            page = dest / "README.md" if dest.is_dir() else dest
            if page.suffix.lower() != ".md":
                continue  # an anchor into a non-Markdown file (a line number...) is not checked
            if not page.exists():
                broken.append(f"{target}: no README.md in {dest.relative_to(ROOT)} for the anchor")
            elif unquote(anchor) not in anchors(page):
                broken.append(f"{target}: no heading of {page.relative_to(ROOT)} has the anchor #{anchor}")
    return broken


def test_the_docs_exist():
    files = markdown_files()
    assert README.exists() and (ROOT / "docs" / "README.md").exists()
    assert len(files) > 2


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(path):
    broken = broken_links(path)
    assert not broken, f"{path.relative_to(ROOT)}: " + "; ".join(broken)


def test_readme_is_at_most_12_kb():
    size = README.stat().st_size
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes; move detail into docs/ (limit {README_MAX_BYTES})"


def test_readme_links_every_tab_page():
    """The README and docs/README.md list a page per tab of the app (ui.tabs.TABS), in the app's order, and
    docs/tabs/ holds those pages and no other."""
    from ui.tabs import TABS

    ids = [tab.id for tab in TABS]
    targets = set(links(README))
    for page in ids:
        assert f"docs/tabs/{page}.md" in targets

    def in_order(path: Path, prefix: str) -> list[str]:
        return list(dict.fromkeys(target for target in links(path) if target.startswith(prefix)))

    assert in_order(README, "docs/tabs/") == [f"docs/tabs/{page}.md" for page in ids]
    assert in_order(ROOT / "docs" / "README.md", "tabs/") == [f"tabs/{page}.md" for page in ids]
    assert sorted(path.stem for path in (ROOT / "docs" / "tabs").glob("*.md")) == sorted(ids)


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Models: offline by default, the Hub when it is there", "models-offline-by-default-the-hub-when-it-is-there"),
        ("Sharing, export and code snippets (for lectures)", "sharing-export-and-code-snippets-for-lectures"),
        ("In a classroom: one machine, a whole class at once", "in-a-classroom-one-machine-a-whole-class-at-once"),
        ("The `make test` command", "the-make-test-command"),
        ("**Bold** and [a link](x.md)", "bold-and-a-link"),
        ("snake_case and __init__", "snake_case-and-init"),
        ("两种语言 (中文)", "两种语言-中文"),
        ("Fine-tune tab", "fine-tune-tab"),
    ],
)
def test_slug_is_githubs(heading, expected):
    assert slug(heading) == expected


def test_a_broken_link_or_anchor_is_caught(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "img.png").write_bytes(b"")
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\n## Second part\n\n"
        '[ok](page.md#second-part) [ok](#title) ![ok](img.png) <img src="img.png">\n'
        "[bad file](missing.md) [bad anchor](page.md#nowhere) ![bad image](gone.png) <img src='nope.png'>\n"
        "[a link over\ntwo lines](#no-such-heading) [web](https://example.com/x)\n"
        "```\n[in code](ignored.md)\n# not a heading\n```\n`[inline](ignored.md)` [code](#not-a-heading)\n",
        "utf-8",
    )
    assert sorted(b.split(":")[0] for b in broken_links(page)) == [
        "#no-such-heading",
        "#not-a-heading",
        "gone.png",
        "missing.md",
        "nope.png",
        "page.md#nowhere",
    ]
