#!/usr/bin/python3
"""OpenDHT 2.4.12 interop drivers for the JamiCluster tests (see README.md).

Every subcommand prints one JSON object per line on stdout; the last line is
{"result": ...} on success (exit 0) or {"error": ...} on failure (exit != 0).
Peers are python3-opendht DhtRunners bound to 127.0.0.1. Signed values are
crafted here (the 2.4.12 bindings have no putSigned/seq) and sent over raw UDP.
"""
import argparse, hashlib, json, os, random, select, socket, sys, threading, time
from datetime import timedelta

import opendht as dht
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def emit(**obj):
    print(json.dumps(obj), flush=True)


class Fail(Exception):
    """Raised to end a subcommand with {"error": ...} and exit code 1."""


def start_watchdog(seconds):
    """Fork a child that SIGKILLs us after `seconds`. A thread or SIGALRM cannot
    be trusted: a DhtRunner call may block while holding the GIL."""
    r, w = os.pipe()
    if os.fork() == 0:
        os.close(w)
        ready, _, _ = select.select([r], [], [], seconds)
        if not ready:  # parent still running: pipe never closed
            emit(error="watchdog: no completion after %d s" % seconds)
            os.kill(os.getppid(), 9)
        os._exit(0)
    os.close(r)  # parent keeps `w` open until it exits; the child then wakes up


# ---- minimal msgpack (only what the OpenDHT envelope needs) ----------------

class Raw(bytes):
    """Bytes already msgpack-encoded, embedded verbatim (keeps signed bodies exact)."""


def pack(o):
    if isinstance(o, Raw):
        return bytes(o)
    if o is None or isinstance(o, bool):
        return {None: b'\xc0', False: b'\xc2', True: b'\xc3'}[o]
    if isinstance(o, int):  # OpenDHT never emits negative integers
        for lim, pre, n in ((0x80, b'', 1), (1 << 8, b'\xcc', 1), (1 << 16, b'\xcd', 2), (1 << 32, b'\xce', 4)):
            if o < lim:
                return pre + o.to_bytes(n, 'big')
        return b'\xcf' + o.to_bytes(8, 'big')
    if isinstance(o, str):
        b = o.encode()
        return (bytes([0xa0 | len(b)]) if len(b) < 32 else b'\xd9' + bytes([len(b)])) + b
    if isinstance(o, (bytes, bytearray)):
        n = len(o)
        return (b'\xc4' + bytes([n]) if n < 256 else b'\xc5' + n.to_bytes(2, 'big')) + bytes(o)
    if isinstance(o, (list, tuple)):
        return (bytes([0x90 | len(o)]) if len(o) < 16 else b'\xdc' + len(o).to_bytes(2, 'big')) + b''.join(map(pack, o))
    if isinstance(o, dict):
        head = bytes([0x80 | len(o)]) if len(o) < 16 else b'\xde' + len(o).to_bytes(2, 'big')
        return head + b''.join(pack(k) + pack(v) for k, v in o.items())
    raise TypeError(type(o))


def unpack(b):
    def rd(i):
        t = b[i]
        if t < 0x80 or t >= 0xe0:
            return (t if t < 0x80 else t - 0x100), i + 1
        if t & 0xe0 == 0xa0:
            return b[i + 1:i + 1 + (t & 31)].decode('utf-8', 'replace'), i + 1 + (t & 31)
        if t & 0xf0 in (0x80, 0x90):
            return seq(t & 15, i + 1, t & 0xf0 == 0x80)
        if t in (0xc0, 0xc2, 0xc3):
            return {0xc0: None, 0xc2: False, 0xc3: True}[t], i + 1
        if 0xcc <= t <= 0xd3:  # uint8..64, int8..64
            n = 1 << ((t - 0xcc) % 4)
            return int.from_bytes(b[i + 1:i + 1 + n], 'big', signed=t >= 0xd0), i + 1 + n
        if t in (0xca, 0xcb):
            return 0.0, i + (5 if t == 0xca else 9)  # floats never matter here
        for base, kind in ((0xc4, 'bin'), (0xd9, 'str')):  # bin8/16/32, str8/16/32
            if base <= t < base + 3:
                w = 1 << (t - base)
                n = int.from_bytes(b[i + 1:i + 1 + w], 'big')
                s = b[i + 1 + w:i + 1 + w + n]
                return (s if kind == 'bin' else s.decode('utf-8', 'replace')), i + 1 + w + n
        if t in (0xdc, 0xdd, 0xde, 0xdf):
            w = 2 if t in (0xdc, 0xde) else 4
            return seq(int.from_bytes(b[i + 1:i + 1 + w], 'big'), i + 1 + w, t >= 0xde)
        raise ValueError('unsupported msgpack byte %#x' % t)

    def seq(n, i, is_map):
        items = []
        for _ in range(n * (2 if is_map else 1)):
            v, i = rd(i)
            items.append(v)
        return (dict(zip(items[::2], items[1::2])) if is_map else items), i
    return rd(0)[0]


