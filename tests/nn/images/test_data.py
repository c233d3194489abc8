"""Image data: the shipped digits file, the shapes generator, drawn images and their text format."""
import hashlib
import lzma

import numpy as np
import pytest

from app.nn.images import digits
from app.nn.images.datasets import split_drawn, split_images
from app.nn.images.drawn import LEVELS, DrawnImages, format_images, parse_images, reduce_drawing
from app.nn.images.shapes import SHAPES, make_shapes

UCI_CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def test_shipped_digits_have_the_uci_shape_class_counts_value_range_and_checksum():
    packed = digits.PATH.read_bytes()
    assert len(packed) < 64 * 1024, "a compact copy: a few tens of KB"
    raw = lzma.decompress(packed)
    assert hashlib.sha256(raw).hexdigest() == \
        "87ff0c9e40dc7e2c0e34e7257799c2e3f3aec1a016363bb11cad869ec428a826"
    images, labels = digits.load()
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert np.bincount(labels).tolist() == UCI_CLASS_COUNTS
    assert images.min() == 0 and images.max() == 16
    # scikit-learn's first image is a 0: a ring of ink around an empty middle.
    assert labels[0] == 0 and images[0, 3:5, 3:5].sum() == 0 and images[0, 1, 2:6].min() > 0


def test_a_damaged_digits_file_is_refused():
    raw = bytearray(lzma.decompress(digits.PATH.read_bytes()))
    raw[100] ^= 1
    with pytest.raises(ValueError, match="SHA-256"):
        digits.unpack(lzma.compress(bytes(raw)))


def test_the_digits_file_has_its_licence_and_attribution_beside_it():
    notice = (digits.PATH.parent / "README.md").read_text()
    for words in ("CC BY 4.0", "Alpaydin", "Kaynak", "UCI", "tools/build_digits.py"):
        assert words in notice


