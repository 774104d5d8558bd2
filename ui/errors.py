"""Every handler answers a bad input with a sentence a student understands, never a traceback."""

from __future__ import annotations

import functools
import html
import inspect
import logging

import gradio as gr

from playground.embedded import EmbeddedModelMissing
from playground.errors import Coded, Term
from playground.inputs import check_strings
from playground.models import ModelUnavailable
from ui.i18n import resolve, t, translate_error

log = logging.getLogger("playground.ui")
STUDENT_ERRORS = (ValueError, ModelUnavailable, EmbeddedModelMissing)


def coded_sentence(err: Coded) -> str:
    """The sentence of an engine error: its key's text with its values, a `Term` value translated too."""
    try:
        values = {name: t(f"term.{v.name}") if isinstance(v, Term) else v for name, v in err.params.items()}
        return t(err.key, **values)
    except KeyError:  # a key without a sentence yet: say so in the log, show the generic sentence
        log.warning("no sentence for the engine error %s", err.describe())
        return t("error.generic")


def friendly(fn):
    """Turn the engine's ValueError/ModelUnavailable into gr.Error; log anything unexpected.

    Every string argument is checked first (a lone surrogate would crash a tokenizer deep inside); inputs that
    still hold a translation marker become their sentence in the visitor's language (ui/i18n).
    A generator handler (a streaming view) stays a generator, so gradio still streams it."""

    def translated(err: Exception) -> gr.Error:
        if isinstance(err, gr.Error):
            return err
        if isinstance(err, Coded):  # the engine's key and values: the sentence in the page's language
            return gr.Error(html.escape(coded_sentence(err), quote=False), print_exception=False)
        if isinstance(err, STUDENT_ERRORS):  # gradio renders the message as HTML: what a visitor typed stays text
            return gr.Error(html.escape(translate_error(str(err)), quote=False), print_exception=False)
        log.exception("handler %s failed", fn.__name__)
        return gr.Error(t("error.unexpected"), print_exception=False)

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def streaming(*args, **kwargs):
            try:
                check_strings([args, kwargs])
                yield from fn(*map(resolve, args), **{k: resolve(v) for k, v in kwargs.items()})
            except Exception as err:
                raise translated(err) from None

        return streaming

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            check_strings([args, kwargs])
            return fn(*map(resolve, args), **{k: resolve(v) for k, v in kwargs.items()})
        except Exception as err:
            raise translated(err) from None

    return wrapper
