"""playground/exercises.py and ui/exercises.py: every exercise's live answer against a reference computed here with
transformers/torch/math alone; answers that follow a change of input or of model (no stored key); right, wrong and
bad answers; the reveal in both languages."""

from __future__ import annotations

import math

import gradio as gr
import pytest
import torch
from transformers import AutoConfig, AutoModel, AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

from playground import embedded, exercises, losses, ngram, positional
from playground.errors import InputError
from playground.exercises import BY_ID, EXERCISES
from tests.test_i18n import serving  # noqa: F401 (a fixture)
from ui import exercises as exercise_ui
from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs import TABS


@pytest.fixture(scope="module")
def smol():
    path = embedded.smollm2_dir()
    return AutoTokenizer.from_pretrained(path), AutoModelForCausalLM.from_pretrained(path).eval()


@pytest.fixture(scope="module")
def minilm():
    path = embedded.minilm_dir()
    model = AutoModel.from_pretrained(path, attn_implementation="eager").eval()
    return AutoTokenizer.from_pretrained(path), model


def gpt2_tokens(text: str) -> int:
    from transformers import GPT2TokenizerFast

    tokenizer = GPT2TokenizerFast.from_pretrained(str(embedded.gpt2_tokenizer_dir()), local_files_only=True)
    return len(tokenizer(text, add_special_tokens=False).input_ids)


def more(en: str, zh: str, tokenizer=None) -> str:
    n_en, n_zh = gpt2_tokens(en), gpt2_tokens(zh)
    return "zh" if n_zh > n_en else "en" if n_en > n_zh else "same"


def attended(minilm, text, layer, head, candidates=("animal", "street", "tired"), **_):
    tokenizer, model = minilm
    enc = tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        att = model(**enc, output_attentions=True).attentions[layer][0, head]  # (T, T)
    pieces = tokenizer.convert_ids_to_tokens(enc.input_ids[0])
    row = att[pieces.index("it")]
    return max(candidates, key=lambda word: float(row[pieces.index(word)]))


def gpt2_millions(**sizes) -> float:
    from transformers import GPT2Config, GPT2LMHeadModel

    with torch.device("meta"):
        model = GPT2LMHeadModel(GPT2Config(**sizes))
    return sum(p.numel() for p in model.parameters()) / 1e6  # tied embeddings counted once


def block_part(d_model, heads, d_ff) -> str:
    attention = torch.nn.MultiheadAttention(d_model, heads)  # W^Q, W^K, W^V, W^O with biases
    ffn = torch.nn.Sequential(torch.nn.Linear(d_model, d_ff), torch.nn.Linear(d_ff, d_model))
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    return "ffn" if count(ffn) > count(attention) else "attention"


def mean_loss(smol, text: str) -> float:
    tokenizer, model = smol
    ids = tokenizer(text, add_special_tokens=False, return_tensors="pt").input_ids
    with torch.no_grad():
        return float(model(ids, labels=ids).loss)


def word_log_prob(smol, prompt: str, word: str) -> float:
    tokenizer, model = smol
    prompt_ids = tokenizer(prompt, add_special_tokens=False).input_ids
    word_ids = tokenizer(" " + word, add_special_tokens=False).input_ids
    with torch.no_grad():
        log_probs = model(torch.tensor([prompt_ids + word_ids])).logits[0].log_softmax(-1)
    return sum(float(log_probs[len(prompt_ids) - 1 + k, w]) for k, w in enumerate(word_ids))


def last_logits(smol, text: str) -> torch.Tensor:
    tokenizer, model = smol
    with torch.no_grad():
        return model(tokenizer(text, return_tensors="pt", add_special_tokens=False).input_ids).logits[0, -1]


