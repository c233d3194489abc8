"""Class data in image mode: students draw and send images, the teacher prunes and trains on them."""
import base64

import pytest

from app import create_app
from app.config import TestConfig
from app.nn.images.shapes import SHAPES
from tests.conftest import Inbox, wait_for
from tests.test_class_data import room as points_room  # noqa: F401 (a fixture)

SIDE = 8


def drawing(seed: int) -> list[int]:
    """A distinct 8 × 8 grid of whole values 0 … 16 (what the pad's reduction sends)."""
    return [(seed * 7 + i * (seed + 3)) % 17 for i in range(SIDE * SIDE)]


@pytest.fixture
def room(points_room):
    """A teacher of a digits run with a class, and a function that adds students."""
    teacher, student = points_room
    assert teacher.sio.emit("configure", {"problem": "images", "dataset": "digits"},
                            callback=True)["ok"]
    return teacher, student


def collected(inbox: Inbox) -> dict:
    """The class's images as one connection's ``collection`` messages build them:
    id -> (pixel values 0 … 16, label, student)."""
    images = {}
    for message in inbox.of("collection"):
        if message["full"]:
            images = {}
        assert "points" not in message, "an image set sends images, not points"
        scale = message["scale"]
        for i, pixels, label, student in message["images"]:
            raw = base64.b64decode(pixels)
            assert len(raw) in (0, message["image_size"] ** 2), "one byte a pixel, or none"
            images[i] = (tuple(byte * 16 / scale for byte in raw), label, student)
        for gone in message["removed"]:
            images.pop(gone, None)
    return images


def _send(inbox, images, labels):
    return inbox.sio.emit("contribute", {"images": images, "labels": labels}, callback=True)


def _run_images(teacher) -> list[tuple]:
    """Every image of the teacher's run (training and test), read back through export_images."""
    text = teacher.sio.emit("export_images", callback=True)["images"]
    rows = [line.split(",") for line in text.splitlines() if line and not line.startswith("#")]
    return sorted((tuple(float(v) for v in row[:-2]), int(row[-2])) for row in rows)


def test_three_students_images_become_exactly_the_teachers_data(room):
    teacher, student = room
    assert teacher.sio.emit("collect", {"state": "open"}, callback=True) == \
        {"ok": True, "state": "open", "points": 0}
    ada, bo, cy = student("Ada"), student("Bo"), student("Cy")
    opened = ada.of("collection")[-1]
    assert (opened["state"], opened["problem"], opened["classes"], opened["image_size"]) == \
        ("open", "images", 10, SIDE)
    assert opened["class_names"] == [str(d) for d in range(10)]
    sent = {"Ada": ([drawing(1), drawing(2)], [3, 7]), "Bo": ([drawing(3)], [0]),
            "Cy": ([drawing(4), drawing(5)], [9, 3])}
    for inbox, name in ((ada, "Ada"), (bo, "Bo"), (cy, "Cy")):
        ack = _send(inbox, *sent[name])
        assert ack["ok"] and ack["mine"] == len(sent[name][1]) and len(ack["ids"]) == ack["mine"]
    everything = sorted((tuple(map(float, image)), label)
                        for images, labels in sent.values() for image, label in zip(images, labels))
    wait_for(lambda: len(collected(teacher)) == 5)
    rows = collected(teacher).values()
    assert sorted((pixels, label) for pixels, label, _ in rows) == everything
    names = dict(pair for m in teacher.of("collection") for pair in m.get("names", []))
    assert sorted(names[row[2]] for row in rows) == ["Ada", "Ada", "Bo", "Cy", "Cy"]
    wait_for(lambda: len(collected(bo)) == 5)      # every student counts the class's images
    assert "names" not in bo.of("collection")[-1], "students are not told each other's names"
    assert all(pixels == () for pixels, _, _ in collected(bo).values()), \
        "nor sent each other's drawings: the teacher's screen shows them"
    ack = teacher.sio.emit("use_collection", callback=True)
    assert ack["ok"] and ack["train"] + ack["test"] == 5 and ack["restarted"]
    run = teacher.of("run")[-1]
    assert run["settings"]["dataset"] == "drawn" and run["classes"] == 10
    assert run["images"]["train_count"] == ack["train"] == round(5 * 0.7)
    assert _run_images(teacher) == everything, "the run trains on exactly the class's images"
    assert ada.of("run")[-1]["images"] == run["images"], "the class watches the run on them"
    assert teacher.sio.emit("step", callback=True)["ok"], "and it trains"


