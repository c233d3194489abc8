"""Rebuild app/nn/images/data/digits.u8.xz from scikit-learn's copy of the UCI digits, and check it.

Dev-only: the app never runs this and scikit-learn is not one of its
dependencies. ``python tools/build_digits.py`` makes a throwaway venv in a
temporary folder, installs scikit-learn there, reads its
``sklearn/datasets/data/digits.csv.gz`` (1,797 rows of 64 pixel values 0..16
and the digit) and writes the packed file; ``--csv PATH`` reads a given
digits.csv.gz instead (no venv, no download). ``--check`` only compares the
shipped file with that source and exits 1 if they differ.

The packed file (see app/nn/images/data/README.md) is 1,797 × 64 pixel
bytes, image after image, row after row, then 1,797 label bytes, xz-compressed.
Non-goal: other data sets.
"""
import argparse
import gzip
import hashlib
import lzma
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "app" / "nn" / "images" / "data" / "digits.u8.xz"
IMAGES, PIXELS, CLASSES, MAX_VALUE = 1797, 64, 10, 16


def csv_from_scikit_learn(folder: Path) -> Path:
    """Install scikit-learn into a venv under ``folder``; return the path of its digits.csv.gz."""
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "scikit-learn"], check=True)
    found = subprocess.run(
        [str(python), "-c", "import sklearn, pathlib; print(pathlib.Path(sklearn.__file__)"
                            ".parent / 'datasets' / 'data' / 'digits.csv.gz')"],
        check=True, capture_output=True, text=True).stdout.strip()
    return Path(found)


def read_rows(path: Path) -> list[list[int]]:
    """The rows of digits.csv.gz as integers, checked: 1,797 rows of 64 values 0..16 and a digit."""
    with gzip.open(path, "rt") as file:
        rows = [[int(float(v)) for v in line.split(",")] for line in file if line.strip()]
    if len(rows) != IMAGES or any(len(row) != PIXELS + 1 for row in rows):
        raise SystemExit(f"{path}: expected {IMAGES} rows of {PIXELS + 1} values")
    if any(not 0 <= v <= MAX_VALUE for row in rows for v in row[:PIXELS]):
        raise SystemExit(f"{path}: a pixel value is outside 0..{MAX_VALUE}")
    if {row[-1] for row in rows} != set(range(CLASSES)):
        raise SystemExit(f"{path}: labels are not the digits 0..9")
    return rows


def pack(rows: list[list[int]]) -> bytes:
    """Pixel bytes of every image, then every label byte (uncompressed)."""
    return bytes(v for row in rows for v in row[:PIXELS]) + bytes(row[-1] for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, help="scikit-learn's digits.csv.gz (skips the venv)")
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = args.csv or csv_from_scikit_learn(Path(folder))
        packed = pack(read_rows(source))
    digest = hashlib.sha256(packed).hexdigest()
    counts = [packed[IMAGES * PIXELS:].count(d) for d in range(CLASSES)]
    print(f"{IMAGES} images, class counts {counts}, sha256 of the unpacked bytes {digest}")
    if args.check:
        same = lzma.decompress(TARGET.read_bytes()) == packed
        print(f"{TARGET.relative_to(ROOT)}: {'identical' if same else 'DIFFERS'}")
        return 0 if same else 1
    TARGET.write_bytes(lzma.compress(packed, preset=9 | lzma.PRESET_EXTREME))
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
