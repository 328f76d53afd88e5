#!/usr/bin/env bash
# Walk BackPoints with the real Orca screen reader and print what Orca would say.
#
#   tools/orca_walk.sh "Tab Tab ... Home Down Return space Next"
#
# Needs orca, at-spi2-core, xvfb, xdotool and dbus (apt-get install orca at-spi2-core
# xvfb xdotool dbus). Runs in a private D-Bus session on display :97 with no speech
# server: Orca's debug log records each "SPEECH OUTPUT", which is printed at the end.
# Keys are xdotool key names, pressed 0.8 s apart. From the search box, 16 Tabs reach the map.
set -u
if [ -z "${INSIDE_ORCA_WALK:-}" ]; then
  INSIDE_ORCA_WALK=1 exec dbus-run-session -- bash "$0" "$@"
fi
keys=${1:-}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
work=$(mktemp -d)
Xvfb :97 -screen 0 1400x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=:97
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus=$!
sleep 1
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
orca --debug-file "$work/orca.out" >/dev/null 2>&1 &
orca=$!
sleep 4
QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$python" -m backpoints >"$work/app.log" 2>&1 &
app=$!
sleep 6
xdotool search --onlyvisible --name "BackPoints" | head -1 | xargs -I{} xdotool windowfocus --sync {}
sleep 1
for k in $keys; do xdotool key --delay 60 "$k"; sleep 0.8; done
kill $app $orca $bus $xvfb 2>/dev/null
wait 2>/dev/null
grep -a "SPEECH OUTPUT" "$work/orca.out" | sed -e "s/^.*SPEECH OUTPUT: //" -e "s/{'established'.*$//"
rm -rf "$work"
