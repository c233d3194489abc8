"""Class data: students add points in collect mode, the teacher prunes them and trains on them."""
import pytest

from app import create_app
from app.config import TestConfig
from tests.conftest import Inbox, wait_for


@pytest.fixture
def room(connect):
    """A teacher with a class open for collecting, and a function that adds students."""
    teacher = Inbox(connect())
    code = teacher.sio.emit("share", callback=True)["code"]

    def student(name):
        inbox = Inbox(connect())
        assert inbox.sio.emit("join", {"code": code, "name": name}, callback=True)["ok"]
        return inbox

    return teacher, student


def collected(inbox: Inbox) -> dict:
    """The class data set as one connection's ``collection`` messages build it: id -> row."""
    points = {}
    for message in inbox.of("collection"):
        if message["full"]:
            points = {}
        points.update({row[0]: row for row in message["points"]})
        for gone in message["removed"]:
            points.pop(gone, None)
    return points


def _add(inbox, points):
    return inbox.sio.emit("contribute", {"points": points}, callback=True)


def test_three_students_points_become_exactly_the_teachers_data(room):
    teacher, student = room
    assert teacher.sio.emit("collect", {"state": "open"}, callback=True) == \
        {"ok": True, "state": "open", "points": 0}
    ada, bo, cy = student("Ada"), student("Bo"), student("Cy")
    assert ada.of("collection")[-1]["state"] == "open" and ada.of("collection")[-1]["classes"] == 2
    sent = {"Ada": [[1, 2, 1], [-1.5, 0.25, -1]], "Bo": [[3, -3, 1]], "Cy": [[-4, 4, -1], [0, 0, 1]]}
    for inbox, name in ((ada, "Ada"), (bo, "Bo"), (cy, "Cy")):
        ack = _add(inbox, sent[name])
        assert ack["ok"] and ack["mine"] == len(sent[name]) and len(ack["ids"]) == len(sent[name])
    everything = sorted(tuple(map(float, p)) for points in sent.values() for p in points)
    wait_for(lambda: len(collected(teacher)) == 5)
    rows = collected(teacher).values()
    assert sorted(tuple(row[1:4]) for row in rows) == everything
    names = dict(pair for m in teacher.of("collection") for pair in m.get("names", []))
    assert sorted(names[row[4]] for row in rows) == ["Ada", "Ada", "Bo", "Cy", "Cy"]
    wait_for(lambda: len(collected(bo)) == 5)     # every student sees the class's points
    assert "names" not in bo.of("collection")[-1], "students are not told each other's names"
    ack = teacher.sio.emit("use_collection", callback=True)
    assert ack["ok"] and ack["train"] + ack["test"] == 5 and ack["restarted"]
    data = teacher.of("run")[-1]["data"]
    assert sorted(tuple(p) for p in data["train"] + data["test"]) == everything
    assert teacher.of("run")[-1]["settings"]["dataset"] == "custom"
    assert ada.of("run")[-1]["data"] == data, "the class watches the run on its own data"


def test_adds_outside_the_domain_over_the_limit_or_after_the_lock_are_refused(connect):
    app = create_app({"COLLECT_PER_STUDENT": 3}, base=TestConfig)
    socketio = app.extensions["socketio"]
    teacher = Inbox(socketio.test_client(app))
    code = teacher.sio.emit("share", callback=True)["code"]
    pupil = Inbox(socketio.test_client(app))
    pupil.sio.emit("join", {"code": code}, callback=True)
    assert _add(pupil, [[1, 1, 1]])["error"]["field"] == "collect", "not collecting yet"
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    for points, field in (([[6.5, 0, 1]], "points[0]"), ([[0, 0, 1], [0, -7, 1]], "points[1]"),
                          ([[0, 0, 2]], "points[0]"), ([[0, 0, 1]] * 4, "points"),
                          ([], "points")):
        ack = _add(pupil, points)
        assert ack["ok"] is False and ack["error"]["field"] == field, (points, ack)
    assert _add(pupil, [[0, 0, 1], [1, 1, -1]])["mine"] == 2
    over = _add(pupil, [[2, 2, 1], [3, 3, 1]])
    assert over["error"]["field"] == "points" and "at most 3" in over["error"]["message"]
    teacher.sio.emit("collect", {"state": "locked"}, callback=True)
    locked = _add(pupil, [[2, 2, 1]])
    assert locked["error"]["field"] == "collect" and "locked" in locked["error"]["message"]
    assert teacher.sio.emit("collect", {"state": "open"}, callback=True)["points"] == 2
    for sio in (teacher.sio, pupil.sio):
        sio.disconnect()


