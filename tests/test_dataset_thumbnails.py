"""The page's data set thumbnails are points of the engine's own generators, and up to date."""
import importlib.util
import json
from pathlib import Path

from app.nn.datasets import DATASETS

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "dataset_thumbnails.py"
TOLERANCE = 0.011  # the file rounds to 2 decimals; a generator may differ in its last bits across CPUs


def load_tool():
    spec = importlib.util.spec_from_file_location("dataset_thumbnails", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_data_set_has_a_thumbnail_matching_its_generator():
    tool = load_tool()
    committed = json.loads(tool.OUTPUT.read_text(encoding="utf-8"))["points"]
    fresh = tool.thumbnail_points()
    assert set(committed) == set(DATASETS) == set(fresh)
    for name, points in fresh.items():
        assert len(committed[name]) == len(points) == tool.POINTS, name
        for got, want in zip(committed[name], points):
            assert all(abs(g - w) <= TOLERANCE for g, w in zip(got, want)), \
                f"{name}: {got} != {want}: run tools/dataset_thumbnails.py"


def test_thumbnails_cover_each_data_sets_classes():
    points = json.loads(load_tool().OUTPUT.read_text(encoding="utf-8"))["points"]
    assert {p[2] for p in points["circle"]} == {1.0, -1.0}
    assert {p[2] for p in points["blobs"]} == {0.0, 1.0, 2.0}
    assert all(-1 <= p[2] <= 1 for p in points["plane"])


def test_the_image_data_sets_have_a_picture_from_their_own_data():
    tool = load_tool()
    committed = json.loads(tool.OUTPUT.read_text(encoding="utf-8"))["images"]
    assert committed == tool.thumbnail_images(), "run tools/dataset_thumbnails.py"
    assert len(committed["digits"]["pixels"]) == 64 and len(committed["shapes"]["pixels"]) == 144
    for picture in committed.values():
        assert 0 == min(picture["pixels"]) and 12 <= max(picture["pixels"]) <= 16, "ink on paper"
