"""Where the app reaches into gradio's internals, fenced: one `apply()`, one version check, one warning.

Every adaptation below was written against, and measured on, gradio `GRADIO` (the pin in requirements.txt and
the README's Space front matter; tests/test_adaptations.py fails when either moves without this file). On any other
version `apply()` installs none of them and logs one warning: the app still serves, only slower for a large class
(each adaptation's docstring says by how much, and what an upstream fix would be).

| name | gradio internal it relies on | where |
| --- | --- | --- |
| lazy_sessions | `SessionState.__init__` builds every block's config per visitor | ui/serving/sessions.py |
| number_arrays | `gradio_client.utils.traverse` walks every value of an answer | ui/serving/number_arrays.py |
| cache_probe | the queue probes a handler's `fn.cache` for a hit before queueing | ui/serving/view_cache.py |
| warm_up | `LocalContext.request` set to a stand-in request while warming views | ui/serving/view_cache.py |
| status_tracker | the share restore waits on `[data-testid="status-tracker"]` in gradio's page | ui/sharing/links.py |
| one_app | `__exit__`/`queue`/`launch()` build the app and config more than once | ui/serving/one_app.py |
| argspec_cache | `component_meta.updateable` reads an `__init__`'s argspec per component | ui/serving/quick_start.py |
| head_probe | `launch()` probes `HEAD /`, which builds the whole page | ui/serving/quick_start.py |

The `__i18n__` marker that ui/i18n reads is not switched off (a page without it would show marker text): `apply()`
checks instead that a marker still resolves to its sentence, and warns if it does not.
"""

from __future__ import annotations

import logging

import gradio as gr

log = logging.getLogger("playground.ui")

GRADIO = "6.31.0"  # the version every adaptation was written for and measured on
NAMES = (
    "lazy_sessions",
    "number_arrays",
    "cache_probe",
    "warm_up",
    "status_tracker",
    "one_app",
    "argspec_cache",
    "head_probe",
)
ACTIVE: set[str] = set()


def fits(version: str | None = None) -> bool:
    """Whether the installed gradio (or `version`) is the one the adaptations were written for."""
    return (version or gr.__version__) == GRADIO


def active(name: str) -> bool:
    """Whether an adaptation is on. Before `apply()` runs, those decided at import follow the version check."""
    return name in ACTIVE if ACTIVE else fits()


def apply(version: str | None = None) -> set[str]:
    """Install every adaptation if gradio is the expected version, else none, with one warning. Returns the
    names installed."""
    from ui.serving.number_arrays import skip_number_arrays
    from ui.serving.one_app import build_apps_at_launch
    from ui.serving.quick_start import answer_head_cheaply, cache_argspecs
    from ui.serving.sessions import make_sessions_lazy

    version = version or gr.__version__
    if not fits(version):
        ACTIVE.clear()
        ACTIVE.add("none")  # decided: every `active(name)` is False from now on
        log.warning(
            "gradio %s is installed; the app's adaptations of gradio's internals were written for %s and are off "
            "(the app works, more slowly for a large class: see ui/serving/adaptations.py)",
            version,
            GRADIO,
        )
        return set()
    make_sessions_lazy()
    skip_number_arrays()
    build_apps_at_launch(on_app=(answer_head_cheaply,))
    cache_argspecs()
    ACTIVE.update(NAMES)
    check_marker()
    return set(NAMES)


def check_marker() -> bool:
    """gradio's translation marker still resolves to its sentence (else default texts would reach the views)."""
    from ui import i18n

    ok = i18n.resolve(i18n.marker("app.title")) == i18n.t("app.title")
    if not ok:
        log.warning("gradio's __i18n__ marker changed: default texts may reach the views untranslated (ui/i18n)")
    return ok