def test_the_teacher_removes_one_students_points_and_they_are_gone_for_everyone(room):
    teacher, student = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    ada, bo = student("Ada"), student("Bo")
    _add(ada, [[1, 1, 1], [2, 2, -1]])
    _add(bo, [[-3, -3, 1]])
    wait_for(lambda: len(collected(teacher)) == 3)
    ada_number = next(row[4] for row in collected(teacher).values() if row[1] == 1)
    ack = teacher.sio.emit("remove_points", {"student": ada_number}, callback=True)
    assert ack == {"ok": True, "removed": 2, "points": 1}
    for inbox in (teacher, ada, bo):
        wait_for(lambda inbox=inbox: [r[1:4] for r in collected(inbox).values()] == [[-3, -3, 1]])
    one = next(iter(collected(teacher)))
    assert teacher.sio.emit("remove_points", {"ids": [one]}, callback=True)["points"] == 0
    assert _add(ada, [[4, 4, 1]])["mine"] == 1, "their earlier points no longer count"
    teacher.sio.emit("use_collection", callback=True)
    assert [p[:3] for p in teacher.of("run")[-1]["data"]["train"]
            + teacher.of("run")[-1]["data"]["test"]] == [[4, 4, 1]]


def test_only_the_teacher_steers_the_collection_and_only_students_add(room):
    teacher, student = room
    pupil = student("Ada")
    for event, payload in (("collect", {"state": "open"}), ("remove_points", {"ids": [1]}),
                           ("use_collection", None), ("class_view", {"open": True}),
                           ("spotlight", {"student": None})):
        ack = pupil.sio.emit(event, payload, callback=True) if payload else \
            pupil.sio.emit(event, callback=True)
        assert ack["ok"] is False and ack["error"]["field"] == "room", (event, ack)
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    assert _add(teacher, [[0, 0, 1]])["error"]["field"] == "room"


@pytest.mark.parametrize("payload, field", [
    ({"state": "shut"}, "state"), ({}, "state"), ({"state": "open", "clear": 1}, "clear"),
    ({"state": "open", "x": 0}, "x"),
])
def test_bad_collect_requests_name_the_field(room, payload, field):
    teacher, _ = room
    ack = teacher.sio.emit("collect", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field


@pytest.mark.parametrize("payload, field", [
    ({}, "ids"), ({"ids": [1], "student": 1}, "ids"), ({"ids": []}, "ids"),
    ({"ids": [-1]}, "ids[0]"), ({"student": "Ada"}, "student"),
])
def test_bad_removals_name_the_field(room, payload, field):
    teacher, _ = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    ack = teacher.sio.emit("remove_points", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["field"] == field


def test_a_flooding_student_is_throttled_and_bounded(room):
    teacher, student = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    pupil = student("Ada")
    acks = [_add(pupil, [[0.1 * i, 0, 1]]) for i in range(60)]
    refused = {ack["error"]["field"] for ack in acks if not ack["ok"]}
    assert refused <= {"rate", "points"} and "rate" in refused
    assert max(ack["mine"] for ack in acks if ack["ok"]) <= TestConfig.COLLECT_PER_STUDENT
    wait_for(lambda: len(collected(teacher)) == sum(ack["ok"] for ack in acks))


def test_a_fresh_data_set_takes_the_runs_classes_and_a_late_joiner_gets_it_whole(room):
    teacher, student = room
    teacher.sio.emit("configure", {"dataset": "blobs", "num_classes": 4}, callback=True)
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    ada = student("Ada")
    assert _add(ada, [[1, 1, 3], [0, 0, 0]])["ok"]
    assert _add(ada, [[1, 1, -1]])["error"]["field"] == "points[0]"
    late = student("Bo")
    assert [r[1:4] for r in collected(late).values()] == [[1, 1, 3], [0, 0, 0]]
    teacher.sio.emit("collect", {"state": "open", "clear": True}, callback=True)
    assert collected(late) == {} and late.of("collection")[-1]["classes"] == 4


def test_training_on_points_of_another_problem_is_refused_naming_it(room):
    teacher, student = room
    teacher.sio.emit("collect", {"state": "open"}, callback=True)
    assert _add(student("Ada"), [[1, 1, 1], [-1, -1, -1]])["ok"]
    teacher.sio.emit("configure", {"problem": "images"}, callback=True)
    refused = teacher.sio.emit("use_collection", callback=True)
    assert refused["error"]["field"] == "problem"
    assert teacher.sio.emit("collect", {"state": "locked"}, callback=True)["ok"], "put away"
    assert teacher.sio.emit("configure", {"problem": "classification"}, callback=True)["ok"]
    assert teacher.sio.emit("use_collection", callback=True)["ok"]


def test_a_fresh_set_in_image_mode_collects_images_not_points(room):
    teacher, student = room
    assert teacher.sio.emit("configure", {"problem": "images"}, callback=True)["ok"]
    assert teacher.sio.emit("collect", {"state": "open"}, callback=True)["ok"]
    pupil = student("Ada")
    message = pupil.of("collection")[-1]
    assert message["images"] == [] and "points" not in message
    refused = _add(pupil, [[1, 1, 1]])
    assert refused["ok"] is False and refused["error"]["field"] == "points"

