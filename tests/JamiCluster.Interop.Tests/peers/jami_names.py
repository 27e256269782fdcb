#!/usr/bin/python3
"""Drive an unmodified headless jamid (Debian jami-daemon 20230206) over a private D-Bus session
bus, to check a name server against the real Jami client. See README.md, section 4.

Usage: /usr/bin/python3 jami_names.py --nameserver http://127.0.0.1:PORT --workdir DIR CMD ...
  register NAME [NAME ...]   new RING account, registerName for each NAME in turn
  lookup-name NAME           lookupName("", nameserver, NAME)
  lookup-address ADDR        lookupAddress("", nameserver, ADDR)
  scenario NAME [MISSING]    register, then look the name up both ways, plus a missing name
stdout: one JSON object per step; on failure a last line {"error": ...} and exit code 1 (2 = usage
error or a bug here). Exit code 0 means jamid answered every step; the caller judges the states.
--deadline bounds the steps; stopping the processes afterwards adds at most --stop-grace + 10 s.
"""
import argparse, ctypes, json, os, re, select, shutil, signal, subprocess, sys, time

import dbus
import dbus.mainloop.glib
from gi.repository import GLib

BUS_NAME, IFACE = "cx.ring.Ring", "cx.ring.Ring.ConfigurationManager"
CM_PATH = "/cx/ring/Ring/ConfigurationManager"
# nameRegistrationEnded: JamiAccount::registerName (20230206) folds NameDirectory::RegistrationResponse
# into these five codes; error, incompleteRequest (HTTP 400), signatureVerificationFailed (401) and
# unsupported all become 4.
REG_STATES = {0: "success", 1: "invalid_credentials", 2: "invalid_name", 3: "already_taken", 4: "network_error"}
# registeredNameFound carries (int) NameDirectory::Response {found, invalidResponse, notFound, error}.
# 1 is named INVALID_NAME in the D-Bus docs; the daemon also uses it when the reply's publickey or
# signature does not check out.
LOOKUP_STATES = {0: "found", 1: "invalid_name", 2: "not_found", 3: "error"}
HEX40 = re.compile(r"^[0-9a-f]{40}$")
BUS_CONF = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>{listen}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>
<allow own="*"/></policy></busconfig>
"""  # deliberately no <servicedir>: the bus must never auto-start a jamid of its own


class Failure(Exception):
    pass


def die_with_parent():
    # Runs in the child before exec: if this script dies without cleaning up (SIGKILL by a test
    # runner), the kernel kills the child too, so no dbus-daemon or jamid outlives us. SIGKILL,
    # because jamid's graceful shutdown takes seconds.
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Jami:
    def __init__(self, args):
        self.a, self.deadline = args, time.monotonic() + args.deadline
        self.work = os.path.abspath(args.workdir)
        self.dbus_proc = self.jamid = self.bus = self.cm = None
        self.events, self.starts = [], 0

    def remaining(self, limit):
        left = min(limit, self.deadline - time.monotonic())
        if left <= 0:
            raise Failure(f"overall deadline of {self.a.deadline} s reached")
        return left

    # ---- processes ---------------------------------------------------------------------------
    def start_bus(self):
        os.makedirs(self.work, exist_ok=True)
        sock_dir = os.path.join(self.work, "bus")
        os.makedirs(sock_dir, exist_ok=True)
        # A unix socket path is limited to 108 bytes; fall back to an abstract socket.
        listen = f"unix:dir={sock_dir}" if len(sock_dir) < 80 else "unix:tmpdir=/tmp"
        conf = os.path.join(self.work, "bus.conf")
        with open(conf, "w") as f:
            f.write(BUS_CONF.format(listen=listen))
        self.dbus_proc = subprocess.Popen(
            ["dbus-daemon", f"--config-file={conf}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
            stderr=open(os.path.join(self.work, "dbus-daemon.log"), "wb"))
        ready, _, _ = select.select([self.dbus_proc.stdout], [], [], self.remaining(10))
        addr = self.dbus_proc.stdout.readline().decode().strip() if ready else ""
        if not addr:
            raise Failure("dbus-daemon printed no address")
        self.bus_addr = addr
        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        self.bus = dbus.bus.BusConnection(addr)
        # Record every daemon signal; steps then search this list from a marker index.
        self.bus.add_signal_receiver(self._on_signal, dbus_interface=IFACE, member_keyword="member")

    def _on_signal(self, *args, member=None):
        self.events.append((member, list(args)))

    def start_jamid(self):
        # Every daemon gets a new, empty home. Its name cache (XDG_CACHE_HOME/namecache/<host>) never
        # expires, and a loaded account looks up its own address at start, which would fill it.
        self.starts += 1
        self.home = os.path.join(self.work, f"home-{self.starts}")
        env = {"PATH": "/usr/bin:/bin", "HOME": self.home, "DBUS_SESSION_BUS_ADDRESS": self.bus_addr,
               "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
               "XDG_DATA_HOME": os.path.join(self.home, ".local", "share"),
               "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
               "XDG_RUNTIME_DIR": os.path.join(self.home, "run"),
               # jamid opens audio at start; keep it off any real PulseAudio server (it then falls
               # back to ALSA, finds no card, and carries on without audio).
               "PULSE_SERVER": "unix:" + os.path.join(self.home, "run", "no-pulse")}
        for d in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
            os.makedirs(env[d], mode=0o700, exist_ok=True)
        self.log = os.path.join(self.work, f"jamid-{self.starts}.log")
        with open(self.log, "wb") as log:
            self.jamid = subprocess.Popen([self.a.jamid, "-c", "-d"], env=env, stdout=log, stderr=log,
                                          stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        self.wait(lambda: self.bus.name_has_owner(BUS_NAME), 30, "jamid to own cx.ring.Ring")
        self.cm = dbus.Interface(self.bus.get_object(BUS_NAME, CM_PATH, introspect=False), IFACE)

    def stop_jamid(self):
        # SIGTERM starts a clean shutdown, but with an account the DHT shutdown hangs ~7 s on the dead
        # bootstrap; the home is scratch, so SIGKILL after a short grace is harmless.
        stop(self.jamid, self.a.stop_grace)
        self.jamid = None

    def close(self):
        if self.jamid:
            self.stop_jamid()
        if self.bus:
            self.bus.close()
        stop(self.dbus_proc, 5)

    # ---- waiting -----------------------------------------------------------------------------
    def wait(self, cond, limit, what):
        end = time.monotonic() + self.remaining(limit)
        ctx = GLib.MainContext.default()
        while True:
            while ctx.iteration(False):  # deliver pending D-Bus signals into self.events
                pass
            result = cond()
            if result:
                return result
            if self.jamid and self.jamid.poll() is not None:
                raise Failure(f"jamid exited with {self.jamid.returncode} while waiting for {what}; see {self.log}")
            if time.monotonic() > end:
                raise Failure(f"timeout waiting for {what}; see {self.log}")
            time.sleep(0.02)

    def signal_after(self, mark, member, match):
        def find():
            for m, args in self.events[mark:]:
                if m == member and match(args):
                    return args
        return find

    def call(self, method, *args):
        return getattr(self.cm, method)(*args, timeout=self.remaining(self.a.timeout))

    # ---- steps -------------------------------------------------------------------------------
    def create_account(self):
        t0, mark = time.monotonic(), len(self.events)
        details = {
            "Account.type": "RING", "Account.alias": "jami_names", "Account.archivePassword": "",
            "RingNS.uri": self.a.nameserver,
            # No internet here: point the DHT bootstrap at a dead loopback port, and switch off every
            # feature that would talk to a public host or multicast on the LAN.
            "Account.hostname": "127.0.0.1:1", "Account.upnpEnabled": "false", "TURN.enable": "false",
            "Account.proxyEnabled": "false", "Account.dhtProxyListUrl": "",
            "Account.peerDiscovery": "false", "Account.accountDiscovery": "false",
            "Account.accountPublish": "false"}
        acc = str(self.call("addAccount", dbus.Dictionary(details, signature="ss")))
        # Key generation runs in a thread; the account leaves INITIALIZING once the archive exists.
        # It then cycles TRYING/UNREGISTERED forever (no DHT peer), which is fine for the name server.
        state = self.wait(self.signal_after(mark, "registrationStateChanged",
                                            lambda a: a[0] == acc and a[1] != "INITIALIZING"),
                          self.a.timeout, "the new account to finish initialising")
        if str(state[1]).startswith("ERROR"):
            raise Failure(f"account {acc} failed: {state[1]} {state[3]}")
        jami_id = str(self.call("getAccountDetails", acc).get("Account.username", "")).removeprefix("ring:")
        if not HEX40.match(jami_id):
            raise Failure(f"account {acc} has no Jami ID (username {jami_id!r})")
        emit(step="create_account", account_id=acc, jami_id=jami_id, seconds=elapsed(t0))
        return acc, jami_id

    def register(self, acc, jami_id, name):
        t0, mark = time.monotonic(), len(self.events)
        if not self.call("registerName", acc, "", name):  # "" = the archive has no password
            raise Failure(f"registerName({name!r}) was refused by the daemon")
        args = self.wait(self.signal_after(mark, "nameRegistrationEnded",
                                           lambda a: a[0] == acc and a[2] == name),
                         self.a.timeout, f"nameRegistrationEnded for {name!r}")
        st = int(args[1])
        return emit(step="register", account_id=acc, jami_id=jami_id, name=name, state=st,
                    state_name=REG_STATES.get(st, "unknown"), seconds=elapsed(t0))

    def lookup(self, acc, kind, key, step=None):
        """kind is 'name' or 'address'. acc == "" makes the daemon use --nameserver directly."""
        t0, mark = time.monotonic(), len(self.events)
        method = "lookupName" if kind == "name" else "lookupAddress"
        if not self.call(method, acc, self.a.nameserver if not acc else "", key):
            raise Failure(f"{method}({key!r}) was refused by the daemon")
        field = 3 if kind == "name" else 2  # the signal echoes the request in this argument
        args = self.wait(self.signal_after(mark, "registeredNameFound",
                                           lambda a: a[0] == acc and a[field] == key),
                         self.a.timeout, f"registeredNameFound for {key!r}")
        st = int(args[1])
        return emit(step=step or f"lookup_{kind}", account_id=acc, query=key, state=st,
                    state_name=LOOKUP_STATES.get(st, "unknown"), address=str(args[2]),
                    name=str(args[3]), seconds=elapsed(t0))


def stop(proc, grace):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()  # by PID only: these are processes this script started
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def elapsed(t0):
    return round(time.monotonic() - t0, 2)


def emit(**obj):
    print(json.dumps(obj), flush=True)
    return obj


def run(j, a):
    j.start_bus()
    j.start_jamid()
    if a.cmd == "register":
        acc, jami_id = j.create_account()
        for name in a.args:  # several names = several attempts by the same account
            j.register(acc, jami_id, name)
    elif a.cmd in ("lookup-name", "lookup-address"):
        for key in a.args:
            j.lookup("", a.cmd.split("-")[1], key)
    elif a.cmd == "scenario":
        name = a.args[0]
        missing = a.args[1] if len(a.args) > 1 else f"missing-{os.getpid()}"
        acc, jami_id = j.create_account()
        j.register(acc, jami_id, name)
        # Same daemon: a successful registration fills the cache, so this never reaches the server.
        j.lookup(acc, "name", name, "lookup_name_cached")
        # A name hit also fills the address cache and vice versa, so each lookup that must reach the
        # server runs in a new daemon with an empty home and no account (account "" + nameserver).
        for kind, key, absent in (("name", name, missing), ("address", jami_id, "0" * 39 + "1")):
            j.stop_jamid()
            j.start_jamid()
            j.lookup("", kind, key)
            j.lookup("", kind, key, f"lookup_{kind}_again")  # expected from the cache: no request
            j.lookup("", kind, absent, f"lookup_missing_{kind}")
            j.lookup("", kind, absent, f"lookup_missing_{kind}_again")  # misses are not cached


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nameserver", required=True, help="RingNS.uri, e.g. http://127.0.0.1:8080")
    p.add_argument("--workdir", required=True, help="scratch dir; its home-*/ dirs are wiped at start")
    p.add_argument("--jamid", default="/usr/libexec/jamid")
    p.add_argument("--timeout", type=float, default=30, help="per step, seconds")
    p.add_argument("--deadline", type=float, default=120, help="whole run, seconds")
    p.add_argument("--stop-grace", type=float, default=3, help="seconds between SIGTERM and SIGKILL")
    p.add_argument("cmd", choices=["register", "lookup-name", "lookup-address", "scenario"])
    p.add_argument("args", nargs="+")
    try:
        a = p.parse_args()
    except SystemExit as e:
        if e.code:
            print(json.dumps({"error": "usage: see --help"}), flush=True)
        raise
    if a.cmd == "scenario" and len(a.args) > 2:
        p.error("scenario takes NAME [MISSING_NAME]")
    j = Jami(a)
    for d in os.listdir(j.work) if os.path.isdir(j.work) else []:  # homes of earlier runs
        if d.startswith("home-"):
            shutil.rmtree(os.path.join(j.work, d), ignore_errors=True)

    def on_signal(signum, _frame):  # SIGTERM/SIGINT/SIGALRM: unwind through the cleanup below
        raise Failure(f"stopped by signal {signum}")
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
        signal.signal(s, on_signal)
    signal.alarm(int(a.deadline) + 30)  # last resort if a call blocks past the deadline checks
    code = 0
    try:
        run(j, a)
    except (Failure, dbus.DBusException, OSError) as e:
        emit(error=str(e))
        print(f"jami_names: {e}", file=sys.stderr)
        code = 1
    except Exception as e:  # a bug in this script: still report it on stdout, and clean up
        emit(error=f"unexpected {type(e).__name__}: {e}")
        code = 2
    finally:
        signal.alarm(0)
        try:
            j.close()
        except Exception as e:  # still report the original outcome
            print(f"jami_names: cleanup: {e}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