def rope_toeplitz(head_dim, n_positions, theta, seed) -> str:
    """RoPE as complex rotations: q_m k_n* e^{i (m - n) theta_j}; Toeplitz when every diagonal is constant."""
    q, k = positional.random_query_key(head_dim, seed)
    freqs = theta ** (-torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    as_complex = lambda x: torch.complex(x[: head_dim // 2].double(), x[head_dim // 2 :].double())  # noqa: E731
    pos = torch.arange(n_positions, dtype=torch.float64)
    rot = torch.polar(torch.ones(n_positions, head_dim // 2, dtype=torch.float64), pos[:, None] * freqs)
    scores = ((as_complex(q) * rot) @ (as_complex(k) * rot).conj().T).real  # (T, T)
    diagonals = [scores.diagonal(d) for d in range(-n_positions + 1, n_positions)]
    return "yes" if max(float(d.max() - d.min()) for d in diagonals) < 1e-4 else "no"


def reference(ex_id: str, smol, minilm, **inputs):
    """The answer to each exercise computed without the engine's exercise code."""
    if ex_id == "tokens_more":
        return more(**inputs)
    if ex_id == "tokens_unseen":
        model, text = ngram.train_ngram("both"), inputs["text"]
        mle = ngram.NGramConfig(n=inputs["n"], smoothing="mle")
        factors = zip(ngram.contexts(text, inputs["n"]), text, strict=True)
        zero = any(ngram.prob(model, h, w, mle) == 0 for h, w in factors)
        return "infinite" if zero else "finite"
    if ex_id == "positional_sin":
        return math.sin(inputs["pos"] / 10000 ** (2 * inputs["i"] / inputs["d_model"]))
    if ex_id == "positional_rope":
        return rope_toeplitz(**inputs)
    if ex_id == "attention_it":
        return attended(minilm, **inputs)
    if ex_id == "attention_kv":
        folder = {losses.CAUSAL_DEFAULT: embedded.smollm2_dir, losses.ENCODER_DEFAULT: embedded.minilm_dir}
        config = AutoConfig.from_pretrained(folder[inputs["model"]]())
        return getattr(config, "num_key_value_heads", config.num_attention_heads)
    if ex_id == "architecture_params":
        return gpt2_millions(**inputs)
    if ex_id == "architecture_part":
        return block_part(**inputs)
    if ex_id == "inside_next":
        return smol[0].decode(int(last_logits(smol, inputs["text"]).argmax()))
    if ex_id == "inside_cache":
        config = AutoConfig.from_pretrained(embedded.smollm2_dir())
        head_dim = config.hidden_size // config.num_attention_heads
        per_token = 2 * config.num_hidden_layers * config.num_key_value_heads * head_dim * inputs["bytes_per_number"]
        return per_token * inputs["tokens"] / 1e6
    if ex_id == "losses_zh":
        return "zh" if mean_loss(smol, inputs["zh"]) > mean_loss(smol, inputs["en"]) else "en"
    if ex_id == "losses_uniform":
        return math.log(minilm[0].vocab_size)
    if ex_id == "finetune_step0":
        tokenizer, model = minilm
        with torch.no_grad():
            pooled = model(**tokenizer(inputs["text_a"], inputs["text_b"], return_tensors="pt")).pooler_output
            logits = losses.classification_head(pooled.shape[-1], 2)(pooled)[0]
        return float(-logits.log_softmax(-1)[inputs["gold"]])
    if ex_id == "finetune_head":
        net = AutoModelForSequenceClassification.from_pretrained(embedded.minilm_dir(), num_labels=inputs["classes"])
        return sum(p.numel() for p in net.classifier.parameters())
    if ex_id == "prompts_temperature":
        z = last_logits(smol, inputs["prompt"])
        return max(inputs["temperatures"], key=lambda temp: float(torch.softmax(z / temp, -1).max()))
    if ex_id == "prompts_label":
        prompt = inputs["template"].replace("{x}", inputs["text"])
        return max(inputs["words"], key=lambda word: word_log_prob(smol, prompt, word))
    raise AssertionError(f"no reference for {ex_id}")


def agrees(ex, live, expected) -> bool:
    """The live answer is the reference: within the exercise's tolerance for a number."""
    if ex.kind == exercises.NUMBER:
        return abs(float(live.answer) - float(expected)) <= 1e-3 * max(1.0, abs(float(expected))) + ex.tolerance / 10
    return exercises.token(live.answer) == exercises.token(f"{expected:g}" if isinstance(expected, float) else expected)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_the_live_answer_is_the_reference(ex, smol, minilm):
    live = ex.live()
    expected = reference(ex.id, smol, minilm, **ex.inputs)
    assert agrees(ex, live, expected), (live.answer, expected)
    assert ex.check(live.answer, live)  # the model's own answer is right
    if ex.kind == exercises.CHOICE:
        assert live.answer in ex.choices
        wrong = next(code for code in ex.choices if code != live.answer)
        assert not ex.check(wrong, live)
    elif ex.kind == exercises.NUMBER:
        assert not ex.check(str(float(live.answer) * 3 + 7), live)
    else:
        assert not ex.check("Berlin", live)
    assert EN[f"exercise.{ex.id}.explain"].format(**live.values)  # every placeholder has a live number
    assert ZH[f"exercise.{ex.id}.explain"].format(**live.values)


CHANGES = [  # a change of input (or of model) whose answer differs from the default one
    ("attention_it", {"layer": 2, "head": 1}),
    ("attention_kv", {"model": losses.ENCODER_DEFAULT}),  # MiniLM: classic multi-head, 12 key/value heads
    ("architecture_part", {"d_ff": 512}),
    ("architecture_params", {"n_layer": 6}),
    ("tokens_more", {"en": "Tokens, tokens and more tokens everywhere.", "zh": "词元"}),
    ("tokens_unseen", {"text": "the model"}),
    ("positional_sin", {"pos": 0}),
    ("prompts_label", {"text": "It was boring, ugly and far too long. I hated it."}),
    ("prompts_temperature", {"temperatures": (1.0, 2.0)}),
    ("finetune_head", {"classes": 3}),
    ("inside_next", {"text": "One, two, three, four,"}),
]


@pytest.mark.parametrize(("ex_id", "change"), CHANGES, ids=[c[0] for c in CHANGES])
def test_the_answer_follows_the_input_or_the_model(ex_id, change, smol, minilm):
    ex = BY_ID[ex_id]
    before, after = ex.live(), ex.live(**change)
    expected = reference(ex_id, smol, minilm, **{**ex.inputs, **change})
    assert agrees(ex, after, expected), (after.answer, expected)
    assert before.answer != after.answer  # a stored key would not have moved


def test_every_tab_has_two_to_four_exercises_in_both_languages():
    for tab in TABS:
        assert 2 <= len(tab.exercises) <= 4, tab.id
        assert all(ex.tab == tab.id for ex in tab.exercises)
    assert {ex.id for tab in TABS for ex in tab.exercises} == set(BY_ID)
    for ex in EXERCISES:
        assert ex.section.split(".")[0] in {"2", "3", "4", "5"}
        assert f"exercise.{ex.id}" in EN and f"exercise.{ex.id}" in ZH
        assert ex.kind in (exercises.CHOICE, exercises.NUMBER, exercises.TOKEN)
        assert bool(ex.choices) == (ex.kind == exercises.CHOICE)


def test_scenes_that_end_with_a_question_name_an_exercise_of_their_tab():
    asked = [(tab.id, scene.exercise) for tab in TABS for scene in tab.scenes if scene.exercise]
    assert len(asked) >= 4
    assert all(BY_ID[ex_id].tab == tab_id for tab_id, ex_id in asked)


@pytest.mark.parametrize(
    ("ex_id", "answer", "right"),
    [
        ("inside_next", " Paris", True),
        ("inside_next", "paris", True),
        ("inside_next", "Ġparis", True),
        ("inside_next", "PARIS ", True),
        ("inside_next", "Lyon", False),
        ("positional_sin", "0.91", True),
        ("positional_sin", "0,909", False),  # read as 909: a comma groups thousands
        ("positional_sin", "0.95", False),
        ("architecture_params", "124", True),
        ("architecture_params", "124,000,000", False),  # the question asks for millions
        ("finetune_step0", "0.69", True),
        ("finetune_step0", "1", False),
        ("positional_rope", "yes", True),
        ("positional_rope", "no", False),
    ],
)
def test_right_and_wrong_answers(ex_id, answer, right):
    ex = BY_ID[ex_id]
    assert ex.check(answer, ex.live()) is right


@pytest.mark.parametrize(
    ("ex_id", "answer", "key"),
    [
        ("positional_sin", "", "exercise.err.empty"),
        ("positional_sin", None, "exercise.err.empty"),
        ("positional_sin", "   ", "exercise.err.empty"),
        ("positional_sin", "about half", "exercise.err.not_number"),
        ("positional_sin", "nan", "exercise.err.not_number"),
        ("positional_sin", "inf", "exercise.err.not_number"),
        ("positional_sin", "1e999", "exercise.err.not_number"),
        ("positional_rope", "<script>alert(1)</script>", "exercise.err.not_choice"),
        ("positional_rope", "Yes; DROP TABLE", "exercise.err.not_choice"),
        ("inside_next", "x" * 101, "exercise.err.too_long"),
    ],
)
def test_bad_answers_are_named(ex_id, answer, key):
    with pytest.raises(InputError) as err:
        BY_ID[ex_id].parse(answer)
    assert err.value.key == key


def test_the_reveal_says_right_or_wrong_in_the_page_language(serving):  # noqa: F811
    serving(cookie="zh-CN")
    right = exercise_ui.reveal("architecture_part", "ffn")
    assert right.startswith(ZH["exercise.right"]) and "前馈网络" in right and "2,099,712" in right
    serving(cookie="en")
    wrong = exercise_ui.reveal("architecture_part", "attention")
    assert wrong.startswith(EN["exercise.wrong"]) and "the feed-forward network" in wrong


def test_a_bad_answer_is_a_sentence_never_a_traceback(serving):  # noqa: F811
    serving(cookie="zh-CN")
    with pytest.raises(gr.Error) as err:
        exercise_ui.reveal("positional_sin", "<b>half</b>")
    assert "不是一个数" in err.value.message and "<b>" not in err.value.message
    with pytest.raises(gr.Error, match="没有名为"):
        exercise_ui.reveal("nope", "1")


def test_choices_are_short_labels_for_a_room():
    for ex in EXERCISES:
        for label, code in exercise_ui.choices(ex):
            assert code in ex.choices and 0 < len(str(label)) <= 80


def test_a_scene_that_ends_with_a_question_asks_it_in_the_walk():
    from ui.lecture import scenes

    index = next(i for i, scene in enumerate(scenes.SCENES) if scene.exercise)
    assert EN[f"exercise.{scenes.SCENES[index].exercise}"] in scenes.narration(index)
