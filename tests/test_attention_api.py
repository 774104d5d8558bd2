"""The launched app's /attention and /attention_formula endpoints through gradio_client."""

import pytest
import torch

from playground import attention

pytestmark = pytest.mark.slow


def test_attention_endpoint_returns_the_engine_numbers(client):
    result = client.predict(
        text="The cat sat.", model="all-MiniLM-L6-v2", layer=3, head=7, text_pair="它很累。", api_name="/attention"
    )
    engine = attention.attend("all-MiniLM-L6-v2", "The cat sat.", "它很累。")
    assert result["tokens"] == engine.tokens and result["segments"] == engine.segments
    got = torch.tensor(result["attention"], dtype=torch.float64)
    torch.testing.assert_close(got, engine.attentions[3, 7].double(), atol=1e-5, rtol=0)
    torch.testing.assert_close(got.sum(-1), torch.ones(len(engine.tokens), dtype=torch.float64), atol=1e-4, rtol=0)
    assert (result["n_layers"], result["n_heads"], result["causal"]) == (6, 12, False)


def test_causal_gqa_model_through_the_api(client):
    result = client.predict(text="你好，世界", model="SmolLM2-135M-Instruct", layer=29, head=8, api_name="/attention")
    got = torch.tensor(result["attention"])
    assert result["causal"] and result["n_kv_heads"] == 3 and result["kv_head"] == 2
    assert got.triu(1).abs().max() == 0
    assert "你…" in result["tokens"] or "你" in "".join(result["tokens"])


def test_formula_endpoint_reports_the_difference(client):
    result = client.predict(
        text="The animal was tired.", model="all-MiniLM-L6-v2", layer=1, head=2, api_name="/attention_formula"
    )
    assert result["weights_max_abs_diff"] < 1e-5 and result["seed_module_max_abs_diff"] < 1e-5
    assert len(result["weights"]) == len(result["tokens"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(text=""), "empty"),
        (dict(text=" \n "), "empty"),
        (dict(text="x" * 20_000), "limited to"),
        (dict(text="a\x1bb"), "control character"),
        (dict(text="ok", layer=6), "from 0 to 5"),
        (dict(text="ok", head=12), "from 0 to 11"),
        (dict(text="ok", model="gpt2"), "not available here|Hub"),
        (dict(text="ok", model="evil/model"), "not in the model catalogue"),
    ],
)
def test_bad_input_gets_a_message_and_the_server_keeps_serving(client, kwargs, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message) as info:
        client.predict(api_name="/attention", **({"model": "all-MiniLM-L6-v2"} | kwargs))
    assert "Traceback" not in str(info.value)
    assert client.predict(text="still here 😀", model="all-MiniLM-L6-v2", api_name="/attention")["tokens"][0] == "[CLS]"
