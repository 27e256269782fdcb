#!/usr/bin/python3
"""OpenDHT 2.4.12 interop drivers for the JamiCluster tests (see README.md).

Each subcommand prints one JSON object per line; the last line is {"result": ...} (exit 0)
or {"error": ...} (exit 1: a check failed, 2: crash, 137: killed by the watchdog, which
prints its own {"error": ...} line first). Peers are python3-opendht 2.4.12 DhtRunners on
127.0.0.1. Signed values are crafted here (the bindings have no putSigned, sign or seq)
and sent over raw UDP, like any value a storer receives.
"""
import argparse, hashlib, json, os, random, select, socket, threading, time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import opendht as dht
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def emit(**obj):
    print(json.dumps(obj), flush=True)


class Fail(Exception):
    """Ends a subcommand with {"error": <argument>} and exit code 1."""


def start_watchdog(seconds):
    """A forked child SIGKILLs us after `seconds`: SIGALRM or a thread would not do, since
    a DhtRunner call (join) may block while holding the GIL."""
    r, w = os.pipe()
    if os.fork() == 0:
        os.close(w)
        if not select.select([r], [], [], seconds)[0]:  # the pipe closes when the parent exits
            emit(error='watchdog: no completion after %d s' % seconds)
            os.kill(os.getppid(), 9)
        os._exit(0)
    os.close(r)


# ---- minimal msgpack: the subset OpenDHT uses ---------------------------------------

class Raw(bytes):
    """Already-encoded msgpack, embedded verbatim (keeps a signed body byte-exact)."""


def pack(o):
    if isinstance(o, Raw):
        return bytes(o)
    if isinstance(o, int):  # smallest unsigned encoding, like msgpack-c
        for lim, pre, n in ((0x80, b'', 1), (1 << 8, b'\xcc', 1), (1 << 16, b'\xcd', 2), (1 << 32, b'\xce', 4)):
            if o < lim:
                return pre + o.to_bytes(n, 'big')
        return b'\xcf' + o.to_bytes(8, 'big')
    if isinstance(o, str):
        b = o.encode()
        return (bytes([0xa0 | len(b)]) if len(b) < 32 else b'\xd9' + bytes([len(b)])) + b
    if isinstance(o, bytes):
        return (b'\xc4' + bytes([len(o)]) if len(o) < 256 else b'\xc5' + len(o).to_bytes(2, 'big')) + o
    if isinstance(o, list):
        return bytes([0x90 | len(o)]) + b''.join(map(pack, o))  # OpenDHT lists here are short
    if isinstance(o, dict):
        return bytes([0x80 | len(o)]) + b''.join(pack(k) + pack(v) for k, v in o.items())
    raise TypeError(type(o))


def unpack(b):
    def item(i):
        t = b[i]
        if t < 0x80 or t >= 0xe0:  # positive / negative fixint
            return (t if t < 0x80 else t - 0x100), i + 1
        if t & 0xe0 == 0xa0:  # fixstr
            return b[i + 1:i + 1 + (t & 31)].decode('utf-8', 'replace'), i + 1 + (t & 31)
        if t & 0xe0 == 0x80:  # fixmap 0x8X, fixarray 0x9X
            return items(t & 15, i + 1, t < 0x90)
        if t in (0xc0, 0xc2, 0xc3):
            return {0xc0: None, 0xc2: False, 0xc3: True}[t], i + 1
        if 0xcc <= t <= 0xd3:  # uint8..64, int8..64
            n = 1 << ((t - 0xcc) % 4)
            return int.from_bytes(b[i + 1:i + 1 + n], 'big', signed=t >= 0xd0), i + 1 + n
        if t in (0xca, 0xcb):  # floats never matter here
            return 0.0, i + (5 if t == 0xca else 9)
        for base in (0xc4, 0xd9):  # bin8/16/32, str8/16/32
            if base <= t < base + 3:
                w = 1 << (t - base)
                n = int.from_bytes(b[i + 1:i + 1 + w], 'big')
                s = b[i + 1 + w:i + 1 + w + n]
                return (s if base == 0xc4 else s.decode('utf-8', 'replace')), i + 1 + w + n
        if 0xdc <= t <= 0xdf:  # array16/32, map16/32
            w = 2 if t in (0xdc, 0xde) else 4
            return items(int.from_bytes(b[i + 1:i + 1 + w], 'big'), i + 1 + w, t >= 0xde)
        raise ValueError('unsupported msgpack byte %#x' % t)

    def items(n, i, is_map):
        out = []
        for _ in range(2 * n if is_map else n):
            v, i = item(i)
            out.append(v)
        return (dict(zip(out[::2], out[1::2])) if is_map else out), i
    return item(0)[0]


