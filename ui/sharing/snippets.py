r"""Show me the code: for each view, a short plain transformers/torch script that reproduces its numbers.

Each snippet is filled in with the view's own values (text, layer, head, the model's folder or Hub id) and
runs outside the app: `python snippet.py`. The names it leaves behind (`pe`, `attention`, `surprisal`,
`probs`, `total`) are the numbers the view draws; tests/test_snippets.py runs every snippet and compares
them with the engine's. Nothing here imports gradio or loads a model.
"""

from __future__ import annotations

import inspect

from playground import embedded, models
from playground.architecture import part_of

POSITIONAL = """\
# Sinusoidal positional encoding (source text §3.1.3): PE(pos, 2i) = sin(pos / base^(2i/d)),
# PE(pos, 2i+1) = cos(pos / base^(2i/d)). The same numbers as the tab's heatmap and similarity matrix.
import torch

n_positions, d_model, base = {n_positions}, {d_model}, {base!r}
position = torch.arange(n_positions, dtype=torch.float64)[:, None]  # (n, 1)
two_i = torch.arange(0, d_model, 2, dtype=torch.float64)  # (d/2,)
angle = position / base ** (two_i / d_model)  # (n, d/2)
pe = torch.zeros(n_positions, d_model, dtype=torch.float64)  # (n, d)
pe[:, 0::2], pe[:, 1::2] = torch.sin(angle), torch.cos(angle)
unit = pe / pe.norm(dim=-1, keepdim=True)
similarity = {similarity_expr}  # (n, n)
print(pe[:4, :6])
print(similarity[:4, :4])
"""

ATTENTION = """\
# Attention weights softmax(QK^T / sqrt(d_k)) of layer {layer}, head {head} (source text §3.1.1),
# as the Attention tab draws them. Eager attention: the fused kernels return no weights.
import torch
from transformers import AutoModel, AutoTokenizer

path = {path!r}  # the model's folder here; with the Hub: {hub_id!r}
tokenizer = AutoTokenizer.from_pretrained(path)
model = AutoModel.from_pretrained(path, attn_implementation="eager").eval()
batch = tokenizer({text!r}{pair_arg}, truncation=True, max_length={max_tokens}, return_tensors="pt")
with torch.no_grad():
    out = model(**batch, output_attentions=True)
attention = out.attentions[{layer}][0, {head}]  # (T, T): row i = how token i spreads its attention
print(tokenizer.convert_ids_to_tokens(batch["input_ids"][0]))
print(attention.round(decimals=3))
print("rows sum to", attention.sum(dim=-1))
"""

ARCHITECTURE = """\
# Parameters per part of {model} (source text §4.1.3), as the Architecture tab counts them.
from collections import Counter

from transformers import {auto_class}

path = {path!r}  # the model's folder here; with the Hub: {hub_id!r}
model = {auto_class}.from_pretrained(path)


{part_of}

parts = Counter()
for name, p in model.named_parameters():
    parts[part_of(name)] += p.numel()
total = sum(p.numel() for p in model.parameters())
print(dict(parts), "total", f"{{total:,}}")
"""

LOSSES = """\
# Causal language-modelling loss (source text §4.2.1): L = -sum_i log P(x_i | x_<i), shifted by one.
# The first number of the Losses tab's side-by-side view (L_LM per token).
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

path = {path!r}  # the model's folder here; with the Hub: {hub_id!r}
tokenizer = AutoTokenizer.from_pretrained(path)
model = AutoModelForCausalLM.from_pretrained(path).eval()
ids = tokenizer({text!r}, add_special_tokens=False, return_tensors="pt").input_ids  # (1, T)
with torch.no_grad():
    out = model(ids, labels=ids)
log_probs = out.logits[0, :-1].log_softmax(dim=-1)  # (T-1, V): position t predicts token t+1
surprisal = -log_probs.gather(-1, ids[0, 1:, None])[:, 0]  # (T-1,) nats
print("per token:", surprisal)
print("mean", surprisal.mean().item(), "= the model's own loss", out.loss.item())
print("perplexity", surprisal.mean().exp().item())
"""

PROMPTS = """\
# The distribution of the token that follows the prompt, exactly as the Prompts tab shows it.
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

path = {path!r}  # the model's folder here; with the Hub: {hub_id!r}
tokenizer = AutoTokenizer.from_pretrained(path)
model = AutoModelForCausalLM.from_pretrained(path).eval()
prompt = {prompt!r}
ids = tokenizer(prompt, add_special_tokens=False, return_tensors="pt").input_ids  # (1, T)
with torch.no_grad():
    probs = model(ids).logits[0, -1].softmax(dim=-1)  # (V,) P(next token | prompt)
top = probs.topk(10)
for p, i in zip(top.values, top.indices):
    print(f"{{p:.4f}}  {{tokenizer.decode([int(i)])!r}}")
"""

