"""ui.serving.view_cache: a view computed once answers again from memory; the page's start-up views are warmed."""

import pytest

from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.serving import view_cache


def counting_view():
    calls = []

    @view_cache.cached_view
    def view(text: str, layer: int = 0):
        if not text:
            raise ValueError("Type a sentence.")
        calls.append((text, layer))
        return f"{text}@{layer}"

    return view, calls


def test_same_inputs_compute_once_and_other_inputs_compute_again():
    view, calls = counting_view()
    assert view("the cat", 2) == view("the cat", layer=2) == "the cat@2"
    assert view("the cat", 3) == "the cat@3" and view("猫", 2) == "猫@2"
    assert calls == [("the cat", 2), ("the cat", 3), ("猫", 2)]


def test_errors_are_not_cached():
    view, calls = counting_view()
    for _ in range(2):
        with pytest.raises(ValueError, match="Type a sentence"):
            view("")
    assert view("ok") == "ok@0" and calls == [("ok", 0)] and len(view.cache) == 1


def test_the_language_is_part_of_the_key(monkeypatch):
    view, calls = counting_view()
    view("the cat")
    monkeypatch.setattr(view_cache, "language", lambda: "zh-CN")
    view("the cat")
    assert len(calls) == 2


def test_at_most_size_inputs_per_view_are_kept():
    view, calls = counting_view()
    for i in range(view_cache.SIZE + 5):
        view(f"sentence {i}")
    assert len(view.cache) == view_cache.SIZE
    view("sentence 0")  # evicted long ago: computed again
    assert calls.count(("sentence 0", 0)) == 2


def test_the_cache_sits_above_gpu_task_so_a_hit_never_asks_for_a_gpu():
    """gradio probes `fn.cache` on the registered function; a hit must not enter spaces.GPU."""
    from ui.tabs import attention as attention_tab
    from ui.tabs import losses as losses_tab
    from ui.tabs import prompts as prompts_tab

    for fn in (attention_tab.show_attention, losses_tab.run_causal, prompts_tab.next_token_distribution):
        assert hasattr(fn, "cache") and fn.runs_model
        inner = fn.__wrapped__  # the layer below the cache: the one scheduled on a GPU (tests/test_view.py)
        assert "cache" not in vars(inner) and inner.runs_model


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_a_page_opened_after_the_warm_up_is_answered_from_the_cache(app_url, locale):
    """Every view a fresh page draws, English or Chinese, was computed by the warm-up: the page adds no entry."""
    import app
    from tests.browser import open_app_page
    from ui.tabs import losses as losses_tab

    view_cache.warm_up(app.demo, extra=[losses_tab.TAB.first_draw])
    warmed = {fn.__name__: len(fn.cache) for fn in view_cache.CACHED}
    assert sum(warmed.values()) >= 10  # the start-up views of every tab
    with open_app_page(app_url, locale=locale) as page:
        page.locator("#tokens-chips .tok-chip").first.wait_for(timeout=60_000)  # the first tab (Tokens) drew
        page.locator("button[role=tab]").nth(1).click()  # Positional encoding, drawn when the page opened
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=60_000)
        words = ZH if locale == "zh-CN" else EN
        page.get_by_role("tab", name=words[losses_tab.TAB.label], exact=True).click()  # Losses, by its name
        page.wait_for_function(  # the summary's first draw, triggered on select, answered
            "!!document.querySelector('#loss-summary-plot .js-plotly-plot .main-svg .trace')", timeout=60_000
        )
    after = {fn.__name__: len(fn.cache) for fn in view_cache.CACHED}
    assert after == warmed


@pytest.mark.slow
def test_the_warm_up_replays_the_page_load_but_not_what_reads_the_visitors_request():
    import app
    from ui.sharing import links as share
    from ui.tabs import positional as positional_tab

    assert view_cache.reads_request(share.restore) and not view_cache.reads_request(positional_tab.draw_sinusoidal)
    names = {event.fn.__name__ for event in view_cache.startup_events(app.demo)}
    assert "restore" not in names and "refresh" in names  # the header's refresh is replayed
