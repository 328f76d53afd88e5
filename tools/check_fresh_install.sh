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
set -euo pipefail
suite=${1:-bookworm}
display=${2:-}
checkout=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d /var/tmp/backpoints-chroot.XXXXXX)
chmod 755 "$root"  # mktemp makes it owner-only, and the chroot's / must be readable by its user
cleanup() {
  for m in tmp/.X11-unix dev/pts dev proc; do umount "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >/dev/null
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
  as_user "export DISPLAY=$display; bash ~/app-line" > "$root/line1.log" 2>&1 &
  # minbase has no pgrep: look for the app among this machine's processes rooted in the chroot.
  app_pid() {
    for proc in /proc/[0-9]*; do
      [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] || continue
      tr '\0' ' ' < "$proc/cmdline" 2>/dev/null | grep -qE '\.venv/bin/backpoints $' && { echo "${proc#/proc/}"; return; }
    done
  }
  pid=
  for _ in $(seq 1 120); do
    pid=$(app_pid)
    [ -n "$pid" ] && break
    sleep 5
  done
  [ -n "$pid" ] || { tail -20 "$root/line1.log"; echo "FAIL: the app did not start"; exit 1; }
  sleep 20
  kill -0 "$pid" 2>/dev/null || { tail -20 "$root/line1.log"; echo "FAIL: the app exited"; exit 1; }
  echo "the app is running on $display (pid $pid); closing it"
  kill "$pid"
  wait || true
else
  status=0
  as_user "env -u DISPLAY -u WAYLAND_DISPLAY bash ~/app-line" > "$root/line1.log" 2>&1 || status=$?
  tail -1 "$root/line1.log"
  [ "$status" = 2 ] || { echo "FAIL: expected exit 2 without a display, got $status"; exit 1; }
fi

echo "== line 2 ($suite): $test_line"
as_user "env -u DISPLAY bash ~/test-line" 2>&1 | tail -5
echo "== done: both lines ran in a fresh $suite chroot"
