"""The treatment and pain diary: entry values and their SQLite store (no Qt).

Two kinds of entry, each dated in local time to the minute:

- a Session: who treated (a practitioner or self-care), the technique, the points or
  routine used, duration, cost, whether insurance paid, notes and side effects;
- a CheckIn: pain now and worst pain in the last 24 hours (0-10), where it hurts
  (areas of core.model.AREAS) and, optionally, the answers to BackPoints' own short
  activity check (ACTIVITY_ITEMS), which is NOT a validated questionnaire.

The Roland-Morris Disability Questionnaire is copyrighted by its authors and offered
for clinicians to use; no licence we could find allows bundling its 24 items in a
program, so the diary does not include them.

The store is one SQLite file (paths.diary_file()) opened with foreign keys on, WAL
journaling and a busy timeout; every write runs in one BEGIN IMMEDIATE transaction.
Its schema version is PRAGMA user_version; older files are migrated forward after a
backup copy is made beside them; a damaged file, a file of another program or one
written by a newer BackPoints is reported (DiaryError) and never written to.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .model import AREAS

#: The schema this code writes. 1 was the first release's single `entries` table.
SCHEMA_VERSION = 2
#: Marks a SQLite file as a BackPoints diary ("BPDY").
APPLICATION_ID = 0x42504459

PROVIDERS: tuple[str, ...] = ("practitioner", "self-care")
TECHNIQUES: tuple[str, ...] = ("acupuncture", "acupressure", "electroacupuncture", "moxibustion", "cupping", "other")
SIDE_EFFECTS: tuple[str, ...] = ("soreness", "bruising", "bleeding", "dizziness", "other")
SEVERITIES: tuple[str, ...] = ("mild", "moderate", "severe")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,15}$")
ROUTINE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
MAX_TEXT = 4000

#: BackPoints' own activity check: five everyday activities, each answered
#: 0 (no trouble), 1 (some trouble) or 2 (a lot of trouble, or could not), total 0-10.
ACTIVITY_ITEMS: tuple[str, ...] = (
    "Putting on shoes and socks",
    "Sitting for half an hour",
    "Walking or standing for a quarter of an hour",
    "Picking something light up from the floor",
    "Sleeping without waking from back pain",
)
ACTIVITY_ANSWERS: tuple[str, ...] = ("no trouble", "some trouble", "a lot of trouble or could not")
ACTIVITY_NOTE = (
    "BackPoints activity check: our own five questions, not a validated instrument. "
    "Its score (0 = no trouble, 10 = most trouble) only compares your own days; it is "
    "not a Roland-Morris or Oswestry score."
)
ACTIVITY_MAX = 2 * len(ACTIVITY_ITEMS)

_TIME_FORMAT = "%Y-%m-%dT%H:%M"


class DiaryError(Exception):
    """The diary could not be read or written; the message says why, for the user."""


# --- values --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SideEffect:
    """Something unwanted after a session, with how bad it was."""

    kind: str
    severity: str = "mild"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    """A treatment session, by a practitioner or as self-care."""

    at: _dt.datetime
    provider: str = "practitioner"
    technique: str = "acupuncture"
    points: tuple[str, ...] = ()
    routine: str = ""
    duration_min: int | None = None
    cost_cents: int | None = None
    currency: str = "USD"
    insurance_paid: bool = False
    notes: str = ""
    side_effects: tuple[SideEffect, ...] = ()
    id: int | None = None

    kind = "session"


@dataclass(frozen=True, slots=True)
class CheckIn:
    """How the back is: pain now and worst in 24 h (0-10), where, and how daily life goes."""

    at: _dt.datetime
    pain: int
    worst: int | None = None
    areas: tuple[str, ...] = ()
    activity: tuple[int, ...] | None = None
    notes: str = ""
    id: int | None = None

    kind = "checkin"

    @property
    def activity_score(self) -> int | None:
        """The activity check's total (0-10), or None when it was not answered."""
        return None if self.activity is None else sum(self.activity)


Entry = Session | CheckIn