# ---- signed/raw values and a tiny raw-UDP OpenDHT client ---------------------

class Signer:
    """An RSA identity: owner = SPKI DER, key id = SHA-1(owner), RSA PKCS#1 v1.5 + SHA-512 (spec 6.2)."""

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


def rand_id():
    return random.getrandbits(64) | 1


class RawNode:
    """Sends OpenDHT queries from its own UDP socket. It never answers queries,
    never replies, so other nodes will never consider it a good node."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(('127.0.0.1', 0))
        self.id = os.urandom(20)
        self.tid = random.randrange(1, 1 << 31)

    def close(self):
        self.sock.close()

    def query_many(self, reqs, timeout=3.5):
        """reqs: [(addr, q, args)]. Sends all, retransmits unanswered ones every second.
        Returns {index: message} for answered ones (a reply "r" or an error "e")."""
        pending = {}
        for i, (addr, q, a) in enumerate(reqs):
            self.tid = self.tid % 0xfffffff0 + 2
            msg = {'a': dict({'id': self.id}, **a), 'q': q, 't': self.tid, 'y': 'q', 'v': 'RNG1'}
            pending[self.tid] = (i, addr, pack(msg))
        out, deadline, next_send = {}, time.time() + timeout, 0
        while pending and time.time() < deadline:
            if time.time() >= next_send:
                for _, addr, pkt in pending.values():
                    self.sock.sendto(pkt, addr)
                next_send = time.time() + 1.0
            if select.select([self.sock], [], [], 0.05)[0]:
                data, src = self.sock.recvfrom(65536)
                try:
                    m = unpack(data)
                except Exception:
                    continue
                t = m.get('t') if isinstance(m, dict) else None
                if t in pending and ('r' in m or 'e' in m):  # matched by tid, like 2.4.12
                    out[pending.pop(t)[0]] = m
        return out

    def closest(self, key, boots, k=8):
        """Iterative lookup with `get` queries: returns [(addr, node id, token)] of the
        k closest responding nodes to `key` (bootstrap addresses are always queried)."""
        dist = lambda nid: int.from_bytes(bytes(x ^ y for x, y in zip(nid, key)), 'big')
        ids, done, failed = {b: None for b in boots}, {}, set()
        for _ in range(20):
            cand = sorted((a for a in ids if a not in failed), key=lambda a: -1 if ids[a] is None else dist(ids[a]))
            todo = [a for a in cand[:k] if a not in done]
            if not todo:
                break
            replies = self.query_many([(a, 'get', {'h': key}) for a in todo])
            for i, a in enumerate(todo):
                r = replies.get(i, {}).get('r')
                if not r or 'e' in replies[i] or not r.get('token'):
                    failed.add(a)
                    continue
                ids[a], done[a] = r['id'], (r['id'], r['token'])
                n4 = r.get('n4', b'')
                for o in range(0, len(n4) - 25, 26):
                    nid, ip, port = n4[o:o + 20], socket.inet_ntoa(n4[o + 20:o + 24]), int.from_bytes(n4[o + 24:o + 26], 'big')
                    if nid != self.id and (ip, port) not in ids:
                        ids[(ip, port)] = nid
        best = sorted(done, key=lambda a: dist(done[a][0]))[:k]
        return [(a, done[a][0], done[a][1]) for a in best]

    def put(self, key, value, targets):
        """Puts one packed value to [(addr, id, token)]. Returns (acked node ids hex, errors)."""
        replies = self.query_many([(a, 'put', {'h': key, 'values': [Raw(value)], 'token': tok})
                                   for a, _, tok in targets])
        acked = [targets[i][1].hex() for i, m in replies.items() if 'r' in m and 'e' not in m]
        errors = [m['e'] for m in replies.values() if 'e' in m]
        return acked, errors


# ---- DhtRunner helpers ---------------------------------------------------------

class Pending:
    """Counts outstanding async operations (optionally capped at `limit` in flight)."""

    def __init__(self, limit=0):
        self.cv, self.n, self.limit = threading.Condition(), 0, limit

    def start(self, timeout=60):
        with self.cv:
            if not self.cv.wait_for(lambda: not self.limit or self.n < self.limit, timeout):
                raise Fail('too many operations still in flight')
            self.n += 1

    def finish(self):
        with self.cv:
            self.n -= 1
            self.cv.notify_all()

    def wait(self, timeout):
        with self.cv:
            return self.cv.wait_for(lambda: self.n == 0, timeout)


def infohash(name):
    h = dht.InfoHash.get(name)
    return h, h.toString().decode()


def start_peers(boots, n, types=()):
    """Starts n DhtRunners on random loopback ports, each bootstrapping from every address."""
    runners = []
    for _ in range(n):
        r = dht.DhtRunner()
        r.run(port=0, ipv4='127.0.0.1')
        runners.append(r)
        for t in types:
            r.registerType(t)
        for host, port in boots:
            r.bootstrap(host, str(port))
    return runners


def wait_connected(runners, timeout):
    """A runner is connected once its IPv4 routing table holds a node marked [good]."""
    deadline, left = time.time() + timeout, list(runners)
    while left and time.time() < deadline:
        left = [r for r in left if '[good]' not in r.getRoutingTablesLog(socket.AF_INET)]
        time.sleep(0.1)
    if left:
        raise Fail('%d of %d peers not connected after %d s' % (len(left), len(runners), timeout))


def stop_peers(runners, timeout=10):
    """shutdown() every runner, wait for the shutdown callbacks, then join the threads."""
    events = []
    for r in runners:
        ev = threading.Event()
        r.shutdown(ev.set)
        events.append(ev)
    deadline = time.time() + timeout
    if all(ev.wait(max(0, deadline - time.time())) for ev in events):
        for r in runners:
            r.join()
        return True
    return False


def get_values(r, key, timeout):
    """Blocking get with a timeout. Returns (completed, [Value])."""
    vals, done = [], threading.Event()
    r.get(key, lambda v: vals.append(v) or True, lambda ok, nodes: done.set())
    return done.wait(timeout), vals


def matches(v, rec, data):
    """Byte-exact check of a received Value against a record (signed: also the owner).
    Value.owner must only be read on signed values: the 2.4.12 binding segfaults otherwise."""
    if v.id != rec['id'] or v.data != data:
        return False
    if rec['kind'] != 'signed':
        return True
    return ' signed (v' in str(v) and v.owner.toString().decode() == rec['owner']


def parse_addr(s):
    host, _, port = s.rpartition(':')
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError('expected HOST:PORT, got %r' % s)
    return socket.gethostbyname(host.strip('[]')), int(port)


def bootstrap_ids(raw, boots):
    """Node ids (hex) of the bootstrap addresses, learnt with a raw ping."""
    replies = raw.query_many([(b, 'ping', {}) for b in boots])
    ids = {replies[i]['r']['id'].hex(): '%s:%d' % b for i, b in enumerate(boots) if 'r' in replies.get(i, {})}
    if not ids:
        raise Fail('no bootstrap node answered a ping')
    return ids


# ---- subcommands -------------------------------------------------------------

def cmd_swarm(a, raw):
    """N peers each put a 40-byte, a 2000-byte (fragmented) and a signed value; every
    peer then gets every other peer's values. Records are written to --out for `verify`."""
    t0, boot_ids = time.time(), bootstrap_ids(raw, a.bootstrap)
    signers = [Signer() for _ in range(min(3, a.peers))]  # 2048-bit keys, reused round-robin
    runners = start_peers(a.bootstrap, a.peers)
    try:
        wait_connected(runners, a.timeout)
        emit(event='connected', peers=a.peers, seconds=round(time.time() - t0, 2))
        records, datas, puts = [], [], Pending()

        def on_put(rec):
            def done(ok, nodes):
                rec['put_ok'] = bool(ok)
                rec['stored_on_bootstrap'] = any(n.getId().toString().decode() in boot_ids for n in nodes)
                puts.finish()
            return done
        for i, r in enumerate(runners):
            for kind, size in (('small', 40), ('frag', 2000), ('signed', 64)):
                name, data, vid = '%s/%d/%s' % (a.prefix, i, kind), os.urandom(size), rand_id()
                key, key_hex = infohash(name)
                rec = dict(kind=kind, name=name, key=key_hex, id=vid, peer=i, size=size,
                           sha1=hashlib.sha1(data).hexdigest(), hex=data.hex(), put_ok=False)
                records.append(rec)
                datas.append(data)
                if kind == 'signed':  # crafted + sent over raw UDP to the 8 closest nodes
                    s = signers[i % len(signers)]
                    rec['owner'] = s.key_id
                    acked, errors = raw.put(bytes.fromhex(key_hex), s.value(vid, data, 1),
                                            raw.closest(bytes.fromhex(key_hex), a.bootstrap))
                    rec.update(put_ok=bool(acked) and not errors, stored_on_bootstrap=bool(set(acked) & set(boot_ids)))
                    if errors:
                        emit(event='put_error', name=name, errors=errors)
                else:
                    v = dht.Value(data)
                    v.id = vid
                    puts.start()
                    r.put(key, v, on_put(rec))
        if not puts.wait(a.timeout):
            raise Fail('put callbacks still pending after %d s' % a.timeout)
        failed = [r['name'] for r in records if not r['put_ok']]
        t_put = time.time()
        emit(event='puts_done', ok=len(records) - len(failed), failed=failed, seconds=round(t_put - t0, 2))

        # every peer gets every other peer's three values (at most --parallel gets in flight)
        gets, got, missing = Pending(a.parallel), [0], []

        def on_get(rec, data, found):
            def value(v):
                if not found and matches(v, rec, data):
                    found.append(True)
                return True

            def done(ok, nodes):
                if found:
                    got[0] += 1
                else:
                    missing.append(rec['name'])
                gets.finish()
            return value, done
        for i, r in enumerate(runners):
            for rec, data in zip(records, datas):
                if rec['peer'] != i:
                    gets.start(a.timeout)
                    r.get(dht.InfoHash.get(rec['name']), *on_get(rec, data, []))
        if not gets.wait(a.timeout):
            raise Fail('get callbacks still pending after %d s' % a.timeout)
        expected = len(records) * (a.peers - 1)
        for name in sorted(set(missing)):
            emit(missing=name, times=missing.count(name))
        with open(a.out, 'w') as f:
            json.dump({'bootstrap_ids': boot_ids, 'created': time.time(), 'values': records}, f, indent=1)
        result = dict(peers=a.peers, values=len(records), puts_failed=len(failed),
                      stored_on_bootstrap=sum(r['stored_on_bootstrap'] for r in records),
                      gets=dict(expected=expected, got=got[0], missing=len(missing)),
                      seconds=dict(connect_put=round(t_put - t0, 2), gets=round(time.time() - t_put, 2)))
    finally:
        stopped = stop_peers(runners)
    result['seconds']['total'] = round(time.time() - t0, 2)
    result['clean_shutdown'] = stopped
    if failed or missing or not stopped:
        raise Fail(result)
    return result


