"""Classroom load test: N simulated students against `python app.py`, through gradio_client on 127.0.0.1.

Each student is a separate gradio_client session that, until the phase ends, picks one of the tabs'
main requests at random (half the time with the lecturer's default input, half with a sentence
nobody asked before), waits for the answer, reads it for a few seconds (think time), and clicks
again. Phases: one student alone (the baseline), then N = 10, 30 and 60 students, then 30 students
while a fine-tune trains beside them (the phase starts once the worker has taken its first training step, so that
its peak RSS includes the model, the optimiser and an evaluation; target: app + worker <= 2.5 GB, issue 19).
Each phase prints requests, throughput, p50/p95/max latency, errors and the app's peak RSS;
ratios are p95 over the lone student's p95.

    make bench-load     # or: .venv/bin/python bench/load.py [--seconds 30] [--students 10,30,60]
                        #     [--model-limits 1,2,4]  (compares PLAYGROUND_MODEL_CONCURRENCY at 30 students)

The targets (issue 8): 0 errors at 60 students, p95 <= 5 s for the views on 2 cores, and the other
tabs still answering while a fine-tune runs.

Last, a lecturer's room (issue 17, `room_phase`): a lecturer opens a room and asks a question; 60 students each
look at it, answer within 10 s and look again (polling like the page does), while the lecturer's chart asks for the
counts every second; then the reveal. Targets: the counts exact, p95 <= 2 s, 0 errors. `--room-only` runs only it.

And the class generates (issue 30, `generate_phase`): N students (`--class-size`, default 30) press Generate within 5 s,
each a different prompt, 32 new greedy tokens through /generate_stream, while one more student keeps using the
Attention tab. The same requests are first served one at a time (`--alone K`: the first K of them, default all) in the
same run. It prints p50/p95/max wait, the aggregate tokens/s over the one-at-a-time rate and the lone request's rate,
the Attention view's p95, errors, whether each student saw tokens stream in (more than one partial update) and whether
every greedy text equals the one-at-a-time text. Targets: aggregate >= 5x the lone rate, slowest <= 5x a lone
request, Attention p95 <= 2 s, 0 errors, the same texts. `--generate-only` runs only it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psutil
from harness import RESULTS, ROOT, STARTING_MARKER, free_port, save

sys.path.insert(0, str(ROOT))  # ui.serving.number_arrays

WORDS_EN = "the cat a student my teacher this model every token attention the lecture".split()
VERBS_EN = "sees likes predicts explains reads writes forgets remembers".split()
WORDS_ZH = ["学生", "老师", "模型", "注意力", "北京", "今天", "这本书", "语言"]
VERBS_ZH = ["喜欢", "预测", "解释", "阅读", "记得"]
_fresh = itertools.count()


def fresh_sentence(rng: random.Random) -> str:
    """A sentence nobody asked before (never in the cache): English or Chinese, numbered."""
    n = next(_fresh)
    if rng.random() < 0.3:
        return f"{rng.choice(WORDS_ZH)}{rng.choice(VERBS_ZH)}{rng.choice(WORDS_ZH)}，第{n}次。"
    return f"{rng.choice(WORDS_EN).capitalize()} {rng.choice(VERBS_EN)} {rng.choice(WORDS_EN)} number {n}."


@dataclass(frozen=True)
class Request:
    name: str
    api_name: str
    default: dict
    vary: str | None  # the argument a fresh sentence replaces (None: vary sizes instead)
    kind: str = "view"  # "view" (must answer within the p95 target) or "run" (a listing)


ATTENTION_TEXT = "The animal didn't cross the street because it was too tired."
TEMPLATE = {"template": "Review: {text}\nSentiment:", "values": {"text": "好看"}}
MIX = [
    Request("positional", "/positional_sinusoidal", {}, None),
    Request("attention", "/attention", {"text": ATTENTION_TEXT}, "text"),
    Request("architecture", "/architecture_block", {}, "text"),
    Request("causal LM loss", "/loss_causal_lm", {}, "text"),
    Request("next token", "/next_token_distribution", {}, "prompt"),
    Request("template", "/render_template", TEMPLATE, None),
    Request("runs list", "/finetune_list_runs", {}, None, kind="run"),
]


def arguments(request: Request, rng: random.Random) -> dict:
    """Half the time the default input (the lecturer's example), half the time a new one."""
    if rng.random() < 0.5:
        return dict(request.default)
    if request.vary:
        return {**request.default, request.vary: fresh_sentence(rng)}
    if request.name == "positional":
        return {"n_positions": rng.randint(16, 256), "d_model": 2 * rng.randint(8, 128)}
    if request.name == "template":
        return {**request.default, "values": {"text": fresh_sentence(rng)}}
    return dict(request.default)


@dataclass
class Outcome:
    request: str
    seconds: float
    error: str = ""


def student(client, rng: random.Random, until: float, think: tuple[float, float], out: list[Outcome]) -> None:
    while time.perf_counter() < until:
        request = rng.choice(MIX)
        kwargs = arguments(request, rng)
        start = time.perf_counter()
        try:
            client.predict(api_name=request.api_name, **kwargs)
            out.append(Outcome(request.name, time.perf_counter() - start))
        except Exception as err:  # an error the student would see
            out.append(Outcome(request.name, time.perf_counter() - start, f"{type(err).__name__}: {err}"[:200]))
        time.sleep(rng.uniform(*think))


class App:
    """`python app.py` on a free port, its log in bench/results, its memory sampled while it runs."""

    def __init__(self, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.log_path = RESULTS / "load-app.log"
        self.child = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_SERVER_PORT": str(self.port), **env},
            stdout=self.log_path.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.process = psutil.Process(self.child.pid)
        self.peak_mb, self._sampling = 0.0, True
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while self._sampling:
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                self.peak_mb = max(self.peak_mb, sum(p.memory_info().rss for p in procs) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.25)

    def wait_ready(self, timeout: float = 300) -> float:
        """Until the real app (not the starting page) answers and the warm-up is done; seconds waited."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if not response.headers.get(STARTING_MARKER) and "warm-up done" in self.log_path.read_text():
                        return time.perf_counter() - start
            except OSError:
                pass
            if self.child.poll() is not None:
                raise RuntimeError(f"the app exited; see {self.log_path}")
            time.sleep(0.5)
        raise TimeoutError(f"the app was not ready within {timeout} s; see {self.log_path}")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the app and its children have used so far."""
        try:
            procs = [self.process, *self.process.children(recursive=True)]
            return sum(sum(p.cpu_times()[:2]) for p in procs)
        except psutil.Error:
            return 0.0

    def stop(self) -> None:
        self._sampling = False
        self.child.terminate()
        self.child.wait(20)


def clients(url: str, n: int) -> list:
    """n sessions, connected before the clock starts (a busy server may time one out: try again).

    The students stand for browsers on other machines, but here they share the app's cores: gradio_client walks
    every answer value by value like the server did, so it skips number arrays the same way
    (ui/serving/number_arrays.py) and takes less of the cores from the app it measures. Each phase prints the cores
    both used."""
    from gradio_client import Client

    from ui.serving.number_arrays import skip_number_arrays

    skip_number_arrays()

    def connect(_):
        for attempt in range(3):
            try:  # plain http on 127.0.0.1: with ssl_verify, httpx loads the CA bundle for every request (113 ms
                # of CPU per request measured here, 4x the app's own cost of a template render)
                return Client(url, verbose=False, ssl_verify=False)
            except Exception:
                if attempt == 2:
                    raise
                time.sleep(2)

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(connect, range(n)))


def phase(name: str, pool: list, n: int, seconds: float, think: tuple[float, float], app: App) -> dict:
    out: list[Outcome] = []
    app.peak_mb = 0.0
    until = time.perf_counter() + seconds
    threads = [threading.Thread(target=student, args=(pool[i], random.Random(i), until, think, out)) for i in range(n)]
    me = psutil.Process()
    app_cpu, own_cpu = app.cpu_seconds(), sum(me.cpu_times()[:2])
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    app_cpu, own_cpu = app.cpu_seconds() - app_cpu, sum(me.cpu_times()[:2]) - own_cpu
    ok = [o.seconds for o in out if not o.error]
    views = [o.seconds for o in out if not o.error and o.request != "runs list"]
    row = {
        "phase": name,
        "students": n,
        "requests": len(out),
        "per_second": len(out) / wall,
        "p50_s": percentile(ok, 50),
        "p95_s": percentile(ok, 95),
        "views_p95_s": percentile(views, 95),
        "max_s": max(ok, default=float("nan")),
        "errors": len(out) - len(ok),
        "first_errors": sorted({o.error for o in out if o.error})[:3],
        "errors_by_request": {r.name: sum(1 for o in out if o.request == r.name and o.error) for r in MIX},
        "peak_rss_mb": app.peak_mb,
        "app_cores": app_cpu / wall,  # cores the app kept busy on average
        "students_cores": own_cpu / wall,  # cores the simulated students (this process) took from the same machine
        "p95_by_request": {
            r.name: percentile([o.seconds for o in out if o.request == r.name and not o.error], 95) for r in MIX
        },
    }
    print(
        f"{name:<28} {n:>3} students {row['requests']:>5} requests {row['per_second']:6.1f}/s  "
        f"p50 {row['p50_s']:5.2f} s  p95 {row['p95_s']:5.2f} s  max {row['max_s']:5.2f} s  "
        f"errors {row['errors']}  peak RSS {row['peak_rss_mb']:5.0f} MB  "
        f"cores: app {row['app_cores']:.2f}, students {row['students_cores']:.2f}",
        flush=True,
    )
    for error in row["first_errors"]:
        print(f"    error: {error}")
    if row["errors"]:
        print(f"    errors by request: {row['errors_by_request']}")
    return row


def printed(row: dict, line: str) -> dict:
    """Print a phase's line and its first errors; returns the row."""
    print(line, flush=True)
    for error in row["first_errors"]:
        print(f"    error: {error}")
    return row


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run(env: dict, students: list[int], seconds: float, think: tuple[float, float], with_training: bool) -> list:
    app = App(env)
    try:
        ready = app.wait_ready()
        print(f"app ready (page + warm-up) after {ready:.1f} s; {max(students)} clients connecting…", flush=True)
        pool = clients(app.url, max(students))
        rows = [phase("1 student, no think time", pool, 1, seconds / 2, (0.0, 0.0), app)]
        rows += [phase(f"{n} students", pool, n, seconds, think, app) for n in students]
        if with_training:
            started = pool[0].predict(api_name="/finetune_start")
            training = until_training(pool[0], started)
            print(f"the fine-tune trains (step {training['step']}, {training['state']}); 30 students join", flush=True)
            n = min(30, len(pool))
            rows.append(phase(f"{n} students + a fine-tune", pool, n, seconds, think, app))
            status = pool[0].predict(started["run_id"], 1, started["owner_token"], api_name="/finetune_status")
            rows[-1]["fine_tune_state"] = status.get("state")
            pool[0].predict(started["run_id"], 30, started["owner_token"], api_name="/finetune_stop")
        rows.append(room_phase(pool, max(students)))
        return rows
    finally:
        app.stop()


def until_training(client, started: dict, timeout_s: float = 300) -> dict:
    """The run's status once its worker has taken a training step (its model, optimiser and first evaluation in
    memory: what the phase's peak RSS must include), or once it ended or the timeout passed."""
    end = time.perf_counter() + timeout_s
    while True:
        status = client.predict(started["run_id"], 1, started["owner_token"], api_name="/finetune_status")
        if status.get("step", 0) >= 1 or status.get("state") not in ("queued", "running") or time.perf_counter() > end:
            return status
        time.sleep(1)


ROOM_CHOICES = ["animal", "street", "tired", "it"]


def room_student(client, i: int, code: str, window: float, out: list[Outcome]) -> None:
    """Look at the question, think (up to `window` seconds), answer, look again every 2 s until the window ends.
    The first look comes within 2 s, as a page's first poll does (its timer fires every 2 s from when it loaded)."""
    rng, me = random.Random(i), f"bench-student-{i:03d}"
    end = time.perf_counter() + window
    time.sleep(rng.uniform(0, 2))

    def timed(name: str, *args) -> None:
        start = time.perf_counter()
        try:
            client.predict(*args, api_name=f"/room_{name}")
            out.append(Outcome(name, time.perf_counter() - start))
        except Exception as err:
            out.append(Outcome(name, time.perf_counter() - start, f"{type(err).__name__}: {err}"[:200]))

    timed("state", code, me)
    time.sleep(rng.uniform(0, window - 4))
    timed("answer", code, me, ROOM_CHOICES[i % len(ROOM_CHOICES)])
    while time.perf_counter() < end:
        time.sleep(2)
        timed("state", code, me)


def room_phase(pool: list, n: int, window: float = 10.0) -> dict:
    """n students answer one question within `window` seconds; the counts must be exact."""
    lecturer = pool[0]
    room = lecturer.predict(api_name="/room_open")
    code, secret = room["code"], room["secret"]
    lecturer.predict(code, secret, "Which word does 'it' attend to most?", ROOM_CHOICES, 0, api_name="/room_ask")
    out: list[Outcome] = []
    threads = [threading.Thread(target=room_student, args=(pool[i], i, code, window, out)) for i in range(n)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    chart = []
    while any(thread.is_alive() for thread in threads):  # the lecturer's live chart
        tick = time.perf_counter()
        lecturer.predict(code, secret, api_name="/room_counts")
        chart.append(time.perf_counter() - tick)
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - tick)))
    wall = time.perf_counter() - start
    expected = [sum(1 for i in range(n) if i % len(ROOM_CHOICES) == c) for c in range(len(ROOM_CHOICES))]
    revealed = lecturer.predict(code, secret, None, api_name="/room_reveal")
    seen = pool[1].predict(code, "bench-student-001", api_name="/room_state")
    ok = [o.seconds for o in out if not o.error]
    answers = [o.seconds for o in out if o.request == "answer" and not o.error]
    row = {
        "phase": f"room: {n} students answer",
        "students": n,
        "requests": len(out),
        "wall_s": wall,
        "answers": len(answers),
        "counts": revealed["counts"],
        "counts_exact": revealed["counts"] == expected and seen["counts"] == expected and seen["mine"] == 1,
        "p50_s": percentile(ok, 50),
        "p95_s": percentile(ok, 95),
        "answer_p95_s": percentile(answers, 95),
        "max_s": max(ok, default=float("nan")),
        "chart_p95_s": percentile(chart, 95),
        "errors": len(out) - len(ok),
        "first_errors": sorted({o.error for o in out if o.error})[:3],
    }
    return printed(
        row,
        f"{row['phase']:<28} {row['requests']:>5} requests in {wall:4.1f} s  counts {row['counts']} "
        f"(exact: {row['counts_exact']})  p50 {row['p50_s']:5.2f} s  p95 {row['p95_s']:5.2f} s  "
        f"answer p95 {row['answer_p95_s']:5.2f} s  max {row['max_s']:5.2f} s  chart p95 {row['chart_p95_s']:5.2f} s  "
        f"errors {row['errors']}",
    )