# ---- hand-made values and a tiny raw-UDP OpenDHT client ----------------------------

def rand_id():
    return random.getrandbits(64) | 1


class Signer:
    """An OpenDHT identity (spec 6.2): owner = SPKI DER, key id = SHA-1(owner),
    sig = RSA PKCS#1 v1.5 + SHA-512 over the exact msgpack of the value body."""

    def __init__(self, bits=2048):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        self.owner = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.key_id = hashlib.sha1(self.owner).hexdigest()

    def value(self, vid, data, seq, vtype=0):
        body = pack({'seq': seq, 'owner': self.owner, 'type': vtype, 'data': data})
        sig = self.key.sign(body, padding.PKCS1v15(), hashes.SHA512())
        return pack({'id': vid, 'dat': {'body': Raw(body), 'sig': sig}})


def plain_value(vid, data, vtype):
    return pack({'id': vid, 'dat': {'body': {'type': vtype, 'data': data}}})


def parse_n4(reply):
    """Yields (node id, (ip, port)) from a reply's compact IPv4 node list (26-byte entries)."""
    n4 = reply.get('n4', b'')
    for o in range(0, len(n4) - 25, 26):
        yield n4[o:o + 20], (socket.inet_ntoa(n4[o + 20:o + 24]), int.from_bytes(n4[o + 24:o + 26], 'big'))


