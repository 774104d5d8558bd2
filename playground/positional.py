r"""Positional encodings: sinusoidal, learned (real model weights), RoPE and ALiBi.

Source text, section 3.1.3 (位置编码) and 5.1.2 (`PositionalEncoding`). The original Transformer's

    $PE_{(pos, 2i)} = \sin(pos / base^{2i/d_{model}})$,  $PE_{(pos, 2i+1)} = \cos(pos / base^{2i/d_{model}})$

with base = 10000. Every function returns tensors or small dataclasses; nothing here draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playground.errors import InputError, Term
from playground.inputs import whole_number
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

# Bounds that keep every view's work and payload small enough for a shared 2-core machine.
MAX_D_MODEL = 1024
MAX_POSITIONS = 1024
MAX_BASE = 1e12
MAX_HEADS = 64


@dataclass(frozen=True)
class SinusoidalConfig:
    n_positions: int = 128  # rows: positions 0..n-1
    d_model: int = 128  # columns: must be even (sin/cos pairs)
    base: float = 10000.0  # the 10000 in the formula


def check_sinusoidal(n_positions: int, d_model: int, base: float) -> None:
    """Raise an InputError (a key the UI writes as a sentence) when the arguments make no sense."""
    check_positions(n_positions)
    if d_model is None or not float(d_model).is_integer() or d_model < 2:
        raise InputError("positional.err.d_model")
    if d_model % 2:
        raise InputError("positional.err.odd_d_model", d_model=d_model)
    if d_model > MAX_D_MODEL:
        raise InputError("positional.err.d_model_too_big", limit=MAX_D_MODEL, n=int(d_model))
    if base is None or not math.isfinite(base) or base <= 1 or base > MAX_BASE:
        raise InputError("positional.err.base", limit=MAX_BASE)


def check_positions(n_positions: int) -> None:
    if n_positions is None or not float(n_positions).is_integer() or n_positions < 1:
        raise InputError("positional.err.positions")
    if n_positions > MAX_POSITIONS:
        raise InputError("positional.err.too_many_positions", limit=MAX_POSITIONS, n=int(n_positions))


def inverse_frequencies(d_model: int, base: float = 10000.0) -> torch.Tensor:
    r"""$\omega_i = base^{-2i/d_{model}}$ for i = 0 .. d_model/2 - 1."""
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64)
    return base ** (-two_i / d_model)  # (d/2,)


def sinusoidal(n_positions: int, d_model: int, base: float = 10000.0) -> torch.Tensor:
    r"""$PE_{(pos,2i)} = \sin(pos\,\omega_i)$, $PE_{(pos,2i+1)} = \cos(pos\,\omega_i)$: shape (n_positions, d_model)."""
    check_sinusoidal(n_positions, d_model, base)
    n_positions, d_model = int(n_positions), int(d_model)
    pos = torch.arange(n_positions, dtype=torch.float64).unsqueeze(1)  # (n, 1)
    angle = pos * inverse_frequencies(d_model, base)  # (n, d/2)
    pe = torch.zeros(n_positions, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe.float()


@dataclass(frozen=True)
class SinusoidalValue:
    """One entry of the formula with its live numbers, for PE(pos, 2i) and PE(pos, 2i+1)."""

    pos: int
    i: int
    d_model: int
    base: float
    omega: float  # base^(-2i/d)
    angle: float  # pos * omega (radians)
    sin: float  # PE(pos, 2i)
    cos: float  # PE(pos, 2i+1)
    wavelength: float  # 2*pi / omega positions per full turn


def sinusoidal_value(pos: int, i: int, d_model: int, base: float = 10000.0) -> SinusoidalValue:
    check_sinusoidal(pos + 1 if pos is not None and pos >= 0 else 0, d_model, base)
    if i is None or not 0 <= i < d_model // 2:
        raise InputError("positional.err.pair_index", top=d_model // 2 - 1)
    omega = float(base) ** (-2 * i / d_model)
    angle = pos * omega
    return SinusoidalValue(
        int(pos), int(i), int(d_model), float(base), omega, angle, math.sin(angle), math.cos(angle), 2 * math.pi / omega
    )


def similarity(pe: torch.Tensor, kind: str = "dot") -> torch.Tensor:
    r"""Position-by-position similarity: $PE\,PE^T$ ("dot") or its cosine ("cosine"): (n, n).

    For sinusoids every row has $\|PE_{pos}\|^2 = d/2$, so dot = (d/2) * cosine and both depend only
    on the distance: $PE_p \cdot PE_q = \sum_i \cos((p-q)\,\omega_i)$.
    """
    if kind == "cosine":
        pe = torch.nn.functional.normalize(pe, dim=-1)
    elif kind != "dot":
        raise InputError("positional.err.similarity")
    return pe @ pe.T  # (n, n)


@dataclass(frozen=True)
class DistanceProfile:
    distance: torch.Tensor  # (n,) k = 0 .. n-1
    mean: torch.Tensor  # (n,) mean over p of sim(p, p+k)
    low: torch.Tensor  # (n,) min over p
    high: torch.Tensor  # (n,) max over p: equal to low when sim depends on k only


def similarity_by_distance(sim: torch.Tensor) -> DistanceProfile:
    """Summarise the k-th diagonal of a similarity matrix for every distance k."""
    n = sim.shape[0]
    p, k = torch.arange(n)[:, None], torch.arange(n)[None, :]  # row p, distance k: the entry sim(p, p+k)
    inside = p + k < n  # the k-th diagonal has n - k entries
    diagonals = sim[p, (p + k).clamp(max=n - 1)]  # (n, n): column k holds the k-th diagonal, padded below
    return DistanceProfile(
        torch.arange(n),
        diagonals.where(inside, 0).sum(0) / inside.sum(0),
        diagonals.where(inside, torch.inf).amin(0),
        diagonals.where(inside, -torch.inf).amax(0),
    )


# ---- learned absolute positions of real models ------------------------------------------------

POSITION_PARAMETER_SUFFIXES = ("position_embeddings.weight", "wpe.weight")  # BERT/DistilBERT, GPT-2


def learned_positions(model: torch.nn.Module) -> torch.Tensor:
    """The trained position-embedding table of a model: (max_positions, d_model), float32 on CPU."""
    for name, param in model.named_parameters():
        if name.endswith(POSITION_PARAMETER_SUFFIXES):
            return param.detach().float().cpu()
    raise InputError("positional.err.no_table", model=type(model).__name__)


# ---- RoPE: rotary position embedding (RoFormer; Llama, SmolLM2) ------------------------------


def rope_angles(n_positions: int, head_dim: int, theta: float) -> torch.Tensor:
    r"""Rotation angle $m\,\theta_j$ of pair j at position m, $\theta_j = theta^{-2j/d}$: (n, d/2)."""
    check_sinusoidal(n_positions, head_dim, theta)
    return torch.arange(int(n_positions), dtype=torch.float64).unsqueeze(1) * inverse_frequencies(head_dim, theta)


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    """(x1, x2) -> (-x2, x1) on the two halves of the last dim: Llama's layout of the pairs."""
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rope(x: torch.Tensor, positions: torch.Tensor, theta: float) -> torch.Tensor:
    r"""$R_m x$: rotate pair j of x (dims j and j+d/2) by $m\,\theta_j$. x: (..., T, d), positions: (T,)."""
    head_dim = x.shape[-1]
    angle = positions.double().unsqueeze(-1) * inverse_frequencies(head_dim, theta)  # (T, d/2)
    angle = torch.cat((angle, angle), dim=-1)  # (T, d)
    return (x.double() * angle.cos() + rotate_half(x.double()) * angle.sin()).to(x.dtype)


