"""CSV of points: good files parse, bad ones are refused naming the line."""
import pytest

from app.play.points_csv import parse
from app.socket.values import ProtocolError


def test_a_file_with_header_sets_and_blank_lines_parses():
    text = "x1,x2,label,set\n1,2,1,train\n\n-1.5, 0.25, -1, test\n3,3,1\n"
    rows, classes = parse(text, 6.0, "classification", 100)
    assert rows == [(1.0, 2.0, 1.0, "train"), (-1.5, 0.25, -1.0, "test"), (3.0, 3.0, 1.0, None)]
    assert classes == 2


def test_whole_number_labels_mean_several_classes():
    rows, classes = parse("0,0,0\n1,1,1\n2,2,2\n3,3,3\n", 6.0, "classification", 100)
    assert classes == 4


def test_regression_labels_are_numbers_in_range():
    rows, classes = parse("0,0,0.25\n1,1,-0.5\n", 6.0, "regression", 100)
    assert classes == 1 and rows[0][2] == 0.25


@pytest.mark.parametrize("text, line, words", [
    ("1,2,1\n1,x,1\n", 2, "x2 is not a number"),
    ("1,2,1\n1,2\n", 2, "found 2 fields"),
    ("x1,x2,label\n1,2,1\n7,0,1\n", 3, "x1 must be between"),
    ("1,2,1\n1,2,1,validation\n", 2, "set must be train or test"),
    ("1,2,1\n1,2,nan\n", 2, "label must be a finite number"),
    ("1,2,1\n1,2,0.5\n", 2, "class label"),
    ("0,0,0\n1,1,9\n", 2, "class label"),
])
def test_bad_line_is_named(text, line, words):
    with pytest.raises(ProtocolError) as error:
        parse(text, 6.0, "classification", 100)
    assert error.value.field == "csv"
    assert error.value.message.startswith(f"line {line}:") and words in error.value.message


def test_regression_label_out_of_range_is_named():
    with pytest.raises(ProtocolError, match="line 2: a regression label"):
        parse("0,0,0.5\n0,0,3\n", 6.0, "regression", 100)


def test_too_many_points_and_empty_files_are_refused():
    with pytest.raises(ProtocolError, match="line 4: more than 3 points"):
        parse("1,1,1\n" * 4, 6.0, "classification", 3)
    with pytest.raises(ProtocolError, match="no points"):
        parse("x1,x2,label\n\n", 6.0, "classification", 3)
    with pytest.raises(ProtocolError, match="two classes are written 1 and -1"):
        parse("0,0,0\n1,1,1\n", 6.0, "classification", 10)


def test_any_line_ending_works_and_broken_quoting_is_named():
    rows, _ = parse("0,0,1\r1,1,-1\r\n2,2,1\n", 6.0, "classification", 10)
    assert len(rows) == 3
    with pytest.raises(ProtocolError, match=r"^line \d+: "):
        parse('1,"2,1\n', 6.0, "classification", 10)
