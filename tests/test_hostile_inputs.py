"""Every public endpoint of the launched app against hostile input: a clear sentence back, never a traceback,
and the app keeps serving (a normal request right after each one succeeds).

Four groups: inputs the Python client can send (`CASES`), inputs only raw JSON can carry (`RAW_CASES`: NaN,
infinity, lone UTF-16 surrogates, wrong types), odd but valid text that must simply work (`ACCEPTED`), and
malformed uploads to the Fine-tune tab (`UPLOADS`: the only place the app takes a file; it is not in the API).
"""

import json
import re

import gradio as gr
import httpx
import pytest

from ui.tabs import finetune as finetune_tab

BIG = "a" * 100_000
SURROGATE = "bad \ud800 half of an emoji"
CLASS_NAME = re.compile(r"\b[A-Za-z]*(Error|Exception)\b|Traceback|File \"|site-packages|\bNone\b")
GENERIC = "Something went wrong"
CATALOGUE = "not in the model catalogue"
NO_RUN = "There is no run called"


def assert_clear(message: str, expected: str) -> None:
    """A sentence for a student: the expected words, no exception class, no traceback, not the catch-all."""
    assert message, "an empty error message"
    assert not CLASS_NAME.search(message), message
    assert GENERIC not in message, message
    assert re.search(expected, message), f"{message!r} does not say {expected!r}"


def assert_still_serving(client) -> None:
    assert client.predict(n_heads=2, n_positions=2, api_name="/positional_alibi")["slopes"] == [0.0625, 0.00391]