def cmd_verify(a, raw):
    """A fresh peer gets every key listed in --in and checks the values byte-exact."""
    with open(a.infile) as f:
        records = json.load(f)['values']
    t0, runners = time.time(), start_peers(a.bootstrap, 1)
    try:
        wait_connected(runners, a.timeout)
        ops, found = Pending(a.parallel), {}
        for name in sorted({rec['name'] for rec in records}):
            ops.start(a.timeout)
            found[name] = []
            runners[0].get(dht.InfoHash.get(name), lambda v, l=found[name]: l.append(v) or True,
                           lambda ok, nodes: ops.finish())
        if not ops.wait(a.timeout):
            raise Fail('get callbacks still pending after %d s' % a.timeout)
        got = stored_got = 0
        for rec in records:
            if any(matches(v, rec, bytes.fromhex(rec['hex'])) for v in found[rec['name']]):
                got += 1
                stored_got += rec.get('stored_on_bootstrap', False)
            else:
                emit(missing=rec['name'], id=rec['id'], kind=rec['kind'],
                     stored_on_bootstrap=rec.get('stored_on_bootstrap'))
    finally:
        stopped = stop_peers(runners)
    stored = sum(rec.get('stored_on_bootstrap', False) for rec in records)
    result = dict(listed=len(records), got=got, missing=len(records) - got,
                  stored_on_bootstrap=dict(listed=stored, got=stored_got),
                  age_s=round(time.time() - json.load(open(a.infile)).get('created', 0)),
                  seconds=round(time.time() - t0, 2), clean_shutdown=stopped)
    if (got < len(records) if a.require == 'all' else stored_got < stored):
        raise Fail(result)
    return result


