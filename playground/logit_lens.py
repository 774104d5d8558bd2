r"""The logit lens (nostalgebraist 2020): read the model's guess for the next token at every depth.

Each residual snapshot $h_\ell$ (see `playground.residual`: $h_0$ the embeddings, $h_\ell$ the output of
decoder layer $\ell-1$, L+1 of them) goes through the model's own final norm and unembedding, as if the
layers above it were skipped:

    $\mathrm{logits}_\ell = W_U\,\mathrm{norm}(h_\ell)$,   $p_\ell = \mathrm{softmax}(\mathrm{logits}_\ell)$

At $\ell = L$ this IS the model's output, so the last row equals its next-token logits (tested to 1e-4). The
final norm is found by name (model.model.norm for Llama, transformer.ln_f for GPT-2, see `residual.final_norm`).

For every (layer, position) cell: the top token, its probability, and for a target token its probability and
rank (1 = the top). Cost: the unembedding is (L+1)·T·d·V multiply-adds, which for SmolLM2 is ~6x the FLOPs of
the forward pass itself (V = 49152 is wide); it runs as a few large matmuls, each chunk reduced at once
(max, logsumexp, the target's logit and rank) so the (L+1, T, V) logits never exist all together.
Measured by bench/inside.py on 2 CPU cores at 32 tokens: 5.6-8.9x one bare forward with output_hidden_states, which
is the FLOP ratio above; an exact full-vocabulary lens cannot be cheaper than its unembedding.

    >>> lens = logit_lens("SmolLM2-135M-Instruct", "The capital of France is", target=" Paris")  # doctest: +SKIP
    >>> lens.top_tokens[-1][-1], lens.target_ranks[-1, -1].item()                          # doctest: +SKIP
    (' Paris', 1)
"""

from __future__ import annotations

from dataclasses import dataclass

from playground import inside_inputs, residual
from playground.errors import InputError
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

MAX_TOKENS = 64  # the view is (L+1) x T cells: 31 x 64 for SmolLM2
MAX_TOP_K = 50
CHUNK_ROWS = 128  # rows of the (rows, V) logits reduced at once: 128 x 49152 floats = 25 MB


@dataclass(frozen=True)
class LogitLens:
    model: str
    ids: list[int]  # the prompt's T token ids
    tokens: list[str]  # their text
    top_ids: torch.Tensor  # (L+1, T) long: argmax of p_l at each position
    top_tokens: list[list[str]]  # (L+1) x T: their text
    top_probs: torch.Tensor  # (L+1, T)
    target: str | None  # the target word (one token), or None
    target_id: int | None
    target_probs: torch.Tensor | None  # (L+1, T): p_l(target)
    target_ranks: torch.Tensor | None  # (L+1, T) long: 1 when the target is the top token
    stream: torch.Tensor  # (L+1, T, d) the raw residual stream, for `cell_top_k`

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.top_probs.shape)


@dataclass(frozen=True)
class CellTopK:
    layer: int
    position: int
    ids: list[int]
    tokens: list[str]
    probs: list[float]


def lens_logits(model, stream: torch.Tensor) -> torch.Tensor:
    r"""$W_U\,\mathrm{norm}(h)$ for any (..., d) residual vectors: (..., V)."""
    norm, head = residual.final_norm(model), residual.unembedding(model)
    with torch.inference_mode():
        return head(norm(stream.to(head.weight.device, head.weight.dtype))).float()


def reduce_rows(model, rows: torch.Tensor, target_id: int | None) -> dict[str, torch.Tensor]:
    """rows: (N, d) residual vectors -> top id, top prob, target prob and rank, each (N,), chunk by chunk."""
    parts: dict[str, list[torch.Tensor]] = {"top_ids": [], "top_probs": [], "target_probs": [], "target_ranks": []}
    for chunk in rows.split(CHUNK_ROWS):
        z = lens_logits(model, chunk)  # (n, V)
        log_z = torch.logsumexp(z, dim=-1)  # (n,) $\log \sum_v e^{z_v}$
        top, top_id = z.max(dim=-1)
        parts["top_ids"].append(top_id.cpu())
        parts["top_probs"].append(torch.exp(top - log_z).cpu())  # $p = e^{z_{top} - \log Z}$
        if target_id is not None:
            z_target = z[:, target_id]  # (n,)
            parts["target_probs"].append(torch.exp(z_target - log_z).cpu())
            parts["target_ranks"].append((z > z_target[:, None]).sum(dim=-1).cpu() + 1)
    return {name: torch.cat(values) for name, values in parts.items() if values}


def logit_lens(model_name: str, text: str, target: str | None = None) -> LogitLens:
    """The lens over every layer and position of a prompt of at most MAX_TOKENS tokens.

    target: a word that is exactly one token (" Paris", with its leading space), or None/"" for none.
    """
    loaded = inside_inputs.load_causal(model_name)
    tokenizer, net = loaded.tokenizer, loaded.model
    ids = inside_inputs.encode(tokenizer, text, MAX_TOKENS)  # (1, T)
    target_id = inside_inputs.one_token(tokenizer, target) if target not in (None, "") else None
    _, stream = residual.record(net, ids, logits_to_keep=1)  # (L+1, 1, T, d); only the last logits computed
    stream = stream[:, 0]  # (L+1, T, d)
    cells, t = stream.shape[0], stream.shape[1]
    found = {name: v.reshape(cells, t) for name, v in reduce_rows(net, stream.flatten(0, 1), target_id).items()}
    labels = {i: inside_inputs.labels(tokenizer, [i])[0] for i in found["top_ids"].unique().tolist()}
    return LogitLens(
        model=model_name,
        ids=ids[0].tolist(),
        tokens=inside_inputs.labels(tokenizer, ids[0].tolist()),
        top_ids=found["top_ids"],
        top_tokens=[[labels[i] for i in row] for row in found["top_ids"].tolist()],
        top_probs=found["top_probs"],
        target=target if target_id is not None else None,
        target_id=target_id,
        target_probs=found.get("target_probs"),
        target_ranks=found.get("target_ranks"),
        stream=stream.cpu(),
    )


def cell_top_k(lens: LogitLens, layer, position, k=10) -> CellTopK:
    """The k most probable tokens of $p_\\ell$ at one cell (layer in 0..L, position in 0..T-1)."""
    cells, t = lens.shape
    layer = inside_inputs.check_index(layer, cells, "inside.err.layer_range")
    position = inside_inputs.check_index(position, t, "inside.err.position_range")
    k = inside_inputs.check_index(k, MAX_TOP_K + 1, "inside.err.top_k_range")
    if k == 0:
        raise InputError("inside.err.top_k_range", value=str(k), high=MAX_TOP_K)
    loaded = inside_inputs.load_causal(lens.model)
    probs = torch.softmax(lens_logits(loaded.model, lens.stream[layer, position]), dim=-1)  # (V,)
    top = torch.topk(probs, k)
    ids = top.indices.tolist()
    return CellTopK(layer, position, ids, inside_inputs.labels(loaded.tokenizer, ids), top.values.tolist())