CASES = [
    # Positional encoding
    ("/positional_sinusoidal", dict(n_positions=-1), "at least 1"),
    ("/positional_sinusoidal", dict(n_positions=0), "at least 1"),
    ("/positional_sinusoidal", dict(n_positions=10**12), "limited to 1024"),
    ("/positional_sinusoidal", dict(d_model=10**9), "limited to 1024"),
    ("/positional_sinusoidal", dict(d_model=7), "even"),
    ("/positional_sinusoidal", dict(base=0.5), "above 1"),
    ("/positional_sinusoidal", dict(similarity="<script>alert(1)</script>"), "'dot' or 'cosine'"),
    ("/positional_learned", dict(model="../../etc/passwd"), CATALOGUE),
    ("/positional_learned", dict(model="gpt2"), "not available here"),
    ("/positional_learned", dict(n_positions=10**9), "limited to 1024"),
    ("/positional_rope", dict(head_dim=10**9), "head dimension d must be a whole number from 2 to 1,024"),
    ("/positional_rope", dict(head_dim=7), "even"),
    ("/positional_rope", dict(seed=-1), "seed must be a whole number"),
    ("/positional_rope", dict(seed=2**70), "seed must be a whole number"),
    ("/positional_alibi", dict(n_heads=10**6), "between 1 and 64"),
    ("/positional_alibi", dict(n_positions=10**6), "limited to 1024"),
    ("/positional_seed_check", dict(d_model=-4), "at least 2"),
    # Attention
    ("/attention", dict(text=""), "empty"),
    ("/attention", dict(text="   \n\t  "), "empty"),
    ("/attention", dict(text=BIG), "limited to 4,000 characters"),
    ("/attention", dict(text="a\x00b"), r"control character \(U\+0000\)"),
    ("/attention", dict(text="bell \x07 and escape \x1b[31m"), r"control character \(U\+0007\)"),
    ("/attention", dict(text="hi", layer=-1), "layer must be a whole number from 0 to 5"),
    ("/attention", dict(text="hi", head=10**9), "head must be a whole number from 0 to 11"),
    ("/attention", dict(text="hi", model="/etc/passwd"), CATALOGUE),
    ("/attention", dict(text="hi", model="bert-base-uncased"), "not available here"),
    ("/attention", dict(text="hi", text_pair=BIG), "second sentence is limited"),
    ("/attention_formula", dict(text=BIG), "limited to 4,000 characters"),
    ("/attention_formula", dict(text="hi", layer=99), "layer must be a whole number"),
    ("/attention_formula", dict(text="\x00"), "control character"),
    # Architecture
    ("/architecture_block", dict(text=""), "empty"),
    ("/architecture_block", dict(text=BIG), "limited to 4,000 characters"),
    ("/architecture_block", dict(layer=99), "between 0 and 5"),
    ("/architecture_block", dict(model="http://evil.example/model"), CATALOGUE),
    ("/architecture_size", dict(layers=0), "above 0"),
    ("/architecture_size", dict(d_model=-1), "above 0"),
    ("/architecture_size", dict(layers=10**30), "above the limit"),
    ("/architecture_size", dict(heads=7), "divisible"),
    # Losses
    ("/loss_causal_lm", dict(text=""), "empty"),
    ("/loss_causal_lm", dict(text=BIG), "limited to 2000 characters"),
    ("/loss_causal_lm", dict(text="a"), "single token"),
    ("/loss_causal_lm", dict(model="all-MiniLM-L6-v2"), "not a causal LM"),
    ("/loss_masked_lm", dict(rate=2.0), "below 1"),
    ("/loss_masked_lm", dict(seed=-1), "seed must be a whole number"),
    ("/loss_masked_lm_causal", dict(rate=0.0), "above 0"),
    ("/loss_contrastive", dict(pairs="no separator here"), "is not a pair"),
    ("/loss_contrastive", dict(pairs="a | b\n" * 1000), "limited to 16 pairs"),
    ("/loss_contrastive", dict(tau=0.0), "above 0"),
    ("/loss_fine_tuning", dict(gold=5), "gold label must be one of"),
    ("/loss_fine_tuning", dict(model="fine-tuned ../../etc"), CATALOGUE),
    ("/loss_fine_tuning", dict(text_a="", text_b=""), "empty"),
    ("/loss_prompt", dict(template="{"), r"\{x\}"),
    ("/loss_prompt", dict(label_words=""), "at least two label words"),
    ("/loss_prompt", dict(gold="nope"), "gold label must be one of"),
    # Fine-tune
    ("/finetune_start", dict(learning_rate=1000.0), "between"),
    ("/finetune_start", dict(max_steps=-1), "between 0 and 5000"),
    ("/finetune_start", dict(seed=-1), "'seed' must be between"),
    ("/finetune_start", dict(seed=10**30), "'seed' must be between"),
    ("/finetune_start", dict(batch_size=10**6), "between 1 and 64"),
    ("/finetune_start", dict(model="../../etc/passwd"), CATALOGUE),
    ("/finetune_start", dict(model="SmolLM2-135M-Instruct"), "not an encoder"),
    ("/finetune_start", dict(dataset="../etc"), "Unknown dataset"),
    ("/finetune_start", dict(dataset="mrpc"), "not reachable"),
    ("/finetune_start", dict(dataset="upload"), "Uploads go through the tab"),
    ("/finetune_status", dict(run_id="../../etc"), NO_RUN),
    ("/finetune_status", dict(run_id="/etc/passwd"), NO_RUN),
    ("/finetune_status", dict(run_id=""), NO_RUN),
    ("/finetune_status", dict(run_id="."), NO_RUN),
    ("/finetune_status", dict(run_id="x\x00y"), NO_RUN),
    ("/finetune_status", dict(run_id="..\\..\\windows"), NO_RUN),
    ("/finetune_stop", dict(run_id="no-such-run"), NO_RUN),
    ("/finetune_stop", dict(run_id="../runs"), NO_RUN),
    # Prompts
    ("/render_template", dict(template=""), "empty"),
    ("/render_template", dict(template="{"), "never closed"),
    ("/render_template", dict(template="}"), "no opening"),
    ("/render_template", dict(template="{x}"), r"Give a value for \{x\}"),
    ("/render_template", dict(template="{x}", values={"x": "1", "y": "2"}), r"no variable \{y\}"),
    ("/render_template", dict(template="{0}"), "not a variable name"),
    ("/render_template", dict(template="{x.__class__.__mro__}"), "not a variable name"),
    ("/render_template", dict(template="{x!r:>{y}}"), "never closed"),
    ("/render_template", dict(template=BIG), "limited to 8,000 characters"),
    ("/render_template", dict(template="{x}", values={"x": BIG}), "limited to 32,000 characters"),
    ("/render_template", dict(template="hi", model="nope"), CATALOGUE),
    ("/generate", dict(max_new_tokens=10**9), "limited to 256"),
    ("/generate", dict(max_new_tokens=0), "at least 1"),
    ("/generate", dict(top_p=0.0), "top-p must be above 0"),
    ("/generate", dict(top_k=-1), "top-k must be a whole number"),
    ("/generate", dict(temperature=-1.0), "0 or more"),
    ("/generate", dict(temperature=1e9), "limited to 100"),
    ("/generate", dict(seed=2**70), "seed must be a whole number"),
    ("/generate", dict(repetition_penalty=0.0), "between 1"),
    ("/generate", dict(model="all-MiniLM-L6-v2"), "is an encoder"),
    ("/next_token_distribution", dict(model="all-MiniLM-L6-v2"), "is an encoder"),
    ("/label_word_scoring", dict(model="all-MiniLM-L6-v2", n_examples=4), "is an encoder"),
    ("/next_token_distribution", dict(prompt=""), "empty"),
    ("/next_token_distribution", dict(prompt="a " * 50_000), "limited to 64,000 characters"),
    ("/label_word_scoring", dict(n_examples=0), "n_examples must be a whole number from 1 to 200"),
    ("/label_word_scoring", dict(examples=[{"x": 1}]), "Example 1 must be an object"),
    ("/label_word_scoring", dict(examples=["just a string"]), "Example 1 must be an object"),
    ("/label_word_scoring", dict(examples=[{"text": "a", "label": "b"}] * 10_000), "at most 200"),
    ("/label_word_scoring", dict(label_words={"positive": ""}), "Give a label word"),
    ("/label_word_scoring", dict(dataset="../../etc/passwd"), "Unknown labelled set"),
    ("/label_word_scoring", dict(template="no variable at all"), "exactly one variable"),
    # A lecturer's room (a real room's questions and answers: test_a_rooms_hostile_questions_and_answers_...)
    ("/room_answer", dict(code="<script>alert(1)</script>", student="student-0001", choice="a"), "There is no room"),
    ("/room_state", dict(code=BIG, student=BIG), "There is no room"),
    ("/room_ask", dict(code="ZZZZ-ZZZZ", secret="x", text="q", choices=["a", "b"]), "There is no room"),
    ("/room_counts", dict(code="", secret=""), "There is no room"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("endpoint", "kwargs", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_hostile_input_gets_a_sentence_and_the_app_keeps_serving(client, endpoint, kwargs, expected):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        client.predict(api_name=endpoint, **kwargs)
    assert_clear(str(info.value), expected)
    assert_still_serving(client)


# ---- what only raw JSON can carry ------------------------------------------------------------------

S = "\\ud800"  # a lone surrogate, escaped as JSON.stringify writes it (the Python client cannot send one)
RAW_CASES = [
    ("positional_sinusoidal", '[16, 8, Infinity, "dot"]', "above 1"),
    ("positional_rope", "[NaN, 64, 32, 0]", "above 1"),
    ("positional_rope", "[10000, 64, 32, 1e30]", "seed must be a whole number"),
    ("positional_alibi", "[NaN, 4]", "heads must be a whole number"),
    ("attention", f'["{S} text", "all-MiniLM-L6-v2", 0, 0, ""]', "broken character"),
    ("attention", '["hi", "all-MiniLM-L6-v2", NaN, 0, ""]', "layer must be a whole number"),
    ("attention", '["hi", "all-MiniLM-L6-v2", Infinity, 0, ""]', "layer must be a whole number"),
    ("attention_formula", f'["ok", "all-MiniLM-L6-v2", 0, 0, "{S}"]', "broken character"),
    ("architecture_block", f'["all-MiniLM-L6-v2", "{S}", 0]', "broken character"),
    ("architecture_size", "[NaN, 768, 12, 3072, 50257, 1024, 8]", "whole number"),
    ("loss_causal_lm", f'["x {S}", "SmolLM2-135M-Instruct"]', "broken character"),
    ("loss_masked_lm", '["The cat sat.", NaN, 0, "all-MiniLM-L6-v2"]', "masking rate"),
    ("loss_contrastive", '["a | b\\nc | d", NaN, "all-MiniLM-L6-v2"]', "above 0"),
    ("loss_fine_tuning", '["a", "b", 1, NaN, "all-MiniLM-L6-v2"]', "seed must be a whole number"),
    ("loss_fine_tuning", '["a", "b", NaN, 0, "all-MiniLM-L6-v2"]', "gold label must be one of"),
    ("finetune_start", '["all-MiniLM-L6-v2", "paraphrase", "full", NaN, 10, 8, 32, 16, 5, 0, ""]', "learning_rate"),
    ("finetune_status", f'["x{S}", -1, ""]', "broken character"),
    ("render_template", f'["{{a}}", {{"a": "{S}"}}, false, "SmolLM2-135M-Instruct"]', "broken character"),
    ("generate", '["Hi", null, false, "SmolLM2-135M-Instruct", true, NaN, 0, 1.0, 1.0, 2, 0, false]', "temperature"),
    ("generate", '["Hi", null, false, "SmolLM2-135M-Instruct", true, 1.0, 0, NaN, 1.0, 2, 0, false]', "top-p"),
    ("next_token_distribution", f'["{S}", "SmolLM2-135M-Instruct", true, 1.0, 0, 1.0, 1.0]', "broken character"),
    ("label_word_scoring", '["Review: {text}", null, "multiemo sentiment (BIG-bench)", NaN, null, "x"]', "n_examples"),
    ("label_word_scoring", '["Review: {text}", null, "x", 4, "not a list", "SmolLM2-135M-Instruct"]', "list of at"),
    ("label_word_scoring", f'["Review: {{text}}", null, "x", 4, [{{"text": "{S}", "label": "a"}}], "x"]', "broken"),
    ("room_answer", f'["ABCDEFGH", "student-0001", "{S}<b>"]', "broken character"),
    ("room_ask", '["ABCDEFGH", "x", "q", "not a list", NaN]', "2 to 6 choices"),
]


def raw_call(app_url: str, name: str, data_json: str) -> tuple[str, object]:
    """POST the JSON body as written (NaN and lone surrogates included), then read the event stream."""
    api = f"{app_url}gradio_api/call/{name}"
    body = '{"data": ' + data_json + "}"
    posted = httpx.post(api, content=body.encode(), headers={"content-type": "application/json"}, timeout=60)
    assert posted.status_code == 200, posted.text
    stream = httpx.get(f"{api}/{posted.json()['event_id']}", timeout=300).text
    event = re.search(r"event: (\w+)\ndata: (.*)", stream)
    assert event, stream
    return event.group(1), json.loads(event.group(2))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "data", "expected"), RAW_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(RAW_CASES)])
