"""Every handler answers a bad input with a sentence a student understands, never a traceback.

The engine (and the UI's own checks) raise a key and its values (`playground.errors`); the sentence is written
here, from the text tables, in the language of the request."""

from __future__ import annotations

import functools
import html
import inspect
import logging

import gradio as gr

from playground.batching import EngineError
from playground.embedded import EmbeddedModelMissing
from playground.errors import Coded
from playground.inputs import check_strings
from playground.models import ModelUnavailable
from ui.i18n import resolve, say, t

log = logging.getLogger("playground.ui")
STUDENT_ERRORS = (ValueError, ModelUnavailable, EmbeddedModelMissing, EngineError)


def sentence(err: Exception) -> str:
    """What an error says to a student, in the request's language: a coded one from its key, any other as is.
    A key without a sentence (a gap in the tables) is logged and said with the generic sentence, never as a crash."""
    if not isinstance(err, Coded):
        return str(err)
    try:
        return say(err)
    except (KeyError, IndexError, ValueError):
        log.warning("no sentence for the engine's %s", err.describe())
        return t("error.generic")


def friendly(fn):
    """Turn the engine's ValueError/ModelUnavailable into gr.Error; log anything unexpected.

    Every string argument is checked first (a lone surrogate would crash a tokenizer deep inside); inputs that
    still hold a translation marker become their sentence in the visitor's language (ui/i18n).
    A generator handler (a streaming view) stays a generator, so gradio still streams it."""

    def translated(err: Exception) -> gr.Error:
        if isinstance(err, gr.Error):
            return err
        if isinstance(err, STUDENT_ERRORS):  # gradio renders the message as HTML: what a visitor typed stays text
            return gr.Error(html.escape(sentence(err), quote=False), print_exception=False)
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
