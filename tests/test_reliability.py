"""Bad files, hostile files and faults: a clear message, never a traceback, nothing lost."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpoints.core.loader import load_dataset, parse_dataset
from backpoints.core.sheet import Sheet, load_sheet, save_sheet
from backpoints.core.yamlread import DataError
from tests.conftest import CORPUS, DATA, run_cli
from tests.helpers import data_error_box

# file -> (line:column, words the message must contain); line 0 means "no position".
DATASETS = {
    "syntax-unclosed-quote.yaml": ("9:1", "while scanning a quoted scalar"),
    "syntax-tab.yaml": ("8:1", "YAML indentation must use spaces, not tabs"),
    "syntax-bad-indent.yaml": ("9:13", "mapping values are not allowed"),
    "empty.yaml": ("0", "the file is empty"),
    "top-list.yaml": ("1:1", "dataset must be a mapping of keys to values, not a list"),
    "top-scalar.yaml": ("1:1", "dataset must be a mapping of keys to values, not text"),
    "missing-fields.yaml": ("7:5", "BL23: missing required key location"),
    "wrong-type-bool.yaml": ("14:16", "BL23 bilateral must be true or false"),
    "wrong-type-list.yaml": ("13:12", "BL23 areas must be a list"),
    "unknown-key.yaml": ("15:5", "BL23: unknown key 'colour'"),
    "duplicate-codes.yaml": ("27:5", "duplicate code 'BL23' (first defined on line 7)"),
    "duplicate-yaml-key.yaml": ("9:5", "BL23: duplicate key 'name'"),
    "unknown-area.yaml": ("13:13", "unknown value 'elbow'"),
    "unknown-view.yaml": ("16:16", "marker view: unknown value 'top'"),
    "coord-out-of-range.yaml": ("16:25", "marker x is 1.45, outside the allowed range 0..1"),
    "coord-not-number.yaml": ("16:25", "marker x must be a number"),
    "coord-nan.yaml": ("16:25", "marker x must be a finite number"),
    "coord-infinity.yaml": ("16:34", "marker y must be a finite number"),
    "non-utf8.yaml": ("9:14", "not valid UTF-8"),
    "python-object.yaml": ("2:9", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "unknown-tag.yaml": ("8:11", "tag '!include' is not allowed"),
    "billion-laughs.yaml": ("", "YAML aliases (*name) are not allowed"),
    "deep-nesting.yaml": ("2:", "exceeded maximum nesting depth"),
    "deep-block-nesting.yaml": ("3:", "exceeded maximum nesting depth"),
}
SHEETS = {
    "syntax.yaml": ("3:1", "expected ',' or ']'"),
    "empty.yaml": ("0", "the file is empty"),
    "top-list.yaml": ("1:1", "sheet must be a mapping"),
    "unknown-key.yaml": ("2:1", "unknown key 'font'"),
    "wrong-type.yaml": ("2:9", "points must be a list"),
    "duplicate-point.yaml": ("2:21", "'BL23' is listed twice"),
    "bad-paper.yaml": ("2:8", "paper: unknown value 'A3'"),
    "python-object.yaml": ("2:8", "is not allowed"),
    "non-utf8.yaml": ("2:11", "not valid UTF-8"),
    "unknown-code.yaml": ("0", "unknown point code 'XX99'"),
}


def expected_line(path: Path, position: str, words: str, stderr: str) -> None:
    """The message names the file, the position and what is wrong, and nothing else is printed."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line]
    assert lines, "no message"
    if position == "0":
        assert any(line.startswith(f"{path}: ") and words in line for line in lines), stderr
    else:
        assert any(line.startswith(f"{path}:{position}") and words in line for line in lines), stderr


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_broken_dataset_through_validate_and_data(name: str) -> None:
    path = CORPUS / "datasets" / name
    position, words = DATASETS[name]
    result = run_cli("validate", str(path))
    assert result.returncode == 1 and result.stdout == ""
    expected_line(path, position, words, result.stderr)
    result = run_cli("list", "--data", str(path))
    assert result.returncode == 1 and result.stdout == ""
    expected_line(path, position, words, result.stderr)


def test_corpus_files_are_all_tested() -> None:
    files = {p.name for p in (CORPUS / "datasets").glob("*.yaml")}
    assert files == set(DATASETS) | {"valid-bom.yaml", "valid-markup.yaml"}
    assert {p.name for p in (CORPUS / "sheets").glob("*.yaml")} == set(SHEETS)


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_broken_sheet_through_the_cli(name: str, tmp_path: Path) -> None:
    path = CORPUS / "sheets" / name
    position, words = SHEETS[name]
    out = tmp_path / "out.pdf"
    result = run_cli("sheet", "--open", str(path), "--output", str(out))
    assert result.returncode == 1
    expected_line(path, position, words, result.stderr)
    assert not out.exists()


