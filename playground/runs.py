"""The run store: every fine-tuning job is a folder on disk, so runs survive a restart of the app.

    runs/<run_id>/config.json    what was asked and the SHA-256 of its owner's token (written once;
                                 playground.owners says who may do what)
    runs/<run_id>/status.json    queued | running | finished | stopped | diverged | failed (atomic writes), and
                                 its message as {"key", "params"} (a playground.errors.Note: the UI writes it)
    runs/<run_id>/metrics.jsonl  one JSON object per line, appended and flushed as training goes
    runs/<run_id>/worker.log     the worker's stdout/stderr (its tail explains a crash)
    runs/<run_id>/STOP           present = please stop (the worker checks it at every step)
    runs/<run_id>/model/         the final model (when the run finished or was stopped)

A status is replaced with `os.replace` (never half-written); a half-written last metrics line (a crash
mid-write) is skipped when read. A run that says "running" but whose worker process is gone is
reconciled to "failed" with the tail of its log, and its metrics are kept; the worker's start time is
recorded with its pid, so a pid reused by another process after a restart does not look like the worker.
A run id is one plain folder name directly under the root: `..`, `/`, absolute paths and symlinked
folders are refused, so no id reads or deletes anything outside the runs folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from playground.errors import InputError, Note

ACTIVE = ("queued", "running")
DONE = ("finished", "stopped", "diverged", "failed")
MAX_RUNS = int(os.environ.get("PLAYGROUND_MAX_RUNS", "20"))  # older finished runs are deleted beyond this
LOG_TAIL_LINES = 15
KINDS = ("finetune", "pretrain", "sft", "dpo")  # a run's kind is the one of these keys its config.json holds
RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")  # what create() makes: 20261129-052933-799341


def default_root() -> Path:
    """$PLAYGROUND_RUNS, else ~/.cache/llm-playground/runs (outside the repo)."""
    if "PLAYGROUND_RUNS" in os.environ:
        return Path(os.environ["PLAYGROUND_RUNS"])
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "llm-playground" / "runs"


def write_json_atomic(path: Path, payload: dict) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path, default: dict | None = None) -> dict:
    """The JSON object in the file, or the default when it is missing, unreadable or not an object."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        payload = None
    return payload if isinstance(payload, dict) else dict(default or {})


def append_jsonl(path: Path, row: dict) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.flush()


def read_jsonl(path: Path) -> list[dict]:
    """Every complete line; a broken line (a crash mid-write) is skipped, never raised."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return rows
    for line in lines:
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue
    return rows


def process_start(pid: int | None) -> int | None:
    """When the process started (clock ticks since boot, /proc/PID/stat field 22); None where unknown."""
    try:
        with open(f"/proc/{int(pid)}/stat") as f:
            return int(f.read().split(")")[-1].split()[19])
    except (OSError, ValueError, TypeError, IndexError):
        return None


def pid_alive(pid: int | None, started: int | None = None) -> bool:
    """The process is running (not a zombie) and, when `started` is given, is the one that started then."""
    if not pid:
        return False
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError, OverflowError):
        return False
    if started is not None and process_start(pid) not in (None, started):
        return False  # the pid was reused by another process (after a restart of the app or the machine)
    try:  # a zombie (exited, not yet reaped by its parent) is not alive
        with open(f"/proc/{int(pid)}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass(frozen=True)
class Run:
    run_id: str
    path: Path
    config: dict
    status: dict  # {"state": ..., "message": ..., "pid": ..., "step": ..., "max_steps": ...}

    @property
    def state(self) -> str:
        return self.status.get("state", "failed")

    @property
    def kind(self) -> str:
        """What trains: the config's one settings key ("finetune", or a later kind such as "pretrain"). Every kind
        shares one queue (one training per machine); each view lists its own kind."""
        for key in KINDS:
            if key in self.config:
                return key
        return "finetune"  # runs made before kinds existed

    @property
    def owner(self) -> str | None:
        """The SHA-256 of the token that started the run; None for a run of the host (the command line, or
        made before runs had owners)."""
        return self.config.get("owner")

    @property
    def metrics_path(self) -> Path:
        return self.path / "metrics.jsonl"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    def metrics(self) -> list[dict]:
        return read_jsonl(self.metrics_path)

    def has_model(self) -> bool:
        """A saved model of real files in the run's own folder (a symlink in it could point anywhere)."""
        if self.model_dir.is_symlink() or not (self.model_dir / "config.json").is_file():
            return False
        return not any(p.is_symlink() for p in self.model_dir.rglob("*"))