INSIDE_LENS = """\
# The logit lens (nostalgebraist 2020): read every layer's guess for the next token through the model's own
# final norm and unembedding, logits_l = W_U norm(h_l), as the Inside the model tab draws it.
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

path = {path!r}  # the model's folder here; with the Hub: {hub_id!r}
tokenizer = AutoTokenizer.from_pretrained(path)
model = AutoModelForCausalLM.from_pretrained(path).eval()
ids = tokenizer({text!r}, add_special_tokens=False, return_tensors="pt").input_ids  # (1, T)
base = model.get_decoder()
norm, unembed = (base.norm if hasattr(base, "norm") else base.ln_f), model.get_output_embeddings()
with torch.no_grad():
    hidden = model(ids, output_hidden_states=True).hidden_states  # L+1 of (1, T, d)
    # transformers returns the LAST entry already normed: norm it again and the last row would be wrong
    normed = [norm(h) for h in hidden[:-1]] + [hidden[-1]]
    probs = torch.stack([unembed(h)[0].softmax(dim=-1) for h in normed])  # (L+1, T, V)
top_probs, top_ids = probs.max(dim=-1)  # (L+1, T): the heatmap's colour and text
target_id = tokenizer({target!r}, add_special_tokens=False).input_ids[0]
target_probs = probs[..., target_id]  # (L+1, T)
target_ranks = (probs > target_probs[..., None]).sum(dim=-1) + 1  # 1 = the top token
for layer in range(len(hidden)):
    print(layer, repr(tokenizer.decode(top_ids[layer, -1])), f"{{top_probs[layer, -1]:.3f}}",
          "target rank", int(target_ranks[layer, -1]))
"""

TOKENS = """\
# Tokenizers side by side (source text §2.1): the same text cut by GPT-2's byte-level BPE, SmolLM2's BPE and
# MiniLM's WordPiece, as the Tokens tab shows it. `ids` holds each tokenizer's ids (no special tokens).
from transformers import AutoTokenizer, GPT2TokenizerFast

text = {text!r}
tokenizers = {{
    "GPT-2 (byte-level BPE)": GPT2TokenizerFast.from_pretrained({gpt2!r}),  # with the Hub: "openai-community/gpt2"
    "SmolLM2-135M-Instruct": AutoTokenizer.from_pretrained({smollm!r}),  # with the Hub: {smollm_hub!r}
    "all-MiniLM-L6-v2": AutoTokenizer.from_pretrained({minilm!r}),  # with the Hub: {minilm_hub!r}
}}
ids = {{}}
for name, tokenizer in tokenizers.items():
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids[name] = encoding["input_ids"]
    T, C, B = len(ids[name]), len(text), len(text.encode("utf-8"))
    print(f"{{name}}: {{T}} tokens, {{T / C:.3f}} per character, {{T / B:.3f}} per UTF-8 byte")
    pieces = tokenizer.convert_ids_to_tokens(ids[name])
    for i, token, (start, end) in zip(ids[name], pieces, encoding["offset_mapping"]):
        print(f"  {{i:>6}}  {{token!r:<14}} {{text[start:end]!r}}")  # byte pieces of one character share its text
"""


def _model_place(name: str) -> dict[str, str]:
    return {"path": models.location(name), "hub_id": models.spec(name).hub_id or name}


def positional(n_positions: int, d_model: int, base: float, similarity: str = "dot") -> str:
    expr = "pe @ pe.T" if similarity == "dot" else "unit @ unit.T"
    return POSITIONAL.format(n_positions=int(n_positions), d_model=int(d_model), base=float(base), similarity_expr=expr)


def attention(model: str, text: str, layer: int, head: int, text_pair: str = "", max_tokens: int = 128) -> str:
    pair_arg = f", {text_pair!r}" if text_pair else ""
    return ATTENTION.format(
        **_model_place(model), text=text, pair_arg=pair_arg, layer=int(layer), head=int(head), max_tokens=max_tokens
    )


def architecture(model: str) -> str:
    causal = models.spec(model).role == models.CAUSAL_LM  # the tab counts the model it loads: with its LM head
    auto_class = "AutoModelForCausalLM" if causal else "AutoModel"
    rule = inspect.getsource(part_of)  # the app's own rule, so the snippet counts the same
    return ARCHITECTURE.format(**_model_place(model), model=model, auto_class=auto_class, part_of=rule)


def losses(text: str, model: str = "SmolLM2-135M-Instruct") -> str:
    return LOSSES.format(**_model_place(model), text=text)


def prompts(model: str, prompt: str) -> str:
    return PROMPTS.format(**_model_place(model), prompt=prompt)


def inside_lens(model: str, text: str, target: str) -> str:
    return INSIDE_LENS.format(**_model_place(model), text=text, target=target)


def tokens(text: str) -> str:
    try:
        gpt2 = str(embedded.gpt2_tokenizer_dir())
    except Exception:  # the embedded package is missing: the Hub's copy
        gpt2 = "openai-community/gpt2"
    smollm, minilm = _model_place("SmolLM2-135M-Instruct"), _model_place("all-MiniLM-L6-v2")
    return TOKENS.format(
        text=text,
        gpt2=gpt2,
        smollm=smollm["path"],
        smollm_hub=smollm["hub_id"],
        minilm=minilm["path"],
        minilm_hub=minilm["hub_id"],
    )
