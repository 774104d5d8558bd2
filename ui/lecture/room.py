"""A lecturer's room on the page: the lecturer's panel (open, send the view, ask, live chart, reveal) and the
students' bar (shown on a page opened with `?room=CODE`).

The rooms themselves are playground/room.py (in memory, one lock). The lecturer's secret stays in the lecturer's
page (a `gr.State`: a reload loses control of the room; open a new one). A student is a random id that the browser
keeps in localStorage (`STUDENT_JS`), so a reload does not give a second vote. A student's page asks for the room
every `STUDENT_POLL_S` seconds and changes nothing when nothing changed; when the lecturer sends a view, the page
opens that view's share link (with `&room=CODE`), which ui/sharing/links.py restores like any shared link.

Every string a person typed (question, choices, answers) is escaped before it reaches HTML.

app.py calls `lecturer_panel()` and `student_bar()` where they go, then `wire(demo, panel, bar, share_panel)`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlsplit

import gradio as gr

from playground.room import Question, Rooms, Snapshot
from ui.errors import friendly, sentence
from ui.i18n import t
from ui.sharing import links

ROOMS = Rooms()
LECTURER_POLL_S = 1.0  # the live chart
STUDENT_POLL_S = 2.0  # 60 students: 30 tiny requests a second, most answered "nothing changed"
LIVE = dict(api_visibility="private", concurrency_limit=None, show_progress="hidden")  # never behind a model forward

# A random id kept by the browser (crypto.getRandomValues works on plain http too, unlike randomUUID).
STUDENT_JS = """(...args) => {
    let id = localStorage.getItem("playground-student");
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
        id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
        localStorage.setItem("playground-student", id);
    }
    return [id, ...args.slice(1)];
}"""
# The room's view as "CODE|NUMBER|QUERY": a number not seen yet in this browser tab opens the view's link. The page's
# own address updates (ui/sharing/links.py's replaceState) can cancel that navigation: still here 15 s later, try again.
FOLLOW_JS = """(value) => {
    if (!value) return;
    const [code, number, ...rest] = value.split("|");
    const query = rest.join("|"), key = "playground-room-view-" + code, going = window.playgroundRoomGoing;
    const stuck = going && going.number === number && Date.now() - going.at > 15000;
    if (sessionStorage.getItem(key) === number && !stuck) return;
    sessionStorage.setItem(key, number);
    if (!query) return;
    window.playgroundRoomGoing = { number, at: Date.now() };
    window.location.assign("?" + query + "&room=" + encodeURIComponent(code));
}"""
PAGE_JS = "(...args) => [window.location.origin + window.location.pathname, ...args.slice(1)]"


# ---- what the page shows (escaped) ----------------------------------------------------------------


def code_html(code: str, link: str) -> str:
    """The code shown large (in two groups of four, read aloud easily), its join link and QR code."""
    spaced = f"{code[:4]} {code[4:]}"
    label = html.escape(t("room.join_label", link=link))
    return (
        f'<div id="room-code" style="font:700 64px/1.1 monospace;letter-spacing:0.08em">{html.escape(spaced)}</div>'
        f'<p id="room-link">{label}</p>{links.qr_html(link, elem_id="room-qr")}'
    )


def chart_html(question: Question | None, counts: list[int] | tuple[int, ...], revealed: bool) -> str:
    """The answers as horizontal bars (label, bar, count); the right one marked once revealed."""
    if question is None:
        return ""
    total, top = sum(counts), max(counts, default=0) or 1
    rows = []
    for i, (label, n) in enumerate(zip(question.choices, counts, strict=True)):
        right = revealed and question.correct == i
        colour = "#1a7f37" if right else "#0033aa"
        mark = " ✓" if right else ""
        rows.append(
            f'<div class="room-row" style="display:flex;gap:8px;align-items:center;margin:4px 0">'
            f'<span class="room-label" style="flex:0 0 30%;overflow-wrap:anywhere">{html.escape(label)}{mark}</span>'
            f'<span style="flex:1;background:#eee"><span style="display:block;height:1.6em;'
            f'width:{100 * n / top:.1f}%;background:{colour}"></span></span>'
            f'<span class="room-count" style="flex:0 0 3em;text-align:right">{n}</span></div>'
        )
    title = (
        f'<p class="room-question"><b>{html.escape(question.text)}</b> · {html.escape(t("room.answers", n=total))}</p>'
    )
    return f'<div class="room-chart" role="figure">{title}{"".join(rows)}</div>'


def result_html(shot: Snapshot) -> str:
    """A student's result after the reveal: the chart, the right answer, theirs."""
    question = shot.question
    lines = [chart_html(question, shot.counts or (), True)]
    mine = question.choices[shot.mine] if shot.mine is not None else None
    if question.correct is None:
        said = t("room.you_chose", choice=mine) if mine else t("room.you_none")
    elif mine is None:
        said = t("room.you_none") + " " + t("room.right", choice=question.choices[question.correct])
    elif shot.mine == question.correct:
        said = t("room.you_right", choice=mine)
    else:
        said = t("room.you_wrong", choice=mine, right=question.choices[question.correct])
    return "".join(lines) + f'<p id="room-verdict">{html.escape(said)}</p>'


