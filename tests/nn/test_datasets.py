"""Toy data sets: shapes, labels, domain, seeding, splitting and the effect of noise."""
import numpy as np
import pytest

from app.nn.datasets import DATASETS, DOMAIN, class_count, make_split, split_points

NAMES = sorted(DATASETS)
CLASSIFICATION = sorted(n for n, d in DATASETS.items() if d.problem == "classification")
TWO_CLASS = sorted(n for n, d in DATASETS.items() if d.classes == 2)
MULTI_CLASS = sorted(n for n, d in DATASETS.items() if d.classes == "num_classes")
REGRESSION = sorted(n for n, d in DATASETS.items() if d.problem == "regression")


def generate(name, n=500, noise=0.0, seed=1, num_classes=3):
    dataset = DATASETS[name]
    return dataset.generate(n, noise, np.random.default_rng(seed),
                            class_count(dataset.problem, dataset, num_classes))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("n", [2, 7, 500])
def test_generator_returns_points_and_labels_of_matching_shape(name, n):
    points, labels = generate(name, n)
    assert points.shape == (n, 2) and labels.shape == (n,)
    assert points.dtype == np.float64 and labels.dtype == np.float64


@pytest.mark.parametrize("name", TWO_CLASS)
@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_labels_are_plus_and_minus_one_with_both_present(name, noise):
    _, labels = generate(name, noise=noise)
    assert set(np.unique(labels)) == {-1.0, 1.0}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noise_free_points_lie_within_domain(name, seed):
    points, _ = generate(name, seed=seed)
    assert np.all(np.isfinite(points))
    assert np.all(np.abs(points) <= DOMAIN)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_same_seed_gives_identical_points(name, noise):
    first, second = generate(name, noise=noise, seed=5), generate(name, noise=noise, seed=5)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


@pytest.mark.parametrize("name", NAMES)
def test_different_seed_gives_different_noisy_points(name):
    assert not np.array_equal(generate(name, noise=0.3, seed=5)[0],
                              generate(name, noise=0.3, seed=6)[0])


@pytest.mark.parametrize("name", NAMES)
def test_split_is_deterministic_per_seed_and_differs_between_seeds(name):
    # Noise 0 included: even the (noise-free, seed-independent) spiral is shuffled by seed.
    first, same, other = (make_split(name, 500, 0.0, 50.0, np.random.default_rng(seed))
                          for seed in (9, 9, 10))
    for field in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(first, field), getattr(same, field))
    assert not np.array_equal(first.x_train, other.x_train)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("train_percent, n_train", [(50, 250), (10, 50), (90, 450)])
def test_split_honours_train_ratio(name, train_percent, n_train):
    split = make_split(name, 500, 0.0, train_percent, np.random.default_rng(1))
    assert split.x_train.shape == (n_train, 2) and split.y_train.shape == (n_train,)
    assert split.x_test.shape == (500 - n_train, 2) and split.y_test.shape == (500 - n_train,)


@pytest.mark.parametrize("name", NAMES)
def test_split_partitions_the_generated_points(name):
    points, labels = generate(name, seed=4, noise=0.1)
    split = make_split(name, 500, 10.0, 50.0, np.random.default_rng(4), 3)
    rows = np.concatenate([np.column_stack([split.x_train, split.y_train]),
                           np.column_stack([split.x_test, split.y_test])])
    expected = np.column_stack([points, labels])
    np.testing.assert_array_equal(rows[np.lexsort(rows.T)], expected[np.lexsort(expected.T)])


@pytest.mark.parametrize("train_percent", [0, 100])
def test_split_keeps_at_least_one_point_on_each_side(train_percent):
    split = make_split("circle", 20, 0.0, train_percent, np.random.default_rng(1))
    assert len(split.x_train) >= 1 and len(split.x_test) >= 1


def nearest_other_label_distance(points, labels):
    """Mean distance from each point to the nearest point of another class."""
    gaps = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    gaps[labels[:, None] == labels[None, :]] = np.inf
    return gaps.min(axis=1).mean()


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_noise_increases_spread(name):
    # Spread: the cloud's standard deviation per axis, averaged over the axes.
    # 5,000 points: the spirals' jitter (±noise) adds little variance, so
    # fewer points would let sampling chance hide it.
    spreads = [generate(name, n=5000, noise=noise, seed=2)[0].std(axis=0).mean()
               for noise in (0.0, 0.5, 1.0)]
    assert spreads[0] < spreads[1] < spreads[2]


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_noise_brings_the_classes_closer_together(name):
    distances = [nearest_other_label_distance(*generate(name, noise=noise, seed=2))
                 for noise in (0.0, 0.5)]
    assert distances[1] < distances[0]


