"""Where the test suite's time goes: a Markdown table from the JUnit XML report that `make test` writes.

    python scripts/suite_times.py [REPORT] [--source TEXT] [--top N] [--write [DOC]]

REPORT defaults to `.pytest-report.xml` (written by `make test`); the table is printed, or with --write put into
docs/development.md (or DOC) in place of what lies between `<!-- suite-times:start -->` and
`<!-- suite-times:end -->`. --source says which run the report came from (the table's caption).

A test's group, the first that fits, from the markers it ran with: tests/conftest.py writes each test's `slow` and
`browser` markers (pyproject.toml) into the report as its `markers` property, so the report itself says them.

- browser: marked `browser` (a real Chromium);
- notebooks: the `slow` tests of tests/test_notebooks.py (notebooks executed in a Jupyter kernel);
- real models / app API: the other `slow` tests (a real pretrained model, or the launched app);
- unit (fast): the rest, which is what `make test-fast` runs (`pytest -m "not slow"`).

A report without the property (written without tests/conftest.py's hook) is grouped by file name instead:
test_browser_*.py is browser, test_notebooks.py notebooks, any other file "not known (no markers in the report)".
A test's time is JUnit's: its set-up, call and tear-down (a session fixture, such as launching the app, counts in
the first test that uses it); the run's own time adds the collection.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / ".pytest-report.xml"
DOC = ROOT / "docs" / "development.md"
START, END = "<!-- suite-times:start -->", "<!-- suite-times:end -->"
BROWSER, NOTEBOOKS, SLOW, UNIT = "browser", "notebooks", "real models / app API", "unit (fast)"
UNKNOWN = "not known (no markers in the report)"
GROUPS = (BROWSER, NOTEBOOKS, SLOW, UNIT, UNKNOWN)  # the table's order
NOTEBOOK_FILE = "tests/test_notebooks.py"


@dataclass(frozen=True)
class Case:
    file: str  # tests/test_x.py
    name: str  # the test's name with its parameters
    seconds: float
    outcome: str  # passed, failed, error or skipped
    markers: frozenset[str] | None  # None: the report does not say


@dataclass(frozen=True)
class Report:
    cases: tuple[Case, ...]
    seconds: float  # the run's own time (collection included)
    timestamp: str  # when the run started, ISO 8601


def file_of(classname: str) -> str:
    """JUnit's classname (`tests.test_x` or `tests.test_x.TestClass`) -> `tests/test_x.py`."""
    parts = classname.split(".")
    for i, part in enumerate(parts):
        if part.startswith("test_") or part.endswith("_test"):
            return "/".join(parts[: i + 1]) + ".py"
    return "/".join(parts) + ".py"


def outcome_of(testcase: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if testcase.find(tag) is not None:
            return {"failure": "failed"}.get(tag, tag)
    return "passed"


def markers_of(testcase: ET.Element) -> frozenset[str] | None:
    for prop in testcase.iterfind("properties/property"):
        if prop.get("name") == "markers":
            return frozenset((prop.get("value") or "").split())
    return None


def read(path: Path) -> Report:
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    cases = tuple(
        Case(
            file_of(testcase.get("classname", "")),
            testcase.get("name", ""),
            float(testcase.get("time") or 0),
            outcome_of(testcase),
            markers_of(testcase),
        )
        for suite in suites
        for testcase in suite.iter("testcase")
    )
    seconds = sum(float(suite.get("time") or 0) for suite in suites)
    return Report(cases, seconds, min((suite.get("timestamp") or "" for suite in suites), default=""))


def group(case: Case) -> str:
    if case.markers is None:  # an older report: by file name
        name = Path(case.file).name
        return BROWSER if name.startswith("test_browser_") else NOTEBOOKS if case.file == NOTEBOOK_FILE else UNKNOWN
    if "browser" in case.markers:
        return BROWSER
    if "slow" in case.markers:
        return NOTEBOOKS if case.file == NOTEBOOK_FILE else SLOW
    return UNIT


def duration(seconds: float) -> str:
    """3725 -> '1 h 2 min 5 s', 83.4 -> '1 min 23 s', 4.25 -> '4.2 s'."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{minutes} min", f"{secs} s") if part)


def table(report: Report, source: str = "", top: int = 10) -> str:
    """The Markdown between the markers: time and tests per group, then the `top` slowest files."""
    total = sum(case.seconds for case in report.cases)

    def share(seconds: float) -> str:
        return f"{100 * seconds / total:.0f} %" if total else "-"

    by_group, by_file = defaultdict(list), defaultdict(list)
    for case in report.cases:
        by_group[group(case)].append(case)
        by_file[case.file].append(case)
    outcomes = defaultdict(int)
    for case in report.cases:
        outcomes[case.outcome] += 1
    counted = ", ".join(f"{outcomes[o]:,} {o}" for o in ("passed", "failed", "error", "skipped") if outcomes[o])
    date = report.timestamp[:10] or "an unknown date"
    lines = [
        "<!-- written by scripts/suite_times.py from a pytest JUnit XML report: regenerate, do not edit -->",
        f"Time of the test suite by group: {source or 'a pytest run'}, started {date}; "
        f"{len(report.cases):,} tests ({counted}), {duration(total)} of tests"
        + (" (summed over the workers that ran them at once)" if total > report.seconds else "")
        + f", {duration(report.seconds)} for the whole run (collection included).",
        "",
        "| Group | Tests | Time | Share |",
        "|---|--:|--:|--:|",
    ]
    for name in GROUPS:
        if cases := by_group.get(name):
            seconds = sum(case.seconds for case in cases)
            lines.append(f"| {name} | {len(cases):,} | {duration(seconds)} | {share(seconds)} |")
    lines += [f"| **total** | **{len(report.cases):,}** | **{duration(total)}** | 100 % |", ""]
    lines += [f"The {top} slowest files:", "", "| File | Tests | Time | Share | Groups |", "|---|--:|--:|--:|---|"]
    slowest = sorted(by_file.items(), key=lambda item: -sum(case.seconds for case in item[1]))[:top]
    for file, cases in slowest:
        seconds = sum(case.seconds for case in cases)
        groups = ", ".join(name for name in GROUPS if any(group(case) == name for case in cases))
        lines.append(f"| `{file}` | {len(cases):,} | {duration(seconds)} | {share(seconds)} | {groups} |")
    return "\n".join(lines)


def replace_table(text: str, new: str) -> str:
    """The document with what lies between the markers replaced by `new`; ValueError without both markers."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if len(pattern.findall(text)) != 1:
        raise ValueError(f"the document needs {START} and {END}, once each")
    return pattern.sub(lambda _: f"{START}\n{new}\n{END}", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=REPORT, help="the JUnit XML (default: %(default)s)")
    parser.add_argument("--source", default="", help="which run the report came from (the caption)")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest files (default: %(default)s)")
    parser.add_argument("--write", nargs="?", type=Path, const=DOC, help="rewrite the table in this document")
    args = parser.parse_args(argv)
    new = table(read(args.report), args.source, args.top)
    if args.write is None:
        print(new)
        return 0
    args.write.write_text(replace_table(args.write.read_text("utf-8"), new), "utf-8")
    print(f"{args.write}: table written from {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
