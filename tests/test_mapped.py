"""Memory-mapped cache files: the checksum is zlib's, and reading releases what it read."""

from __future__ import annotations

import zlib

import pytest

from guidebot import mapped


@pytest.mark.parametrize(("start", "end"), [(0, 0), (0, 1), (3, 20_000), (5, 3 * 4096 + 7)])
def test_crc32_is_zlibs_over_the_range(tmp_path, monkeypatch, start, end):
    monkeypatch.setattr(mapped, "STRETCH", 4096)  # several stretches, some pages released
    data = bytes(range(256)) * 100
    path = tmp_path / "f"
    path.write_bytes(data)
    view = mapped.map_file(path)
    end = min(end, len(data))
    assert mapped.crc32(view, start, end) == zlib.crc32(data[start:end])
    assert view[: len(data)] == data  # released pages come back when read again


def test_an_empty_file_is_refused(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    with pytest.raises(ValueError, match="empty"):
        mapped.map_file(tmp_path / "empty")
