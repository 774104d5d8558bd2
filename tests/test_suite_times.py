"""scripts/suite_times.py: a JUnit XML report -> the table of the suite's time by group in docs/development.md."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("suite_times", ROOT / "scripts" / "suite_times.py")
suite_times = sys.modules.setdefault("suite_times", importlib.util.module_from_spec(spec))
spec.loader.exec_module(suite_times)  # registered first: its dataclasses look their module up

MARKED = """<?xml version="1.0" encoding="utf-8"?>
<testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="7" time="131.2"
 timestamp="2026-12-03T09:15:00.123456+00:00" hostname="ci">
<testcase classname="tests.test_browser_seen" name="test_walk[en]" time="60.0">
 <properties><property name="markers" value="browser slow"/></properties></testcase>
<testcase classname="tests.test_notebooks" name="test_runs[attention]" time="30.0">
 <properties><property name="markers" value="slow"/></properties></testcase>
<testcase classname="tests.test_notebooks" name="test_a_students_text_is_data[0]" time="0.5">
 <properties><property name="markers" value=""/></properties></testcase>
<testcase classname="tests.test_app_api" name="test_paris" time="20.0">
 <properties><property name="markers" value="slow"/></properties>
 <failure message="assert 1 == 2">boom</failure></testcase>
<testcase classname="tests.test_scenes.TestWalk" name="test_order" time="4.0">
 <properties><property name="markers" value=""/></properties></testcase>
<testcase classname="tests.test_scenes" name="test_names[tokens]" time="5.5">
 <properties><property name="markers" value=""/></properties></testcase>
<testcase classname="tests.test_scenes" name="test_skipped" time="0.0">
 <properties><property name="markers" value=""/></properties><skipped message="no node"/></testcase>
</testsuite></testsuites>
"""
UNMARKED = """<?xml version="1.0" encoding="utf-8"?>
<testsuite name="pytest" tests="3" time="9.0" timestamp="2026-11-30T08:00:00">
<testcase classname="tests.test_browser_tokens" name="test_chips" time="5.0"/>
<testcase classname="tests.test_notebooks" name="test_runs" time="3.0"/>
<testcase classname="tests.test_scenes" name="test_order" time="1.0"/>
</testsuite>
"""


def report(tmp_path, text: str):
    path = tmp_path / "report.xml"
    path.write_text(text, "utf-8")
    return suite_times.read(path)


def test_each_test_is_read_with_its_file_time_outcome_and_markers(tmp_path):
    cases = report(tmp_path, MARKED).cases
    assert [(c.file, c.name, c.seconds, c.outcome) for c in cases][3:5] == [
        ("tests/test_app_api.py", "test_paris", 20.0, "failed"),
        ("tests/test_scenes.py", "test_order", 4.0, "passed"),  # a test class: its module's file
    ]
    assert cases[0].markers == {"browser", "slow"} and cases[2].markers == frozenset()
    assert cases[-1].outcome == "skipped"
    parsed = report(tmp_path, MARKED)
    assert parsed.seconds == 131.2 and parsed.timestamp.startswith("2026-12-03")


def test_groups_come_from_the_markers_in_the_report(tmp_path):
    groups = [suite_times.group(case) for case in report(tmp_path, MARKED).cases]
    assert groups == [
        "browser",
        "notebooks",  # slow, in tests/test_notebooks.py
        "unit (fast)",  # a fast test of tests/test_notebooks.py runs in `make test-fast`
        "real models / app API",
        "unit (fast)",
        "unit (fast)",
        "unit (fast)",
    ]


def test_a_report_without_markers_is_grouped_by_file_name(tmp_path):
    groups = [suite_times.group(case) for case in report(tmp_path, UNMARKED).cases]
    assert groups == ["browser", "notebooks", "not known (no markers in the report)"]


def test_the_table_sums_each_group_and_ranks_the_files(tmp_path):
    text = suite_times.table(report(tmp_path, MARKED), "the fast tests on a laptop", top=2)
    assert "the fast tests on a laptop, started 2026-12-03" in text
    assert "7 tests (5 passed, 1 failed, 1 skipped), 2 min 0 s of tests, 2 min 11 s for the whole run" in text
    parallel = suite_times.table(report(tmp_path, MARKED.replace('time="131.2"', 'time="70.0"')), "two workers")
    assert "2 min 0 s of tests (summed over the workers that ran them at once), 1 min 10 s for the whole" in parallel
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[1:6] == [
        "| browser | 1 | 1 min 0 s | 50 % |",
        "| notebooks | 1 | 30.0 s | 25 % |",
        "| real models / app API | 1 | 20.0 s | 17 % |",
        "| unit (fast) | 4 | 10.0 s | 8 % |",
        "| **total** | **7** | **2 min 0 s** | 100 % |",
    ]
    assert rows[7:] == [  # the 2 slowest files; a file's groups in the table's order
        "| `tests/test_browser_seen.py` | 1 | 1 min 0 s | 50 % | browser |",
        "| `tests/test_notebooks.py` | 2 | 30.5 s | 25 % | notebooks, unit (fast) |",
    ]


@pytest.mark.parametrize(
    ("seconds", "written"),
    [(4.25, "4.2 s"), (59.94, "59.9 s"), (83.4, "1 min 23 s"), (3725, "1 h 2 min 5 s"), (7200, "2 h 0 min 0 s")],
)
def test_durations_are_written_for_people(seconds, written):
    assert suite_times.duration(seconds) == written


def test_write_replaces_only_the_table_between_the_markers(tmp_path, capsys):
    (tmp_path / "report.xml").write_text(UNMARKED, "utf-8")
    doc = tmp_path / "development.md"
    doc.write_text(f"# Dev\n\nbefore\n\n{suite_times.START}\nold table\n{suite_times.END}\n\nafter\n", "utf-8")
    assert suite_times.main([str(tmp_path / "report.xml"), "--source", "a test", "--write", str(doc)]) == 0
    text = doc.read_text("utf-8")
    assert text.startswith(f"# Dev\n\nbefore\n\n{suite_times.START}\n")
    assert text.endswith(f"{suite_times.END}\n\nafter\n")
    assert "old table" not in text and "a test, started 2026-11-30" in text and "| browser | 1 | 5.0 s | 56 % |" in text
    with pytest.raises(ValueError, match="suite-times:start"):
        suite_times.replace_table("no markers here", "table")


def test_the_docs_table_is_the_scripts_own():
    """docs/development.md holds a generated table between the markers, with no placeholder."""
    text = (ROOT / "docs" / "development.md").read_text("utf-8")
    table = text.split(suite_times.START)[1].split(suite_times.END)[0]
    assert "written by scripts/suite_times.py" in table and "| **total** |" in table
    assert "TODO" not in table and "XX" not in table