def test_bad_images_over_the_limit_or_after_the_lock_are_refused_naming_the_field(connect):
    app = create_app({"COLLECT_PER_STUDENT": 3}, base=TestConfig)
    socketio = app.extensions["socketio"]
    teacher = Inbox(socketio.test_client(app))
    code = teacher.sio.emit("share", callback=True)["code"]
    teacher.sio.emit("configure", {"problem": "images", "dataset": "digits"}, callback=True)
    pupil = Inbox(socketio.test_client(app))
    pupil.sio.emit("join", {"code": code}, callback=True)
    assert _send(pupil, [drawing(1)], [1])["error"]["field"] == "collect", "not collecting yet"
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    good = drawing(1)
    for images, labels, field in (([good[:-1]], [1], "images[0]"),        # wrong size
                                  ([good, good + [0]], [1, 2], "images[1]"),
                                  ([good[:-1] + [17]], [1], "images[0]"),  # value out of range
                                  ([good[:-1] + [-1]], [1], "images[0]"),
                                  ([good[:-1] + ["x"]], [1], "images[0]"),
                                  ([good], [10], "labels[0]"),             # label out of range
                                  ([good], [-1], "labels[0]"), ([good], [1.5], "labels[0]"),
                                  ([good], [1, 2], "labels"), ([], [], "images"),
                                  ([good] * 4, [1] * 4, "images")):        # over the limit
        ack = _send(pupil, images, labels)
        assert ack["ok"] is False and ack["error"]["field"] == field, (field, ack)
    points = pupil.sio.emit("contribute", {"points": [[0, 0, 1]]}, callback=True)
    assert points["ok"] is False and points["error"]["field"] == "points", "points are no images"
    assert _send(pupil, [good, drawing(2)], [1, 2])["mine"] == 2
    over = _send(pupil, [drawing(3), drawing(4)], [1, 1])
    assert over["error"]["field"] == "images" and "at most 3 images" in over["error"]["message"]
    teacher.sio.emit("collect", {"state": "locked"}, callback=True)
    locked = _send(pupil, [drawing(3)], [1])
    assert locked["error"]["field"] == "collect" and "locked" in locked["error"]["message"]
    assert teacher.sio.emit("collect", {"state": "open"}, callback=True)["points"] == 2
    for sio in (teacher.sio, pupil.sio):
        sio.disconnect()


def test_the_room_limit_holds_for_images(connect):
    app = create_app({"COLLECT_PER_ROOM": 3}, base=TestConfig)
    socketio = app.extensions["socketio"]
    teacher = Inbox(socketio.test_client(app))
    code = teacher.sio.emit("share", callback=True)["code"]
    teacher.sio.emit("configure", {"problem": "images"}, callback=True)
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    pupils = [Inbox(socketio.test_client(app)) for _ in range(2)]
    for pupil in pupils:
        pupil.sio.emit("join", {"code": code}, callback=True)
    assert _send(pupils[0], [drawing(1), drawing(2)], [1, 2])["ok"]
    full = _send(pupils[1], [drawing(3), drawing(4)], [1, 2])
    assert full["error"]["field"] == "images" and "full (3 images)" in full["error"]["message"]
    assert _send(pupils[1], [drawing(3)], [1])["total"] == 3
    for sio in [teacher.sio] + [p.sio for p in pupils]:
        sio.disconnect()


