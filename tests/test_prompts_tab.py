"""Prompts tab: handlers (values parsing, escaping, streaming, errors) and the /render_template, /generate,
/next_token_distribution, /label_word_scoring endpoints through gradio_client against the launched app."""

import gradio as gr
import pytest

from tests.coded import raises_key
from ui.tabs import prompts as prompts_tab


def test_values_parse_and_format_round_trip():
    values = {"text": "two\nlines", "评论": "好 = 很好"}
    assert prompts_tab.parse_values(prompts_tab.format_values(values)) == values
    with raises_key("prompts.err.values_line", line="no equals sign here"):
        prompts_tab.parse_values("no equals sign here")


def test_generated_text_is_escaped():
    from playground.generation import Distribution, Step

    dist = Distribution([1], ["x"], [0.5], [1.0], [True], 1, 0.1)
    steps = [Step(0, 1, "<script>alert(1)</script>", 0.5, 1.0, dist), Step(1, 2, "<b>'", 0.001, 1.0, dist)]
    page = prompts_tab.token_html(steps, prompt="<img src=x onerror=alert(1)>")
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page
    assert prompts_tab.colour(1.0) == "hsl(120,70%,80%)" and prompts_tab.colour(1e-4) == "hsl(0,70%,80%)"


def test_library_pick_fills_the_editor():
    text, values, chat = prompts_tab.pick_library("sentiment · chat")
    assert "{text}" in text and values.startswith("text = ") and chat is True
    assert prompts_tab.fill_missing_values("{a} and {b}", "a = 1") == "a = 1\nb = "


def test_each_labelled_set_gets_a_template_and_a_word_for_every_class():
    from playground import scoring

    assert set(prompts_tab.SCORING_DEFAULTS) == set(scoring.DATASETS)
    for name, (template, words) in prompts_tab.SCORING_DEFAULTS.items():
        assert set(scoring.parse_label_words(words)) == {e.label for e in scoring.load_dataset(name)}
        assert scoring.text_variable(template) == "text"


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(template=""), "empty"),
        (dict(template="{oops"), "never closed"),
        (dict(max_new=10**6), "limited to"),
        (dict(temperature=-1.0, mode="sample"), "0 or more"),
        (dict(top_p=0.0, mode="sample"), "above 0"),
        (dict(values="country = France\nextra = 1"), "no variable"),
    ],
)
def test_bad_generation_input_is_a_gr_error(changes, message):
    args = dict(
        model_name="SmolLM2-135M-Instruct",
        template="The capital of {country} is",
        values="country = France",
        chat=False,
        mode="greedy",
        temperature=1.0,
        top_k=0,
        top_p=1.0,
        rep=1.0,
        max_new=3,
        seed=0,
    )
    args.update(changes)
    with pytest.raises(gr.Error, match=message):
        list(prompts_tab.stream_generation(*args.values()))


@pytest.mark.slow
def test_streaming_handler_yields_token_by_token_then_the_chart():
    args = ["SmolLM2-135M-Instruct", "The capital of {country} is", "country = France", False, "greedy"]
    updates = list(prompts_tab.stream_generation(*args, 1.0, 0, 1.0, 1.0, 3, 0))
    assert len(updates) == 1 + 3 + 1  # notes, one per token, the final chart
    assert "Greedy" in updates[0][1]
    html_text, _, steps, _, figure = updates[-1]
    assert steps[0].token == " Paris" and "Paris" in html_text
    assert figure.data[0].x[0].startswith("1. ' Paris'")
    assert prompts_tab.show_step(steps, 2).layout.title.text.startswith("Step 2")


@pytest.mark.slow
@pytest.mark.parametrize(
    "language, said",
    [("en", "did not answer (it cannot be reached), so this app's own model"), ("zh", "没有应答（无法连接）")],
)
def test_an_unreachable_serving_engine_hands_the_generation_back_with_a_sentence(monkeypatch, language, said):
    """PLAYGROUND_GENERATION_URL names a server where nothing listens: the text still streams, from this process,
    and the notes say why in the page's language (no traceback)."""
    from gradio.context import LocalContext

    from tests.conftest import free_port
    from tests.test_i18n import request

    url = f"http://127.0.0.1:{free_port()}/v1"
    monkeypatch.setenv("PLAYGROUND_GENERATION_URL", url)
    token = LocalContext.request.set(request(cookie=language))
    try:
        args = ["SmolLM2-135M-Instruct", "The capital of {country} is", "country = France", False, "greedy"]
        updates = list(prompts_tab.stream_generation(*args, 1.0, 0, 1.0, 1.0, 3, 0))
    finally:
        LocalContext.request.reset(token)
    _, notes, steps, _, figure = updates[-1]
    assert len(updates) == 1 + 3 + 1 and steps[0].token == " Paris" and figure is not None
    assert url in notes and said in notes


@pytest.mark.slow
def test_scoring_handler_reports_accuracy_and_confusion():
    summary, confusion, prior, table = prompts_tab.run_scoring(
        "SmolLM2-135M-Instruct",
        "multiemo sentiment (BIG-bench)",
        "Review: {text}\nSentiment:",
        "positive: positive\nnegative: negative",
        6,
        True,
    )
    assert "Accuracy" in summary and "with calibration" in summary
    assert sum(map(sum, confusion.data[0].z)) == 6 and len(table["value"]) == 6


