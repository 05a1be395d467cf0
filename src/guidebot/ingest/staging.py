"""All or nothing: an ingest is staged in full, checked, then made live in one step.

Every file an ingest writes goes first to a staging folder inside the knowledge directory
(a copy of the knowledge as it is, plus the new files), which must load cleanly. Then a
journal listing the moves is written, the files are moved into place (each an atomic
rename), and the journal is removed. A run killed during the moves leaves the journal:
the loader refuses a knowledge directory that has one (nothing half-imported is served),
and the next ingest finishes the moves before anything else, since they were all checked.
A run killed before its journal was written leaves only its staging folder, which the
next ingest removes once it is an hour old (a younger one may be another ingest's).

One ingest at a time writes to a knowledge directory (`sole_ingest`, a filelock lock file
in it): two at once could each pass the check alone and together break the knowledge.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from guidebot import atomic
from guidebot.errors import InputError, WriteFailed
from guidebot.knowledge.loader import INTERRUPTED_INGEST, knowledge_files

PREFIX = ".guidebot-staging-"
# Where a file that an ingest replaced with other text is kept (a folder per run), since
# --force may replace hand edits: the loader never reads it.
REPLACED = ".guidebot-replaced"
_DATED = re.compile(rb"\A#[^\n]* \d{4}-\d{2}-\d{2}\.?\n")
ABANDONED_AFTER = 3600.0  # seconds: an ingest takes seconds, so an older folder is left over
LOCK = ".guidebot-ingest.lock"


@contextmanager
def sole_ingest(target: Path) -> Iterator[None]:
    """Hold the knowledge directory target (made if missing) for one ingest. Raises
    InputError at once when another ingest holds it, WriteFailed when the directory or its
    lock file cannot be made. The folders this made are removed again if the ingest left
    nothing else in them."""
    made = [folder for folder in (target, *target.parents) if not folder.exists()]
    lock_file = target / LOCK
    try:
        target.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_file, timeout=0)
        lock.acquire()
    except Timeout:
        raise InputError(
            f"{target}: another guidebot ingest is writing to this folder; run this one "
            "again when it has finished"
        ) from None
    except OSError as error:
        where = lock_file if target.is_dir() else target
        raise WriteFailed(where, error.strerror or str(error)) from None
    try:
        yield
    finally:
        # Tidied while the lock is held, so that no other ingest can have taken it between;
        # a folder something else has written to meanwhile stays.
        with suppress(OSError):
            if made and {p.name for p in target.iterdir()} <= {LOCK}:
                lock_file.unlink(missing_ok=True)
                for folder in made:  # the target first, then the folders made for it
                    folder.rmdir()
        lock.release()


class Staging:
    """A staging folder for target: `path(rel)` to write to, then `commit` or `discard`."""

    def __init__(self, target: Path) -> None:
        """Raises WriteFailed when the staging folder cannot be made (a read-only or full
        disk), having made nothing."""
        self.target = target
        self.created = [d for d in (target, *target.parents) if not d.exists()][::-1]
        self.new: list[str] = []
        try:
            target.mkdir(parents=True, exist_ok=True)
            self.root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=target))
            for path in (p for group in knowledge_files(target).values() for p in group):
                copy = self.root / path.relative_to(target)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
        except OSError as error:
            if hasattr(self, "root"):
                shutil.rmtree(self.root, ignore_errors=True)
            self._remove_created()
            raise WriteFailed(target, error.strerror or str(error)) from None

    def write(self, rel: str, text: str) -> Path:
        """Stage text for target/rel; returns where it will be once committed."""
        staged = self.root / rel
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_text(text, encoding="utf-8")
        except OSError as error:
            raise WriteFailed(self.target / rel, error.strerror or str(error)) from None
        self.new.append(rel)
        return self.target / rel

    def commit(self, stamp: str) -> list[tuple[Path, Path]]:
        """Move the staged files into place, journalled (see the module docstring), each
        existing file they replace with other text first copied into a new folder of
        REPLACED named from `stamp` (a time, say); returns (file, its old copy) for each."""
        journal = self.target / INTERRUPTED_INGEST
        missing = [rel for rel in self.new if not (self.root / rel).is_file()]
        if missing:  # a run paused for over an hour may have had its folder swept
            raise WriteFailed(self.root / missing[0], "the staged file is gone; run it again")
        kept = self._keep_replaced(stamp)
        moves = {"staging": self.root.name, "files": self.new}
        atomic.write_text(journal, json.dumps(moves, indent=1), overwrite=True)
        try:
            finish_interrupted(self.target)
        except OSError as error:  # the journal stays: the next ingest finishes the moves
            raise WriteFailed(self.target, error.strerror or str(error)) from None
        return kept

    def _keep_replaced(self, stamp: str) -> list[tuple[Path, Path]]:
        replaced: dict[str, bytes] = {}  # rel -> the bytes the staged file replaces
        for rel in self.new:
            if (self.target / rel).is_file():
                old = (self.target / rel).read_bytes()
                if _undated(old) != _undated((self.root / rel).read_bytes()):
                    replaced[rel] = old
        if not replaced:
            return []
        try:
            (self.target / REPLACED).mkdir(exist_ok=True)
            folder = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=self.target / REPLACED))
            for rel, old in replaced.items():
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                atomic.write_bytes(folder / rel, old)
        except OSError as error:
            raise WriteFailed(self.target / REPLACED, error.strerror or str(error)) from None
        return [(self.target / rel, folder / rel) for rel in replaced]

    def discard(self) -> None:
        """Forget everything staged; the knowledge directory is as it was."""
        shutil.rmtree(self.root, ignore_errors=True)
        self._remove_created()

    def _remove_created(self) -> None:
        for directory in reversed(self.created):
            if directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()


def _undated(data: bytes) -> bytes:
    """A file's bytes less a first comment line that ends with a date ("# FAQ entries
    brought in from faq.csv by guidebot ingest on 2026-12-01."): the same export brought in
    on another day replaces nothing worth keeping."""
    return _DATED.sub(b"", data, count=1)


def finish_interrupted(target: Path) -> bool:
    """Complete the moves a journal in target lists (the work of a commit, or of one that
    was killed part way); True if there was one."""
    journal = target / INTERRUPTED_INGEST
    if not journal.is_file():
        return False
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))
        staging, files = target / str(moves["staging"]), [str(rel) for rel in moves["files"]]
    except (ValueError, KeyError, TypeError) as error:  # not what commit writes
        raise InputError(
            f"{journal}: cannot finish the interrupted ingest this file records, as it cannot "
            f"be read ({error}); check the folder's guides/ and faq/, then delete this file "
            f"and any {PREFIX}* folder beside it"
        ) from None
    for rel in files:
        staged, final = staging / rel, target / rel
        if not staged.exists():
            continue  # moved before the run was killed
        if final.is_symlink():  # a linked guide stays a link, wherever the file it names is
            atomic.write_bytes(final, staged.read_bytes())
            staged.unlink()
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)
    return True


def sweep_abandoned(target: Path, now: float, older_than: float = ABANDONED_AFTER) -> list[Path]:
    """Remove the staging folders in target that no journal names and that were last
    changed more than `older_than` seconds before `now` (time.time()): copies left by an
    ingest killed before it committed. Returns those removed; one that cannot be removed
    is left for the next time."""
    journal = target / INTERRUPTED_INGEST
    if journal.exists() or not target.is_dir():
        return []  # the journal's folder is finished first, by finish_interrupted
    removed = []
    for folder in target.glob(f"{PREFIX}*"):
        try:
            if folder.is_dir() and now - folder.stat().st_mtime > older_than:
                shutil.rmtree(folder)
                removed.append(folder)
        except OSError:
            continue
    return removed