def test_nothing_is_constructed_from_python_tags() -> None:
    marker = Path("/tmp/backpoints-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(DataError):
        load_dataset(str(CORPUS / "datasets" / "python-object.yaml"))
    with pytest.raises(DataError):
        load_sheet(CORPUS / "sheets" / "python-object.yaml")
    assert not marker.exists()


def test_billion_laughs_is_cheap() -> None:
    with pytest.raises(DataError):  # warm up: imports and caches are not what is measured
        load_dataset(str(CORPUS / "datasets" / "empty.yaml"))
    tracemalloc.start()
    with pytest.raises(DataError):
        load_dataset(str(CORPUS / "datasets" / "billion-laughs.yaml"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # expanding it would need gigabytes


def test_a_50_mb_file_is_refused_by_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run_cli("validate", str(big))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{big}: file is too large (50.0 MB; the limit is 32 MB)"


def test_folder_missing_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli("validate", str(tmp_path), str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert f"{tmp_path}: is a folder, not a file" in result.stderr
    assert f"{tmp_path / 'missing.yaml'}: no such file" in result.stderr
    import backpoints.core.files as files

    def no_permission(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", no_permission, raising=False)
    with pytest.raises(DataError, match="permission denied: the file cannot be read"):
        load_dataset(str(DATA))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(DATA, path)
    path.chmod(0)
    result = run_cli("validate", str(path))
    assert result.returncode == 1 and "permission denied" in result.stderr


def test_bom_is_accepted() -> None:
    assert len(load_dataset(str(CORPUS / "datasets" / "valid-bom.yaml"))) == 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
def test_markup_is_printed_literally(tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    data = CORPUS / "datasets" / "valid-markup.yaml"
    result = run_cli("sheet", "--data", str(data), "--points", "BL23", "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert '<imgsrc="http://example.com/x.png"><ahref="http://example.com">click</a><script>alert(1)</script>' in flat


# --- the GUI keeps what it had ------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(DATASETS))
def test_gui_open_broken_dataset_keeps_the_points(window, name: str) -> None:  # type: ignore[no-untyped-def]
    before = window.state.dataset
    window.state.select("BL23")
    path = CORPUS / "datasets" / name
    assert window.open_dataset(str(path)) is False
    assert window.state.dataset is before and window.search_panel.model.rowCount() == len(before.points)
    assert window.state.selected is not None and window.state.selected.code == "BL23"
    box = data_error_box(window)
    position, words = DATASETS[name]
    assert words in box.detailedText() and str(path) in box.detailedText()
    box.close()


@pytest.mark.parametrize("name", sorted(set(SHEETS) - {"unknown-code.yaml"}))
def test_gui_open_broken_sheet_keeps_the_sheet(window, name: str) -> None:  # type: ignore[no-untyped-def]
    window.document.add_point("BL23")
    path = CORPUS / "sheets" / name
    from tests.helpers import DialogAnswerer

    answerer = DialogAnswerer({"unsaved-changes": "discard"})
    assert window.open_sheet(str(path)) is False
    answerer.stop()
    assert window.document.sheet.points == ("BL23",)
    assert SHEETS[name][1] in data_error_box(window).detailedText()


def test_gui_shows_markup_literally(window) -> None:  # type: ignore[no-untyped-def]
    assert window.open_dataset(str(CORPUS / "datasets" / "valid-markup.yaml"))
    window.state.select("BL23")
    assert "<script>alert(1)</script>" in window.details.plain_text()
    assert "<script" not in window.details.browser.toHtml()


# --- faults ---------------------------------------------------------------------------------
def test_killed_while_saving_leaves_the_old_sheet(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    save_sheet(Sheet(title="Old", points=("BL23",)), path)
    code = (
        "import os, sys\n"
        "from backpoints.core import sheet\n"
        "os.replace = lambda *a: os._exit(9)  # the process dies between writing and renaming\n"
        "sheet.save_sheet(sheet.Sheet(title='New', points=('GV4',)), sys.argv[1])\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], timeout=60)
    assert result.returncode == 9
    assert load_sheet(path).title == "Old"


def test_corrupt_settings_reset_to_defaults(tmp_path: Path, user_folders: Path, caplog, qtbot) -> None:  # type: ignore[no-untyped-def]
    from backpoints import paths
    from backpoints.ui.app import create_application, open_settings
    from backpoints.ui.main_window import MainWindow

    create_application()
    settings_file = paths.settings_file()
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_bytes(b"[window]\ngeometry=@ByteArray(\xff\xfe\x00garbage\nsplitter=[[[[\nmap/view=nowhere\n\x00\x01")
    with caplog.at_level(logging.WARNING):
        settings = open_settings()
    from backpoints.cli import load

    window = MainWindow(load(None), settings)
    qtbot.addWidget(window)
    window.restore_state()  # nothing usable in the file: defaults, no exception
    window.show()
    assert window.map.current_view == "back"


def test_settings_file_unreadable_format_is_set_aside(user_folders: Path, caplog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6 import QtCore
    from PySide6.QtCore import QSettings

    from backpoints import paths
    from backpoints.ui import app as app_module

    app_module.create_application()
    settings_file = paths.settings_file()
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text("[x]\na=1\n")

    class Broken(QSettings):
        def status(self) -> QSettings.Status:  # what Qt reports for a file it cannot parse
            return QSettings.Status.FormatError

    monkeypatch.setattr(QtCore, "QSettings", Broken)
    with caplog.at_level(logging.WARNING, logger="backpoints"):
        app_module.open_settings()
    assert "unreadable" in caplog.text and "starting with defaults" in caplog.text
    assert settings_file.with_suffix(".ini.corrupt").exists()


def test_unexpected_errors_are_logged_and_shown(qtbot, user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    from backpoints import logs, paths
    from backpoints.ui.app import create_application, install_exception_hook

    create_application()
    logs._configured = False
    for handler in list(logging.getLogger("backpoints").handlers):
        logging.getLogger("backpoints").removeHandler(handler)
        handler.close()
    log_file = logs.configure()
    assert log_file == paths.log_dir() / "backpoints.log"
    old_hook = sys.excepthook
    install_exception_hook()
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "unexpected-error"]
    assert boxes and boxes[-1].isVisible()
    assert "RuntimeError: boom in a slot" in boxes[-1].informativeText()
    assert "Traceback" in boxes[-1].detailedText()
    for handler in logging.getLogger("backpoints").handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error" in text and "RuntimeError: boom in a slot" in text and "Traceback" in text
    for box in boxes:
        box.close()


def test_qt_warnings_reach_the_log(caplog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import qWarning

    from backpoints.ui.app import create_application

    create_application()
    from backpoints.logs import route_qt_messages

    route_qt_messages()
    with caplog.at_level(logging.WARNING, logger="backpoints.qt"):
        qWarning("a test warning from Qt")
    assert "a test warning from Qt" in caplog.text


# --- property-based: the loader returns a dataset or raises its own error -----------------------
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents(document: object) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        parse_dataset(text, "random.yaml")
    except DataError as exc:
        assert exc.problems and all(str(p).startswith("random.yaml") for p in exc.problems)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    try:
        parse_dataset(text, "random.yaml")
    except DataError:
        pass


_BUNDLED_LINES = DATA.read_text(encoding="utf-8").splitlines(keepends=True)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["delete", "duplicate", "replace", "insert"]),
                  st.integers(0, len(_BUNDLED_LINES) - 1), st.text(max_size=8)),
        min_size=1,
        max_size=4,
    )
)
def test_random_mutations_of_the_bundled_dataset(mutations: list[tuple[str, int, str]]) -> None:
    lines = list(_BUNDLED_LINES)
    for kind, index, text in mutations:
        index %= len(lines)
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "replace":
            line = lines[index]
            cut = len(line) // 2
            lines[index] = line[:cut] + text + line[cut + len(text):]
        else:
            lines.insert(index, text + "\n")
    try:
        parse_dataset("".join(lines), "mutated.yaml")
    except DataError as exc:
        assert exc.problems


def test_log_is_rotated_when_large(user_folders: Path) -> None:
    from backpoints import logs, paths

    folder = paths.ensure(paths.log_dir())
    (folder / "backpoints.log").write_bytes(b"x" * (logs.MAX_LOG_BYTES + 1))
    (folder / "backpoints.log.1").write_text("older")
    logs._configured = False
    log_file = logs.configure()
    assert log_file is not None
    logging.getLogger("backpoints.test").warning("after rotation")
    assert (folder / "backpoints.log.2").read_text() == "older"
    assert (folder / "backpoints.log.1").stat().st_size == logs.MAX_LOG_BYTES + 1
    assert "after rotation" in log_file.read_text(encoding="utf-8")


def _chattr(flag: str, path: Path) -> bool:
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_a_failed_settings_write_keeps_the_previous_file(qtbot, dataset, tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from backpoints.ui.app import create_application
    from backpoints.ui.main_window import MainWindow

    create_application()
    folder = tmp_path / "config"
    folder.mkdir()
    path = folder / "backpoints.ini"
    window = MainWindow(dataset, QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.map.show_view("front")
    window.save_state()
    before = path.read_bytes()
    assert b"front" in before
    # An immutable folder makes the write fail midway: the new file cannot be created.
    if not _chattr("+i", folder):
        pytest.skip("chattr +i is not available here (needs root and a filesystem that supports it)")
    try:
        window.map.show_view("hand")
        with caplog.at_level(logging.WARNING, logger="backpoints"):
            window.save_state()
        assert path.read_bytes() == before
        assert "settings could not be saved" in caplog.text
    finally:
        _chattr("-i", folder)
