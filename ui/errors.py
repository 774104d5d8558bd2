"""Every handler answers a bad input with a sentence a student understands, never a traceback."""

from __future__ import annotations

import functools
import logging

import gradio as gr

from playground.embedded import EmbeddedModelMissing
from playground.models import ModelUnavailable

log = logging.getLogger("playground.ui")
STUDENT_ERRORS = (ValueError, ModelUnavailable, EmbeddedModelMissing)


def friendly(fn):
    """Turn the engine's ValueError/ModelUnavailable into gr.Error; log anything unexpected."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except STUDENT_ERRORS as err:
            raise gr.Error(str(err), print_exception=False) from None
        except Exception:
            log.exception("handler %s failed", fn.__name__)
            raise gr.Error(
                "Something went wrong on the server while computing this view. "
                "Try other values; the error was logged for the host.",
                print_exception=False,
            ) from None

    return wrapper


def friendly_stream(fn):
    """`friendly` for a generator handler: the same messages, raised while it streams."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            yield from fn(*args, **kwargs)
        except gr.Error:
            raise
        except STUDENT_ERRORS as err:
            raise gr.Error(str(err), print_exception=False) from None
        except Exception:
            log.exception("handler %s failed", fn.__name__)
            raise gr.Error(
                "Something went wrong on the server while computing this view. "
                "Try other values; the error was logged for the host.",
                print_exception=False,
            ) from None

    return wrapper