def parse_choices(text: str) -> tuple[list[str], int | None]:
    """The lecturer's lines -> (choices, the index of the one marked with *, or None)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    marked = [i for i, line in enumerate(lines) if line.startswith("*")]
    if len(marked) > 1:
        raise ValueError(t("room.two_marked"))
    return [line.lstrip("*").strip() for line in lines], (marked[0] if marked else None)


# ---- the lecturer's handlers ----------------------------------------------------------------------


@friendly
def open_room(page: str, old: dict | None):
    """A new room (the lecturer's previous one from this page is closed)."""
    if old:
        try:
            ROOMS.close(old["code"], old["secret"])
        except ValueError:
            pass  # expired meanwhile
    page = page if urlsplit(page or "").scheme in ("http", "https") else "/"
    code, secret = ROOMS.open()
    link = f"{page}?{links.ROOM}={code}"
    return {"code": code, "secret": secret}, code_html(code, link), t("room.opened", code=code, link=link), ""


def _lecturer(state: dict | None) -> tuple[str, str]:
    if not state:
        raise ValueError(t("room.no_room"))
    return state["code"], state["secret"]


@friendly
def send_view(page: str, tab: str, sub: str, *current_and_state):
    """The class follows the view shown on the lecturer's page (its share link's query)."""
    *current, state = current_and_state
    code, secret = _lecturer(state)
    view, values = links.shown_view(tab, tuple(current))
    link = links.build_url("", view.tab, values, sub)
    ROOMS.send_view(code, secret, link)
    return t("room.sent", link=link)


@friendly
def ask(state: dict | None, text: str, choices: str):
    code, secret = _lecturer(state)
    labels, correct = parse_choices(choices)
    number = ROOMS.ask(code, secret, Question.checked(text, labels, correct))
    return t("room.started", number=number), chart_html(
        ROOMS.snapshot(code).question, ROOMS.counts(code, secret), False
    )


@friendly
def reveal(state: dict | None):
    code, secret = _lecturer(state)
    question = ROOMS.reveal(code, secret)
    return chart_html(question, ROOMS.counts(code, secret), True)


def live_chart(state: dict | None):
    """The timer's tick: the chart as it stands (nothing when no room or no question)."""
    if not state:
        return gr.skip()
    try:
        shot = ROOMS.snapshot(state["code"])
        return chart_html(shot.question, ROOMS.counts(state["code"], state["secret"]), shot.revealed)
    except ValueError as err:
        return f"<p>{html.escape(sentence(err))}</p>"


# ---- the students' handlers -----------------------------------------------------------------------


def join(student: str, request: gr.Request):
    """On page load: a page opened with ?room=CODE shows the room bar and starts polling; others hide it."""
    code = (dict(request.query_params) if request else {}).get(links.ROOM, "")
    if not code:
        return gr.skip(), gr.skip(), gr.skip(), gr.Timer(active=False), *[gr.skip()] * 4
    try:
        ROOMS.snapshot(code)
    except ValueError as err:
        return (
            gr.Group(visible=True), f"**{html.escape(sentence(err))}**", code, gr.Timer(active=False),
            student, None, gr.skip(), gr.Accordion(visible=False),
        )  # fmt: skip
    return (
        gr.Group(visible=True), t("room.waiting", code=code.upper()), code, gr.Timer(active=True),
        student, None, gr.skip(), gr.Accordion(visible=False),
    )  # fmt: skip


def poll(code: str, student: str, seen: tuple | None):
    """The student's timer: the question, choices and result when they changed; the view to follow."""
    if not code:
        return *[gr.skip()] * 5, gr.Timer(active=False)
    try:
        shot = ROOMS.snapshot(code, student)
    except ValueError as err:
        return f"**{html.escape(sentence(err))}**", gr.skip(), gr.skip(), gr.skip(), None, gr.Timer(active=False)
    key = (shot.view_number, shot.number, shot.revealed, shot.mine)
    if key == seen:
        return *[gr.skip()] * 5, gr.skip()
    follow = f"{code.upper()}|{shot.view_number}|{shot.view}"
    if shot.question is None:
        return t("room.waiting", code=code.upper()), gr.skip(), gr.skip(), follow, key, gr.skip()
    title = f"**{html.escape(t('room.bar_title', code=code.upper()))}** · {html.escape(shot.question.text)}"
    choices = gr.skip()
    if seen is None or seen[1] != shot.number:
        mine = shot.question.choices[shot.mine] if shot.mine is not None else None
        choices = gr.Radio(choices=list(shot.question.choices), value=mine, interactive=not shot.revealed)
    elif shot.revealed:
        choices = gr.Radio(interactive=False)
    if shot.revealed:
        result = result_html(shot)
    elif shot.mine is not None:
        result = html.escape(t("room.answered", choice=shot.question.choices[shot.mine]))
    else:
        result = ""
    return title, choices, result, follow, key, gr.skip()


@friendly
def submit(code: str, student: str, choice: str | None):
    ROOMS.answer(code, student, choice or "")
    return html.escape(t("room.answered", choice=choice))


# ---- the API (the load test's students; a lecturer's script) --------------------------------------


@friendly
def room_open() -> dict:
    """API /room_open: a new room -> {"code", "secret"} (keep the secret: it controls the room)."""
    code, secret = ROOMS.open()
    return {"code": code, "secret": secret}


@friendly
def room_ask(code: str, secret: str, text: str, choices: list[str], correct: int | None = None) -> int:
    """API /room_ask: start a question (2-6 choices, `correct` the right one's index or None) -> its number."""
    return ROOMS.ask(code, secret, Question.checked(text, list(choices or []), correct))


@friendly
def room_answer(code: str, student: str, choice: str) -> str:
    """API /room_answer: a student's answer (one of the choices' labels; `student` a random id of 8-64 letters,
    digits, - or _) -> "ok"."""
    ROOMS.answer(code, student, choice)
    return "ok"


@friendly
def room_state(code: str, student: str = "") -> dict:
    """API /room_state: the room as a student sees it (counts and the right answer only after the reveal)."""
    shot = ROOMS.snapshot(code, student)
    question = shot.question
    return {
        "view": shot.view,
        "number": shot.number,
        "question": question.text if question else None,
        "choices": list(question.choices) if question else [],
        "revealed": shot.revealed,
        "mine": shot.mine,
        "counts": list(shot.counts) if shot.counts is not None else None,
        "correct": shot.correct,
    }


@friendly
def room_counts(code: str, secret: str) -> list[int]:
    """API /room_counts: the live counts per choice (lecturer only)."""
    return ROOMS.counts(code, secret)


@friendly
def room_reveal(code: str, secret: str, correct: int | None = None) -> dict:
    """API /room_reveal: close the answers; students see the counts and the right answer (lecturer only)."""
    question = ROOMS.reveal(code, secret, correct)
    return {"counts": ROOMS.counts(code, secret), "correct": question.correct}


API = (room_open, room_ask, room_answer, room_state, room_counts, room_reveal)


# ---- layout and wiring -----------------------------------------------------------------------------


@dataclass
class Panel:
    accordion: gr.Accordion
    state: gr.State
    open_button: gr.Button
    code: gr.HTML
    status: gr.Markdown
    send_button: gr.Button
    question: gr.Textbox
    choices: gr.Textbox
    start_button: gr.Button
    reveal_button: gr.Button
    chart: gr.HTML
    timer: gr.Timer


@dataclass
class Bar:
    group: gr.Group
    title: gr.Markdown
    choice: gr.Radio
    submit: gr.Button
    result: gr.HTML
    code: gr.State
    student: gr.Textbox  # hidden: the browser's id reaches the server through STUDENT_JS (a State would not)
    seen: gr.State
    follow: gr.Textbox
    timer: gr.Timer


def lecturer_panel() -> Panel:
    with gr.Accordion(t("room.title"), open=False, elem_id="room-panel") as accordion:
        gr.Markdown(t("room.intro"))
        with gr.Row():
            open_button = gr.Button(t("room.open"), variant="secondary", elem_id="room-open")
            send_button = gr.Button(t("room.send"), variant="secondary", elem_id="room-send")
        code = gr.HTML(elem_id="room-code-box")
        status = gr.Markdown(elem_id="room-status")
        question = gr.Textbox(label=t("room.question"), max_length=300, elem_id="room-question")
        choices = gr.Textbox(label=t("room.choices"), info=t("room.choices_info"), lines=4, elem_id="room-choices")
        with gr.Row():
            start_button = gr.Button(t("room.start"), variant="primary", elem_id="room-start")
            reveal_button = gr.Button(t("room.reveal"), variant="secondary", elem_id="room-reveal")
        chart = gr.HTML(elem_id="room-chart")
    timer = gr.Timer(LECTURER_POLL_S, active=False)
    return Panel(
        accordion, gr.State(None), open_button, code, status, send_button, question, choices, start_button,
        reveal_button, chart, timer,
    )  # fmt: skip


def student_bar() -> Bar:
    with gr.Group(visible=False, elem_id="room-bar") as group:
        title = gr.Markdown(elem_id="room-bar-title")
        choice = gr.Radio([], label=t("room.your_choice"), elem_id="room-choice")
        submit_button = gr.Button(t("room.submit"), variant="primary", elem_id="room-submit")
        result = gr.HTML(elem_id="room-result")
    student, follow = gr.Textbox(visible=False), gr.Textbox(visible=False)
    timer = gr.Timer(STUDENT_POLL_S, active=False)
    return Bar(group, title, choice, submit_button, result, gr.State(""), student, gr.State(None), follow, timer)


def wire(demo: gr.Blocks, p: Panel, b: Bar, share: links.Panel) -> None:
    p.open_button.click(
        open_room, [share.page, p.state], [p.state, p.code, p.status, p.chart], js=PAGE_JS, **LIVE
    ).then(lambda: gr.Timer(active=True), None, p.timer, **LIVE)
    p.send_button.click(
        send_view, [share.page, share.tab, share.sub, *links.shared_components(), p.state], p.status,
        js=links.PAGE_AND_TAB_JS, **LIVE,
    )  # fmt: skip
    p.start_button.click(ask, [p.state, p.question, p.choices], [p.status, p.chart], **LIVE)
    p.reveal_button.click(reveal, p.state, p.chart, **LIVE)
    p.timer.tick(live_chart, p.state, p.chart, **LIVE)
    demo.load(
        join, b.student, [b.group, b.title, b.code, b.timer, b.student, b.seen, b.result, p.accordion],
        js=STUDENT_JS, **LIVE,
    )  # fmt: skip
    b.timer.tick(
        poll, [b.code, b.student, b.seen], [b.title, b.choice, b.result, b.follow, b.seen, b.timer], **LIVE
    ).then(None, b.follow, None, js=FOLLOW_JS)
    b.submit.click(submit, [b.code, b.student, b.choice], b.result, **LIVE)
    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__, concurrency_limit=None)
