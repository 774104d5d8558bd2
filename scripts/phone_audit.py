"""Measure the app as a phone and an accessibility audit see it (the numbers of docs/accessibility.md).

`scripts/phone_audit.py [phone|axe|all] [--shot docs/screenshots/phone.png]`: launches the app, walks every tab of
ui.tabs.TABS in English and Chinese and prints, per tab, the phone measures at 390 x 844 and axe-core's serious and
critical violations at 1400 x 900 (nodes per rule); with --shot, saves a phone screenshot of the first tab.
"""

import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
DESKTOP = {"width": 1400, "height": 900}
sys.path.insert(0, str(ROOT))


def main(what: str = "all", shot: str | None = None) -> None:
    from playwright.sync_api import sync_playwright

    import app
    from tests.axe import audit, axe_version, counts, serious
    from tests.browser import CHROMIUM_FLAGS
    from tests.conftest import free_port
    from tests.phone import PHONE, first_view, phone_metrics
    from tests.walk import LANGUAGES, open_tab, settle, views
    from ui.tabs import TABS

    port = free_port()
    app.demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, ssr_mode=False, **app.LAUNCH
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        for lang, (locale, words) in LANGUAGES.items():
            if what in ("phone", "all"):
                page = browser.new_page(viewport=DESKTOP, locale=locale, has_touch=True)
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("#scene-next")
                for tab in TABS:  # opened wide (a phone's tab bar may hide it), then measured narrow
                    page.set_viewport_size(DESKTOP)
                    open_tab(page, tab, words)
                    page.set_viewport_size(PHONE)
                    settle(page)
                    m = phone_metrics(page, first_view(tab))
                    small = m.pop("small_targets")
                    print(lang, "phone", tab.id, json.dumps(m), f"small targets: {len(small)}", small, flush=True)
                    if shot and lang == "en" and tab is TABS[0]:
                        page.screenshot(path=shot)
                page.close()
            if what in ("axe", "all"):
                page = browser.new_page(viewport=DESKTOP, locale=locale)
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("#scene-next")
                print("axe-core", axe_version(page))
                total: dict[str, int] = {}
                for tab, sub in views():
                    open_tab(page, tab, words, sub)
                    found = counts(serious(audit(page)))
                    for rule, n in found.items():
                        total[rule] = total.get(rule, 0) + n
                    print(lang, "axe", tab.id, sub or "", json.dumps(found), flush=True)
                print(lang, "axe total", json.dumps(total), flush=True)
                page.close()
        browser.close()
    app.demo.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    shot = args[args.index("--shot") + 1] if "--shot" in args else None
    main(next((a for a in args if a in ("phone", "axe", "all")), "all"), shot)