CLASS_TOKENS, CLASS_WINDOW = 32, 5.0


def class_prompt(i: int) -> str:
    """A different prompt for each student (no braces: the template is the prompt)."""
    rng = random.Random(i)
    return f"Student {i} writes a story: {rng.choice(WORDS_EN)} {rng.choice(VERBS_EN)} {rng.choice(WORDS_EN)}, and"


@dataclass
class Generated:
    seconds: float  # press -> the whole answer
    tokens: list[int]
    partials: int  # updates that arrived before the last one ("done": false)
    error: str = ""


def press_generate(client, prompt: str) -> Generated:
    """/generate_stream like the Generate button: greedy, CLASS_TOKENS new tokens, read as it streams."""
    start, partials, last = time.perf_counter(), 0, None
    try:
        job = client.submit(template=prompt, max_new_tokens=CLASS_TOKENS, api_name="/generate_stream")
        for update in job:
            partials += not update.get("done")
            last = update
        last = job.outputs()[-1] if job.outputs() else last
        return Generated(time.perf_counter() - start, last["token_ids"], partials)
    except Exception as err:
        return Generated(time.perf_counter() - start, [], partials, f"{type(err).__name__}: {err}"[:200])


def attention_student(client, until: threading.Event, out: list[Outcome]) -> None:
    """One student who keeps using the Attention tab (a fresh sentence each time) while the class generates."""
    rng = random.Random(99)
    while not until.is_set():
        start = time.perf_counter()
        try:
            client.predict(text=fresh_sentence(rng), api_name="/attention")
            out.append(Outcome("attention", time.perf_counter() - start))
        except Exception as err:
            out.append(Outcome("attention", time.perf_counter() - start, f"{type(err).__name__}: {err}"[:200]))
        time.sleep(rng.uniform(0.5, 1.5))


