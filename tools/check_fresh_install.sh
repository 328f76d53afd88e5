#!/usr/bin/env bash
# Run the README's two set-up lines, exactly as written, as a user with sudo in a fresh
# `debootstrap --variant=minbase` Debian chroot, the way a new user would on a bare machine.
#
#   sudo tools/check_fresh_install.sh [SUITE] [DISPLAY]     # SUITE: bookworm (default), trixie
#
# Needs root, debootstrap and Debian's mirror. With DISPLAY (an X server on this machine,
# e.g. `Xvfb :77 &` and then :77) the first line's app is started there, checked to be
# running after 20 s, and closed; without one the first line must end with the app's
# "needs a graphical desktop session" message (exit 2). Then the second line runs the tests.
# Extra CA certificates of this machine (/usr/local/share/ca-certificates) are copied in,
# for networks that intercept TLS; nothing else is installed beyond sudo.
#
# The full output of both lines is kept in LOGS (default /var/tmp/backpoints-check/SUITE-TIME/:
# line1.log, line2.log, and app-started.png when a display was given and ImageMagick's
# `import` is here). The tests run with PYTHONFAULTHANDLER=1 and `-v` (through
# PYTEST_ADDOPTS, so the line itself stays as written): a crash then prints the Python stack
# of every thread, and the test it happened in is the last name in line2.log.
# BACKPOINTS_CHROOT_CACHE=DIR keeps the bare debootstrap tree as DIR/SUITE.tar and starts
# from it next time (for repeated runs; the tree is the same untouched minbase system).
set -euo pipefail
suite=${1:-bookworm}
display=${2:-}
checkout=$(cd "$(dirname "$0")/.." && pwd)
logs=${LOGS:-/var/tmp/backpoints-check/$suite-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$logs"
echo "== logs in $logs"
root=$(mktemp -d /var/tmp/backpoints-chroot.XXXXXX)
chmod 755 "$root"  # mktemp makes it owner-only, and the chroot's / must be readable by its user
# The processes running inside the chroot (minbase has no pgrep, and the host's would see
# other chroots' processes too): those whose root directory is this chroot.
chroot_pids() {
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && echo "${proc#/proc/}"
  done
  return 0
}
cleanup() {
  # Stop what still runs in there (an install, the app) before unmounting and deleting:
  # removing files under a running apt breaks it, and a busy /dev cannot be unmounted.
  local pids
  pids=$(chroot_pids)
  if [ -n "$pids" ]; then
    kill $pids 2>/dev/null || true
    sleep 3
    pids=$(chroot_pids)
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
    sleep 1
  fi
  for m in tmp/.X11-unix dev/pts dev proc; do umount "$root/$m" 2>/dev/null || umount -l "$root/$m" 2>/dev/null || true; done
  if grep -q " $root/" /proc/mounts; then
    echo "left $root in place: something is still mounted in it" >&2
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

cache=${BACKPOINTS_CHROOT_CACHE:-}
if [ -n "$cache" ] && [ -f "$cache/$suite.tar" ]; then
  tar -C "$root" -xpf "$cache/$suite.tar"
else
  debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian > "$logs/debootstrap.log"
  if [ -n "$cache" ]; then mkdir -p "$cache" && tar -C "$root" -cpf "$cache/$suite.tar.part" . && mv "$cache/$suite.tar.part" "$cache/$suite.tar"; fi
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mkdir -p /tmp/.X11-unix "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
chroot "$root" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sudo >/dev/null
  useradd -m -s /bin/bash user && echo "user ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/user'
mkdir -p "$root/home/user/backpoints"
(cd "$checkout" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -C "$root/home/user/backpoints" -xf -
chroot "$root" chown -R user:user /home/user/backpoints

app_line=$(grep -m1 -E '^sudo apt-get update && .*\.venv/bin/backpoints$' "$checkout/README.md")
test_line=$(grep -m1 -E '^sudo apt-get update && .*-m pytest$' "$checkout/README.md")
as_user() { chroot "$root" su - user -c "cd ~/backpoints && $1" </dev/null; }
printf '%s\n' "$app_line" > "$root/home/user/app-line"
printf '%s\n' "$test_line" > "$root/home/user/test-line"

echo "== line 1 ($suite): $app_line"
if [ -n "$display" ]; then
  as_user "export DISPLAY=$display; bash ~/app-line" > "$logs/line1.log" 2>&1 &
  # The app among the chroot's processes. Always status 0: under `set -e` a failed
  # `pid=$(app_pid)` would end this script while the first line is still installing.
  app_pid() {
    for pid in $(chroot_pids); do
      tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qE '\.venv/bin/backpoints $' && { echo "$pid"; return 0; }
    done
    return 0
  }
  pid=
  for _ in $(seq 1 120); do
    pid=$(app_pid)
    [ -n "$pid" ] && break
    sleep 5
  done
  [ -n "$pid" ] || { tail -20 "$logs/line1.log"; echo "FAIL: the app did not start"; exit 1; }
  sleep 20
  kill -0 "$pid" 2>/dev/null || { tail -20 "$logs/line1.log"; echo "FAIL: the app exited"; exit 1; }
  echo "the app is running on $display (pid $pid); closing it"
  if command -v import >/dev/null 2>&1; then
    import -window root -display "$display" "$logs/app-started.png" && echo "screenshot: $logs/app-started.png"
  fi
  kill "$pid"
  wait || true
else
  status=0
  as_user "env -u DISPLAY -u WAYLAND_DISPLAY bash ~/app-line" > "$logs/line1.log" 2>&1 || status=$?
  tail -1 "$logs/line1.log"
  [ "$status" = 2 ] || { echo "FAIL: expected exit 2 without a display, got $status"; exit 1; }
fi

echo "== line 2 ($suite): $test_line"
status=0
as_user "export PYTHONFAULTHANDLER=1 PYTEST_ADDOPTS=-v; env -u DISPLAY bash ~/test-line" > "$logs/line2.log" 2>&1 || status=$?
grep -E '^(=+ .*(passed|failed|error).* =+|FAILED |ERROR )' "$logs/line2.log" | tail -20 || true
if [ "$status" != 0 ]; then
  # A crash: faulthandler's stacks and the test that was running when it happened.
  grep -n -A40 -E '^Fatal Python error' "$logs/line2.log" | head -60 || true
  echo "last test started: $(grep -E '^tests/.*::' "$logs/line2.log" | tail -1)"
  echo "FAIL: the test line exited with status $status (full log: $logs/line2.log)"
  exit 1
fi
echo "== done: both lines ran in a fresh $suite chroot (logs: $logs)"
