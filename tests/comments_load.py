"""The comment receiver under load and faults, on loopback, bounded in
count and time. Each check is what a site owner relies on:

- 200 comments posted at once, 50 of them sent twice at the same moment
  (a browser's retry): exactly 200 stored;
- the receiver killed (SIGKILL) in the middle of a burst and started
  again: every comment it acknowledged is there, none is partial, and
  sending the rest again (as the browser's outbox does) stores each once;
- its comment folder unwritable: 503 with Retry-After, nothing lost once
  it is writable again;
- a 10 MB body, a body dripped slower than the time limit, broken
  percent-encoding and invalid UTF-8: clean 4xx answers, with memory flat.

Usage: comments_load.py RECEIVER_BINARY [--report FILE] (FILE gets the
numbers as Markdown: comments per second, latency, peak memory)."""
import concurrent.futures
import http.client
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

BINARY = ""
REPORT = None
NUMBERS = {}
ARTICLES = ["naps", "night-owls", "tea"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def form(i, key=None, message=None):
    fields = {
        "fields[name]": f"Reader {i}",
        "fields[email]": f"reader{i}@example.org",
        "fields[url]": "",
        "fields[message]": message or f"Comment number {i}, with some words.",
        "fields[replying_to]": "",
        "options[slug]": ARTICLES[i % len(ARTICLES)],
        "options[key]": key or f"load-{i}",
    }
    return urllib.parse.urlencode(fields).encode()


def rss_kib(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def hwm_kib(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class Receiver:
    """A receiver on a scratch site, with the limits off unless told."""

    def __init__(self, root, config=""):
        self.root = root
        self.port = free_port()
        (root / "comments.toml").write_text(
            "flood_seconds = 0\nposts_per_hour = 100000\nrequest_seconds = 2\n" + config)
        self.start()

    def start(self):
        self.log = open(self.root / "receiver.log", "a")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--root", str(self.root), "--listen", f"127.0.0.1:{self.port}",
             "--config", str(self.root / "comments.toml")],
            stdout=self.log, stderr=self.log)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the receiver did not start: " + (self.root / "receiver.log").read_text())

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        self.process.wait(10)
        self.log.close()

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def get(self, path):
        c = self.connection()
        c.request("GET", path)
        r = c.getresponse()
        answer = r.status, r.read()
        c.close()
        return answer

    def post(self, body, headers=None):
        c = self.connection()
        c.request("POST", "/api/comments", body,
                  {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
        try:
            r = c.getresponse()
            return r.status, dict(r.getheaders()), r.read().decode()
        finally:
            c.close()

    def stored(self):
        files = list((self.root / "comments-pending").glob("*/*.yml"))
        return files


def site():
    root = pathlib.Path(tempfile.mkdtemp(prefix="wellpress-load-"))
    (root / "content" / "articles").mkdir(parents=True)
    for slug in ARTICLES:
        (root / "content" / "articles" / f"{slug}.md").write_text("---\ntitle: x\n---\n")
    return root


class Load(unittest.TestCase):
    def setUp(self):
        self.root = site()
        self.receiver = Receiver(self.root)

    def tearDown(self):
        if self.receiver.process.poll() is None:
            self.receiver.stop()
        pending = self.root / "comments-pending"
        if pending.exists():
            subprocess.run(["chattr", "-R", "-i", str(pending)], stderr=subprocess.DEVNULL)
            pending.chmod(0o755)
        shutil.rmtree(self.root)

    def test_200_at_once_with_50_retried_duplicates_store_exactly_200(self):
        bodies = [form(i) for i in range(200)] + [form(i) for i in range(0, 200, 4)]
        start = threading.Barrier(len(bodies))
        latencies = []

        def send(body):
            start.wait()
            began = time.perf_counter()
            status, _, answer = self.receiver.post(body)
            latencies.append(time.perf_counter() - began)
            return status, answer

        began = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
            answers = list(pool.map(send, bodies))
        seconds = time.perf_counter() - began
        self.assertEqual([s for s, _ in answers], [200] * len(bodies), answers[:3])
        self.assertEqual(len(self.receiver.stored()), 200)
        self.assertEqual(sum('"duplicate":true' in a for _, a in answers), 50)
        latencies.sort()
        NUMBERS["burst"] = {
            "requests": len(bodies), "seconds": seconds,
            "per_second": len(bodies) / seconds,
            "median_ms": statistics.median(latencies) * 1000,
            "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
            "peak_mib": hwm_kib(self.receiver.process.pid) / 1024,
        }

    def test_killed_mid_burst_keeps_every_acknowledged_comment_whole(self):
        acknowledged = set()
        lock = threading.Lock()

        def send(i):
            try:
                status, _, _ = self.receiver.post(form(i))
            except OSError:
                return
            if status == 200:
                with lock:
                    acknowledged.add(f"load-{i}")

        with concurrent.futures.ThreadPoolExecutor(50) as pool:
            futures = [pool.submit(send, i) for i in range(300)]
            time.sleep(0.15)
            self.receiver.process.send_signal(signal.SIGKILL)
            concurrent.futures.wait(futures)
        self.receiver.process.wait(10)
        self.receiver.log.close()
        self.assertTrue(0 < len(acknowledged) < 300, f"killed mid-burst: {len(acknowledged)} acknowledged")

        self.receiver.start()
        import hashlib
        keys = {}
        for path in self.receiver.stored():
            text = path.read_text()
            self.assertTrue(text.endswith("\n") and "message: " in text and "_key: " in text, f"partial: {path}")
            key_hash = text.split("_key: ")[1].split()[0].strip("'\"")
            keys[key_hash] = keys.get(key_hash, 0) + 1
        for key in acknowledged:
            self.assertEqual(keys.get(hashlib.md5(key.encode()).hexdigest()), 1, key)
        # The outbox sends everything not acknowledged again, and a time-out
        # may hide an acknowledgement: everything again, then.
        for i in range(300):
            status, _, _ = self.receiver.post(form(i))
            self.assertEqual(status, 200)
        self.assertEqual(len(self.receiver.stored()), 300)
        self.assertEqual(list(self.root.glob("comments-pending/*/.*.tmp")), [], "no temporary files left")
        NUMBERS["crash"] = {"acknowledged": len(acknowledged)}

    def test_an_unwritable_folder_answers_503_and_loses_nothing(self):
        pending = self.root / "comments-pending"
        for slug in ARTICLES:
            (pending / slug).mkdir(parents=True)
        if os.geteuid() == 0:
            for slug in ARTICLES:
                subprocess.run(["chattr", "+i", str(pending / slug)], check=True)
        else:
            for slug in ARTICLES:
                (pending / slug).chmod(0o555)
        status, headers, answer = self.receiver.post(form(1))
        self.assertEqual(status, 503, answer)
        self.assertEqual({k.lower(): v for k, v in headers.items()}.get("retry-after"), "60")
        self.assertIn("kept and sent again", answer)
        for slug in ARTICLES:
            subprocess.run(["chattr", "-i", str(pending / slug)], stderr=subprocess.DEVNULL)
            (pending / slug).chmod(0o755)
        status, _, _ = self.receiver.post(form(1))
        self.assertEqual(status, 200)
        self.assertEqual(len(self.receiver.stored()), 1)

    def test_abusive_requests_get_clean_4xx_and_memory_stays_flat(self):
        for i in range(20):
            self.receiver.post(form(i))
        before = rss_kib(self.receiver.process.pid)

        def raw(data, read_timeout=10):
            s = socket.create_connection(("127.0.0.1", self.receiver.port), timeout=read_timeout)
            s.sendall(data)
            answer = s.recv(65536).decode("latin-1")
            s.close()
            return answer

        def huge():
            # The receiver answers once the body passes its limit and closes
            # the connection: the rest of the 10 MB cannot be sent.
            s = socket.create_connection(("127.0.0.1", self.receiver.port), timeout=10)
            size = 10 * 1024 * 1024
            s.sendall(b"POST /api/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      + f"Content-Length: {size}\r\n\r\n".encode())
            try:
                for _ in range(size // 65536):
                    s.sendall(b"a" * 65536)
            except OSError:
                pass
            answer = s.recv(65536)
            s.close()
            return answer

        for _ in range(10):
            self.assertIn(b" 413 ", huge())
            status, _, answer = self.receiver.post(b"fields%5Bname%5D=%E9%FF&options%5Bslug%5D=naps")
            self.assertEqual(status, 400, answer)
            status, _, answer = self.receiver.post(form(1) + b"&fields%5Bmessage%5D=%ZZ%")
            self.assertEqual(status, 400, answer)
            status, _, answer = self.receiver.post(b"\xff\xfe\x00garbage")
            self.assertEqual(status, 400, answer)
        # A body dripped slower than the time limit (2 s here).
        s = socket.create_connection(("127.0.0.1", self.receiver.port), timeout=10)
        s.sendall(b"POST /api/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 1000\r\n\r\nfields")
        began = time.time()
        answer = b""
        try:
            while time.time() - began < 8:
                s.sendall(b"a")
                time.sleep(0.5)
                s.setblocking(False)
                try:
                    answer += s.recv(65536)
                except BlockingIOError:
                    pass
                s.setblocking(True)
                if answer:
                    break
        except OSError:
            pass
        s.close()
        self.assertIn(b" 408 ", answer)
        self.assertLess(time.time() - began, 6)
        after = rss_kib(self.receiver.process.pid)
        self.assertLess(after - before, 30 * 1024, f"memory grew from {before} to {after} KiB")
        NUMBERS["abuse"] = {"before_mib": before / 1024, "after_mib": after / 1024,
                            "peak_mib": hwm_kib(self.receiver.process.pid) / 1024}


def report(path):
    b, a = NUMBERS.get("burst"), NUMBERS.get("abuse")
    if not b or not a:
        return
    pathlib.Path(path).write_text(f"""# The comment receiver under load

Measured by `tests/comments_load.py` (run by `scripts/test`; `scripts/bench`
writes this file), on loopback, on this machine's two shared cores, with
`wellpress-comments` built with `--profile tools` and every write synced to disk.

| measure | value |
| --- | --- |
| a burst of {b['requests']} posts at once (200 comments, 50 of them sent twice) | {b['seconds']:.2f} s, {b['per_second']:.0f} posts per second |
| latency in that burst | median {b['median_ms']:.0f} ms, 99th percentile {b['p99_ms']:.0f} ms |
| stored | exactly 200 |
| peak memory in the burst | {b['peak_mib']:.1f} MiB |
| killed (SIGKILL) mid-burst, then every comment sent again | {NUMBERS.get('crash', {}).get('acknowledged', '?')} acknowledged before the kill, all there and whole; 300 after, each once |
| 40 abusive requests (10 MB bodies, broken encoding, invalid UTF-8) and a dripped body | memory {a['before_mib']:.1f} MiB before, {a['after_mib']:.1f} MiB after; peak {a['peak_mib']:.1f} MiB |
""")


if __name__ == "__main__":
    args = sys.argv[1:]
    BINARY = args.pop(0)
    if "--report" in args:
        REPORT = args[args.index("--report") + 1]
        del args[args.index("--report"):args.index("--report") + 2]
    result = unittest.main(argv=[sys.argv[0], "-v", *args], exit=False).result
    if REPORT:
        report(REPORT)
    sys.exit(0 if result.wasSuccessful() else 1)