def rope_scores(q: torch.Tensor, k: torch.Tensor, n_positions: int, theta: float) -> torch.Tensor:
    r"""$s_{mn} = (R_m q)\cdot(R_n k)$ for the same q and k placed at every position: (n, n).

    RoPE's point: $s_{mn} = q^T R_{n-m} k$ depends on m - n only, so each diagonal is constant.
    """
    check_sinusoidal(n_positions, q.shape[-1], theta)
    positions = torch.arange(int(n_positions))
    q_m = apply_rope(q.double().expand(int(n_positions), -1), positions, theta)  # (n, d)
    k_n = apply_rope(k.double().expand(int(n_positions), -1), positions, theta)  # (n, d)
    return q_m @ k_n.T  # (n, n)


def random_query_key(head_dim: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """One seeded random q and k of head_dim (checked before anything is allocated): two (d,) tensors."""
    d = whole_number(head_dim, Term("the_head_dim"), 2, MAX_D_MODEL)
    if d % 2:
        raise InputError("positional.err.odd_head_dim", d=d)
    generator = torch.Generator().manual_seed(whole_number(seed, Term("the_seed"), 0, 2**63 - 1))
    q, k = torch.randn(2, d, generator=generator, dtype=torch.float64)
    return q, k


def toeplitz_deviation(scores: torch.Tensor) -> float:
    """Largest spread along any diagonal: 0 when scores depend only on the distance m - n."""
    n = scores.shape[0]
    return max(float(d.max() - d.min()) for d in (torch.diagonal(scores, o) for o in range(-n + 1, n)))


# ---- ALiBi: attention with linear biases (Press et al. 2022; BLOOM, MPT) ---------------------


def alibi_slopes(n_heads: int) -> torch.Tensor:
    r"""Head h gets slope $m_h = 2^{-8h/H}$ (h = 1..H) when H is a power of two; otherwise the
    slopes of the closest lower power of two, then every other slope of the next one."""
    if n_heads is None or not float(n_heads).is_integer() or not 1 <= n_heads <= MAX_HEADS:
        raise InputError("positional.err.heads", limit=MAX_HEADS)
    n_heads = int(n_heads)

    def power_of_two_slopes(n: int) -> list[float]:
        return [2 ** (-8 * h / n) for h in range(1, n + 1)]

    closest = 2 ** math.floor(math.log2(n_heads))
    slopes = power_of_two_slopes(closest)
    if closest < n_heads:
        slopes += power_of_two_slopes(2 * closest)[0::2][: n_heads - closest]
    return torch.tensor(slopes, dtype=torch.float64)


def alibi_bias(n_heads: int, n_positions: int) -> torch.Tensor:
    r"""Bias added to causal attention scores: $b_{h,i,j} = -m_h (i - j)$ for $j \le i$, NaN above
    the diagonal (masked: a token never attends to later ones). Shape (H, n, n)."""
    check_positions(n_positions)
    slopes = alibi_slopes(n_heads)  # (H,)
    pos = torch.arange(int(n_positions), dtype=torch.float64)
    j_minus_i = pos.unsqueeze(0) - pos.unsqueeze(1)  # (n, n): -(i - j), 0 on the diagonal
    bias = slopes.view(-1, 1, 1) * j_minus_i  # (H, n, n)
    return bias.masked_fill(j_minus_i > 0, float("nan"))


# ---- the source text's PositionalEncoding (section 5.1.2) ----------------------------------


@dataclass(frozen=True)
class SeedCheck:
    max_abs_diff: float  # seed's PE vs ours, with (seq, batch, d) input as the seed expects
    batch_first_error: float  # how far a (batch, seq, d) input lands from the right answer
    batch_first_positions: list[int]  # which PE row each token of sample 0 got with batch-first input


def seed_check(n_positions: int, d_model: int, batch: int = 2) -> SeedCheck:
    """Run the seed's `PositionalEncoding` and compare it with `sinusoidal(..., base=10000)`.

    The seed's buffer is (max_len, 1, d) and `forward` adds `pe[:x.size(0)]`, so it treats dim 0 as
    the sequence. Given batch-first (B, T, d) input it adds PE(b) to every token of sample b instead.
    """
    from playground.seed_code import PositionalEncoding

    ours = sinusoidal(n_positions, d_model, 10000.0)  # (T, d)
    seed = PositionalEncoding(int(d_model), max_len=int(n_positions))
    with torch.no_grad():
        seq_first = seed(torch.zeros(int(n_positions), batch, int(d_model)))  # (T, B, d)
        batch_first = seed(torch.zeros(batch, int(n_positions), int(d_model)))  # (B, T, d): wrong layout
    max_abs_diff = float((seq_first - ours.unsqueeze(1)).abs().max())
    batch_first_error = float((batch_first - ours.unsqueeze(0)).abs().max())
    got = [int(torch.cdist(row.unsqueeze(0), ours).argmin()) for row in batch_first[0]]
    return SeedCheck(max_abs_diff, batch_first_error, got)


def rope_settings(config) -> tuple[float, int]:
    """(theta, head_dim) of a RoPE model from its transformers config (v5 keeps theta in rope_parameters)."""
    params = getattr(config, "rope_parameters", None) or {}
    theta = params.get("rope_theta") if isinstance(params, dict) else None
    theta = theta or getattr(config, "rope_theta", None)
    if theta is None:
        raise InputError("positional.err.no_rope", kind=config.model_type)
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
    return float(theta), int(head_dim)