class RawNode:
    """Queries from its own UDP socket. It answers nothing, so no node ever hands it out."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(('127.0.0.1', 0))
        self.id, self.tid = os.urandom(20), random.randrange(1, 1 << 31)

    def query_many(self, reqs, timeout=3.5):
        """reqs: [(addr, q, args)], sent at once and re-sent every second until answered.
        Returns {index in reqs: message} for those answered by a reply or an error."""
        pending = {}
        for i, (addr, q, args) in enumerate(reqs):
            self.tid = self.tid % 0xfffffff0 + 2
            msg = {'a': dict({'id': self.id}, **args), 'q': q, 't': self.tid, 'y': 'q', 'v': 'RNG1'}
            pending[self.tid] = (i, addr, pack(msg))
        out, deadline, next_send = {}, time.time() + timeout, 0
        while pending and time.time() < deadline:
            if time.time() >= next_send:
                for _, addr, pkt in pending.values():
                    self.sock.sendto(pkt, addr)
                next_send = time.time() + 1.0
            if select.select([self.sock], [], [], 0.05)[0]:
                try:
                    m = unpack(self.sock.recv(65536))
                except (ValueError, IndexError):
                    continue
                t = m.get('t') if isinstance(m, dict) else None
                if t in pending and ('r' in m or 'e' in m):  # matched by tid only, like 2.4.12
                    out[pending.pop(t)[0]] = m
        return out

    def closest(self, key, boots, k=8, rounds=20):
        """Iterative lookup with `get`: [(addr, node id, token)] of the k closest nodes that
        answer. The bootstrap addresses are asked first; rounds=1 returns only them."""
        dist = lambda nid: int.from_bytes(bytes(x ^ y for x, y in zip(nid, key)), 'big')
        ids, done, failed = {b: None for b in boots}, {}, set()
        for _ in range(rounds):
            cand = sorted((a for a in ids if a not in failed), key=lambda a: -1 if ids[a] is None else dist(ids[a]))
            todo = [a for a in cand[:k] if a not in done]
            if not todo:
                break
            replies = self.query_many([(a, 'get', {'h': key}) for a in todo], timeout=1.5)  # 2 sends
            for i, a in enumerate(todo):
                m = replies.get(i, {})
                if 'e' in m or not m.get('r', {}).get('token'):
                    failed.add(a)
                    continue
                ids[a], done[a] = m['r']['id'], (m['r']['id'], m['r']['token'])
                for nid, addr in parse_n4(m['r']):
                    if nid != self.id and addr not in ids:
                        ids[addr] = nid
        return [(a,) + done[a] for a in sorted(done, key=lambda a: dist(done[a][0]))[:k]]

    def census(self, boots, samples=8):
        """How many nodes the bootstrap(s) hand out for random targets, and how many of those
        do not answer a ping (dead nodes slow every search and skew where values land)."""
        replies = self.query_many([(b, 'find', {'target': os.urandom(20)}) for b in boots for _ in range(samples)])
        nodes = {addr for m in replies.values() for nid, addr in parse_n4(m.get('r', {})) if nid != self.id}
        pongs = self.query_many([(addr, 'ping', {}) for addr in nodes], timeout=2.5)  # 3 sends
        emit(event='bootstrap_census', handed_out=len(nodes), dead=len(nodes) - len(pongs))
        return len(nodes) - len(pongs)

    def holds(self, addrs, items):
        """[(key, value id)] -> [bool]: does one of `addrs` store it? Asked with a `get`
        whose query is SELECT id WHERE id = vid (answered by `fileds` or filtered `values`)."""
        reqs = [(a, 'get', {'h': k, 'q': {'s': [1], 'w': [{'f': 1, 'v': vid}]}}) for k, vid in items for a in addrs]
        replies, out = self.query_many(reqs), [False] * len(items)
        for i, (_, _, args) in enumerate(reqs):
            r, vid = replies.get(i, {}).get('r', {}), args['q']['w'][0]['v']
            # a bare size in `values` announces a fragmented value that matched the id filter
            ids = r.get('fileds', {}).get('v', []) + [v.get('id') if isinstance(v, dict) else vid
                                                      for v in r.get('values', [])]
            out[i // len(addrs)] |= vid in ids
        return out

    def put(self, key, value, targets):
        """One encoded value to [(addr, id, token)] -> (hex ids that acked, error bodies)."""
        replies = self.query_many([(a, 'put', {'h': key, 'values': [Raw(value)], 'token': tok})
                                   for a, _, tok in targets])
        acked = [targets[i][1].hex() for i, m in replies.items() if 'e' not in m]
        return acked, [m['e'] for m in replies.values() if 'e' in m]


# ---- DhtRunner helpers --------------------------------------------------------------

class Pending:
    """Counts asynchronous operations in flight (at most `limit` if set)."""

    def __init__(self, limit=0):
        self.cv, self.n, self.limit = threading.Condition(), 0, limit

    def start(self, timeout):
        with self.cv:
            if not self.cv.wait_for(lambda: not self.limit or self.n < self.limit, timeout):
                raise Fail('operations stuck in flight for %d s' % timeout)
            self.n += 1

    def finish(self, *_):
        with self.cv:
            self.n -= 1
            self.cv.notify_all()

    def wait(self, timeout, what=None):
        """True once all finished; on timeout False, or Fail if `what` names the operations."""
        with self.cv:
            if self.cv.wait_for(lambda: self.n == 0, timeout):
                return True
        if what:
            raise Fail('%s callbacks still pending after %d s' % (what, timeout))
        return False


def start_peers(boots, n, types=()):
    """n DhtRunners on random 127.0.0.1 ports (IPv4 only), bootstrapping from every address."""
    runners = [dht.DhtRunner() for _ in range(n)]
    for r in runners:
        r.run(port=0, ipv4='127.0.0.1')
        for t in types:
            r.registerType(t)
        for host, port in boots:
            r.bootstrap(host, str(port))
    return runners


def wait_connected(runners, timeout):
    """Connected = the IPv4 routing table holds a node marked [good] (the bootstrap node,
    once it answered the bootstrap ping). The python API has no getStatus()."""
    deadline, left = time.time() + timeout, list(runners)
    while left and time.time() < deadline:
        time.sleep(0.1)
        left = [r for r in left if '[good]' not in r.getRoutingTablesLog(socket.AF_INET)]
    if left:
        raise Fail('%d of %d peers not connected after %d s' % (len(left), len(runners), timeout))


def warm_up(runners, budget, quick=2.0):
    """Rounds of lookups of random keys until one round takes under `quick` s or `budget` s
    are spent. The searches meet the dead nodes a bootstrap may still hand out (2.4.12 does
    for 10 min, e.g. the peers of a previous run) and expire them before the real work."""
    t0, rounds = time.time(), 0
    while time.time() - t0 < budget:
        ops, t1, rounds = Pending(), time.time(), rounds + 1
        for r in runners:
            for _ in range(2):
                ops.start(budget)
                r.get(dht.InfoHash.getRandom(), lambda v: True, ops.finish)
        if ops.wait(max(0.1, budget - (time.time() - t0))) and time.time() - t1 < quick:
            break
    emit(event='warmed_up', rounds=rounds, seconds=round(time.time() - t0, 2))


def stop_peers(runners, timeout=10):
    """shutdown() every runner, wait for the shutdown callbacks, then join the threads."""
    events = [threading.Event() for _ in runners]
    for r, ev in zip(runners, events):
        r.shutdown(ev.set)
    deadline = time.time() + timeout
    if not all(ev.wait(max(0, deadline - time.time())) for ev in events):
        return False
    for r in runners:
        r.join()
    return True


def get_passes(jobs, a, retry=lambda job: True):
    """jobs: [(runner, key name, check(Value) -> bool, ...)]: concurrent gets, at most
    --parallel in flight. Jobs that found nothing and pass `retry` run again, up to --retries
    times, 2 s apart (a young DHT converges). Returns ([found per pass], missing jobs)."""
    per_pass, todo, given_up = [], list(jobs), []
    for attempt in range(1 + a.retries):
        ops, missing = Pending(a.parallel), []

        def launch(job, found):
            def on_value(v):
                if not found and job[2](v):
                    found.append(v)
                return True

            def on_done(ok, nodes):
                if not found:
                    missing.append(job)
                ops.finish()
            ops.start(a.timeout)
            job[0].get(dht.InfoHash.get(job[1]), on_value, on_done)
        for job in todo:
            launch(job, [])
        ops.wait(a.timeout, 'get')
        per_pass.append(len(todo) - len(missing))
        given_up += [j for j in missing if not retry(j)]
        todo = [j for j in missing if retry(j)]
        if not todo or attempt == a.retries:
            break
        time.sleep(2)
    return per_pass, given_up + todo


def checker(rec, data):
    """Byte-exact match of a Value with a record (signed ones: also the owner). Value.owner
    may only be read on signed values: the 2.4.12 binding segfaults on the others."""
    def check(v):
        if v.id != rec['id'] or v.data != data:
            return False
        return rec['kind'] != 'signed' or (' signed (v' in str(v) and v.owner.toString().decode() == rec['owner'])
    return check


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors too end with a JSON line
        emit(error='usage: %s' % message)
        os._exit(2)


def pick_key(a):
    """InfoHash of --key NAME; by default the first bootstrap node's own id with the last bit
    flipped: no node can be closer, so no storer may drop the put as "too far"."""
    if a.key:
        return dht.InfoHash.get(a.key)
    nid = bytearray.fromhex(next(iter(a.boot_ids)))
    nid[-1] ^= 1
    return dht.InfoHash(nid.hex().encode())


def parse_addr(s):
    host, _, port = s.rpartition(':')
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError('expected HOST:PORT, got %r' % s)
    try:
        return socket.gethostbyname(host.strip('[]')), int(port)
    except OSError as e:
        raise argparse.ArgumentTypeError('%s: %s' % (s, e))


def bootstrap_ids(raw, boots):
    """{node id hex: "host:port"} of the bootstrap addresses, learnt with a raw ping."""
    replies = raw.query_many([(b, 'ping', {}) for b in boots])
    ids = {m['r']['id'].hex(): '%s:%d' % boots[i] for i, m in replies.items() if 'e' not in m}
    if not ids:
        raise Fail('no bootstrap node answered a ping')
    return ids


# ---- subcommands --------------------------------------------------------------------

def cmd_swarm(a, raw):
    """Each peer puts a 40-byte, a 2000-byte (fragmented) and a signed value; then every
    peer gets every other peer's values. The records go to --out for `verify`."""
    t0, dead = time.time(), raw.census(a.bootstrap)
    signers = [Signer() for _ in range(3)]  # 2048-bit identities, used round-robin
    runners, records, datas, puts = start_peers(a.bootstrap, a.peers), [], [], Pending()
    try:
        wait_connected(runners, a.timeout)
        emit(event='connected', peers=a.peers, seconds=round(time.time() - t0, 2))
        warm_up(runners, a.warmup_s)

        def on_put(rec):
            def done(ok, nodes):  # `nodes` are the search's nodes, dead ones included: not the ackers
                rec['put_ok'] = ok
                puts.finish()
            return done

        def put_signed(rec, value):  # raw UDP put to the 8 closest nodes, as a DhtRunner would
            node, key = RawNode(), bytes.fromhex(rec['key'])
            acked, errors = node.put(key, value, node.closest(key, a.bootstrap))
            node.sock.close()
            rec['put_ok'] = bool(acked) and not errors
            if errors:
                emit(event='put_error', name=rec['name'], errors=errors)
        with ThreadPoolExecutor(8) as pool:  # raw lookups may wait for dead nodes: overlap them
            futures = []
            for i, r in enumerate(runners):
                for kind, size in (('small', 40), ('frag', 2000), ('signed', 64)):
                    name, data, vid = '%s/%d/%s' % (a.prefix, i, kind), os.urandom(size), rand_id()
                    rec = dict(kind=kind, name=name, key=dht.InfoHash.get(name).toString().decode(), id=vid,
                               peer=i, size=size, sha1=hashlib.sha1(data).hexdigest(), hex=data.hex(), put_ok=False)
                    records.append(rec)
                    datas.append(data)
                    if kind == 'signed':
                        rec['owner'] = signers[i % 3].key_id
                        futures.append(pool.submit(put_signed, rec, signers[i % 3].value(vid, data, 1)))
                    else:
                        v = dht.Value(data)
                        v.id = vid
                        puts.start(a.timeout)
                        r.put(dht.InfoHash.get(name), v, on_put(rec))
            for f in futures:
                f.result()  # re-raises an exception of put_signed
        puts.wait(a.timeout, 'put')
        failed = [r['name'] for r in records if not r['put_ok']]
        # acks prove little (2.4.12 acks the puts it drops as "too far"), so ask the bootstrap nodes
        for rec, held in zip(records, raw.holds(a.bootstrap, [(bytes.fromhex(r['key']), r['id']) for r in records])):
            rec['stored_on_bootstrap'] = held
        t_put = time.time()
        emit(event='puts_done', ok=len(records) - len(failed), failed=failed, seconds=round(t_put - t0, 2))
        jobs = [(runners[i], rec['name'], checker(rec, data))
                for i in range(a.peers) for rec, data in zip(records, datas) if rec['peer'] != i]
        per_pass, missing = get_passes(jobs, a)
        missing = [job[1] for job in missing]
        for name in sorted(set(missing)):
            emit(missing=name, getters=missing.count(name))
        with open(a.out, 'w') as f:
            json.dump({'bootstrap_ids': a.boot_ids, 'created': time.time(), 'values': records}, f, indent=1)
        result = dict(peers=a.peers, values=len(records), puts_failed=len(failed), dead_nodes_handed_out=dead,
                      stored_on_bootstrap=sum(r['stored_on_bootstrap'] for r in records),
                      gets=dict(expected=len(jobs), got=sum(per_pass), got_per_pass=per_pass, missing=len(missing)),
                      seconds=dict(connect_put=round(t_put - t0, 2), gets=round(time.time() - t_put, 2)))
    finally:
        stopped = stop_peers(runners)
    result.update(clean_shutdown=stopped, seconds=dict(result['seconds'], total=round(time.time() - t0, 2)))
    if failed or missing or not stopped:
        raise Fail(result)
    return result


