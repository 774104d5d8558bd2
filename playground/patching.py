r"""Activation patching (causal tracing, Meng et al. 2022): which (layer, position) carries the answer.

Run a clean prompt ("The Eiffel Tower is in the city of" -> " Paris") and a corrupted one of the same token
length ("The Colosseum is in the city of" -> " Rome"; both 9 SmolLM2 tokens). Then rerun the corrupted prompt
with ONE residual vector $h_\ell[p]$ (see `playground.residual`: $\ell = 0$ the embeddings, $\ell \geq 1$ the
output of decoder layer $\ell-1$, L+1 layers in all) copied from the clean run. The score at the last position is
the logit difference between the two answers, and how much of the clean difference the patch brings back:

    $D = z_{\text{clean answer}} - z_{\text{corrupt answer}}$,
    $r_{\ell,p} = \dfrac{D_{\text{patched}(\ell,p)} - D_{\text{corrupt}}}{D_{\text{clean}} - D_{\text{corrupt}}}$

$r = 1$: that single vector restores the clean answer; $r = 0$: it changes nothing.

The sweep over every (layer, position) is (L+1)·T corrupted runs (279 for SmolLM2 on 9 tokens). They run as a
BATCH of corrupted copies, copy b patched at its own cell by a forward pre-hook on the module that reads
$h_\ell$ (decoder layer $\ell$, or the final norm): a few wide forwards instead of hundreds of narrow ones, with
the same numbers (tests/test_patching.py compares against a one-patch-at-a-time loop).
"""

from __future__ import annotations

from dataclasses import dataclass

from playground import inside_inputs, residual
from playground.errors import InputError
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

DEFAULT_CLEAN = "The Eiffel Tower is in the city of"
DEFAULT_CORRUPT = "The Colosseum is in the city of"
DEFAULT_ANSWERS = (" Paris", " Rome")
MAX_TOKENS = 24  # the sweep is (L+1) x T corrupted runs: 31 x 24 = 744 for SmolLM2
BATCH = 64  # corrupted copies per forward pass


@dataclass(frozen=True)
class Patching:
    model: str
    clean_tokens: list[str]
    corrupt_tokens: list[str]
    answers: tuple[str, str]  # (clean answer, corrupt answer), one token each
    answer_ids: tuple[int, int]
    clean_diff: float  # $D_{clean}$
    corrupt_diff: float  # $D_{corrupt}$
    diffs: torch.Tensor  # (L+1, T): $D_{patched(l, p)}$
    recovered: torch.Tensor  # (L+1, T): $r_{l,p}$

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.diffs.shape)


def logit_difference(logits: torch.Tensor, answer_ids: tuple[int, int]) -> torch.Tensor:
    r"""$z_a - z_b$ at the last position: logits (B, T, V) -> (B,)."""
    last = logits[:, -1].float()  # (B, V)
    return last[:, answer_ids[0]] - last[:, answer_ids[1]]


