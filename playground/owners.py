r"""Who may do what with a fine-tuning run: its owner, the host, and the class (read-only, when shared).

A visitor is a secret token of 32 random bytes, so $2^{256}$ values, in URL-safe base64: the page draws it in the
browser (`crypto.getRandomValues`) and keeps it in localStorage; an API client gets one (`secrets.token_urlsafe(32)`)
back from `/finetune_start`. A run keeps only the token's
SHA-256 (`config.json`, "owner"); tokens are compared by their digests with `hmac.compare_digest`, in constant time.
Run ids are not secret (they are timestamps, listed to the class when the host shares runs): the token is.

    >>> token = new_token()
    >>> len(token), valid(token), valid("guessable")
    (43, True, False)

The host is whoever knows the host token: `$PLAYGROUND_HOST_TOKEN`, else one drawn when the app starts and printed
to its console. The host may stop, delete or download any run, and sees them all. Runs without an owner (made
before runs had owners, or by the command line) belong to the host. Others see a run that is not theirs (its
curves and results, never its controls) only when the host sets `PLAYGROUND_SHARE_RUNS=1`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass

from playground.errors import InputError
from playground.runs import Run

TOKEN_BYTES = 32  # 256 random bits: 43 URL-safe characters
TOKEN_MIN = 22  # characters: at least 132 bits when drawn at random
TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_MIN},200}}")  # what an owner token may look like
_drawn_host_token = secrets.token_urlsafe(TOKEN_BYTES)  # used when $PLAYGROUND_HOST_TOKEN is unset


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid(token) -> bool:
    return isinstance(token, str) and TOKEN.fullmatch(token) is not None


def digest(token: str) -> str:
    """What a run keeps of its owner's token (the token itself is never written to disk)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()  # any string, even a broken one


def host_token() -> str:
    return os.environ.get("PLAYGROUND_HOST_TOKEN") or _drawn_host_token


def host_token_drawn() -> bool:
    """True when the host token was drawn at start (the app prints it), False when the host set it."""
    return not os.environ.get("PLAYGROUND_HOST_TOKEN")


def runs_shared() -> bool:
    """The host lets every visitor see the class's runs read-only (`PLAYGROUND_SHARE_RUNS=1`; off by default)."""
    return os.environ.get("PLAYGROUND_SHARE_RUNS", "0").strip().lower() in ("1", "true", "yes")


def same(a: str | None, b: str | None) -> bool:
    """Two digests are equal, compared in constant time; a missing one equals nothing."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


@dataclass(frozen=True)
class Who:
    """The one asking: their owner token (the page's or the API client's) and what they gave as the host token."""

    token: str = ""
    host: str = ""

    @property
    def owner(self) -> str | None:
        """The digest a run started by them keeps; None for a missing or malformed token (it owns nothing)."""
        return digest(self.token) if valid(self.token) else None

    @property
    def is_host(self) -> bool:
        return isinstance(self.host, str) and bool(self.host) and same(digest(self.host), digest(host_token()))

    def owns(self, owner: str | None) -> bool:
        return same(owner, self.owner)

    def can_manage(self, owner: str | None) -> bool:
        """Stop, delete, download: the run's owner or the host."""
        return self.is_host or self.owns(owner)

    def can_see(self, owner: str | None) -> bool:
        """Curves, results, trying the model: whoever may manage it, and everyone when the host shares runs."""
        return self.can_manage(owner) or runs_shared()


def owner_of(token) -> str:
    """The digest a new run keeps for this token; a missing or malformed token is refused (it would own nothing)."""
    if not valid(token):
        raise InputError("owners.err.bad_token", low=TOKEN_MIN)
    return digest(token)


def check_manage(who: Who, run: Run) -> Run:
    if not who.can_manage(run.owner):
        raise InputError("owners.err.not_yours", run=run.run_id)
    return run


def check_see(who: Who, run: Run) -> Run:
    if not who.can_see(run.owner):
        raise InputError("owners.err.not_shared", run=run.run_id)
    return run
