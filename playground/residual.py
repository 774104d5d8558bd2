r"""The residual stream of a causal LM: where its parts sit in the module tree, and how to read it.

A decoder-only transformer keeps one vector per position, the residual stream, and every block adds to it:

    $h_0 = \mathrm{embed}(x)$,   $h_{\ell+1} = h_\ell + \mathrm{attn}_\ell(h_\ell) + \mathrm{mlp}_\ell(\ldots)$,
    $\mathrm{logits} = W_U\,\mathrm{norm}(h_L)$

so there are L+1 snapshots $h_0 \ldots h_L$ of shape (T, d). Snapshot $\ell$ is what the module `readers(model)[l]`
receives: decoder layer $\ell$ for $\ell < L$, and the final norm for $\ell = L$. Reading the inputs of those
modules (forward pre-hooks) gives the stream the same way for Llama (model.model.layers, model.model.norm),
GPT-2 (transformer.h, transformer.ln_f) and their relatives, GPT-2's position embeddings included.

Why not `output_hidden_states[-1]`: transformers (5.24, Llama and GPT-2 alike) returns the last entry AFTER the
final norm, i.e. $\mathrm{norm}(h_L)$, while entries 0..L-1 are raw. Applying the norm to it again would be
wrong (RMSNorm/LayerNorm with weights is not idempotent); the pre-hook on the final norm gives the raw $h_L$.
tests/test_logit_lens.py checks both facts against `output_hidden_states`.
"""

from __future__ import annotations

from contextlib import contextmanager

from playground.errors import InputError
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

LAYER_LISTS = ("layers", "h", "blocks")  # Llama/Mistral/Qwen/GPT-NeoX, GPT-2/GPT-J, others
FINAL_NORMS = ("norm", "ln_f", "final_layer_norm", "final_layernorm")  # Llama..., GPT-2, OPT/NeoX, Phi


def decoder_layers(model) -> torch.nn.ModuleList:
    """The list of decoder blocks (L of them)."""
    base = model.get_decoder()
    for name in LAYER_LISTS:
        found = getattr(base, name, None)
        if isinstance(found, torch.nn.ModuleList):
            return found
    raise InputError("inside.err.unsupported_model", architecture=type(model).__name__)


def final_norm(model) -> torch.nn.Module:
    """The norm before the unembedding: a known attribute name of the base model, else its last child whose
    class name says Norm (RMSNorm, LayerNorm)."""
    base = model.get_decoder()
    for name in FINAL_NORMS:
        found = getattr(base, name, None)
        if isinstance(found, torch.nn.Module):
            return found
    norms = [child for child in base.children() if "norm" in type(child).__name__.lower()]
    if not norms:
        raise InputError("inside.err.unsupported_model", architecture=type(model).__name__)
    return norms[-1]


def unembedding(model) -> torch.nn.Linear:
    """$W_U$: the lm_head, (V, d)."""
    head = model.get_output_embeddings()
    if not isinstance(head, torch.nn.Linear):
        raise InputError("inside.err.unsupported_model", architecture=type(model).__name__)
    return head


def readers(model) -> list[torch.nn.Module]:
    """The L+1 modules whose first input is the residual stream $h_0 \\ldots h_L$."""
    return [*decoder_layers(model), final_norm(model)]


def n_layers(model) -> int:
    return len(decoder_layers(model))


def _hidden(args: tuple, kwargs: dict) -> torch.Tensor:
    return args[0] if args else kwargs["hidden_states"]


def _with_hidden(args: tuple, kwargs: dict, hidden: torch.Tensor) -> tuple[tuple, dict]:
    if args:
        return (hidden, *args[1:]), kwargs
    return args, {**kwargs, "hidden_states": hidden}


@contextmanager
def rewritten(model, rewrite):
    """While inside, `rewrite(l, h)` sees each residual snapshot $h_\\ell$ (B, T, d) as it flows in and returns
    it (or a replacement, e.g. a patched copy)."""
    handles = []
    for index, module in enumerate(readers(model)):

        def hook(_module, args, kwargs, index=index):
            hidden = rewrite(index, _hidden(args, kwargs))
            return _with_hidden(args, kwargs, hidden)

        handles.append(module.register_forward_pre_hook(hook, with_kwargs=True))
    try:
        yield
    finally:
        for handle in handles:
            handle.remove()


def record(model, ids: torch.Tensor, **forward_kwargs) -> tuple[torch.Tensor, torch.Tensor]:
    """One forward pass: (logits (B, T', V), stream (L+1, B, T, d)) with the raw residual stream."""
    stream = []

    def keep(_index, hidden):
        stream.append(hidden)
        return hidden

    device = next(model.parameters()).device
    with torch.inference_mode(), rewritten(model, keep):
        out = model(input_ids=ids.to(device), use_cache=False, **forward_kwargs)
    return out.logits, torch.stack(stream)
