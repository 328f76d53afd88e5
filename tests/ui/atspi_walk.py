"""Walk BackPoints through the AT-SPI bus, as a screen reader would (system Python + pyatspi).

Run by tests/ui/test_atspi.py inside a private D-Bus session with Xvfb and the AT-SPI
bus running, while BackPoints runs on that display. It presses keys with xdotool
(XTest, like a real keyboard), listens to the events Orca listens to,
and prints one JSON object that the test checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

events: list[dict[str, object]] = []


def on_event(event) -> None:  # type: ignore[no-untyped-def]
    try:
        source = event.source
        events.append({"type": event.type, "detail1": event.detail1, "name": source.name or "",
                       "role": source.getRoleName(), "text": str(event.any_data or "")[:80]})
    except Exception as exc:  # a source gone meanwhile: keep the event type
        events.append({"type": event.type, "error": str(exc)})


def pump(seconds: float) -> None:
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.02)


def find(root, predicate, depth: int = 0):  # type: ignore[no-untyped-def]
    if root is None or depth > 30:
        return None
    try:
        if predicate(root):
            return root
        for i in range(root.childCount):
            found = find(root.getChildAtIndex(i), predicate, depth + 1)
            if found is not None:
                return found
    except Exception:
        return None
    return None


def app() -> object:
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(200):
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name and "backpoints" in child.name.lower():
                return child
        time.sleep(0.1)
    raise SystemExit(json.dumps({"error": "BackPoints never appeared on the AT-SPI bus"}))


def key(name: str) -> None:
    """A real key press on the X display (XTest through xdotool), as a keyboard sends it."""
    subprocess.run(["xdotool", "key", "--delay", "40", name], check=True)
    pump(0.3)


def type_text(text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "80", text], check=True)
    pump(0.3)


def states(obj) -> list[str]:  # type: ignore[no-untyped-def]
    return [pyatspi.stateToString(s) for s in obj.getState().getStates()]


def focused_child(map_obj):  # type: ignore[no-untyped-def]
    for i in range(map_obj.childCount):
        child = map_obj.getChildAtIndex(i)
        if child is not None and child.getState().contains(pyatspi.STATE_FOCUSED):
            return child
    return None


def main() -> int:
    pyatspi.Registry.registerEventListener(
        on_event, "focus:", "object:state-changed:focused", "object:state-changed:selected",
        "object:state-changed:checked", "object:property-change:accessible-name", "object:announcement",
        "object:children-changed")
    application = app()
    pump(1.0)
    out: dict[str, object] = {"app": application.name}
    map_obj = find(application, lambda o: (o.name or "").startswith("Body map"))
    if map_obj is None:
        print(json.dumps({"error": "no object named 'Body map'"}))
        return 1
    out["map"] = {"name": map_obj.name, "role": map_obj.getRoleName(), "description": map_obj.description}
    children = []
    for i in range(map_obj.childCount):
        child = map_obj.getChildAtIndex(i)
        ext = child.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        actions = []
        try:
            action = child.queryAction()
            actions = [action.getName(j) for j in range(action.nActions)]
        except NotImplementedError:
            pass
        children.append({"name": child.name, "role": child.getRoleName(), "description": child.description,
                         "rect": [ext.x, ext.y, ext.width, ext.height], "states": states(child),
                         "actions": actions})
    out["children"] = children
    count = find(application, lambda o: o.getRoleName() == "label" and " points" in (o.name or "")
                 and ("All " in (o.name or "") or " of " in (o.name or "")))
    out["count_before"] = count.name if count is not None else None

    # Keyboard only: from the search box (the window takes the X focus with it; Xvfb has
    # no window manager), Tab until the map has the focus, then arrows and Return.
    subprocess.run("xdotool search --name ' BackPoints' windowfocus --sync", shell=True, check=False)
    pump(0.5)
    search = find(application, lambda o: o.name == "Search points")
    search.queryComponent().grabFocus()
    pump(0.5)
    events.clear()
    for _ in range(60):
        if map_obj.getState().contains(pyatspi.STATE_FOCUSED):
            break
        key("Tab")
    out["map_focused"] = map_obj.getState().contains(pyatspi.STATE_FOCUSED)
    out["tab_events"] = [e for e in events if e.get("detail1") == 1 and "focused" in str(e.get("type"))]
    walk = []
    events.clear()
    # Tabbing through the list selected its first point, so the map starts on that point:
    # Escape goes back to the regions first.
    for name in ("Escape", "Home", "Down", "Down", "Down", "Return", "Right", "Down", "Return", "Escape", "Escape"):
        events.clear()
        key(name)
        gained = [e for e in events if e.get("type") == "object:state-changed:focused" and e.get("detail1") == 1]
        child = focused_child(map_obj)
        walk.append({"key": name, "events": list(events), "announced": gained[-1]["name"] if gained else None,
                     "focused": child.name if child is not None else None,
                     "role": child.getRoleName() if child is not None else None,
                     "states": states(child) if child is not None else []})
    pump(0.5)
    out["walk"] = walk

    # Page Down: the next figure. The map's name and children change, and the bridge says so.
    events.clear()
    key("Next")
    pump(0.5)
    out["next_view"] = {
        "name": map_obj.name, "child_count": map_obj.childCount,
        "children": [map_obj.getChildAtIndex(i).name for i in range(map_obj.childCount)],
        "events": [e for e in events if "children-changed" in str(e.get("type")) or "name" in str(e.get("type"))],
    }

    # The result count after a search typed into the search box (Ctrl+F is not needed:
    # Shift+Tab would do too, but the count is checked here, not the way there).
    events.clear()
    search.queryComponent().grabFocus()
    pump(0.3)
    type_text("BL23")
    for _ in range(50):
        if count is None or count.name != out["count_before"]:
            break
        pump(0.1)
    out["count_after"] = count.name if count is not None else None
    out["search_events"] = [e for e in events if "name" in str(e.get("type")) or "announce" in str(e.get("type"))]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
