"""Zip files and folders read as a set of named members, never extracted to disk.

An export zip comes from outside, so it is read with limits: at most MAX_MEMBERS members of
at most MAX_MEMBER_BYTES each once unpacked (checked while reading, since a zip's header can
claim less than it holds), no encrypted members, and no names that climb out of the archive
("../x", "/etc/x", "C:\\x"): an archive holding one is refused whole, as it was not made by
an export.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from abc import ABC, abstractmethod
from pathlib import Path, PurePosixPath

from guidebot.errors import InputError

MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 20 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|\._)")


class Members(ABC):
    """Files of a zip or a folder by their relative POSIX names ("intents/hours.json")."""

    def __init__(self, shown: str, names: list[str]) -> None:
        self.shown = shown
        self.names = names

    @abstractmethod
    def read(self, name: str) -> bytes:
        """The bytes of one member; InputError when it is too big or cannot be read."""

    def where(self, name: str) -> str:
        """How messages name a member: "agent.zip/intents/hours.json"."""
        return f"{self.shown}/{name}"


class ZipMembers(Members):
    """The members of a zip file's bytes (see the module docstring for the limits)."""

    def __init__(self, data: bytes, shown: str) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise InputError(f"{shown}: not a readable zip file ({error})") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"{shown}: holds {len(infos)} files, more than an export has")
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if _unsafe(name):
                raise InputError(
                    f"{shown}: holds '{name}', a name that points outside the archive; "
                    "an export never does, so nothing was read from it"
                )
            if info.is_dir() or _JUNK.search(name) or stat.S_ISLNK(info.external_attr >> 16):
                continue
            if info.flag_bits & 0x1:
                raise InputError(
                    f"{shown}: '{name}' is encrypted; export it again without a password"
                )
            self._infos[name] = info
        super().__init__(shown, sorted(self._infos))

    def read(self, name: str) -> bytes:
        info = self._infos[name]
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError(_too_big(self.where(name)))
        try:
            with self._zip.open(info) as member:
                data = member.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
            raise InputError(f"{self.where(name)}: cannot be unpacked ({error})") from None
        if len(data) > MAX_MEMBER_BYTES:
            raise InputError(_too_big(self.where(name)))
        return data


class FolderMembers(Members):
    """The files under a folder (an unzipped export); links out of it are not followed."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()
        names: list[str] = []
        for path in sorted(root.rglob("*")):
            if len(names) >= MAX_MEMBERS:
                raise InputError(f"{root}: holds more files than an export has")
            if path.is_file() and not path.is_symlink():
                name = path.relative_to(root).as_posix()
                if not _JUNK.search(name):
                    names.append(name)
        super().__init__(str(root).rstrip("/"), names)

    def read(self, name: str) -> bytes:
        path = self._root / name
        if path.stat().st_size > MAX_MEMBER_BYTES:
            raise InputError(_too_big(self.where(name)))
        return path.read_bytes()


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or "\0" in name
        or ".." in parts
        or bool(re.match(r"^[A-Za-z]:", name))
    )


def _too_big(where: str) -> str:
    return f"{where}: more than {MAX_MEMBER_BYTES // (1024 * 1024)} MB unpacked; not a FAQ export"