@dataclass(frozen=True)
class DiaryContents:
    """Everything in a diary, each list in date order (oldest first)."""

    sessions: tuple[Session, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    entries: tuple[Entry, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        merged: list[Entry] = [*self.sessions, *self.checkins]
        merged.sort(key=lambda e: (e.at, 0 if isinstance(e, Session) else 1, e.id or 0))
        object.__setattr__(self, "entries", tuple(merged))

    def between(self, start: _dt.date | None, end: _dt.date | None) -> "DiaryContents":
        """The entries dated from `start` to `end` inclusive (either may be open)."""

        def inside(e: Entry) -> bool:
            day = e.at.date()
            return (start is None or day >= start) and (end is None or day <= end)

        return DiaryContents(
            tuple(s for s in self.sessions if inside(s)), tuple(c for c in self.checkins if inside(c))
        )


# --- validation ----------------------------------------------------------------------


def now() -> _dt.datetime:
    """The current local time to the minute (entries keep minutes, not seconds)."""
    return _dt.datetime.now().replace(second=0, microsecond=0)


def parse_when(text: str) -> _dt.datetime:
    """A date or date-time in ISO form ("2026-11-27" or "2026-11-27T08:30"); ValueError if not."""
    text = text.strip()
    try:
        if len(text) == 10:
            return _dt.datetime.combine(_dt.date.fromisoformat(text), _dt.time(12, 0))
        value = _dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2026-11-27 or 2026-11-27T08:30") from None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(second=0, microsecond=0)


def format_when(value: _dt.datetime) -> str:
    """The stored form of a date-time: ISO to the minute."""
    return value.strftime(_TIME_FORMAT)


def parse_money(text: str) -> int:
    """An amount such as "75", "75.5" or "1,234.50" in cents; ValueError if not."""
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", cleaned):
        raise ValueError(f"{text!r} is not an amount like 75 or 75.50")
    whole, _, frac = cleaned.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def format_money(cents: int, currency: str) -> str:
    """An amount for people: $640, €75.50, CHF 90."""
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "JPY": "¥"}.get(currency)
    amount = f"{cents // 100:,}" if cents % 100 == 0 else f"{cents / 100:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{currency} {amount}"


def _check_text(value: str, what: str) -> None:
    if len(value) > MAX_TEXT:
        raise ValueError(f"{what} is too long ({len(value)} characters; the limit is {MAX_TEXT})")
    if "\x00" in value:
        raise ValueError(f"{what} contains a NUL character")


def validate(entry: Entry) -> None:
    """Raise ValueError with a plain message if an entry holds a value the diary cannot keep."""
    if not isinstance(entry.at, _dt.datetime):
        raise ValueError("the date is missing")
    if not 1900 <= entry.at.year <= 2999:
        raise ValueError(f"the year {entry.at.year} is out of range")
    _check_text(entry.notes, "the notes")
    if isinstance(entry, CheckIn):
        if not isinstance(entry.pain, int) or not 0 <= entry.pain <= 10:
            raise ValueError(f"pain must be a whole number from 0 to 10, not {entry.pain!r}")
        if entry.worst is not None and not (isinstance(entry.worst, int) and 0 <= entry.worst <= 10):
            raise ValueError(f"worst pain must be a whole number from 0 to 10, not {entry.worst!r}")
        for area in entry.areas:
            if area not in AREAS:
                raise ValueError(f"unknown area {area!r} (known: {', '.join(AREAS)})")
        if entry.activity is not None:
            if len(entry.activity) != len(ACTIVITY_ITEMS) or any(a not in (0, 1, 2) for a in entry.activity):
                raise ValueError(f"the activity check needs {len(ACTIVITY_ITEMS)} answers, each 0, 1 or 2")
        return
    if entry.provider not in PROVIDERS:
        raise ValueError(f"unknown provider {entry.provider!r} (known: {', '.join(PROVIDERS)})")
    if entry.technique not in TECHNIQUES:
        raise ValueError(f"unknown technique {entry.technique!r} (known: {', '.join(TECHNIQUES)})")
    for code in entry.points:
        if not CODE_RE.match(code):
            raise ValueError(f"{code!r} is not a point code")
    if entry.routine and not ROUTINE_RE.match(entry.routine):
        raise ValueError(f"{entry.routine!r} is not a routine id")
    if entry.duration_min is not None and not 0 < entry.duration_min <= 24 * 60:
        raise ValueError(f"duration must be from 1 to 1440 minutes, not {entry.duration_min}")
    if entry.cost_cents is not None and not 0 <= entry.cost_cents < 10**11:
        raise ValueError("the cost is out of range")
    if not CURRENCY_RE.match(entry.currency):
        raise ValueError(f"currency must be a three-letter code such as USD or EUR, not {entry.currency!r}")
    for effect in entry.side_effects:
        if effect.kind not in SIDE_EFFECTS:
            raise ValueError(f"unknown side effect {effect.kind!r} (known: {', '.join(SIDE_EFFECTS)})")
        if effect.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {effect.severity!r} (known: {', '.join(SEVERITIES)})")
        _check_text(effect.note, "the side effect note")


# --- the store -----------------------------------------------------------------------

#: The first release's schema, kept so migrations can be tested against a real old file.
SCHEMA_V1 = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'checkin')),
    at TEXT NOT NULL,
    pain INTEGER CHECK (pain BETWEEN 0 AND 10),
    technique TEXT,
    points TEXT NOT NULL DEFAULT '',
    cost_cents INTEGER,
    currency TEXT,
    notes TEXT NOT NULL DEFAULT '',
    CHECK (kind = 'session' OR pain IS NOT NULL)
);
"""

_SCHEMA_V2 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    provider TEXT NOT NULL,
    technique TEXT NOT NULL,
    points TEXT NOT NULL DEFAULT '',
    routine TEXT NOT NULL DEFAULT '',
    duration_min INTEGER,
    cost_cents INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'USD',
    insurance_paid INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE side_effects (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    worst INTEGER CHECK (worst IS NULL OR worst BETWEEN 0 AND 10),
    areas TEXT NOT NULL DEFAULT '',
    activity TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_at ON sessions(at);
CREATE INDEX checkins_at ON checkins(at);
CREATE INDEX side_effects_session ON side_effects(session_id);
"""