def cmd_verify(a, raw):
    """A fresh peer gets every key listed in --in and checks the values byte-exact."""
    with open(a.infile) as f:
        saved = json.load(f)
    records, t0, dead = saved['values'], time.time(), raw.census(a.bootstrap)
    if a.acked_before is not None:  # only the values acknowledged by then (records without acked_at: dropped)
        n = len(records)
        records = [r for r in records if r.get('acked_at', float('inf')) <= a.acked_before]
        emit(event='acked_before', acked_before=a.acked_before, kept=len(records), dropped=n - len(records))
    required = lambda rec: a.require == 'all' or rec['stored_on_bootstrap']
    runners = start_peers(a.bootstrap, 1)
    try:
        wait_connected(runners, a.timeout)
        warm_up(runners, a.warmup_s)
        jobs = [(runners[0], rec['name'], checker(rec, bytes.fromhex(rec['hex'])), rec) for rec in records]
        per_pass, missing = get_passes(jobs, a, retry=lambda job: required(job[3]))
    finally:
        stopped = stop_peers(runners)
    for job in missing:
        emit(missing=job[1], id=job[3]['id'], kind=job[3]['kind'], stored_on_bootstrap=job[3]['stored_on_bootstrap'])
    result = dict(listed=len(records), got=sum(per_pass), got_per_pass=per_pass, missing=len(missing),
                  required=sum(map(required, records)), required_missing=sum(required(j[3]) for j in missing),
                  stored_on_bootstrap=sum(r['stored_on_bootstrap'] for r in records),
                  dead_nodes_handed_out=dead, age_s=round(time.time() - saved['created']), seconds=round(time.time() - t0, 2),
                  clean_shutdown=stopped)
    if result['required_missing']:
        raise Fail(result)
    return result


