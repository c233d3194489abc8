"""Rewind over the socket: the run as it was, shown to everyone watching; a branch from there."""
import math

import pytest

from tests.conftest import Inbox, wait_for

TOLERANCE = 1e-9   # frames carry weights rounded to 4 decimals: equal states round alike


def _steps(sio, count: int) -> None:
    for _ in range(count):
        assert sio.emit("step", callback=True)["ok"]


def _close(a, b) -> bool:
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    return math.isclose(a, b, rel_tol=0, abs_tol=TOLERANCE)


@pytest.fixture
def trained(connect):
    """A run stepped 30 epochs with its learning rate changed at epoch 12; frames by epoch."""
    teacher = Inbox(connect())
    frames = {0: teacher.last_frame()}
    for epoch in range(1, 31):
        teacher.sio.emit("step", callback=True)
        frames[epoch] = teacher.last_frame()
        if epoch == 12:
            teacher.sio.emit("configure", {"learning_rate": 0.3}, callback=True)
    return teacher, frames


def test_a_rewind_shows_everyone_the_weights_and_losses_of_that_epoch(connect, trained):
    teacher, frames = trained
    code = teacher.sio.emit("share", callback=True)["code"]
    pupil = Inbox(connect())
    pupil.sio.emit("join", {"code": code}, callback=True)
    for epoch in (5, 12, 20):
        ack = teacher.sio.emit("rewind", {"epoch": epoch}, callback=True)
        assert ack == {"ok": True, "epoch": epoch, "earliest": 0, "latest": 30}
        for inbox in (teacher, pupil):
            shown = inbox.of("rewound")[-1]
            assert shown["epoch"] == epoch and shown["now"] == 30
            for key in ("weights", "biases", "loss_train", "loss_test", "activation"):
                assert _close(shown[key], frames[epoch][key]) if key != "activation" \
                    else shown[key] == frames[epoch][key], (epoch, key)
    late = Inbox(connect())
    late.sio.emit("join", {"code": code}, callback=True)
    assert late.of("rewound")[-1]["epoch"] == 20, "a late joiner sees the rewind shown"
    assert teacher.sio.emit("rewind", {"epoch": None}, callback=True)["epoch"] is None
    assert pupil.of("rewound")[-1] == {"run": frames[30]["run"], "epoch": None, "now": 30,
                                       "earliest": 0}


def test_the_weights_of_a_rewind_equal_a_fresh_run_trained_that_long(connect, trained):
    teacher, _ = trained
    fresh = Inbox(connect())
    _steps(fresh.sio, 9)
    teacher.sio.emit("rewind", {"epoch": 9}, callback=True)
    assert _close(teacher.of("rewound")[-1]["weights"], fresh.last_frame()["weights"])


@pytest.mark.parametrize("payload, field", [
    ({"epoch": 31}, "epoch"), ({"epoch": -1}, "epoch"), ({"epoch": 2.5}, "epoch"),
    ({"epoch": "5"}, "epoch"), ({}, "epoch"), ({"epoch": 3, "x": 1}, "x"), (None, "payload"),
])
def test_bad_rewinds_name_the_field_and_change_nothing(trained, payload, field):
    teacher, _ = trained
    ack = teacher.sio.emit("rewind", payload, callback=True) if payload is not None \
        else teacher.sio.emit("rewind", callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field
    assert not teacher.of("rewound")


def test_a_student_cannot_rewind_the_teachers_run(connect, trained):
    teacher, _ = trained
    code = teacher.sio.emit("share", callback=True)["code"]
    pupil = Inbox(connect())
    pupil.sio.emit("join", {"code": code}, callback=True)
    ack = pupil.sio.emit("rewind", {"epoch": 3}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "room"


def test_play_from_a_rewind_continues_a_branch_with_the_settings_of_then(trained):
    teacher, frames = trained
    teacher.sio.emit("rewind", {"epoch": 8}, callback=True)
    assert teacher.sio.emit("step", callback=True) == {"ok": True, "epoch": 9}
    run = teacher.of("run")[-1]
    assert run["run"] == frames[30]["run"] + 1, "a branch is a new run for the curve"
    assert run["settings"]["learning_rate"] == 0.03, "the learning rate of epoch 8"
    whole = [f for f in teacher.of("frame") if f["run"] == run["run"]]
    assert whole[0]["epoch"] == 8 and whole[0]["history"]["start"] == 0
    assert len(whole[0]["history"]["train"]) == 9
    assert _close(whole[-1]["weights"], frames[9]["weights"]), "the branch retraces the run"


def test_explaining_a_point_while_rewound_uses_the_weights_shown(trained):
    teacher, frames = trained
    teacher.sio.emit("rewind", {"epoch": 4}, callback=True)
    explained = teacher.sio.emit("explain_point", {"index": 0}, callback=True)
    assert explained["epoch"] == 4
    assert _close([[round(v, 4) for v in row] for row in explained["weights"][0]],
                  frames[4]["weights"][0])


def test_rewinding_a_playing_run_pauses_it_for_everyone(sio, inbox):
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    wait_for(lambda: inbox.of("frame")[-1]["epoch"] >= 40)
    assert sio.emit("rewind", {"epoch": 10}, callback=True)["ok"]
    assert inbox.of("frame")[-1]["running"] is False
    epoch = inbox.of("frame")[-1]["epoch"]
    assert sio.emit("rewind", {"epoch": None}, callback=True)["ok"]
    assert sio.emit("step", callback=True)["epoch"] == epoch + 1, "back to now: no branch"


def test_changing_the_speed_while_rewound_keeps_the_rewind_and_the_later_epochs(trained):
    teacher, frames = trained
    teacher.sio.emit("rewind", {"epoch": 10}, callback=True)
    ack = teacher.sio.emit("configure", {"speed": 50}, callback=True)
    assert ack["ok"] and ack["restarted"] is False
    assert teacher.of("run")[-1]["run"] == frames[30]["run"], "no branch"
    assert teacher.sio.emit("rewind", {"epoch": 29}, callback=True)["latest"] == 30


def test_a_refused_rewind_leaves_a_playing_run_playing(sio, inbox):
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    wait_for(lambda: inbox.of("frame")[-1]["epoch"] >= 5)
    assert sio.emit("rewind", {"epoch": 10**9}, callback=True)["error"]["field"] == "epoch"
    epoch = inbox.of("frame")[-1]["epoch"]
    wait_for(lambda: inbox.of("frame")[-1]["epoch"] > epoch)
    assert inbox.of("frame")[-1]["running"] is True
    sio.emit("pause", callback=True)


def test_an_image_run_rewinds_to_the_kernels_and_weights_it_had(sio, inbox):
    assert sio.emit("configure", {"problem": "images", "dataset": "digits"}, callback=True)["ok"]
    frames = {0: inbox.last_frame()}
    for epoch in range(1, 5):
        _steps(sio, 1)
        frames[epoch] = inbox.last_frame()
    assert sio.emit("rewind", {"epoch": 2}, callback=True)["ok"]
    shown = inbox.of("rewound")[-1]
    for key in ("conv_kernels", "conv_biases", "weights", "biases", "loss_test"):
        assert _close(shown[key], frames[2][key]), key
    assert sio.emit("add_images", {"images": [[0] * 60 + [16] * 4], "labels": [1],
                                   "set": "train"}, callback=True)["ok"]
    assert inbox.last_frame()["epoch"] == 2, "adding an image while rewound branches there"