def _migrate_1_to_2(db: sqlite3.Connection) -> None:
    # executescript would COMMIT; run statement by statement inside the open transaction.
    for statement in filter(None, (s.strip() for s in _SCHEMA_V2.split(";"))):
        db.execute(statement)
    db.execute(
        "INSERT INTO sessions (id, at, provider, technique, points, cost_cents, currency, notes) "
        "SELECT id, at, 'practitioner', CASE WHEN technique IN ('acupuncture', 'acupressure', "
        "'electroacupuncture', 'moxibustion', 'cupping') THEN technique ELSE 'other' END, "
        "points, cost_cents, COALESCE(NULLIF(currency, ''), 'USD'), notes FROM entries WHERE kind = 'session'"
    )
    db.execute(
        "INSERT INTO checkins (at, pain, notes) SELECT at, pain, notes "
        "FROM entries WHERE kind = 'checkin' ORDER BY id"
    )
    db.execute("DROP TABLE entries")


class DiaryStore:
    """One open diary file. Not shared between threads; open one store per thread or process."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        self.backup_path: Path | None = None
        #: True when the file or its folder cannot be written: the diary is shown, not changed.
        self.read_only = False
        if self.path.is_dir():
            raise DiaryError(f"{self.path}: is a folder, not a diary file")
        if self.path.exists() and not self.path.is_file():
            raise DiaryError(f"{self.path}: is not a regular file; the diary was not opened")
        new = not self.path.exists()
        if new:
            if not create:
                raise DiaryError(f"{self.path}: no such diary file")
            self._create_private_file()
        self._db = self._connect()
        try:
            self._prepare(new)
        except BaseException:
            self._db.close()
            raise

    # --- opening -------------------------------------------------------------------
    def _create_private_file(self) -> None:
        """Create the file readable by its owner only (SQLite's -wal/-shm files copy its mode)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            os.chmod(self.path, 0o600)  # in case the umask was odd
        except FileExistsError:
            pass
        except OSError as exc:
            raise DiaryError(f"{self.path}: cannot create the diary ({exc.strerror or exc})") from None

    def _connect(self) -> sqlite3.Connection:
        folder = self.path.parent if str(self.path.parent) else Path(".")
        # SQLite needs to write the file and create -wal/-shm beside it; when it cannot, the
        # diary is opened immutable so it can still be read (a read-only mount, a 0400 file).
        self.read_only = not (os.access(self.path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK))
        try:
            if self.read_only:
                uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
                db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=True)
            else:
                db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=True)
        except sqlite3.Error as exc:
            raise DiaryError(f"{self.path}: cannot open the diary ({exc})") from None
        return db

    def _prepare(self, new: bool) -> None:
        db = self._db
        try:
            # Reading the header first: a damaged file fails here, before anything is written.
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise DiaryError(
                f"{self.path}: is not a readable BackPoints diary ({exc}). The file was left "
                "untouched; move it aside to start a new diary, or restore a backup."
            ) from None
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables and version == 0):
            raise DiaryError(f"{self.path}: is an SQLite file of another program, not a BackPoints diary; it was left untouched")
        if version > SCHEMA_VERSION:
            raise DiaryError(
                f"{self.path}: was written by a newer BackPoints (diary format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Update BackPoints; the file was left untouched."
            )
        if self.read_only:
            if version < SCHEMA_VERSION and (version or not new):
                raise DiaryError(f"{self.path}: the diary needs updating to a new format, but it is read-only; "
                                 "it was left untouched")
            return
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 10000")
            self._set_wal(db)
        except sqlite3.OperationalError as exc:
            raise DiaryError(self._explain(exc, "open")) from None
        if version < SCHEMA_VERSION:
            if version > 0:
                self._backup(version)
            self._migrate(version)

    def _backup(self, version: int) -> None:
        """Copy the diary before changing its schema (online backup API: consistent even under WAL)."""
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.v{version}-backup-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.v{version}-backup-{stamp}-{n}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            copy = sqlite3.connect(target)
            try:
                self._db.backup(copy)
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as exc:
            try:
                target.unlink()
            except OSError:
                pass
            raise DiaryError(
                f"{self.path}: the diary needs updating to a new format, but the backup copy "
                f"could not be written ({getattr(exc, 'strerror', None) or exc}); the file was left untouched"
            ) from None
        self.backup_path = target

    @staticmethod
    def _set_wal(db: sqlite3.Connection) -> None:
        """Switch to WAL journaling, waiting while another process holds the file.

        Changing the journal mode needs the file to itself, and SQLite reports a lock
        at once instead of waiting (the busy timeout does not cover it), so two
        programs opening a new diary together would fail without this short wait.
        """
        deadline = time.monotonic() + 10.0
        while True:
            try:
                db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self, version: int) -> None:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            # Another process may have migrated it while we waited for the lock.
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current == version:
                if version == 0:
                    for statement in filter(None, (s.strip() for s in _SCHEMA_V2.split(";"))):
                        db.execute(statement)
                else:
                    _migrate_1_to_2(db)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise DiaryError(self._explain(exc, "update")) from None

    def _explain(self, exc: sqlite3.Error, doing: str) -> str:
        text = str(exc)
        if "readonly" in text or "read-only" in text:
            why = "the file or its folder is read-only"
        elif "disk is full" in text or "disk I/O" in text:
            why = "the disk is full or failing"
        elif "locked" in text or "busy" in text:
            why = "another program kept the diary locked"
        else:
            why = text
        verb = {"save": "could not be saved", "open": "could not be opened", "update": "could not be updated"}[doing]
        tail = "; nothing was changed" if doing != "open" else ""
        return f"{self.path}: the diary {verb} ({why}){tail}"

    def close(self) -> None:
        """Close the file (checkpointing the WAL into it)."""
        self._db.close()

    def __enter__(self) -> "DiaryStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------
    def contents(self) -> DiaryContents:
        """Every entry, oldest first."""
        db = self._db
        try:
            effects: dict[int, list[SideEffect]] = {}
            for sid, kind, severity, note in db.execute(
                "SELECT session_id, kind, severity, note FROM side_effects ORDER BY id"
            ):
                effects.setdefault(sid, []).append(SideEffect(kind, severity, note))
            sessions = tuple(
                Session(
                    id=row[0], at=_dt.datetime.fromisoformat(row[1]), provider=row[2], technique=row[3],
                    points=tuple(row[4].split()), routine=row[5], duration_min=row[6], cost_cents=row[7],
                    currency=row[8], insurance_paid=bool(row[9]), notes=row[10],
                    side_effects=tuple(effects.get(row[0], ())),
                )
                for row in db.execute(
                    "SELECT id, at, provider, technique, points, routine, duration_min, cost_cents, "
                    "currency, insurance_paid, notes FROM sessions ORDER BY at, id"
                )
            )
            checkins = tuple(
                CheckIn(
                    id=row[0], at=_dt.datetime.fromisoformat(row[1]), pain=row[2], worst=row[3],
                    areas=tuple(row[4].split()),
                    activity=None if row[5] is None else tuple(int(c) for c in row[5]),
                    notes=row[6],
                )
                for row in db.execute("SELECT id, at, pain, worst, areas, activity, notes FROM checkins ORDER BY at, id")
            )
        except (sqlite3.Error, ValueError) as exc:
            raise DiaryError(f"{self.path}: the diary could not be read ({exc}); the file was left untouched") from None
        return DiaryContents(sessions, checkins)

    # --- writing -------------------------------------------------------------------
    def _write(self) -> "_Transaction":
        return _Transaction(self)

    def add(self, entry: Entry) -> Entry:
        """Save a new entry (or put back a deleted one with its old id); returns it with its id."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Sequence[Entry]) -> list[Entry]:
        """Save several entries in one transaction: all of them or none."""
        for entry in entries:
            validate(entry)
        saved: list[Entry] = []
        with self._write() as db:
            for entry in entries:
                saved.append(self._insert(db, entry))
        return saved

    def update(self, entry: Entry) -> None:
        """Replace a saved entry (same id) with new values."""
        if entry.id is None:
            raise ValueError("only a saved entry can be updated")
        validate(entry)
        with self._write() as db:
            table = "sessions" if isinstance(entry, Session) else "checkins"
            if db.execute(f"DELETE FROM {table} WHERE id = ?", (entry.id,)).rowcount != 1:
                raise DiaryError(f"{self.path}: that entry is no longer in the diary (deleted elsewhere?)")
            self._insert(db, entry)

    def delete(self, entry: Entry) -> None:
        """Remove one entry (a session's side effects go with it)."""
        self.delete_many([entry])

    def delete_many(self, entries: Iterable[Entry]) -> None:
        """Remove several entries in one transaction."""
        with self._write() as db:
            for entry in entries:
                table = "sessions" if isinstance(entry, Session) else "checkins"
                db.execute(f"DELETE FROM {table} WHERE id = ?", (entry.id,))

    def delete_everything(self) -> None:
        """Empty the diary and compact the file so the old rows are not left on disk."""
        with self._write() as db:
            db.execute("DELETE FROM side_effects")
            db.execute("DELETE FROM sessions")
            db.execute("DELETE FROM checkins")
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")
        except sqlite3.Error as exc:
            raise DiaryError(self._explain(exc, "save")) from None

    def _insert(self, db: sqlite3.Connection, entry: Entry) -> Entry:
        when = format_when(entry.at)
        if isinstance(entry, CheckIn):
            activity = None if entry.activity is None else "".join(str(a) for a in entry.activity)
            cursor = db.execute(
                "INSERT INTO checkins (id, at, pain, worst, areas, activity, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (entry.id, when, entry.pain, entry.worst, " ".join(entry.areas), activity, entry.notes),
            )
            return _with_id(entry, cursor.lastrowid)
        cursor = db.execute(
            "INSERT INTO sessions (id, at, provider, technique, points, routine, duration_min, cost_cents, "
            "currency, insurance_paid, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.id, when, entry.provider, entry.technique, " ".join(entry.points), entry.routine,
             entry.duration_min, entry.cost_cents, entry.currency, int(entry.insurance_paid), entry.notes),
        )
        sid = cursor.lastrowid
        db.executemany(
            "INSERT INTO side_effects (session_id, kind, severity, note) VALUES (?, ?, ?, ?)",
            [(sid, e.kind, e.severity, e.note) for e in entry.side_effects],
        )
        return _with_id(entry, sid)