def cmd_steady(a, raw):
    """Steady load: each peer puts a new 24-byte value every --interval-ms and gets one random
    already-acked value (from any peer). Tick lines each second; acked values go to --out."""
    t0, lock = time.time(), threading.Lock()
    runners = start_peers(a.bootstrap, a.peers)
    acked, st = [], dict(put_failed=0, gets_ok=0, gets_failed=0, skipped=0)  # acked: (record, data)
    pending, failed_windows = [0] * a.peers, set()  # failed_windows: start second of each failed get

    def put(i, r, seq):
        name, data, vid = '%s/%d/%d' % (a.prefix, i, seq), os.urandom(24), rand_id()
        rec = dict(kind='small', name=name, key=dht.InfoHash.get(name).toString().decode(), id=vid, peer=i,
                   size=len(data), sha1=hashlib.sha1(data).hexdigest(), hex=data.hex(), put_ok=True)

        def done(ok, nodes):
            with lock:
                pending[i] -= 1
                if ok:
                    rec['acked_at'] = time.time()
                    acked.append((rec, data))
                else:
                    st['put_failed'] += 1
        v = dht.Value(data)
        v.id = vid
        r.put(dht.InfoHash.get(name), v, done)

    def get(i, r, rec, data):
        found, started = [], time.time()

        def on_value(v):
            if not found and v.id == rec['id'] and v.data == data:
                found.append(True)
            return True

        def done(ok, nodes):
            with lock:
                pending[i] -= 1
                st['gets_ok' if found else 'gets_failed'] += 1
                if not found:
                    failed_windows.add(int(started - t_start))
        r.get(dht.InfoHash.get(rec['name']), on_value, done)

    result, stopped = None, False
    try:
        wait_connected(runners, a.timeout)
        emit(event='connected', peers=a.peers, seconds=round(time.time() - t0, 2))
        warm_up(runners, a.warmup_s)
        t_start, seq, last = time.time(), 0, dict(st)
        next_op, next_tick, interval = t_start, t_start + 1, a.interval_ms / 1000.0
        while True:
            now = time.time()
            while now >= next_tick:  # progress line: counts since the previous tick
                with lock:
                    snap, n_acked, in_flight = dict(st), len(acked), sum(pending)
                emit(event='tick', t=round(next_tick - t_start), acked=n_acked, put_failed=snap['put_failed'],
                     gets_ok=snap['gets_ok'] - last['gets_ok'], gets_failed=snap['gets_failed'] - last['gets_failed'],
                     gets_ok_total=snap['gets_ok'], gets_failed_total=snap['gets_failed'],
                     in_flight=in_flight, skipped=snap['skipped'])
                last, next_tick = snap, next_tick + 1
            if now - t_start >= a.seconds:
                break
            if now >= next_op:
                seq += 1
                for i, r in enumerate(runners):
                    with lock:
                        busy = pending[i] > a.max_pending
                        target = random.choice(acked) if acked and not busy else None
                        if busy:
                            st['skipped'] += 1
                        else:
                            pending[i] += 2 if target else 1
                    if busy:
                        continue
                    put(i, r, seq)
                    if target:
                        get(i, r, *target)
                next_op += interval
                if next_op < now:  # fell behind: do not burst
                    next_op = now + interval
            time.sleep(max(0.0, min(next_op, next_tick) - time.time()))
        t_end = time.time()
        deadline = t_end + a.timeout  # let the operations in flight finish
        while time.time() < deadline:
            with lock:
                if not sum(pending):
                    break
            time.sleep(0.1)
        with lock:
            unfinished, records = sum(pending), [rec for rec, _ in acked]
            snap = dict(st)
        emit(event='load_done', seconds=round(t_end - t_start, 2), unfinished=unfinished,
             drain_seconds=round(time.time() - t_end, 2))
        held = []
        for k in range(0, len(records), 100):  # batches: the bootstrap may rate-limit a burst
            held += raw.holds(a.bootstrap, [(bytes.fromhex(r['key']), r['id']) for r in records[k:k + 100]])
        for rec, h in zip(records, held):
            rec['stored_on_bootstrap'] = h
        with open(a.out, 'w') as f:
            json.dump({'bootstrap_ids': a.boot_ids, 'created': time.time(), 'values': records}, f, indent=1)
        result = dict(peers=a.peers, acked=len(records), put_failed=snap['put_failed'], gets_ok=snap['gets_ok'],
                      gets_failed=snap['gets_failed'], failed_windows=sorted(failed_windows),
                      skipped_ticks=snap['skipped'], unfinished=unfinished,
                      stored_on_bootstrap=sum(r['stored_on_bootstrap'] for r in records),
                      seconds=dict(load=round(t_end - t_start, 2)))
    finally:
        stopped = stop_peers(runners)
    result.update(clean_shutdown=stopped, seconds=dict(result['seconds'], total=round(time.time() - t0, 2)))
    if not result['acked']:
        raise Fail(result)
    return result