def cmd_listen(a, raw):
    """Peer L listens on --key; a value of the custom type is put after the listen is
    established; measures put->notification and put->expiry notification."""
    vtype = dht.ValueType(a.type_id, 'interop-%d' % a.type_id, timedelta(seconds=a.lifetime_s))
    boot_ids = bootstrap_ids(raw, a.bootstrap)
    key, key_hex = infohash(a.key)
    vid, data, events, cv = rand_id(), os.urandom(32), [], threading.Condition()
    ltype = dht.ValueType(a.type_id, 'interop-%d' % a.type_id, timedelta(seconds=a.listener_lifetime_s or a.lifetime_s))
    runners = start_peers(a.bootstrap, 1, [ltype]) + start_peers(a.bootstrap, a.putter == 'peer', [vtype])
    try:
        wait_connected(runners, a.timeout)

        def on_value(v, expired):
            with cv:
                if v.id == vid:
                    events.append((time.time(), bool(expired), v.data == data))
                    cv.notify_all()
            return True
        runners[0].listen(key, on_value)
        # established = L's search marks a bootstrap node as listened ("[l]")
        deadline = time.time() + a.timeout
        while not any(i in line and '[l]' in line for line in runners[0].getSearchesLog(socket.AF_INET).splitlines()
                      for i in boot_ids):
            if time.time() > deadline:
                raise Fail('listen not established on a bootstrap node after %d s' % a.timeout)
            time.sleep(0.05)
        emit(event='listening', key=key_hex, value_id=vid, putter=a.putter)
        t_put = time.time()
        if a.putter == 'peer':  # P also stores locally and L may be a storer too
            v = dht.Value(data, a.type_id)  # 2nd ctor argument is the value *type*
            v.id = vid
            runners[1].put(key, v)
        else:  # straight to the bootstrap node(s) only: L can only learn it via their `update`
            targets = [t for t in raw.closest(bytes.fromhex(key_hex), a.bootstrap) if t[1].hex() in boot_ids]
            acked, errors = raw.put(bytes.fromhex(key_hex), plain_value(vid, data, a.type_id), targets)
            emit(event='put', acked_by=acked, errors=errors)
        with cv:
            cv.wait_for(lambda: any(not e[1] for e in events), a.timeout)
            cv.wait_for(lambda: any(e[1] for e in events), a.timeout)
        ms = lambda t: round((t - t_put) * 1000)
        notes = [e for e in events if not e[1]]
        expiries = [e for e in events if e[1]]
        result = dict(notified=bool(notes), notify_ms=ms(notes[0][0]) if notes else None,
                      data_ok=bool(notes) and notes[0][2], expired=bool(expiries),
                      expiry_ms=ms(expiries[0][0]) if expiries else None, lifetime_s=a.lifetime_s,
                      events=[dict(ms=ms(t), expired=x) for t, x, _ in events])
    finally:
        result_stop = stop_peers(runners)
    result['clean_shutdown'] = result_stop
    if not (result['notified'] and result['data_ok'] and result['expired']):
        raise Fail(result)
    return result