@pytest.mark.parametrize("size", [8, 11, 16])
@pytest.mark.parametrize("classes", [2, 4, 6])
def test_shapes_have_the_asked_size_classes_and_range(size, classes):
    images, labels = make_shapes(60, size, classes, 0.2, np.random.default_rng(1))
    assert images.shape == (60, size, size)
    assert np.bincount(labels).tolist() == [60 // classes] * classes
    assert images.min() >= 0.0 and images.max() <= 1.0


def test_shape_intensities_are_whole_240ths_so_one_byte_carries_them_exactly():
    images, _ = make_shapes(40, 12, 6, 0.3, np.random.default_rng(2))
    levels = images * LEVELS
    np.testing.assert_allclose(levels, np.round(levels), rtol=0, atol=1e-9)
    assert len(np.unique(images)) > 30, "noise still gives many grey levels"


def test_same_seed_same_shapes_and_another_seed_others():
    first, _ = make_shapes(20, 10, 6, 0.1, np.random.default_rng(7))
    again, _ = make_shapes(20, 10, 6, 0.1, np.random.default_rng(7))
    other, _ = make_shapes(20, 10, 6, 0.1, np.random.default_rng(8))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_each_shape_is_drawn_where_it_should_be():
    images, labels = make_shapes(600, 12, 6, 0.0, np.random.default_rng(3))
    mean = {SHAPES[c]: images[labels == c].mean(axis=0) for c in range(6)}
    rows, columns = mean["horizontal bar"].mean(axis=1), mean["vertical bar"].mean(axis=0)
    assert rows[4:7].min() > 3 * rows[[0, 11]].max()           # ink in the middle rows
    assert columns[4:7].min() > 3 * columns[[0, 11]].max()     # ink in the middle columns
    centre = 5      # (12 - 1) // 2, the average of the shifted centres
    assert mean["cross"][centre, centre] > 0.5
    assert mean["ring"][centre, centre] < 0.05 and mean["square"][centre, centre] < 0.05
    for bar in range(4):    # bars and the cross have a full-intensity middle line
        assert (images[labels == bar].max(axis=(1, 2)) == 1.0).all()


@pytest.mark.parametrize("size, classes, message", [
    (7, 4, "image_size must be 8-16"), (17, 4, "image_size must be 8-16"),
    (8, 1, "num_classes must be 2-6"), (8, 7, "num_classes must be 2-6")])
def test_shapes_refuse_sizes_and_class_counts_out_of_range(size, classes, message):
    with pytest.raises(ValueError, match=message):
        make_shapes(10, size, classes, 0.0, np.random.default_rng(0))


def test_split_shuffles_with_the_seed_and_keeps_one_image_each_side():
    images = np.arange(10, dtype=np.float64)[:, None, None] * np.ones((10, 2, 2)) / 10
    split = split_images(images, np.arange(10), 70.0, np.random.default_rng(1))
    assert len(split.x_train) == 7 and len(split.x_test) == 3
    np.testing.assert_array_equal(split.x_train[:, 0, 0] * 10, split.y_train)
    tiny = split_images(images[:2], np.arange(2), 100.0, np.random.default_rng(1))
    assert len(tiny.x_train) == 1 and len(tiny.x_test) == 1


def test_drawn_images_marked_train_or_test_stay_there():
    images = np.zeros((6, 8, 8))
    drawn = DrawnImages(images, np.array([0, 1, 2, 0, 1, 2]),
                        ("test", "test", None, None, "train", None))
    split = split_drawn(drawn, 50.0, np.random.default_rng(0))
    assert 1 in split.y_train.tolist() and len(split.x_train) + len(split.x_test) == 6
    assert split.y_test[:2].tolist() == [0, 1] and len(split.x_test) >= 2


def naive_reduce(fine, size):
    block = len(fine) // size
    return [[sum(1 for u in range(block) for v in range(block)
                 if fine[y * block + u][x * block + v] > 0.5) for x in range(size)]
            for y in range(size)]


def test_a_32x32_drawing_reduces_to_uci_counts_0_to_16():
    rng = np.random.default_rng(2)
    fine = (rng.uniform(size=(32, 32)) > 0.6).astype(float)
    fine[:4, :4] = 1.0      # a full block counts 16
    fine[4:8, :4] = 0.5     # 0.5 is not "on"
    grid = reduce_drawing(fine, 8)
    assert grid.tolist() == naive_reduce(fine, 8)
    assert grid[0, 0] == 16 and grid[1, 0] == 0 and grid.max() <= 16


def test_reduction_refuses_a_drawing_that_does_not_divide_into_blocks():
    with pytest.raises(ValueError, match="drawing: expected a square"):
        reduce_drawing(np.zeros((30, 30)), 8)


def test_images_survive_a_round_trip_through_the_text_format():
    images, labels = digits.load()
    text = format_images(images[:5] / 16, labels[:5], ["train", None, "test", None, None])
    parsed = parse_images(text, 8, max_images=10, max_bytes=100_000, max_classes=10)
    np.testing.assert_array_equal(parsed.images * 16, images[:5])
    assert parsed.labels.tolist() == labels[:5].tolist()
    assert parsed.sets == ("train", None, "test", None, None)


def test_generated_shapes_survive_a_round_trip_exactly_and_other_values_as_written():
    images, labels = make_shapes(12, 10, 6, 0.3, np.random.default_rng(4))
    parsed = parse_images(format_images(images, labels), 10, 20, 100_000, 10)
    np.testing.assert_array_equal(parsed.images, images)
    line = ",".join(["7.3"] + ["0"] * 63) + ",1"
    assert parse_images(line, 8, 1, 10_000, 10).images[0, 0, 0] == 7.3 / 16


def test_uci_lines_import_as_they_are():
    images, labels = digits.load()
    line = ",".join(str(v) for v in images[7].reshape(-1)) + f",{labels[7]}"
    parsed = parse_images(f"{line}\r\n\n", 8, 1, 10_000, 10)
    np.testing.assert_array_equal(parsed.images[0] * 16, images[7])


PIXELS = ",".join(["0"] * 64)


@pytest.mark.parametrize("text, message", [
    (f"{PIXELS},1\n{PIXELS},2\n{PIXELS[2:]},3", "line 3: expected 64 pixel values, got 63"),
    (f"# comment\n{PIXELS},1,validation", "line 2: expected 64 pixel values, got 65"),
    (f"{PIXELS[:-1]}x,1", "line 1: pixel 64 is not a number: 'x'"),
    (f"{PIXELS[:-1]}17,1", "line 1: pixel 64 must be 0 … 16, got 17"),
    (f"{PIXELS[:-1]}nan,1", "line 1: pixel 64 must be a finite number"),
    (f"{PIXELS},10", "line 1: the label must be a whole number 0 … 9, got '10'"),
    (f"{PIXELS},1.5", "line 1: the label must be a whole number 0 … 9, got '1.5'"),
    (f"{PIXELS},seven", "line 1: the label is not a number: 'seven'"),
    ("\n# only a comment\n", "the text has no images"),
])
def test_a_bad_line_is_refused_naming_it(text, message):
    with pytest.raises(ValueError) as error:
        parse_images(text, 8, max_images=100, max_bytes=100_000, max_classes=10)
    assert str(error.value) == message


def test_image_and_byte_limits_are_enforced():
    text = f"{PIXELS},1\n" * 3
    with pytest.raises(ValueError, match="line 3: more than 2 images"):
        parse_images(text, 8, max_images=2, max_bytes=100_000, max_classes=10)
    with pytest.raises(ValueError, match=f"the text has {len(text)} bytes; at most 100"):
        parse_images(text, 8, max_images=10, max_bytes=100, max_classes=10)
