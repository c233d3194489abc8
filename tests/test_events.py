"""Socket events end to end through Flask-SocketIO's test client."""
import json
import math

from app import create_app
from app.config import TestConfig
from tests.conftest import Inbox, wait_for


def test_connect_sends_hello_run_and_a_first_frame(inbox):
    assert [name for name, _ in inbox.pull().messages] == ["hello", "run", "frame"]
    hello, run, frame = (args for _, args in inbox.messages)
    assert hello["protocol"] == 5 and hello["session"]
    assert set(hello["schema"]) >= {"learning_rate", "activation", "dataset", "noise",
                                    "train_ratio", "batch_size", "hidden_layers", "seed"}
    assert run["sizes"] == [2, 4, 2, 1] and run["output_activation"] == "tanh"
    assert frame["activation"] == "tanh"
    assert len(run["data"]["train"]) == 250 and len(run["data"]["test"]) == 250
    assert frame["epoch"] == 0 and frame["history"]["start"] == 0
    assert frame["history"]["train"] == [frame["loss_train"]]
    assert [len(w) for w in frame["weights"]] == [2, 4, 2]      # [n_in][n_out]
    assert [len(w[0]) for w in frame["weights"]] == [4, 2, 1]
    assert frame["biases"] == [[0.1] * 4, [0.1] * 2, [0.1]]


def test_each_tab_gets_its_own_session(connect):
    first, second = Inbox(connect()), Inbox(connect())
    assert first.of("hello")[0]["session"] != second.of("hello")[0]["session"]
    first.sio.emit("step", callback=True)
    assert first.last_frame()["epoch"] == 1
    assert second.of("frame")[-1]["epoch"] == 0 and len(second.of("frame")) == 1


def test_step_trains_one_epoch_and_sends_its_loss(sio, inbox):
    inbox.pull()
    ack = sio.emit("step", callback=True)
    assert ack == {"ok": True, "epoch": 1}
    frame = inbox.last_frame()
    assert frame["epoch"] == 1
    assert frame["history"] == {"start": 1, "train": [frame["loss_train"]],
                                "test": [frame["loss_test"]]}


def test_play_streams_every_epoch_then_pause_stops(sio, inbox):
    assert sio.emit("configure", {"speed": 10000}, callback=True)["ok"]
    assert sio.emit("play", callback=True) == {"ok": True, "running": True}
    wait_for(lambda: inbox.of("frame")[-1]["epoch"] >= 150)
    assert sio.emit("pause", callback=True) == {"ok": True, "running": False}
    frames = inbox.of("frame")
    assert frames[-1]["running"] is False
    epochs = [e for f in frames for e in range(f["history"]["start"], f["epoch"] + 1)]
    assert epochs == list(range(frames[-1]["epoch"] + 1)), "every epoch exactly once"
    losses = [v for f in frames for v in f["history"]["train"]]
    assert losses[-1] < losses[0] / 2
    assert len(frames) < frames[-1]["epoch"], "frames are throttled, not one per epoch"


def test_live_settings_keep_the_epoch_and_weights(sio, inbox):
    sio.emit("step", callback=True)
    before = inbox.last_frame()
    for change in ({"learning_rate": 0.3}, {"activation": "relu"}, {"batch_size": 5},
                   {"speed": 3}):
        ack = sio.emit("configure", change, callback=True)
        assert ack["ok"] and ack["restarted"] is False
        assert ack["settings"].items() >= change.items()
    assert inbox.last_frame() is before or inbox.last_frame()["epoch"] == 1
    sio.emit("step", callback=True)
    after = inbox.last_frame()
    assert after["epoch"] == 2 and after["run"] == before["run"]
    assert after["activation"] == "relu", "frames say which activation the weights use"


def test_changing_data_or_architecture_starts_a_new_run(sio, inbox):
    sio.emit("step", callback=True)
    first_run = inbox.last_frame()["run"]
    for change in ({"dataset": "xor"}, {"hidden_layers": [3]}, {"noise": 20}, {"seed": 9},
                   {"train_ratio": 70}, {"num_points": 100}):
        ack = sio.emit("configure", change, callback=True)
        assert ack["ok"] and ack["restarted"] is True
        run, frame = inbox.of("run")[-1], inbox.last_frame()
        assert frame["epoch"] == 0 and frame["history"]["start"] == 0
        assert frame["run"] == run["run"] > first_run
    assert run["sizes"] == [2, 3, 1] and len(run["data"]["train"]) == 70


def test_reset_draws_new_weights_but_keeps_the_data(sio, inbox):
    run_before, frame_before = inbox.of("run")[-1], inbox.last_frame()
    sio.emit("step", callback=True)
    assert sio.emit("reset", callback=True) == {"ok": True, "epoch": 0}
    run_after, frame_after = inbox.of("run")[-1], inbox.last_frame()
    assert run_after["data"] == run_before["data"]
    assert frame_after["epoch"] == 0 and frame_after["weights"] != frame_before["weights"]


