"""Write static/data/dataset-thumbnails.json: a few points of every data set, and one picture
of each image data set, for the page's thumbnail picker.

The points come from the engine's own generators (app/nn/datasets.py), so the page never
carries a second copy of them; the page draws them with its own colours and glyphs, so the
thumbnails follow the colour-blind-safe palette too. The pictures are a digit of the shipped
set and a generated shape (app/nn/images/), as grids of values 0 … 16. Run it after changing
a generator: ``.venv/bin/python tools/dataset_thumbnails.py``; tests/test_dataset_thumbnails.py
fails while the file is stale. Non-goal: the custom data sets (they have no generator).
"""
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.nn.datasets import DATASETS, class_count  # noqa: E402  (after the path is set)
from app.nn.images import digits  # noqa: E402
from app.nn.images.drawn import PIXEL_MAX  # noqa: E402
from app.nn.images.shapes import make_shapes  # noqa: E402

OUTPUT = ROOT / "static" / "data" / "dataset-thumbnails.json"
POINTS = 90          # per thumbnail: enough to show the shape, small on the wire
SEED = 7
THUMBNAIL_CLASSES = 3  # data sets that take num_classes are shown with three
DECIMALS = 2


def thumbnail_points() -> dict[str, list[list[float]]]:
    """{name: [[x1, x2, label], ...]} for every data set, rounded to DECIMALS."""
    result = {}
    for name, dataset in DATASETS.items():
        rng = np.random.default_rng(SEED)
        points, labels = dataset.generate(
            POINTS, 0.0, rng, class_count(dataset.problem, dataset, THUMBNAIL_CLASSES))
        rows = np.column_stack([points, labels]).round(DECIMALS)
        result[name] = [[float(v) for v in row] for row in rows]
    return result


DIGIT = 3            # which shipped digit the picture shows (a 3)
SHAPE = (12, 5)      # the shapes' picture: 12×12 pixels, class 5 (a ring)


def thumbnail_images() -> dict[str, dict]:
    """{name: {"size", "pixels": side² whole values 0 … 16}} of each image data set with data."""
    images, _ = digits.load()
    size, shape = SHAPE
    rings, _ = make_shapes(shape + 1, size, shape + 1, 0.0, np.random.default_rng(SEED))
    return {"digits": {"size": digits.SIZE, "pixels": images[DIGIT].reshape(-1).tolist()},
            "shapes": {"size": size, "pixels": np.round(rings[-1] * PIXEL_MAX).astype(int)
                       .reshape(-1).tolist()}}


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"points": thumbnail_points(), "images": thumbnail_images()},
                      separators=(",", ":"))
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(f"dataset-thumbnails: {OUTPUT.relative_to(ROOT)} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
