"""aligned_npz writes what np.load reads, with every array's data at a multiple of 64 bytes,
so that map_npz's views are aligned (numpy reads misaligned floats through a slow path)."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidebot.search.npzmap import ALIGNMENT, aligned_npz, map_npz

DTYPES = [np.uint8, np.int32, np.int64, np.float32, np.float64]


@st.composite
def arrays(draw) -> dict[str, np.ndarray]:
    """Arrays of odd sizes and names of odd lengths, so no member ends where the next would
    be aligned by chance."""
    found = {}
    for number in range(draw(st.integers(1, 6))):
        dtype = draw(st.sampled_from(DTYPES))
        shape = tuple(draw(st.lists(st.integers(0, 7), max_size=2)))
        name = draw(st.text("abcxyz._", min_size=1, max_size=13)) + str(number)
        size = int(np.prod(shape, dtype=np.int64))
        found[name] = np.arange(size, dtype=dtype).reshape(shape)
    return found


@settings(max_examples=60, deadline=None)
@given(arrays())
def test_np_load_reads_what_was_written(stored):
    with np.load(io.BytesIO(aligned_npz(stored)), allow_pickle=False) as npz:
        assert sorted(npz.files) == sorted(stored)
        for name, array in stored.items():
            assert npz[name].dtype == array.dtype and np.array_equal(npz[name], array)


@settings(max_examples=30, deadline=None)
@given(arrays())
def test_mapped_arrays_are_aligned(tmp_path_factory, stored):
    path = tmp_path_factory.mktemp("npz") / "a.npz"
    path.write_bytes(aligned_npz(stored))
    mapped = map_npz(path).arrays
    for name, array in stored.items():
        assert np.array_equal(mapped[name], array)
        if array.size:
            assert mapped[name].ctypes.data % ALIGNMENT == 0, name
            assert mapped[name].flags.aligned


def test_np_savez_would_not_have_aligned_them(tmp_path):
    """The reason for aligned_npz: the same arrays saved by numpy fall where they fall."""
    stored = {"a": np.arange(3, dtype=np.uint8), "vectors": np.ones((4, 8), dtype=np.float32)}
    path = tmp_path / "numpy.npz"
    np.savez(path, **stored)
    assert map_npz(path).arrays["vectors"].ctypes.data % ALIGNMENT != 0


def test_the_padding_is_a_well_formed_extra_field(tmp_path):
    """Zip readers skip an extra field they do not know only when its length is right."""
    data = aligned_npz({"odd": np.arange(5, dtype=np.uint8), "next": np.zeros(3)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for info in archive.infolist():
            extra = info.extra
            assert int.from_bytes(extra[2:4], "little") == len(extra) - 4


def test_an_array_of_objects_is_refused():
    with pytest.raises(ValueError, match="pickle"):
        aligned_npz({"objects": np.array([object()], dtype=object)})