def test_bad_configure_names_the_field_and_training_goes_on(sio, inbox):
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    wait_for(lambda: inbox.of("frame")[-1]["epoch"] >= 5)
    for payload, field in (({"bogus": 1}, "bogus"), ({"learning_rate": "x"}, "learning_rate"),
                           ({"noise": 99}, "noise"), ("nope", "settings")):
        ack = sio.emit("configure", payload, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == field
        assert ack["error"]["message"]
    reached = inbox.of("frame")[-1]["epoch"]
    wait_for(lambda: inbox.of("frame")[-1]["epoch"] >= reached + 20)
    assert inbox.of("frame")[-1]["running"] is True
    sio.emit("pause", callback=True)


def test_extra_arguments_are_refused(sio):
    ack = sio.emit("play", {"now": True}, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "now"


def test_divergence_pauses_and_frames_stay_valid_json(app, sio, inbox):
    # A tanh output bounds the loss, so put a NaN into a weight directly: what an
    # overflowing update would do. Everything after that must stay valid JSON.
    (session,) = app.extensions["playground"].registry._sessions.values()
    session.run.network.params[0] = math.nan
    sio.emit("configure", {"speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.of("frame")[-1])["stopped"] and f)
    assert frame["running"] is False and frame["stopped"]["reason"] == "diverged"
    assert frame["epoch"] == 1, "pauses at the first non-finite loss"
    assert frame["loss_train"] is None and frame["history"]["train"] == [None]
    flat = [v for layer in frame["weights"] for row in layer for v in row]
    assert None in flat and all(v is None or math.isfinite(v) for v in flat)
    json.dumps(frame, allow_nan=False)
    ack = sio.emit("play", callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == "learning_rate"
    assert sio.emit("reset", callback=True)["ok"]
    assert inbox.last_frame()["stopped"] is None and inbox.last_frame()["loss_train"] > 0


def test_disconnect_keeps_the_session_for_the_grace_period_only():
    app = create_app({"RECONNECT_GRACE_SECONDS": 0}, base=TestConfig)
    registry, socketio = app.extensions["playground"].registry, app.extensions["socketio"]
    sio = socketio.test_client(app)
    assert len(registry) == 1
    sio.disconnect()
    assert len(registry) == 0, "past the grace period the session is freed"


def test_a_reload_within_the_grace_period_resumes_the_same_run(app):
    socketio = app.extensions["socketio"]
    first = Inbox(socketio.test_client(app))
    hello = first.of("hello")[0]
    first.sio.emit("configure", {"learning_rate": 0.1}, callback=True)
    first.sio.emit("play", callback=True)
    first.sio.emit("step", callback=True)
    first.sio.disconnect()
    stranger = Inbox(socketio.test_client(app, auth={"session": hello["session"],
                                                     "resume_token": "guess"}))
    assert stranger.of("hello")[0]["session"] != hello["session"]
    again = Inbox(socketio.test_client(app, auth={"session": hello["session"],
                                                  "resume_token": hello["resume_token"]}))
    assert again.of("hello")[0]["session"] == hello["session"]
    frame = again.last_frame()
    assert frame["epoch"] == 1 and frame["history"]["start"] == 0 and not frame["running"]
    assert again.of("run")[-1]["settings"]["learning_rate"] == 0.1
    twice = Inbox(socketio.test_client(app, auth={"session": hello["session"],
                                                  "resume_token": hello["resume_token"]}))
    assert twice.of("hello")[0]["session"] != hello["session"], "only a detached one resumes"
    for client in (stranger.sio, again.sio, twice.sio):
        client.disconnect()


def test_session_limit_refuses_extra_connections():
    small = create_app({"MAX_SESSIONS": 1}, base=TestConfig)
    first = small.extensions["socketio"].test_client(small)
    second = small.extensions["socketio"].test_client(small)
    assert first.is_connected() and not second.is_connected()
    first.disconnect()


def test_a_run_that_stops_being_finite_pauses_with_the_reason(sio, inbox):
    sio.emit("configure", {"learning_rate": 10, "activation": "relu", "problem": "regression",
                           "dataset": "plane", "hidden_layers": [8, 8, 8], "speed": 10000},
             callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.of("frame")[-1])["stopped"] and f)
    assert frame["running"] is False
    assert frame["stopped"]["detail"] == "nonfinite"
    assert "learning rate is too high" in frame["stopped"]["message"]


def test_a_merely_bad_run_keeps_training(sio, inbox):
    # Learning rate 10 with tanh on the spiral saturates and jumps around, but
    # stays finite: the class should watch it on the curve, not see it paused.
    sio.emit("configure", {"learning_rate": 10, "activation": "tanh", "dataset": "spiral",
                           "speed": 10000}, callback=True)
    sio.emit("play", callback=True)
    frame = wait_for(lambda: (f := inbox.of("frame")[-1])["epoch"] >= 100 and f)
    assert frame["running"] is True and frame["stopped"] is None