def cpu_s(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def generate_phase(pool: list, n: int, alone: int, server: psutil.Process) -> dict:
    """The first `alone` prompts one at a time (the baseline), then all n pressed within CLASS_WINDOW seconds.
    It also says how the machine's CPU was shared while the class pressed: the app's process against this one's (the
    simulated students' clients, which in a real class run on the students' own phones)."""
    prompts = [class_prompt(i) for i in range(n)]
    press_generate(pool[0], "Warm-up: the engine and the model are ready")
    one_by_one = [press_generate(pool[0], p) for p in prompts[:alone]]
    lone_s = statistics.median(g.seconds for g in one_by_one)
    lone_rate = sum(len(g.tokens) for g in one_by_one) / sum(g.seconds for g in one_by_one)
    rng = random.Random(0)
    offsets = sorted(rng.uniform(0, CLASS_WINDOW) for _ in prompts)
    results: list[Generated | None] = [None] * n
    attention: list[Outcome] = []
    done = threading.Event()

    def student(i: int) -> None:
        time.sleep(max(0.0, start + offsets[i] - time.perf_counter()))
        results[i] = press_generate(pool[i], prompts[i])

    threads = [threading.Thread(target=student, args=(i,)) for i in range(n)]
    watcher = threading.Thread(target=attention_student, args=(pool[n], done, attention))
    me = psutil.Process()
    cpu_before = (cpu_s(server), cpu_s(me))
    start = time.perf_counter()
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    server_cpu, clients_cpu = cpu_s(server) - cpu_before[0], cpu_s(me) - cpu_before[1]
    done.set()
    watcher.join()
    ok = [g for g in results if not g.error]
    waits = [g.seconds for g in ok]
    aggregate = sum(len(g.tokens) for g in ok) / wall
    views = [o.seconds for o in attention if not o.error]
    row = {
        "phase": f"the class generates ({n} students)",
        "students": n,
        "lone_s": lone_s,
        "lone_tok_s": lone_rate,
        "wall_s": wall,
        "p50_s": percentile(waits, 50),
        "p95_s": percentile(waits, 95),
        "max_s": max(waits, default=float("nan")),
        "slowest_over_lone": max(waits, default=float("nan")) / lone_s,
        "aggregate_tok_s": aggregate,
        "aggregate_over_lone": aggregate / lone_rate,
        "attention_requests": len(attention),
        "attention_p95_s": percentile(views, 95),
        "errors": (n - len(ok)) + (len(attention) - len(views)),
        "first_errors": sorted({g.error for g in results if g.error} | {o.error for o in attention if o.error})[:3],
        "all_streamed": all(g.partials > 1 for g in ok),
        "same_texts": all(results[i].tokens == g.tokens for i, g in enumerate(one_by_one)),
        "server_cpu_s": server_cpu,
        "clients_cpu_s": clients_cpu,
    }
    return printed(
        row,
        f"{row['phase']:<28} lone {lone_s:4.1f} s ({lone_rate:4.1f} tok/s, {alone} one at a time); class: wait p50 "
        f"{row['p50_s']:5.1f} s  p95 {row['p95_s']:5.1f} s  max {row['max_s']:5.1f} s "
        f"({row['slowest_over_lone']:.1f}x lone)  aggregate {aggregate:5.1f} tok/s ({row['aggregate_over_lone']:.1f}x "
        f"lone)  attention p95 {row['attention_p95_s']:4.2f} s ({len(attention)} requests)  errors {row['errors']}  "
        f"streamed: {row['all_streamed']}  same greedy texts: {row['same_texts']}  CPU while the class pressed: app "
        f"{server_cpu:.0f} s, the simulated students' clients {clients_cpu:.0f} s (of {2 * wall:.0f} s on 2 cores)",
    )


def run_generate(n: int, alone: int, students_nice: int = 0) -> list:
    """students_nice: this process (the simulated students) yields the CPU to the app by that niceness, as a real
    class's phones would not take the server's cores; the lone baseline runs the same way."""
    app = App({})
    try:
        app.wait_ready()
        if students_nice:
            os.nice(students_nice)  # after the app started: it keeps its own priority
        return [generate_phase(clients(app.url, n + 1), n, alone, app.process)]
    finally:
        app.stop()


def run_room(students: int) -> list:
    app = App({})
    try:
        app.wait_ready()
        return [room_phase(clients(app.url, students), students)]
    finally:
        app.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    parser.add_argument("--students", default="10,30,60")
    parser.add_argument("--think", default="2,6", help="seconds a student reads an answer: min,max")
    parser.add_argument("--model-limits", default="", help="e.g. 1,2,4: compare model concurrency at 30 students")
    parser.add_argument("--room-only", action="store_true", help="only the lecturer's room phase")
    parser.add_argument("--class-size", type=int, default=30, help="students who press Generate together")
    parser.add_argument("--alone", type=int, default=0, help="how many of them to serve one at a time (0: all)")
    parser.add_argument("--generate-only", action="store_true", help="only the class-generates phase")
    parser.add_argument(
        "--students-nice", type=int, default=0, help="with --generate-only: the simulated students' niceness"
    )
    args = parser.parse_args()
    alone = min(args.alone or args.class_size, args.class_size)
    if args.room_only:
        save("load-room", {"phases": run_room(max(int(n) for n in args.students.split(",")))})
        return
    if args.generate_only:
        save("load-generate", {"phases": run_generate(args.class_size, alone, args.students_nice)})
        return
    students = [int(n) for n in args.students.split(",")]
    think = tuple(float(x) for x in args.think.split(","))
    print(f"== classroom load test ({os.cpu_count()} CPUs, {args.seconds:.0f} s per phase, think {think} s) ==")
    rows = run({}, students, args.seconds, think, with_training=True)
    rows += run_generate(args.class_size, alone)
    comparison = {}
    for limit in [int(x) for x in args.model_limits.split(",") if x]:
        print(f"-- PLAYGROUND_MODEL_CONCURRENCY={limit}")
        comparison[limit] = run({"PLAYGROUND_MODEL_CONCURRENCY": str(limit)}, [30], args.seconds, think, False)
    base = rows[0]["p95_s"]
    print("\nratios (p95 over the lone student's p95):")
    for row in rows[1:]:
        print(f"  {row['phase']:<28} {row['p95_s'] / base:6.2f}x")
    save("load", {"phases": rows, "model_limits": comparison})


if __name__ == "__main__":
    main()