def test_the_teacher_removes_one_students_images_and_they_are_gone_for_everyone(room):
    teacher, student = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    ada, bo = student("Ada"), student("Bo")
    _send(ada, [drawing(1), drawing(2)], [1, 2])
    _send(bo, [drawing(3)], [3])
    wait_for(lambda: len(collected(teacher)) == 3)
    ada_number = next(row[2] for row in collected(teacher).values() if row[1] == 1)
    ack = teacher.sio.emit("remove_points", {"student": ada_number}, callback=True)
    assert ack == {"ok": True, "removed": 2, "points": 1}
    for inbox in (teacher, ada, bo):
        wait_for(lambda inbox=inbox: [r[1] for r in collected(inbox).values()] == [3])
    one = next(iter(collected(teacher)))
    assert teacher.sio.emit("remove_points", {"ids": [one]}, callback=True)["points"] == 0
    refused = teacher.sio.emit("use_collection", callback=True)
    assert refused["error"]["field"] == "collection" and "no images" in refused["error"]["message"]
    assert _send(ada, [drawing(6)], [6])["mine"] == 1, "their earlier images no longer count"
    assert teacher.sio.emit("use_collection", callback=True)["ok"]
    assert _run_images(teacher) == [(tuple(map(float, drawing(6))), 6)]


def test_students_cannot_steer_the_image_set_and_teachers_cannot_add(room):
    teacher, student = room
    pupil = student("Ada")
    for event, payload in (("collect", {"state": "open"}), ("remove_points", {"ids": [1]})):
        assert pupil.sio.emit(event, payload, callback=True)["error"]["field"] == "room"
    assert pupil.sio.emit("use_collection", callback=True)["error"]["field"] == "room"
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    assert _send(teacher, [drawing(1)], [1])["error"]["field"] == "room"


def test_a_late_joiner_gets_the_images_whole_and_a_fresh_set_follows_the_run(room):
    teacher, student = room
    teacher.sio.emit("configure", {"dataset": "shapes", "num_classes": 3, "image_size": 12},
                     callback=True)
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    ada = student("Ada")
    big = [5] * 144
    assert _send(ada, [big], [2])["ok"]
    assert _send(ada, [big], [3])["error"]["field"] == "labels[0]", "three shapes: 0 … 2"
    assert _send(ada, [drawing(1)], [0])["error"]["field"] == "images[0]", "12 × 12 now"
    late = student("Bo")
    message = late.of("collection")[-1]
    assert message["full"] and message["image_size"] == 12
    assert message["class_names"] == list(SHAPES[:3])
    assert [(row[1], row[0]) for row in collected(late).values()] == [(2, ())]
    assert [(row[1], row[0][:2]) for row in collected(teacher).values()] == [(2, (5.0, 5.0))]
    teacher.sio.emit("configure", {"problem": "classification"}, callback=True)
    refused = teacher.sio.emit("use_collection", callback=True)
    assert refused["error"]["field"] == "problem" and "images" in refused["error"]["message"]
    teacher.sio.emit("collect", {"state": "open", "clear": True}, callback=True)
    assert late.of("collection")[-1]["classes"] == 2 and "points" in late.of("collection")[-1]


def test_messages_stay_small_one_byte_a_pixel(room):
    teacher, student = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    ada = student("Ada")
    _send(ada, [drawing(i) for i in range(10)], list(range(10)))
    wait_for(lambda: len(collected(teacher)) == 10)
    rows = [row for m in teacher.of("collection") for row in m["images"]]
    assert all(len(pixels) == 88 for _, pixels, _, _ in rows), "64 bytes as base64"


def test_a_flooding_student_is_throttled_and_bounded(room):
    teacher, student = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    pupil = student("Ada")
    acks = [_send(pupil, [drawing(i)], [i % 10]) for i in range(60)]
    refused = {ack["error"]["field"] for ack in acks if not ack["ok"]}
    assert refused <= {"rate", "images"} and "rate" in refused
    assert max(ack["mine"] for ack in acks if ack["ok"]) <= TestConfig.COLLECT_PER_STUDENT
    wait_for(lambda: len(collected(teacher)) == sum(ack["ok"] for ack in acks))