def _with_id(entry: Entry, new_id: int | None) -> Entry:
    from dataclasses import replace

    return replace(entry, id=new_id)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error, with errors explained."""

    def __init__(self, store: DiaryStore) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        if self.store.read_only:
            raise DiaryError(f"{self.store.path}: the diary could not be saved (the file or its folder is "
                             "read-only); nothing was changed")
        try:
            self.store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise DiaryError(self.store._explain(exc, "save")) from None
        return self.store._db

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        db = self.store._db
        if kind is None:
            try:
                db.execute("COMMIT")
                return
            except sqlite3.Error as error:
                exc = error
        if db.in_transaction:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        if isinstance(exc, sqlite3.IntegrityError):
            raise DiaryError(f"{self.store.path}: the entry could not be saved ({exc}); nothing was changed") from None
        if isinstance(exc, sqlite3.Error):
            raise DiaryError(self.store._explain(exc, "save")) from None
        if kind is None and exc is not None:
            raise DiaryError(str(exc))


def open_diary(path: str | os.PathLike[str]) -> DiaryStore:
    """Open (or create) the diary at `path`. Raises DiaryError."""
    return DiaryStore(path)


def remove_diary_files(path: str | os.PathLike[str]) -> list[Path]:
    """Delete a diary file with its -wal/-shm companions and migration backups; returns what went."""
    base = Path(path)
    gone: list[Path] = []
    candidates: Iterator[Path] = iter(
        [base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm"),
         *sorted(base.parent.glob(f"{base.name}.v*-backup-*"))]
    )
    for candidate in candidates:
        try:
            candidate.unlink()
            gone.append(candidate)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise DiaryError(f"{candidate}: could not be deleted ({exc.strerror or exc})") from None
    return gone


__all__ = [
    "ACTIVITY_ITEMS", "ACTIVITY_NOTE", "CheckIn", "DiaryContents", "DiaryError", "DiaryStore", "Entry",
    "Session", "SideEffect", "open_diary", "parse_when", "parse_money", "format_money",
]
