"""Toy data sets: shapes, labels, domain, seeding, splitting and the effect of noise."""
import numpy as np
import pytest

from app.nn.datasets import DATASETS, DOMAIN, make_split, split_points

NAMES = sorted(DATASETS)
CLASSIFICATION = sorted(n for n, d in DATASETS.items() if d.problem == "classification")
TWO_CLASS = sorted(n for n, d in DATASETS.items() if d.classes == 2)
MULTI_CLASS = sorted(n for n, d in DATASETS.items() if d.classes == "num_classes")
REGRESSION = sorted(n for n, d in DATASETS.items() if d.problem == "regression")


def generate(name, n=500, noise=0.0, seed=1, num_classes=3):
    dataset = DATASETS[name]
    return dataset.generate(n, noise, np.random.default_rng(seed),
                            dataset.class_count(num_classes))


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
