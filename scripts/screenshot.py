"""Take the README's screenshot from the real app: `make screenshot` (Debian chromium, offline).

`scripts/screenshot.py OUT.png [TAB] [LOCALE] [READY]`: LOCALE zh-CN shows the Chinese UI (TAB then in Chinese:
注意力); READY, a CSS selector, is what to wait for instead of four charts (a tab without charts:
`scripts/screenshot.py docs/tokens-tab.png "Tokens and language models" en-US "#tokens-chips .tok-chip"`)."""

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(target: str, tab: str = "Sinusoidal", locale: str = "en-US", ready: str = "") -> None:
    from playwright.sync_api import sync_playwright

    import app
    from tests.conftest import free_port

    port = free_port()
    app.demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, ssr_mode=False, **app.LAUNCH
    )
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=flags)
        page = browser.new_page(viewport={"width": 1280, "height": 1500}, device_scale_factor=1, locale=locale)
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("tab", name=tab).click()
        if ready:
            page.locator(ready).first.wait_for(timeout=120_000)
        else:
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=60_000)
        page.wait_for_timeout(8000)
        page.screenshot(path=target)
        browser.close()
    app.demo.close()
    print(f"saved {target}")


if __name__ == "__main__":
    main(*sys.argv[1:])
