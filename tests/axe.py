"""An axe-core audit of the page as it is now, in Debian's Chromium: axe-core comes from the pinned PyPI package
axe-playwright-python (requirements-dev.txt, installed by `make setup`), whose bundled axe.min.js is injected into
the page; nothing is downloaded at test time.

    violations = serious(audit(page))   # [{'id': 'color-contrast', 'impact': 'serious', 'nodes': [...]}, ...]
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SERIOUS = ("serious", "critical")

RUN_JS = """async ([context, rules]) => {
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = {type: 'rule', values: rules};
  const result = await axe.run(context ? {include: [[context]]} : document, options);
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').slice(0, 300)}))}));
}"""


def axe_version(page) -> str:
    inject(page)
    return page.evaluate("axe.version")


def inject(page) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))


def audit(page, context: str | None = None, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page now, each with its nodes: within `context` (a CSS selector; None: the
    whole page), by `rules` (None: every rule axe runs by default)."""
    inject(page)
    return page.evaluate(RUN_JS, [context, rules])


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS]


def counts(violations: list[dict]) -> dict[str, int]:
    """Nodes per rule, e.g. {'color-contrast (serious)': 51}."""
    found: dict[str, int] = {}
    for v in violations:
        name = f"{v['id']} ({v['impact']})"
        found[name] = found.get(name, 0) + len(v["nodes"])
    return found
