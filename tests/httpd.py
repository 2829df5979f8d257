#!/usr/bin/env python3
"""A local HTTP server for the fetch tests: fixed, misbehaving paths.

Binds 127.0.0.1 on a port the OS chooses, writes the port to --port-file
(through a rename, so a reader never sees half a number) and serves until
killed, or until the process that started it goes away. Python 3 standard
library only. Every path and its behaviour is listed in PATHS below; the C
tests (tests/httpd.h, tests/test_fetch.c) rely on them byte for byte.
"""

import argparse
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import sys
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "data", "feeds")

RSS = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
       b'<rss version="2.0"><channel><title>Centre social</title>\n'
       b'<item><title>Permanence CAF</title></item>\n'
       b'</channel></rss>\n')
OK_ETAG = '"v1"'
OK_LAST_MODIFIED = "Mon, 01 Jan 2024 10:00:00 GMT"
HTML_ERROR = (b"<!DOCTYPE html>\n<html><head><title>Erreur</title></head>"
              b"<body><h1>Service indisponible</h1></body></html>\n")
LATIN1 = ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Caf\u00e9 '
          '\u00e9t\u00e9</title></channel></rss>\n').encode("iso-8859-1")
HUGE_BYTES = 100 * 1024 * 1024
CHUNK = b"x" * 65536

STATS = {}
LAST_HEADERS = {}
LOCK = threading.Lock()


def count(key, headers):
    with LOCK:
        STATS[key] = STATS.get(key, 0) + 1
        LAST_HEADERS[key] = {k.lower(): v for k, v in headers.items()}


def gzip_bomb():
    """16 MiB of zeros, gzip-compressed into a few KiB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [comp.compress(b"\0" * (1024 * 1024)) for _ in range(16)]
    parts.append(comp.flush())
    return b"".join(parts)


GZIP_BOMB = gzip_bomb()
GZIP_RSS = gzip.compress(RSS)


class Handler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.0: one request a connection, and a body without a length ends
    # when the connection closes.
    protocol_version = "HTTP/1.0"
    server_version = "hallscreen-test"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def reply(self, code, body=b"", ctype="text/plain", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream(self, total, declared):
        """Sends up to total bytes, fast, until the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if declared:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        sent = 0
        try:
            while sent < total:
                self.wfile.write(CHUNK)
                sent += len(CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def drip(self, length, piece, interval):
        """Declares length bytes, then sends piece every interval seconds."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.flush()
        sent = 0
        try:
            while sent < length:
                self.wfile.write(piece)
                self.wfile.flush()
                sent += len(piece)
                time.sleep(interval)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        key = path.lstrip("/")
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")

        if path == "/stats":
            with LOCK:
                body = json.dumps({"counts": STATS, "headers": LAST_HEADERS},
                                  sort_keys=True).encode()
            self.reply(200, body, "application/json")
            return
        if path == "/ok.xml":
            if inm == OK_ETAG:
                count("ok.xml#304", self.headers)
                self.reply(304, headers=[("ETag", OK_ETAG)])
                return
            count(key, self.headers)
            self.reply(200, RSS, "application/rss+xml",
                       [("ETag", OK_ETAG), ("Last-Modified", OK_LAST_MODIFIED)])
            return
        count(key, self.headers)
        if path == "/lm-only.xml":
            # Only Last-Modified: If-Modified-Since is the validator.
            if ims == OK_LAST_MODIFIED:
                self.reply(304)
            else:
                self.reply(200, RSS, "application/rss+xml",
                           [("Last-Modified", OK_LAST_MODIFIED)])
        elif path == "/new-etag.xml":
            # A 304 that updates the validator.
            if inm == '"old"':
                self.reply(304, headers=[("ETag", '"new"')])
            else:
                self.reply(200, RSS, "application/rss+xml", [("ETag", '"new"')])
        elif path == "/long-etag.xml":
            self.reply(200, RSS, "application/rss+xml", [("ETag", '"' + "e" * 300 + '"')])
        elif path == "/notfound":
            self.reply(404, HTML_ERROR, "text/html")
        elif path == "/forbidden":
            self.reply(403, HTML_ERROR, "text/html")
        elif path == "/error":
            self.reply(500, HTML_ERROR, "text/html")
        elif path == "/error-huge":
            # An error page declaring a body over any cap.
            self.send_response(503)
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
        elif path == "/error-slow":
            # An error page that would take 1000 s to arrive.
            self.send_response(500)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(1024 * 1024))
            self.end_headers()
            try:
                for _ in range(10000):
                    self.wfile.write(b"e" * 100)
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)
        elif path == "/close-mid-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "10000")
            self.end_headers()
            self.wfile.write(b"y" * 100)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/huge":
            self.stream(HUGE_BYTES, declared=False)
        elif path == "/huge-declared":
            self.stream(HUGE_BYTES, declared=True)
        elif path == "/gzip-bomb":
            self.reply(200, GZIP_BOMB, "application/rss+xml", [("Content-Encoding", "gzip")])
        elif path == "/gzip-ok":
            self.reply(200, GZIP_RSS, "application/rss+xml", [("Content-Encoding", "gzip")])
        elif path == "/redirect-loop":
            self.redirect("/redirect-loop")
        elif path == "/redirect-file":
            self.redirect("file:///etc/passwd")
        elif path == "/redirect-ftp":
            self.redirect("ftp://127.0.0.1/x")
        elif path == "/redirect-ok":
            self.redirect("/ok.xml")
        elif path == "/redirect-plain":
            # The redirect has validators, the page it leads to has none.
            self.send_response(302)
            self.send_header("Location", "/empty")
            self.send_header("ETag", '"redirect"')
            self.send_header("Last-Modified", OK_LAST_MODIFIED)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(HTML_ERROR)))
            self.end_headers()
            self.wfile.write(HTML_ERROR)
        elif path == "/html-200":
            self.reply(200, HTML_ERROR, "text/html")
        elif path == "/wrong-type":
            self.reply(200, RSS, "image/png")
        elif path == "/latin1":
            self.reply(200, LATIN1, "text/xml; charset=utf-8")
        elif path == "/empty":
            self.reply(200, b"", "application/rss+xml")
        elif path == "/slow-drip":
            # 1 byte a second: under any low-speed limit.
            self.drip(100, b"z", 1.0)
        elif path == "/slow-body":
            # 1000 bytes a second, never done in a short total timeout.
            self.drip(1024 * 1024, b"w" * 100, 0.1)
        elif path.startswith("/file/"):
            self.serve_fixture(path[len("/file/"):], inm)
        elif path.startswith("/count/"):
            self.reply(200, b"ok\n")
        else:
            self.reply(404, b"no such test path\n")

    def serve_fixture(self, name, inm):
        parts = name.split("/")
        if not name or any(p in ("", ".", "..") for p in parts):
            self.reply(403, b"refused\n")
            return
        full = os.path.join(FIXTURES, *parts)
        if not os.path.isfile(full):
            self.reply(404, b"no such fixture\n")
            return
        with open(full, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if inm == etag:
            self.reply(304, headers=[("ETag", etag)])
            return
        ctype = mimetypes.guess_type(full)[0] or "application/octet-stream"
        if full.endswith(".ics"):
            ctype = "text/calendar"
        self.reply(200, body, ctype, [("ETag", etag)])


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that hangs up mid-body is what these tests do: stay quiet.
        pass


def watch_parent(ppid):
    """Exits when the process that started the server is gone."""
    while True:
        if os.getppid() != ppid:
            os._exit(0)
        time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, args.port_file)
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