def test_every_data_set_declares_problem_and_classes():
    for dataset in DATASETS.values():
        assert dataset.problem in ("classification", "regression")
        assert dataset.classes in ((1,) if dataset.problem == "regression" else (2, "num_classes"))
    assert set(MULTI_CLASS) == {"blobs", "spirals"}
    assert set(REGRESSION) == {"plane", "multi_gauss"}


@pytest.mark.parametrize("name", MULTI_CLASS)
@pytest.mark.parametrize("k", [3, 4, 5])
def test_multi_class_labels_are_class_indices_in_balanced_groups(name, k):
    _, labels = generate(name, n=500, noise=0.2, num_classes=k)
    assert set(np.unique(labels)) == set(range(k))
    counts = np.bincount(labels.astype(int))
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", MULTI_CLASS)
def test_multi_class_sets_with_two_classes_use_plus_and_minus_one(name):
    _, labels = generate(name, num_classes=2)
    assert set(np.unique(labels)) == {-1.0, 1.0}


def test_two_arm_spirals_is_the_spiral():
    first, second = generate("spirals", noise=0.3, num_classes=2), generate("spiral", noise=0.3)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


@pytest.mark.parametrize("k", [3, 5])
def test_blob_centres_are_evenly_spaced_on_a_circle(k):
    points, labels = generate("blobs", n=5000, num_classes=k)
    centres = np.array([points[labels == c].mean(axis=0) for c in range(k)])
    np.testing.assert_allclose(np.linalg.norm(centres, axis=1), 3.5, atol=0.05)
    gaps = np.linalg.norm(centres - np.roll(centres, 1, axis=0), axis=1)
    np.testing.assert_allclose(gaps, 2 * 3.5 * np.sin(np.pi / k), atol=0.1)


@pytest.mark.parametrize("name", REGRESSION)
@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_regression_labels_lie_in_minus_one_to_one_and_vary(name, noise):
    points, labels = generate(name, noise=noise)
    assert np.all(np.abs(labels) <= 1.0) and labels.std() > 0.1
    assert np.all(np.abs(points) <= DOMAIN)


def test_plane_label_is_the_scaled_sum_without_noise():
    points, labels = generate("plane")
    np.testing.assert_allclose(labels, points.sum(axis=1) / 12.0, rtol=1e-15)


def test_multi_gauss_peaks_at_its_signed_centres():
    # The label read at a bump's centre is close to its sign.
    points = np.array([[-4, 2.5], [0, 2.5], [4, -2.5], [0, -2.5]], dtype=float)
    from app.nn.datasets import _BUMPS  # noqa: PLC0415 (the table itself is the spec)
    at = points[:, None, :] - _BUMPS[None, :, :2]
    labels = np.exp(-np.square(at).sum(axis=2) / 2) @ _BUMPS[:, 2]
    np.testing.assert_allclose(labels, [1, -1, -1, 1], atol=0.02)


@pytest.mark.parametrize("name", REGRESSION)
def test_noise_makes_regression_labels_deviate_from_the_clean_function(name):
    clean_points, clean = generate(name, seed=3)
    noisy_points, noisy = generate(name, noise=0.5, seed=3)
    np.testing.assert_array_equal(clean_points, noisy_points)  # points stay, labels move
    assert np.abs(noisy - clean).mean() > 0.05


def test_split_points_shuffles_and_cuts_given_points():
    points = np.arange(20, dtype=float).reshape(10, 2)
    labels = np.arange(10, dtype=float)
    split = split_points(points, labels, 70.0, np.random.default_rng(0))
    assert split.x_train.shape == (7, 2) and split.y_test.shape == (3,)
    joined = np.concatenate([split.y_train, split.y_test])
    assert sorted(joined) == list(labels)
    # Each point keeps its own label.
    np.testing.assert_array_equal(np.concatenate([split.x_train, split.x_test])[:, 0], 2 * joined)


def test_split_points_of_one_point_keeps_it_for_training():
    split = split_points([[1.0, 2.0]], [1.0], 50.0, np.random.default_rng(0))
    assert len(split.x_train) == 1 and len(split.x_test) == 0


@pytest.mark.parametrize("problem, name, num_classes, labels, expected", [
    ("regression", None, 3, [0.2, -0.5], 1),
    ("classification", "circle", 4, [], 2),
    ("classification", "blobs", 4, [], 4),
    ("classification", None, 3, [1, -1, 1], 2),
    ("classification", None, 3, [0, 1, 4], 5),
    ("classification", None, 3, [0, 1], 3),
    ("classification", None, 0, [0, 1, 2, 3], 4),
])
def test_class_count_is_read_from_the_data_set_or_the_labels(problem, name, num_classes,
                                                              labels, expected):
    dataset = DATASETS[name] if name else None
    assert class_count(problem, dataset, num_classes, np.array(labels)) == expected
