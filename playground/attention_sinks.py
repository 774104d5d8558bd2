r"""Attention sinks (Xiao et al. 2023): most heads of a causal LM pour much of their attention on the FIRST token.

Why there must be a sink: each query's weights are a softmax, so they are positive and sum to 1,

    $a_{ij} = \dfrac{e^{q_i \cdot k_j / \sqrt{d_k}}}{\sum_{j' \leq i} e^{q_i \cdot k_{j'} / \sqrt{d_k}}}$,
    $\sum_{j \leq i} a_{ij} = 1$

A head with nothing useful to read at some query cannot attend to "nothing": the weight must go somewhere. The
first position is the one key that every query sees (causal mask, $j \leq i$), so training makes it the
parking place: a key with a large dot product with every query and a small value vector, whose reading adds
little. The sink follows the POSITION, not the word: `attention_sinks` measures it on the text, on the text
with its first token swapped for another word (the sink stays at position 0), and on the text with a word
prepended (the original first word, now at position 1, loses it; the new first token takes it).

Sink share of layer l, head h: the mean weight that queries $i \geq 1$ give to key 0,
$s_{l,h} = \frac{1}{T-1}\sum_{i=1}^{T-1} a^{(l,h)}_{i0}$, against $\frac{1}{T-1}\sum_{i=1}^{T-1}\frac{1}{i+1}$ for
uniform attention.
"""

from __future__ import annotations

from dataclasses import dataclass

from playground import inside_inputs
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

MAX_TOKENS = 64  # the weights are (L, H, T, T)
OTHER_FIRST_WORDS = ("Hello", "Yesterday")  # the control's replacement first token (the second if the first is it)


@dataclass(frozen=True)
class AttentionSinks:
    model: str
    tokens: list[str]  # the text's T tokens
    sink: torch.Tensor  # (L, H): $s_{l,h}$, mean weight of queries i >= 1 on key 0
    replaced_tokens: list[str]  # the same text, first token swapped for another word
    replaced_sink: torch.Tensor  # (L, H): the same share with the other first word
    shifted_tokens: list[str]  # another word prepended: T+1 tokens
    shifted_sink: torch.Tensor  # (L, H): mean weight of queries i >= 2 on the new key 0
    shifted_word: torch.Tensor  # (L, H): ... on key 1, the original first word
    uniform: float  # the share key 0 would get if every query spread its weight evenly

    @property
    def mean(self) -> float:
        return float(self.sink.mean())

    @property
    def replaced_mean(self) -> float:
        return float(self.replaced_sink.mean())

    @property
    def shifted_mean(self) -> float:
        return float(self.shifted_sink.mean())

    @property
    def shifted_word_mean(self) -> float:
        return float(self.shifted_word.mean())

    @property
    def sink_heads(self) -> int:
        """How many heads give key 0 more than half their weight, on average."""
        return int((self.sink > 0.5).sum())


def attention_weights(model, ids: torch.Tensor) -> torch.Tensor:
    """(L, H, T, T): every layer's and head's softmax weights for ids (1, T). Needs eager attention."""
    device = next(model.parameters()).device
    with torch.inference_mode():
        out = model(input_ids=ids.to(device), output_attentions=True, use_cache=False, logits_to_keep=1)
    if not out.attentions:
        raise RuntimeError("the model returned no attention weights: it must be loaded with eager attention")
    return torch.stack(out.attentions)[:, 0].float().cpu()


def share_to(att: torch.Tensor, key: int, first_query: int) -> torch.Tensor:
    r"""$\frac{1}{n}\sum_{i \geq \text{first\_query}} a_{i,\text{key}}$: (L, H, T, T) -> (L, H)."""
    return att[:, :, first_query:, key].mean(dim=-1)


def uniform_share(t: int) -> float:
    r"""$\frac{1}{T-1}\sum_{i=1}^{T-1} \frac{1}{i+1}$: key 0's share if every query $i$ spread $1/(i+1)$ evenly."""
    return sum(1 / (i + 1) for i in range(1, t)) / (t - 1)


def other_first_token(tokenizer, first_id: int) -> int:
    """A one-token word for position 0 that is not the text's own first token."""
    candidates = [tokenizer(word, add_special_tokens=False).input_ids for word in OTHER_FIRST_WORDS]
    return next(ids[0] for ids in candidates if ids[0] != first_id)


def attention_sinks(model_name: str, text: str) -> AttentionSinks:
    """The sink share per layer and head of a text of 2..MAX_TOKENS tokens, and the two controls."""
    loaded = inside_inputs.load_causal(model_name)
    tokenizer, net = loaded.tokenizer, loaded.model
    ids = inside_inputs.encode(tokenizer, text, MAX_TOKENS, min_tokens=2)  # (1, T)
    other = torch.tensor([[other_first_token(tokenizer, int(ids[0, 0]))]])  # (1, 1)
    replaced = torch.cat([other, ids[:, 1:]], dim=1)  # (1, T)
    shifted = torch.cat([other, ids], dim=1)  # (1, T+1)
    shifted_att = attention_weights(net, shifted)
    labels = lambda x: inside_inputs.labels(tokenizer, x[0].tolist())  # noqa: E731
    return AttentionSinks(
        model=model_name,
        tokens=labels(ids),
        sink=share_to(attention_weights(net, ids), key=0, first_query=1),
        replaced_tokens=labels(replaced),
        replaced_sink=share_to(attention_weights(net, replaced), key=0, first_query=1),
        shifted_tokens=labels(shifted),
        shifted_sink=share_to(shifted_att, key=0, first_query=2),
        shifted_word=share_to(shifted_att, key=1, first_query=2),
        uniform=uniform_share(ids.shape[1]),
    )
