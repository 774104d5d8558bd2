"""The launched app through gradio_client: named JSON endpoints, clear errors, and it keeps serving."""

import pytest
import torch

from playground import positional

pytestmark = pytest.mark.slow


def test_api_lists_the_positional_endpoints(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for name in [
        "/positional_sinusoidal",
        "/positional_learned",
        "/positional_rope",
        "/positional_alibi",
        "/positional_seed_check",
    ]:
        assert name in endpoints


def test_sinusoidal_endpoint_returns_the_engine_numbers(client):
    result = client.predict(
        n_positions=12, d_model=8, base=10000.0, similarity="dot", api_name="/positional_sinusoidal"
    )
    torch.testing.assert_close(
        torch.tensor(result["pe"], dtype=torch.float64), positional.sinusoidal(12, 8).double(), atol=1e-5, rtol=0
    )
    assert len(result["similarity"]) == 12 and result["distance"] == list(range(12))


def test_other_endpoints(client):
    rope = client.predict(theta=10000.0, head_dim=16, n_positions=8, seed=0, api_name="/positional_rope")
    assert rope["toeplitz_deviation"] < 1e-9 and len(rope["angles"][0]) == 8
    alibi = client.predict(n_heads=4, n_positions=5, api_name="/positional_alibi")
    assert alibi["slopes"] == [0.25, 0.0625, 0.01562, 0.00391] and alibi["bias"][0][0][1] is None
    seed = client.predict(n_positions=8, d_model=16, api_name="/positional_seed_check")
    assert seed["max_abs_diff"] < 1e-5 and seed["batch_first_positions"] == [0] * 8
    learned = client.predict(
        model="all-MiniLM-L6-v2", n_positions=4, similarity="cosine", api_name="/positional_learned"
    )
    assert learned["shape"] == [512, 384] and len(learned["positions"]) == 4


@pytest.mark.parametrize(
    "endpoint, kwargs, message",
    [
        ("/positional_sinusoidal", dict(d_model=7), "even"),
        ("/positional_sinusoidal", dict(n_positions=10**7), "limited to"),
        ("/positional_sinusoidal", dict(base=-5.0), "above 1"),
        ("/positional_sinusoidal", dict(d_model=0), "at least 2"),
        ("/positional_learned", dict(model="../../etc/passwd"), "not in the model catalogue"),
        ("/positional_learned", dict(model="SmolLM2-135M-Instruct"), "RoPE"),
        ("/positional_alibi", dict(n_heads=0), "heads"),
        ("/positional_rope", dict(head_dim=7), "even"),
    ],
)
def test_bad_input_gets_a_message_and_the_server_keeps_serving(client, endpoint, kwargs, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message) as info:
        client.predict(api_name=endpoint, **kwargs)
    assert "Traceback" not in str(info.value)
    assert client.predict(n_heads=2, n_positions=2, api_name="/positional_alibi")["slopes"] == [0.0625, 0.00391]