def cmd_listen(a, raw):
    """L listens on --key; once a bootstrap node holds L's listen, a value of the custom type is
    put. Reports put->notification and put->expiry-notification latencies."""
    boot_ids, key = a.boot_ids, pick_key(a)
    kb, vid, data, events, cv = bytes.fromhex(key.toString().decode()), rand_id(), os.urandom(32), [], threading.Condition()
    vtype = lambda s: dht.ValueType(a.type_id, 'interop-%d' % a.type_id, timedelta(seconds=s))
    runners = (start_peers(a.bootstrap, 1, [vtype(a.listener_lifetime_s or a.lifetime_s)])
               + start_peers(a.bootstrap, 1 if a.putter == 'peer' else 0, [vtype(a.lifetime_s)]))
    try:
        wait_connected(runners, a.timeout)

        def on_value(v, expired):
            with cv:
                if v.id == vid:
                    events.append((time.time(), bool(expired), v.data == data))
                    cv.notify_all()
            return True
        runners[0].listen(key, on_value)
        deadline = time.time() + a.timeout  # established = a bootstrap node is marked [l] in L's search
        while not any(i in line and '[l]' in line for i in boot_ids
                      for line in runners[0].getSearchesLog(socket.AF_INET).splitlines()):
            if time.time() > deadline:
                raise Fail('listen not established on a bootstrap node after %d s' % a.timeout)
            time.sleep(0.05)
        emit(event='listening', key=kb.hex(), value_id=vid, putter=a.putter)
        if a.putter == 'peer':  # P stores locally too, and L itself may be one of the storers
            v = dht.Value(data, a.type_id)  # the 2nd constructor argument is the value *type*
            v.id = vid
            t_put = time.time()  # (without a done callback the binding's put() blocks, with no timeout)
            runners[1].put(key, v, lambda ok, nodes: emit(event='put_done', ok=ok, ms=round((time.time() - t_put) * 1000)))
        else:  # only to the bootstrap node(s): L can learn it only from their `update`
            targets = raw.closest(kb, a.bootstrap, rounds=1)
            t_put = time.time()
            acked, errors = raw.put(kb, plain_value(vid, data, a.type_id), targets)
            emit(event='put', acked_by=acked, errors=errors, stored_on_bootstrap=raw.holds(a.bootstrap, [(kb, vid)])[0])
        with cv:
            cv.wait_for(lambda: any(not e[1] for e in events), a.timeout)
            cv.wait_for(lambda: any(e[1] for e in events), a.timeout)
        ms = lambda t: round((t - t_put) * 1000)
        notes, expiries = [e for e in events if not e[1]], [e for e in events if e[1]]
        result = dict(notified=bool(notes), notify_ms=ms(notes[0][0]) if notes else None,
                      data_ok=bool(notes) and notes[0][2], expired=bool(expiries),
                      expiry_ms=ms(expiries[0][0]) if expiries else None, lifetime_s=a.lifetime_s,
                      listener_lifetime_s=a.listener_lifetime_s or a.lifetime_s,
                      events=[dict(ms=ms(t), expired=x) for t, x, _ in events])
    finally:
        stopped = stop_peers(runners)
    result['clean_shutdown'] = stopped
    if not (result['notified'] and result['data_ok'] and result['expired']):
        raise Fail(result)
    return result