def cmd_signed_edit(a, raw):
    """Owner A puts a signed value, edits it with a higher seq; owner B and lower/equal-seq
    edits must be refused. Every check reads back through a fresh opendht peer (which
    verifies signatures). Old peers are kept running so no dead node slows the searches."""
    A, B = Signer(), Signer()
    name = a.key or 'signed-edit/%x' % rand_id()
    key, key_hex = infohash(name)
    vid, runners, checks = rand_id(), [], []
    targets = raw.closest(bytes.fromhex(key_hex), a.bootstrap)
    emit(event='targets', key=key_hex, value_id=vid, owner_a=A.key_id, owner_b=B.key_id,
         nodes=['%s:%d' % t[0] for t in targets])
    steps = [('put_A_seq1', A, 1, b'A seq 1', b'A seq 1'),
             ('edit_A_seq2_accepted', A, 2, b'A seq 2', b'A seq 2'),
             ('edit_B_seq3_foreign_owner_refused', B, 3, b'B seq 3', b'A seq 2'),
             ('edit_A_seq1_lower_seq_refused', A, 1, b'A seq 1 again', b'A seq 2'),
             ('edit_A_seq2_same_seq_other_data_refused', A, 2, b'A seq 2 other', b'A seq 2')]
    try:
        for check, signer, seq, data, expect in steps:
            acked, errors = raw.put(bytes.fromhex(key_hex), signer.value(vid, data, seq), targets)
            runners += start_peers(a.bootstrap, 1)  # fresh reader
            wait_connected(runners[-1:], a.timeout)
            completed, vals = get_values(runners[-1], key, a.timeout)
            mine = [v for v in vals if v.id == vid]
            seen = [dict(data=v.data.decode(errors='replace'), desc=str(v)[:60],
                         owner=v.owner.toString().decode() if ' signed (v' in str(v) else None) for v in mine]
            ok = len(mine) == 1 and mine[0].data == expect and seen[0]['owner'] == A.key_id
            checks.append(dict(check=check, ok=ok, acked=len(acked), errors=errors, get_completed=completed,
                               expected=expect.decode(), seen=seen))
            emit(**checks[-1])
    finally:
        stopped = stop_peers(runners)
    result = dict(passed=sum(c['ok'] for c in checks), total=len(steps), clean_shutdown=stopped,
                  note='seq, owner and signature are crafted by peers.py (python3-opendht 2.4.12 exposes '
                       'no putSigned, sign() or seq); the values are sent over raw UDP with `put`.')
    if result['passed'] != len(steps):
        raise Fail(result)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--bootstrap', type=parse_addr, action='append', required=True, metavar='HOST:PORT')
    p.add_argument('--timeout', type=float, default=30, help='per-phase timeout in seconds')
    p.add_argument('--watchdog', type=int, default=120, help='hard deadline in seconds for the whole run')
    sub = p.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('swarm')
    s.add_argument('--peers', type=int, default=20)
    s.add_argument('--prefix', default='swarm-%x' % rand_id())
    s.add_argument('--out', required=True)
    s.add_argument('--parallel', type=int, default=64, help='max gets in flight')
    s = sub.add_parser('verify')
    s.add_argument('--in', dest='infile', required=True)
    s.add_argument('--require', choices=('stored', 'all'), default='stored',
                   help="stored: every value acknowledged by a bootstrap node must come back")
    s.add_argument('--parallel', type=int, default=64)
    s = sub.add_parser('listen')
    s.add_argument('--key', default='listen-%x' % rand_id())
    s.add_argument('--type-id', type=int, default=777)
    s.add_argument('--lifetime-s', type=int, default=4)
    s.add_argument('--listener-lifetime-s', type=int, default=0,
                   help="lifetime L registers (default --lifetime-s); make it longer to require the storer's `exp`")
    s.add_argument('--putter', choices=('raw', 'peer'), default='raw',
                   help='raw: put straight to the bootstrap node(s); peer: put from a second DhtRunner')
    s = sub.add_parser('signed-edit')
    s.add_argument('--key', default=None)
    a = p.parse_args()
    start_watchdog(a.watchdog)
    raw, code = RawNode(), 0
    try:
        emit(result=globals()['cmd_' + a.cmd.replace('-', '_')](a, raw))
    except Fail as e:
        emit(error=e.args[0])
        code = 1
    except Exception as e:
        emit(error='%s: %s' % (type(e).__name__, e))
        code = 2
    finally:
        raw.close()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: DhtRunner destructors must not run twice


if __name__ == '__main__':
    main()
