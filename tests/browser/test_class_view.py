"""The class view in the page: 30 students' own runs, each glimpsed at least once a second while
the teacher's own run keeps drawing at 10 frames a second or more; the spotlight from a tile.

Students are Socket.IO clients (as phones would be) on loopback against the real server; the
teacher is the page. Rates are measured in the page: each tile counts its updates and when they
came (performance.now() of the first and the last). The server sends a class view's glimpses on a
1 s schedule, so a student's measured rate is 1/s within the arrival jitter: asserted ≥ 0.97/s.
"""
import time

import pytest
import socketio
from playwright.sync_api import expect

from tests.browser.classroom_helpers import share
from tests.browser.helpers import loaded, poll
from tests.conftest import wait_for

pytestmark = pytest.mark.browser

STUDENTS = 30
MEASURE_SECONDS = 8
MIN_RATE = 0.97   # updates per second per student: 1/s less 3 % for arrival jitter
MIN_FPS = 10


class Student:
    """A phone in the class: joins, explores its own run, trains it."""

    def __init__(self, url: str, code: str, name: str):
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(url, transports=["websocket"], wait_timeout=30)
        assert self.sio.call("join", {"code": code, "name": name}, timeout=30)["ok"]

    def explore(self, speed: int):
        for event, payload in (("fork", None), ("configure", {"speed": speed}), ("play", None)):
            ack = self.sio.call(event, payload, timeout=30) if payload else self.sio.call(event, timeout=30)
            assert ack["ok"], (event, ack)

    def close(self):
        self.sio.disconnect()


@pytest.fixture
def classroom(open_page, base_url):
    """A teacher's page with a shared run and a function that adds students (closed after)."""
    page, record = open_page(1366, 768, "/?speed=10000")
    loaded(page)
    code = share(page)
    students = []

    def add(count, speed=50):
        made = [Student(base_url, code, f"Student {len(students) + k + 1:02d}") for k in range(count)]
        students.extend(made)
        for student in made:
            student.explore(speed)
        return made

    yield page, record, add
    for student in students:
        student.close()


def tile_rates(page) -> list[tuple[str, int, float]]:
    return page.locator("#students-grid .tile").evaluate_all("""(tiles) => tiles.map(t => [
        t.querySelector('.tile-name').textContent, +t.dataset.updates,
        (+t.dataset.updates - 1) / ((+t.dataset.lastAt - +t.dataset.firstAt) / 1000)])""")


def frames_drawn(page) -> int:
    return int(page.locator("#heatmap").get_attribute("data-frames-drawn") or 0)


def drawn_per_second(page, seconds: float) -> float:
    """The teacher's own frames drawn per second over ``seconds`` (the page's counter)."""
    started, frames = time.monotonic(), frames_drawn(page)
    page.wait_for_timeout(seconds * 1000)    # a measuring window, not a synchronisation
    return (frames_drawn(page) - frames) / (time.monotonic() - started)


def test_thirty_students_each_update_every_second_while_the_teacher_draws(classroom, artifacts):
    """Every student's tile updates at >= 1/s; the teacher's run keeps >= 10 frames/s.

    The teacher's frame rate is bounded by the server's training (worker processes at a
    low priority) as much as by the page: on this shared machine, under others' load, the
    run alone may not reach 10 frames/s. So it is measured with the class view closed,
    then open (one window after the other, so the machine's load may differ between them):
    the view must hold 10 frames/s when the run alone gets 12.5, and must never cost more
    than 30 % of the frames.
    """
    page, record, add = classroom
    add(STUDENTS)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#play-label")).to_have_text("Pause")
    closed = drawn_per_second(page, 5)
    page.get_by_role("button", name="Students", exact=True).click()
    expect(page.locator("#students-grid .tile")).to_have_count(STUDENTS, timeout=20_000)
    opened = drawn_per_second(page, MEASURE_SECONDS)
    wait_for(lambda: min(u for _, u, _ in tile_rates(page)) >= MEASURE_SECONDS, timeout=60)
    page.screenshot(path=str(artifacts / "class-view-30.png"))
    rates = tile_rates(page)
    slowest = min(rates, key=lambda r: r[2])
    print(f"class view: {len(rates)} students, slowest {slowest[2]:.3f}/s; "
          f"teacher {closed:.1f} frames/s closed, {opened:.1f} open")
    assert len(rates) == STUDENTS
    assert slowest[2] >= MIN_RATE, slowest
    assert opened >= 0.7 * closed, f"the class view took the teacher from {closed:.1f} to {opened:.1f} frames/s"
    if closed >= MIN_FPS * 1.25:
        assert opened >= MIN_FPS, f"the teacher's own run drew {opened:.1f} frames/s"
    captions = page.locator("#students-grid .tile-caption").all_text_contents()
    assert all("training" in c and "test loss" in c for c in captions), captions[:3]
    assert record.errors == []


def test_sorting_by_loss_or_name_and_showing_a_run_to_the_class(classroom, base_url):
    page, record, add = classroom
    fast, slow = add(1, speed=200)[0], add(1, speed=1)[0]
    page.get_by_role("button", name="Students", exact=True).click()
    expect(page.locator("#students-grid .tile")).to_have_count(2, timeout=20_000)
    names = lambda: page.locator("#students-grid .tile-name").all_text_contents()  # noqa: E731
    poll(names, lambda n: n == ["Student 01", "Student 02"], 20, page)   # the faster run leads
    page.get_by_role("button", name="By name").click()
    assert names() == ["Student 01", "Student 02"]
    slow.sio.call("pause", timeout=10)
    page.locator("#students-grid .tile", has_text="Student 02").click()
    expect(page.locator("#spotlight-text")).to_contain_text("Student 02's run")
    paused_at = slow.sio.call("export_model", timeout=10)["model"]["epoch"]
    expect(page.locator("#epoch")).to_have_text(str(paused_at))
    expect(page.get_by_role("button", name="Reset")).to_be_disabled()   # Student 02 steers it
    page.get_by_role("button", name="Back to my run").click()
    expect(page.locator("#spotlight-bar")).to_be_hidden()
    expect(page.get_by_role("button", name="Reset")).to_be_enabled()
    assert record.errors == []