class RunStore:
    """All runs under one folder; a new store over the same folder sees the same runs (a restart)."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_root()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # problem() says why; listing shows no runs and create() refuses with that sentence

    def problem(self) -> InputError | None:
        """Why runs cannot be kept here (for the header and the Start button), or None."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".write-check.{os.getpid()}"
            probe.write_text("ok", encoding="utf-8")
            probe.unlink()
        except OSError as err:
            return InputError("runs.err.not_writable", folder=str(self.root), reason=str(err.strerror or err))
        return None

    def create(self, config: dict, owner: str | None = None) -> Run:
        """A new queued run; `owner` is the digest of its owner's token (playground.owners.digest)."""
        problem = self.problem()
        if problem:
            raise problem
        while True:  # ids sort in creation order (the queue order); a collision just tries again
            now = time.time()
            run_id = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"-{int(now % 1 * 1e6):06d}"
            path = self.root / run_id
            try:
                path.mkdir()
                break
            except FileExistsError:
                time.sleep(0.001)
        write_json_atomic(path / "config.json", {**config, "owner": owner} if owner else config)
        write_json_atomic(path / "status.json", {"state": "queued", "created": time.time(), "message": ""})
        self.prune()
        return self.get(run_id)

    def get(self, run_id: str) -> Run:
        path = self.path_of(run_id)
        return self._reconciled(Run(path.name, path, read_json(path / "config.json"), self._status(path)))

    def path_of(self, run_id: str) -> Path:
        """The run's folder: a real folder directly under the root, or an InputError (never a path outside)."""
        name = str(run_id)
        path = self.root / name
        inside = RUN_ID.fullmatch(name) and ".." not in name and not path.is_symlink()
        if not inside or not path.resolve().parent == self.root.resolve() or not (path / "config.json").is_file():
            shown = name[:80].encode("unicode_escape").decode("ascii")  # control characters shown, not printed
            raise InputError("runs.err.no_such_run", name=shown)
        return path

    def list(self, kind: str | None = None) -> list[Run]:
        """Every run (of that kind, when given), newest first; broken folders (no config: a crash at creation)
        are skipped."""
        try:
            paths = sorted(self.root.iterdir(), reverse=True)
        except OSError:
            return []
        runs = []
        for path in paths:
            try:
                runs.append(self.get(path.name))
            except ValueError:
                continue
        return [run for run in runs if kind is None or run.kind == kind]

    def set_status(self, run: Run | Path, **fields) -> dict:
        path = run.path if isinstance(run, Run) else Path(run)
        fields = {name: v.as_json() if isinstance(v, Note) else v for name, v in fields.items()}
        status = {**self._status(path), **fields, "updated": time.time()}
        write_json_atomic(path / "status.json", status)
        return status

    def request_stop(self, run_id: str) -> Run:
        run = self.get(run_id)
        if run.state in ACTIVE:
            (run.path / "STOP").touch()
        return run

    def jobs_ahead(self, run_id: str) -> int:
        """How many active runs go before this queued one (0: it starts next, or it is not queued)."""
        run = self.get(run_id)
        if run.state != "queued":
            return 0
        return sum(
            r.run_id != run_id and (r.state == "running" or r.run_id < run_id) for r in self.list() if r.state in ACTIVE
        )

    def delete(self, run_id: str) -> None:
        run = self.get(run_id)
        if run.state in ACTIVE:
            raise InputError("runs.err.still_active")
        shutil.rmtree(run.path)

    def prune(self, keep: int = MAX_RUNS) -> None:
        """Keep the runs folder bounded: delete the oldest finished runs beyond `keep`."""
        done = [r for r in self.list() if r.state in DONE]
        for run in done[keep:]:
            shutil.rmtree(run.path, ignore_errors=True)

    @staticmethod
    def _status(path: Path) -> dict:
        return read_json(path / "status.json", {"state": "failed", "message": Note.of("runs.note.no_status").as_json()})

    def _reconciled(self, run: Run) -> Run:
        """A run whose worker died (crash, kill, machine restart) is marked failed, metrics kept."""
        if run.state not in ACTIVE or pid_alive(run.status.get("pid"), run.status.get("pid_start")):
            return run
        if run.state == "queued" and not run.status.get("pid"):
            if time.time() - run.status.get("created", 0) < 60:  # its worker is being started
                return run
        tail = log_tail(run.path / "worker.log")
        message = Note.of("runs.note.vanished")
        status = self.set_status(run, state="failed", message=message, log_tail=tail)
        return Run(run.run_id, run.path, run.config, status)