def cmd_signed_edit(a, raw):
    """Owner A puts a signed value, then edits it with a higher seq; edits by owner B, with a
    lower seq, or with the same seq and other data must be refused. Each check reads back with
    a fresh opendht peer (which verifies signatures); readers stay up until the end so that
    no dead reader slows the next search."""
    A, B = Signer(), Signer()
    key = pick_key(a)
    kb, vid, runners, checks = bytes.fromhex(key.toString().decode()), rand_id(), [], []
    targets = raw.closest(kb, a.bootstrap)
    emit(event='targets', key=kb.hex(), value_id=vid, owner_a=A.key_id, owner_b=B.key_id,
         nodes=['%s:%d' % t[0] for t in targets])
    steps = [('put_A_seq1', A, 1, 'A seq 1', 'A seq 1'),
             ('edit_A_seq2_accepted', A, 2, 'A seq 2', 'A seq 2'),
             ('edit_B_seq3_foreign_owner_refused', B, 3, 'B seq 3', 'A seq 2'),
             ('edit_A_seq1_lower_seq_refused', A, 1, 'A seq 1 again', 'A seq 2'),
             ('edit_A_seq2_same_seq_other_data_refused', A, 2, 'A seq 2 other', 'A seq 2')]
    try:
        for check, signer, seq, data, expect in steps:
            acked, errors = raw.put(kb, signer.value(vid, data.encode(), seq), targets)
            runners += start_peers(a.bootstrap, 1)
            wait_connected(runners[-1:], a.timeout)
            vals, done = [], threading.Event()
            runners[-1].get(key, lambda v: vals.append(v) or True, lambda ok, nodes: done.set())
            completed = done.wait(a.timeout)
            seen = [dict(data=v.data.decode(errors='replace'), desc=str(v)[:48],
                         owner=v.owner.toString().decode() if ' signed (v' in str(v) else None)
                    for v in vals if v.id == vid]
            checks.append(dict(check=check, ok=len(seen) == 1 and seen[0]['data'] == expect
                               and seen[0]['owner'] == A.key_id, acked=len(acked), errors=errors,
                               get_completed=completed, expected=expect, seen=seen))
            emit(**checks[-1])
    finally:
        stopped = stop_peers(runners)
    result = dict(passed=sum(c['ok'] for c in checks), total=len(steps), clean_shutdown=stopped,
                  note='seq, owner and signature are crafted by peers.py (python3-opendht 2.4.12 has no '
                       'putSigned, sign or seq) and sent with a raw UDP put to the closest nodes')
    if result['passed'] != len(steps):
        raise Fail(result)
    return result


