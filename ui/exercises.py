"""Predict, then reveal: a tab's exercises (playground/exercises.py) as a block at the end of the tab.

A tab declares them (`Tab(..., exercises=exercises.of_tab("attention"))`, ui/tab.py) and the descriptor adds this
block to the tab's layout. Each exercise shows its question, an input (a radio for choices, a number box, a text box
for a token) and a Check button that stays disabled until there is an answer; Check runs the live model and reveals
right or wrong, the model's own answer and the explanation with its numbers.

`reveal(exercise_id, answer)` is the whole check, from a string: a lecturer's room can pose any exercise with
`choices(ex)` (short labels and codes) and check what students sent the same way.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass

import gradio as gr

from playground import exercises
from playground.exercises import CHOICE, NUMBER, Exercise
from ui.i18n import t
from ui.i18n.en import EN
from ui.view import on, view


def label(code: str) -> str:
    """A choice's short label in the page's language (a value such as '0.5' or 'animal' is its own label)."""
    key = f"exercise.choice.{code}"
    return t(key) if key in EN else code


def choices(ex: Exercise) -> list[tuple[str, str]]:
    """(label, code) for each choice of a multiple-choice exercise."""
    return [(label(code), code) for code in ex.choices]


def shown(ex: Exercise, answer: str) -> str:
    """The live answer as the page shows it: a choice by its label, a token with its spaces visible."""
    if ex.kind == CHOICE:
        return label(answer)
    return html.escape(answer.replace(" ", "␣") if ex.kind == exercises.TOKEN else answer)


@functools.cache
def live_answer(exercise_id: str) -> exercises.Live:
    """The live model's answer, computed once per process: a class pressing Check runs the model once (the app's
    models do not change while it runs; an error is not kept)."""
    return exercises.exercise(exercise_id).live()


@view(cache=False, gpu=True)
def reveal(exercise_id: str, answer) -> str:
    """Right or wrong, the model's real answer and the explanation with the live numbers (Markdown)."""
    ex = exercises.exercise(exercise_id)
    ex.parse(answer)  # a bad answer is told before the model runs
    live = live_answer(ex.id)
    verdict = t("exercise.right") if ex.check(answer, live) else t("exercise.wrong")
    explanation = t(f"exercise.{ex.id}.explain", **live.values)
    return f"{verdict} {t('exercise.model_answer', answer=shown(ex, live.answer))}\n\n{explanation}"


def answered(value) -> gr.Button:
    """The Check button, enabled once there is something to check."""
    return gr.Button(interactive=value is not None and str(value).strip() != "")


def answer_input(ex: Exercise):
    """The input that suits the exercise's kind."""
    elem_id = f"exercise-{ex.id}-answer"
    if ex.kind == CHOICE:
        return gr.Radio(choices(ex), value=None, label=t("exercise.your_choice"), elem_id=elem_id)
    if ex.kind == NUMBER:
        return gr.Number(None, label=t("exercise.your_number"), elem_id=elem_id)
    return gr.Textbox("", label=t("exercise.your_token"), max_length=exercises.MAX_ANSWER_CHARS, elem_id=elem_id)


@dataclass
class Panel:
    """The tab's block: the accordion (a scene that ends with a question opens it) and each exercise's parts."""

    accordion: gr.Accordion
    inputs: dict  # exercise id -> its answer input
    reveals: dict  # exercise id -> its reveal Markdown


def build(tab_exercises: tuple[Exercise, ...], tab_id: str) -> Panel:
    """The block, in the current gr.Blocks, wired."""
    inputs, reveals = {}, {}
    with gr.Accordion(t("exercise.title"), open=False, elem_id=f"exercises-{tab_id}") as accordion:
        gr.Markdown(t("exercise.intro"))
        for ex in tab_exercises:
            with gr.Group(elem_id=f"exercise-{ex.id}"):
                gr.Markdown(t(f"exercise.{ex.id}"), elem_id=f"exercise-{ex.id}-question")
                answer = answer_input(ex)
                check_button = gr.Button(t("exercise.check"), interactive=False, elem_id=f"exercise-{ex.id}-check")
                result_md = gr.Markdown(elem_id=f"exercise-{ex.id}-reveal")
            exercise_id = gr.State(ex.id)
            on(answer.change, answered, answer, check_button, trigger_mode="always_last")
            on(check_button.click, reveal, [exercise_id, answer], result_md)
            inputs[ex.id], reveals[ex.id] = answer, result_md
    return Panel(accordion, inputs, reveals)
