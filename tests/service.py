#!/usr/bin/env python3
"""Plays systemd's part for `hallscreen run`, as the sd_notify protocol
defines it: its own NOTIFY_SOCKET and WATCHDOG_USEC. Checks READY=1 after the
first frame, WATCHDOG=1 at half the interval, none once the main loop is
stuck; SIGHUP applies a new config and refuses a broken one; SIGUSR1 leaves a
screenshot in the state directory; SIGTERM exits within a second.

usage: service.py HALLSCREEN DISPLAY TMPDIR   (prints ok/not ok lines)"""
import os
import signal
import socket
import subprocess
import sys
import time

BIN, DISPLAY, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
failed = False


def check(cond, name, detail=""):
    global failed
    print(("ok - " if cond else "not ok - ") + name)
    if not cond:
        failed = True
        if detail:
            print("    " + str(detail)[:2000].replace("\n", "\n    "))


def start(config, env_extra):
    path = os.path.join(TMP, "notify-%d.sock" % len(os.listdir(TMP)))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.1)
    env = dict(os.environ, DISPLAY=DISPLAY, NOTIFY_SOCKET=path, WATCHDOG_USEC="1000000",
               STATE_DIRECTORY=os.path.join(TMP, "state"),
               RUNTIME_DIRECTORY=os.path.join(TMP, "run"))
    env.update(env_extra)
    log = open(os.path.join(TMP, "service.log"), "ab")
    proc = subprocess.Popen([BIN, "run", "--window", "--size", "640x360", "-c", config],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    return proc, sock, log


def read_log():
    """What the player printed, read apart from its own file offset."""
    with open(os.path.join(TMP, "service.log"), encoding="utf-8", errors="replace") as f:
        return f.read()


def messages(sock, seconds):
    """(time, message) pairs received within seconds."""
    got, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            data = sock.recv(4096).decode()
        except socket.timeout:
            continue
        for line in data.split("\n"):
            got.append((time.monotonic(), line))
    return got


os.makedirs(os.path.join(TMP, "state"), exist_ok=True)
config = os.path.join(TMP, "service.ini")
with open(config, "w") as f:
    f.write("[screen]\nname = Avant\ntimezone = Europe/Paris\n")

proc, sock, log = start(config, {})
t0 = time.monotonic()
msgs = messages(sock, 3.0)
lines = [m for _, m in msgs]
check("READY=1" in lines, "READY=1 after the first frame", lines)
out = read_log()
check("first frame in" in out and lines.index("READY=1") >= 0 if "READY=1" in lines else False,
      "READY=1 comes with the first frame", out)
check(any(m.startswith("STATUS=") for m in lines), "STATUS= is sent", lines)
dogs = [t for t, m in msgs if m == "WATCHDOG=1"]
gaps = [b - a for a, b in zip(dogs, dogs[1:])]
check(len(dogs) >= 3 and all(g < 0.95 for g in gaps),
      "WATCHDOG=1 at half the interval (%d in 3 s)" % len(dogs), gaps)

# SIGHUP: a new config is applied; a broken one is refused.
with open(config, "w") as f:
    f.write("[screen]\nname = Après\ntimezone = Europe/Paris\n")
proc.send_signal(signal.SIGHUP)
lines = [m for _, m in messages(sock, 1.5)]
out = read_log()
check("reloaded" in out and "RELOADING=1" in lines, "SIGHUP applies a new config", out)
with open(config, "w") as f:
    f.write("[screen]\nname = Cassé\ntheme = bleu\n")
proc.send_signal(signal.SIGHUP)
messages(sock, 1.0)
out = read_log()
check("reload refused" in out and "service.ini:3" in out and proc.poll() is None,
      "SIGHUP refuses a broken config and keeps running", out)

# The status file and the metrics, read as a technician would.
env = dict(os.environ, RUNTIME_DIRECTORY=os.path.join(TMP, "run"))
st = subprocess.run([BIN, "status"], env=env, capture_output=True, text=True)
check(st.returncode == 0 and "hallscreen" in st.stdout, "hallscreen status reads the status file",
      st.stdout + st.stderr)
prom = os.path.join(TMP, "run", "hallscreen.prom")
text = open(prom).read() if os.path.exists(prom) else ""
check("hallscreen_up 1" in text and "hallscreen_frames_total" in text,
      "the metrics are written for node_exporter", text)

# SIGUSR1: a screenshot in the state directory.
shot = os.path.join(TMP, "state", "screenshot.png")
proc.send_signal(signal.SIGUSR1)
messages(sock, 1.0)
ok = os.path.exists(shot) and open(shot, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
check(ok, "SIGUSR1 leaves a screenshot in the state directory")

# SIGTERM: out within a second, saying so.
t = time.monotonic()
proc.send_signal(signal.SIGTERM)
try:
    rc = proc.wait(timeout=1.0)
except subprocess.TimeoutExpired:
    proc.kill()
    rc = None
lines = [m for _, m in messages(sock, 0.3)]
check(rc == 0, "SIGTERM exits cleanly within a second (%.2f s)" % (time.monotonic() - t))
check("STOPPING=1" in lines, "STOPPING=1 on the way out", lines)
sock.close()
log.close()

# A stuck main loop: the watchdog goes silent.
with open(config, "w") as f:
    f.write("[screen]\nname = Figé\ntimezone = Europe/Paris\n")
proc, sock, log = start(config, {"HALLSCREEN_TEST_FREEZE_MS": "2000"})
msgs = messages(sock, 4.5)
proc.kill()
proc.wait()
dogs = [t for t, m in msgs if m == "WATCHDOG=1"]
late = [t for t in dogs if t - msgs[0][0] > 2.6] if msgs else dogs
check(len(dogs) >= 2 and not late, "no WATCHDOG=1 once the main loop is stuck",
      "%d before, %d after" % (len(dogs) - len(late), len(late)))
sock.close()
log.close()
# A board without a real-time clock starts in 1970: the cached content is
# shown without a clock, and the player still says it is ready.
with open(config, "w") as f:
    f.write("[screen]\nname = Sans horloge\ntimezone = Europe/Paris\n")
proc, sock, log = start(config, {"HALLSCREEN_TEST_CLOCK": "1000"})
lines = [m for _, m in messages(sock, 2.0)]
proc.terminate()
proc.wait()
out = read_log()
check("READY=1" in lines and "no clock shown until it is set" in out,
      "a clock in 1970 shows no clock and no today, and the player runs", out)
sock.close()
log.close()
sys.exit(1 if failed else 0)