def main():
    p = Parser(description=__doc__.splitlines()[0])
    p.add_argument('--bootstrap', type=parse_addr, action='append', required=True, metavar='HOST:PORT')
    p.add_argument('--timeout', type=float, default=30, help='timeout of each wait, in seconds')
    p.add_argument('--watchdog', type=int, default=120, help='hard limit for the whole run, in seconds')
    sub = p.add_subparsers(dest='cmd', required=True)
    swarm, verify = sub.add_parser('swarm'), sub.add_parser('verify')
    swarm.add_argument('--peers', type=int, default=20)
    swarm.add_argument('--prefix', default='swarm-%x' % rand_id())
    swarm.add_argument('--out', required=True)
    for s in (swarm, verify):
        s.add_argument('--warmup-s', type=float, default=60, help='max seconds of warm-up lookups')
        s.add_argument('--parallel', type=int, default=64, help='max gets in flight')
        s.add_argument('--retries', type=int, default=2, help='extra get passes for missing values')
    verify.add_argument('--in', dest='infile', required=True)
    verify.add_argument('--require', choices=('stored', 'all'), default='stored',
                        help='stored: only the values the bootstrap node(s) held at swarm time must come back')
    verify.add_argument('--acked-before', type=float, metavar='UNIX_TIME',
                        help='check only the records whose acked_at is <= UNIX_TIME (steady files)')
    s = sub.add_parser('steady')
    s.add_argument('--peers', type=int, default=5)
    s.add_argument('--seconds', type=float, default=40, help='duration of the load')
    s.add_argument('--interval-ms', type=float, default=200, help='each peer puts and gets once per interval')
    s.add_argument('--max-pending', type=int, default=20, help='a peer skips a tick above this many ops in flight')
    s.add_argument('--warmup-s', type=float, default=10, help='max seconds of warm-up lookups')
    s.add_argument('--prefix', default='steady-%x' % rand_id())
    s.add_argument('--out', required=True)
    s = sub.add_parser('listen')
    s.add_argument('--key', help='key name (default: next to the bootstrap node id)')
    s.add_argument('--type-id', type=int, default=777)
    s.add_argument('--lifetime-s', type=int, default=4)
    s.add_argument('--listener-lifetime-s', type=int, default=0,
                   help='lifetime L registers (default: --lifetime-s); longer = the expiry must come from the storer')
    s.add_argument('--putter', choices=('raw', 'peer'), default='raw',
                   help='raw: put only to the bootstrap node(s); peer: put from a second DhtRunner')
    sub.add_parser('signed-edit').add_argument('--key', help='key name (default: next to the bootstrap node id)')
    a = p.parse_args()
    if a.cmd == 'steady':  # the load itself lasts --seconds: leave room for connect, warm-up, drain, shutdown
        a.watchdog = max(a.watchdog, int(a.seconds + a.warmup_s + 3 * a.timeout + 30))
    start_watchdog(a.watchdog)
    raw, code = RawNode(), 0
    try:
        a.boot_ids = bootstrap_ids(raw, a.bootstrap)  # fail fast if nothing answers
        emit(result=globals()['cmd_' + a.cmd.replace('-', '_')](a, raw))
    except Fail as e:
        emit(error=e.args[0])
        code = 1
    except Exception as e:
        emit(error='%s: %s' % (type(e).__name__, e))
        code = 2
    os._exit(code)  # skip interpreter teardown (DhtRunner destructors); stdout is flushed


if __name__ == '__main__':
    main()