def patched_logits(model, corrupt_ids: torch.Tensor, clean_stream: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
    """Batched corrupted runs: copy b takes the clean $h_\\ell[p]$ wherever masks[b, l, p] is True.

    corrupt_ids (1, T), clean_stream (L+1, T, d), masks (B, L+1, T) bool -> last-position logits (B, 1, V).
    """
    copies = masks.shape[0]

    def patch(layer: int, hidden: torch.Tensor) -> torch.Tensor:  # hidden (B, T, d)
        where = masks[:, layer].to(hidden.device)  # (B, T)
        if not where.any():
            return hidden
        clean = clean_stream[layer].to(hidden.device, hidden.dtype).expand_as(hidden)  # (B, T, d)
        return torch.where(where[..., None], clean, hidden)

    device = next(model.parameters()).device
    with torch.inference_mode(), residual.rewritten(model, patch):
        ids = corrupt_ids.to(device).expand(copies, -1)  # (B, T)
        return model(input_ids=ids, use_cache=False, logits_to_keep=1).logits


def one_cell_masks(cells: list[tuple[int, int]], layers: int, t: int) -> torch.Tensor:
    """(len(cells), layers, T) bool: copy b patched at cells[b] = (layer, position) only."""
    masks = torch.zeros(len(cells), layers, t, dtype=torch.bool)
    for b, (layer, position) in enumerate(cells):
        masks[b, layer, position] = True
    return masks


def sweep(model, clean_ids, corrupt_ids, answer_ids, batch: int = BATCH) -> tuple[float, float, torch.Tensor]:
    """$D_{clean}$, $D_{corrupt}$ and $D_{patched}$ (L+1, T) for every single-cell patch, `batch` copies a pass."""
    clean_logits, clean_stream = residual.record(model, clean_ids, logits_to_keep=1)  # stream (L+1, 1, T, d)
    clean_stream = clean_stream[:, 0]  # (L+1, T, d)
    layers, t = clean_stream.shape[0], clean_stream.shape[1]
    with torch.inference_mode():
        corrupt_logits = model(input_ids=corrupt_ids, use_cache=False, logits_to_keep=1).logits
    cells = [(layer, p) for layer in range(layers) for p in range(t)]
    diffs = []
    for start in range(0, len(cells), batch):
        masks = one_cell_masks(cells[start : start + batch], layers, t)
        diffs.append(logit_difference(patched_logits(model, corrupt_ids, clean_stream, masks), answer_ids).cpu())
    clean_diff = float(logit_difference(clean_logits, answer_ids))
    corrupt_diff = float(logit_difference(corrupt_logits, answer_ids))
    return clean_diff, corrupt_diff, torch.cat(diffs).reshape(layers, t)


def recovered_fraction(diffs: torch.Tensor, clean_diff: float, corrupt_diff: float) -> torch.Tensor:
    r"""$r = (D_{patched} - D_{corrupt}) / (D_{clean} - D_{corrupt})$; NaN where the two runs do not differ."""
    gap = clean_diff - corrupt_diff
    if gap == 0:
        return torch.full_like(diffs, float("nan"))
    return (diffs - corrupt_diff) / gap


# Patches whose r is within BEST_TOL of the largest tie: float32 rounding decides between them otherwise, and it
# differs from one CPU to another (r = 0.9999996 for the differing token at the embeddings, 1.0000005 for the last
# position at the top, in the tests' tiny model; the two swapped places between machines).
BEST_TOL = 1e-3


def best_patch(recovered: torch.Tensor, tol: float = BEST_TOL) -> tuple[int, int]:
    """The (layer, position) of the largest r, NaN never best; among those within `tol` of it the earliest layer,
    then the earliest position: where the information first suffices."""
    finite = torch.nan_to_num(recovered, nan=-float("inf"))
    layer, position = torch.nonzero(finite >= finite.max() - tol)[0].tolist()
    return int(layer), int(position)


def patch(
    model_name: str,
    clean: str = DEFAULT_CLEAN,
    corrupt: str = DEFAULT_CORRUPT,
    answers: tuple[str, str] = DEFAULT_ANSWERS,
) -> Patching:
    """The whole sweep for two prompts of the same token length (at most MAX_TOKENS) and two one-token answers."""
    loaded = inside_inputs.load_causal(model_name)
    tokenizer, net = loaded.tokenizer, loaded.model
    clean_ids = inside_inputs.encode(tokenizer, clean, MAX_TOKENS, field="clean")
    corrupt_ids = inside_inputs.encode(tokenizer, corrupt, MAX_TOKENS, field="corrupt")
    if clean_ids.shape != corrupt_ids.shape:
        raise InputError("inside.err.lengths_differ", clean=clean_ids.shape[1], corrupt=corrupt_ids.shape[1])
    answer_ids = (
        inside_inputs.one_token(tokenizer, answers[0], "clean_answer"),
        inside_inputs.one_token(tokenizer, answers[1], "corrupt_answer"),
    )
    if answer_ids[0] == answer_ids[1]:
        raise InputError("inside.err.same_answers", word=answers[0])
    device = next(net.parameters()).device
    clean_diff, corrupt_diff, diffs = sweep(net, clean_ids.to(device), corrupt_ids.to(device), answer_ids)
    return Patching(
        model=model_name,
        clean_tokens=inside_inputs.labels(tokenizer, clean_ids[0].tolist()),
        corrupt_tokens=inside_inputs.labels(tokenizer, corrupt_ids[0].tolist()),
        answers=(str(answers[0]), str(answers[1])),
        answer_ids=answer_ids,
        clean_diff=clean_diff,
        corrupt_diff=corrupt_diff,
        diffs=diffs,
        recovered=recovered_fraction(diffs, clean_diff, corrupt_diff),
    )
