"""ui.serving.sessions: a new session builds no block config up front, and reads the same configs as gradio's own."""

import pytest
from gradio import state_holder

from ui.serving import sessions


@pytest.mark.slow
def test_a_new_session_computes_configs_only_when_read(monkeypatch):
    import app

    calls = []
    config_for_block = type(app.demo.default_config).config_for_block

    def counting(*args, **kwargs):
        calls.append(args[0])
        return config_for_block(*args, **kwargs)

    monkeypatch.setattr(type(app.demo.default_config), "config_for_block", staticmethod(counting))
    sessions.make_sessions_lazy()
    lazy = state_holder.SessionState(app.demo)
    assert calls == []  # gradio's own __init__ computes one per block (hundreds) here
    some_id = next(iter(app.demo.blocks))
    lazy._update_value_in_config(some_id, "x")
    assert calls == [some_id]

    eager = state_holder.SessionState.__new__(state_holder.SessionState)
    sessions.EAGER_INIT(eager, app.demo)
    assert len(calls) > 100
    fresh = state_holder.SessionState(app.demo)
    assert dict(fresh.config_values.items()) == eager.config_values  # a deep link would see the same
    assert list(fresh.components) == list(eager.components)