def test_raw_json_nan_infinity_surrogates_and_wrong_types_get_a_sentence(app_url, client, name, data, expected):
    event, payload = raw_call(app_url, name, data)
    assert event == "error", payload
    assert_clear(payload["error"], expected)
    assert_still_serving(client)


@pytest.mark.slow
def test_the_raw_helper_sees_a_normal_answer(app_url):
    """The control for the raw cases: the same route answers a good request."""
    event, payload = raw_call(app_url, "positional_alibi", "[2, 2]")
    assert event == "complete" and payload[0]["slopes"] == [0.0625, 0.00391]


# ---- odd but valid: these must simply work -------------------------------------------------------

ACCEPTED = [
    ("/attention", dict(text="😀 你好，世界 🎉"), lambda r: "你" in "".join(r["tokens"])),
    ("/attention", dict(text="\u202eRTL override\u200b zero\u200dwidth\ufeff"), lambda r: len(r["tokens"]) > 2),
    ("/attention", dict(text="مرحبا بالعالم", text_pair="שלום עולם"), lambda r: max(r["segments"]) == 1),
    (
        "/render_template",
        dict(template="评论：{评论}\n情感：", values={"评论": "好看！😀"}),
        lambda r: "好看" in r["prompt"],
    ),
    ("/render_template", dict(template="<script>alert(1)</script> {{x}}"), lambda r: r["variables"] == []),
    ("/loss_causal_lm", dict(text="猫坐在垫子上。🐈"), lambda r: r["perplexity"] > 1),
    ("/finetune_list_runs", dict(), lambda r: isinstance(r, list)),
]