# ---- the API ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_api_lists_the_prompts_endpoints(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for name in ["/render_template", "/generate", "/next_token_distribution", "/label_word_scoring"]:
        assert name in endpoints


@pytest.mark.slow
def test_api_render_and_generate(client):
    rendered = client.predict(
        template="Review: {text}\nSentiment:", values={"text": "好看"}, api_name="/render_template"
    )
    assert rendered["prompt"] == "Review: 好看\nSentiment:" and rendered["variables"] == ["text"]
    assert "".join(rendered["tokens"]) == rendered["prompt"]
    chat = client.predict(template="{q}", values={"q": "Hi"}, chat=True, api_name="/render_template")
    assert chat["prompt"].startswith("<|im_start|>") and chat["prompt"].endswith("<|im_start|>assistant\n")
    greedy = client.predict(template="The capital of France is", max_new_tokens=2, api_name="/generate")
    assert greedy["tokens"][0] == " Paris" and 0.6 < greedy["probs"][0] < 0.9
    sampled = [
        client.predict(
            template="Once upon a time",
            do_sample=True,
            temperature=1.0,
            max_new_tokens=3,
            seed=11,
            api_name="/generate",
        )["token_ids"]
        for _ in range(2)
    ]
    assert sampled[0] == sampled[1]
    zero = client.predict(template="Hi", do_sample=True, temperature=0.0, max_new_tokens=1, api_name="/generate")
    assert "greedy" in zero["notes"][0]


@pytest.mark.slow
def test_api_next_token_distribution_shows_what_the_filters_keep(client):
    dist = client.predict(prompt="The capital of France is", top_k=5, top_p=0.8, api_name="/next_token_distribution")
    assert dist["tokens"][0] == " Paris" and dist["n_kept"] <= 5
    assert dist["kept"][: dist["n_kept"]] == [True] * dist["n_kept"] and not any(dist["kept"][dist["n_kept"] :])
    assert abs(sum(dist["final_probs"]) - 1) < 1e-3


@pytest.mark.slow
def test_api_label_word_scoring(client):
    examples = [{"text": "Wonderful, I loved it.", "label": "pos"}, {"text": "Awful and boring.", "label": "neg"}]
    result = client.predict(
        template="Review: {text}\nSentiment:",
        label_words={"pos": "positive", "neg": "negative"},
        examples=examples,
        api_name="/label_word_scoring",
    )
    assert result["classes"] == ["neg", "pos"] and sum(map(sum, result["confusion"])) == 2
    assert result["label_word_tokens"] == [[" negative"], [" positive"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    "endpoint, kwargs, message",
    [
        ("/render_template", dict(template=""), "empty"),
        ("/render_template", dict(template="{a", values={}), "never closed"),
        ("/render_template", dict(template="{a}", values={}), "Give a value"),
        ("/generate", dict(template="x", max_new_tokens=10**6), "limited to"),
        ("/generate", dict(template="x", do_sample=True, temperature=-1.0), "0 or more"),
        ("/generate", dict(template="x", do_sample=True, top_p=0.0), "above 0"),
        ("/generate", dict(template="{t}", values={"t": "鼎鼐" * 5000}, max_new_tokens=1), "reads at most"),
        ("/generate", dict(template="x", model="gpt2 "), "not in the model catalogue"),
        ("/label_word_scoring", dict(examples=[{"text": "a", "label": "x"}, {"text": "b", "label": "x"}]), "one class"),
        ("/label_word_scoring", dict(label_words={"positive": "good"}), "Give a label word"),
    ],
)
def test_api_bad_input_gets_a_message(client, endpoint, kwargs, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message) as info:
        client.predict(api_name=endpoint, **kwargs)
    assert "Traceback" not in str(info.value)


@pytest.mark.slow
def test_side_by_side_streams_each_column_with_its_chart():
    greedy, sample = "greedy", "sample"
    columns = [
        ("The capital of {country} is", greedy, 1.0, 0, 1.0),
        ("{country}'s capital city is", sample, 0.0, 0, 1.0),  # temperature 0: greedy, and said so
        ("unused", greedy, 1.0, 0, 1.0),
        ("unused", greedy, 1.0, 0, 1.0),
    ]
    flat = [value for column in columns for value in column]
    updates = list(prompts_tab.run_columns("SmolLM2-135M-Instruct", "country = France", 2, 0, 2, *flat))
    outputs, stats, charts = updates[-1][:4], updates[-1][4:8], updates[-1][8:]
    assert "Paris" in outputs[0] and outputs[2] == outputs[3] == ""
    assert "2 tokens" in stats[0] and "greedy" in stats[1] and charts[0] is not None and charts[2] is None


@pytest.mark.slow
def test_order_effect_handler_draws_one_bar_per_order():
    figure = prompts_tab.run_order_effect(
        "SmolLM2-135M-Instruct",
        "multiemo sentiment (BIG-bench)",
        "Review: {text}\nSentiment:",
        "positive: positive\nnegative: negative",
        6,
        2,
        2,
    )
    assert [len(trace.x) for trace in figure.data] == [2, 2]
    assert all(0 <= y <= 1 for trace in figure.data for y in trace.y)
