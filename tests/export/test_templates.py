"""Template files, the generator source read from the engine, and each exported building block.

The end-to-end tests train with every block; these pin each one down alone,
so a mismatch names the block: every activation, output, feature and data
set generator of the export computes what the engine's computes (relative
1e-15: they are the same operations, so in practice the same bits).
"""
import numpy as np
import pytest

from app.export import plane
from app.export.dataset_source import generator_source
from app.export.templates import block, blocks, fill
from app.nn import activations, datasets, features, heads

RTOL = 1e-15
# z spans the range where every activation's numerics matter (saturation, kinks, overflow).
Z = np.concatenate([np.linspace(-50, 50, 1001), [-800.0, -30.5, -1e-300, 0.0, 1e-300, 30.5, 800.0]])


def _define(source: str) -> dict:
    namespace = {"np": np}
    exec(compile(source, "<exported>", "exec"), namespace)   # noqa: S102 - our own template
    return namespace


def test_a_placeholder_alone_takes_its_lines_indent_and_an_empty_one_goes():
    text = "for w in ws:\n    {{body}}\n    {{extra}}\n    done({{n}})"
    assert fill(text, {"body": "a = 1\nb = 2", "extra": "", "n": 3}) == \
        "for w in ws:\n    a = 1\n    b = 2\n    done(3)"


def test_a_missing_value_names_its_key():
    with pytest.raises(KeyError, match="seed"):
        fill("SEED = {{seed}}", {})


def test_a_missing_block_names_file_and_block():
    with pytest.raises(KeyError, match="activations.tmpl has no block 'swish'"):
        block(plane.ACTIVATIONS, "swish")


def test_a_block_name_used_twice_is_refused(tmp_path):
    path = tmp_path / "twice.tmpl"
    path.write_text("about\n@@ a\none\n@@ a\ntwo\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        blocks(path)


@pytest.mark.parametrize("name", activations.ACTIVATIONS)
def test_every_activation_and_derivative_exports_as_the_engine_computes_it(name):
    activation = activations.ACTIVATIONS[name]
    code = _define(block(plane.ACTIVATIONS, name) + "\n" + block(plane.ACTIVATIONS, f"{name}.prime"))
    with np.errstate(all="ignore"):
        a = activation.fn(Z)
        np.testing.assert_allclose(code["f"](Z), a, rtol=RTOL, atol=0)
        np.testing.assert_allclose(code["f_prime"](Z, a), activation.derivative(Z, a),
                                   rtol=RTOL, atol=0)


@pytest.mark.parametrize("name", sorted({h.output_activation.name for h in heads.HEADS.values()}))
def test_every_output_function_exports_as_the_engine_computes_it(name):
    code = _define(block(plane.HEADS, f"output.{name}"))
    z = np.random.default_rng(0).normal(0, 10, (4, 50))        # outputs × points
    expected = heads.output_function(name).fn(z.T.copy()).T
    np.testing.assert_allclose(code["output"](z), expected, rtol=RTOL, atol=0)


@pytest.mark.parametrize("name", features.FEATURES)
def test_every_feature_exports_as_the_engine_computes_it(name):
    code = _define("def feature(points):\n    return " + block(plane.INPUTS, name).split("  #")[0])
    points = np.random.default_rng(1).uniform(-6, 6, (200, 2))
    expected = features.feature_matrix(points, [name])[:, 0]
    np.testing.assert_allclose(np.ravel(code["feature"](points)), expected, rtol=RTOL, atol=0)


@pytest.mark.parametrize("name", datasets.DATASETS)
def test_every_generator_read_from_the_engine_draws_the_same_points(name):
    function, source = generator_source(name)
    code = _define(source)
    dataset = datasets.DATASETS[name]
    classes = datasets.class_count(dataset.problem, dataset, 4)
    ours = code[function](300, 0.2, np.random.default_rng([9, 0]), classes)
    theirs = dataset.generate(300, 0.2, np.random.default_rng([9, 0]), classes)
    for mine, engine in zip(ours, theirs):
        np.testing.assert_allclose(mine, engine, rtol=RTOL, atol=0)


def test_generator_source_has_no_annotations_or_private_names():
    _, source = generator_source("multi_gauss")
    assert "Array" not in source and "_BUMPS" not in source and "BUMPS = np.array" in source
    assert source.rstrip().splitlines()[-1].startswith("    return ")
