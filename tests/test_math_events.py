"""The math the page shows: MathML for every registered function, and one point explained."""
import numpy as np
import pytest

from app.nn import activations, features, heads, losses
from app.nn.network import columns_with_ones
from app.socket.catalog import catalog, to_mathml


@pytest.mark.parametrize("name", list(activations.ACTIVATIONS))
def test_every_activation_has_mathml_for_itself_and_its_derivative(name):
    (entry,) = [a for a in catalog()["activations"] if a["name"] == name]
    for key in ("formula_mathml", "derivative_formula_mathml"):
        assert entry[key].startswith("<math") and entry[key].endswith("</math>")
        assert "<mi>z</mi>" in entry[key]


@pytest.mark.parametrize("name", list(losses.LOSSES))
def test_every_loss_has_mathml(name):
    (entry,) = [item for item in catalog()["losses"] if item["name"] == name]
    assert entry["formula_mathml"].startswith("<math") and "<mi>L</mi>" in entry["formula_mathml"]


def test_heads_features_and_the_linear_step_have_mathml():
    data = catalog()
    assert {h["name"] for h in data["heads"]} == set(heads.HEADS)
    assert all(h["delta_formula_mathml"].startswith("<math") for h in data["heads"])
    assert [f["name"] for f in data["features"]] == list(features.FEATURES)
    assert "<mi>b</mi>" in data["linear_step"]["formula_mathml"]


def test_equations_apart_in_tex_go_on_rows_of_their_own():
    markup = to_mathml(heads.HEADS["softmax_mse"].delta_formula)
    assert markup.count("<math") == 1 and markup.count("<mtr>") == 2 and "<mspace" not in markup
    assert "<mi>g</mi><mo>&#x0003D;</mo>" in markup.split("<mtr>")[2]   # "g = ..." on row 2
    assert "<mtable>" not in to_mathml(r"a = \frac{b}{c}")               # one equation, no table
    assert to_mathml(r"\text{a \quad b}").count("<mtr>") == 0           # inside braces: kept


def test_a_prime_follows_its_base_instead_of_floating_as_a_superscript():
    for entry in catalog()["activations"]:
        markup = entry["derivative_formula_mathml"]
        assert "<mo>&#x02032;</mo>" in markup, entry["name"]
        assert "<mi>&#x02032;</mi></msup>" not in markup, entry["name"]


def test_explain_point_gives_the_engines_gradients_for_that_point(app, sio, inbox):
    for _ in range(3):
        sio.emit("step", callback=True)
    shown = sio.emit("explain_point", {"index": 4}, callback=True)
    assert shown["ok"] and shown["epoch"] == 3 and shown["set"] == "train"
    assert shown["run"] == inbox.last_frame()["run"]
    (session,) = app.extensions["playground"].registry._sessions.values()
    run = session.run
    x, label = run.data.x_train[4], run.data.y_train[4]
    assert shown["point"] == [x[0], x[1], label]
    assert shown["weights"] == [w.tolist() for w in run.network.weights]
    run.network.gradients(columns_with_ones(x.reshape(1, 2)),
                          run.head.targets(np.array([label])).T.copy(), run.head)
    for layer, block in enumerate(run.network.grad_blocks):
        np.testing.assert_allclose(shown["backward"][layer]["dL_dw"], block[:, :-1].T,
                                   rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(shown["backward"][layer]["dL_db"], block[:, -1],
                                   rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("payload, field", [
    ({"index": 250}, "index"), ({"index": -1}, "index"), ({"index": 1, "set": "all"}, "set"),
    ({}, "index"), ({"index": 1, "extra": 0}, "extra"),
])
def test_explain_point_refuses_bad_references_by_name(sio, payload, field):
    ack = sio.emit("explain_point", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field