@pytest.mark.slow
@pytest.mark.parametrize(("endpoint", "kwargs", "check"), ACCEPTED, ids=[f"{c[0]}-{i}" for i, c in enumerate(ACCEPTED)])
def test_odd_but_valid_text_just_works(client, endpoint, kwargs, check):
    assert check(client.predict(api_name=endpoint, **kwargs))


# ---- malformed uploads (the Fine-tune tab's file input) ------------------------------------------------------

GOOD_ROWS = "".join(f"s{i},t{i},{i % 2}\n" for i in range(40))
UPLOADS = [
    ("pairs.csv", ("question,answer,same\n" + GOOD_ROWS).encode(), r"Column\(s\) label, sentence1, sentence2 not"),
    ("pairs.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, "not UTF-8 text"),
    ("pairs.csv", b"", "no rows"),
    ("pairs.csv", b"sentence1,sentence2,label\n", "no rows"),
    ("pairs.jsonl", b"[1, 2]\n", "Line 1 is not a JSON object"),
    ("pairs.exe", ("sentence1,sentence2,label\n" + GOOD_ROWS).encode(), r"Upload a \.csv or a \.jsonl"),
    ("pairs.csv", ("sentence1,sentence2,label\n" + GOOD_ROWS.replace(",1\n", ",<b>1</b>\n")).encode(), "Unknown label"),
    ("pairs.csv", ("sentence1,sentence2,label\n" + "a,b,1\n" * 30_000).encode(), "the limit is 20000"),
]


@pytest.mark.parametrize(("name", "data", "expected"), UPLOADS, ids=[f"upload-{i}" for i in range(len(UPLOADS))])
def test_a_malformed_upload_gets_a_sentence(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(gr.Error) as info:
        finetune_tab.check_upload(str(path), "sentence1", "sentence2", "label")
    assert_clear(info.value.message, expected)


def test_a_50_mb_upload_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as f:
        f.truncate(50 * 2**20)  # sparse: 50 MB on paper, nothing on disk
    with pytest.raises(gr.Error) as info:
        finetune_tab.check_upload(str(path), "sentence1", "sentence2", "label")
    assert_clear(info.value.message, "larger than 5 MB")


def test_a_hostile_file_name_with_good_rows_is_just_a_name(tmp_path):
    path = tmp_path / "<img src=x onerror=alert(1)> 评论.csv"
    path.write_text("sentence1,sentence2,label\n" + GOOD_ROWS, encoding="utf-8")
    assert finetune_tab.check_upload(str(path), "sentence1", "sentence2", "label").startswith("40 pairs read")


ROOM_QUESTIONS = [
    (dict(text=BIG, choices=["a", "b"]), "limited to 300 characters"),
    (dict(text="<script>alert(1)</script>", choices=["only one"]), "2 to 6 choices"),
    (dict(text="q", choices=[BIG, "b"]), "limited to 80 characters"),
    (dict(text="q", choices=["a", "b"], correct=7), "one of the 2 choices"),
]
ROOM_ANSWERS = [
    ("", "Choose an answer first"),
    ("   ", "Choose an answer first"),
    (BIG, "not one of the choices"),
    ("<img src=x onerror=alert(1)>", "not one of the choices"),
    ("a\x00b", "not one of the choices"),
]


@pytest.mark.slow
def test_a_rooms_hostile_questions_and_answers_get_a_sentence(client):
    """A real room: hostile questions, answers, student ids and secrets are refused with a sentence; the counts
    stay exact."""
    from gradio_client.exceptions import AppError

    room = client.predict(api_name="/room_open")
    code, secret = room["code"], room["secret"]
    for kwargs, expected in ROOM_QUESTIONS:
        with pytest.raises(AppError) as info:
            client.predict(code=code, secret=secret, api_name="/room_ask", **kwargs)
        assert_clear(str(info.value), expected)
    choices = ["<b>bold</b>", "a & b"]
    client.predict(code=code, secret=secret, text="<i>q</i>", choices=choices, api_name="/room_ask")
    for answer, expected in ROOM_ANSWERS:
        with pytest.raises(AppError) as info:
            client.predict(code=code, student="student-0001", choice=answer, api_name="/room_answer")
        assert_clear(str(info.value), expected)
    for student in ("<script>", "x" * 10_000, ""):
        with pytest.raises(AppError) as info:
            client.predict(code=code, student=student, choice="a & b", api_name="/room_answer")
        assert_clear(str(info.value), "did not say who you are")
    with pytest.raises(AppError) as info:
        client.predict(code=code, secret="<script>" + secret, api_name="/room_counts")
    assert_clear(str(info.value), "Only the lecturer")
    client.predict(code=code, student="student-0001", choice="<b>bold</b>", api_name="/room_answer")
    assert client.predict(code=code, secret=secret, api_name="/room_counts") == [1, 0]
    assert_still_serving(client)
