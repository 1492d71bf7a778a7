#!/usr/bin/env python3
"""The victim service of the container scenarios: a small HTTP application on 127.0.0.1 inside the "container".

Pages, a search over files, a login form, uploads, and a diagnostics endpoint that resolves a host name through a
shell, as such tools often do. That endpoint pastes its parameter into the shell command unchecked: the command
injection every attack except the brute force goes through, so the attacks' calls are made by the victim's own
processes, inside its cgroup, as in a real compromise.

    victim_server.py PORT DATA_DIR
"""
import hashlib
import http.server
import os
import subprocess
import sys
import urllib.parse

PORT = int(sys.argv[1])
DATA = sys.argv[2]
USERS = {"alice": hashlib.sha256(b"correct horse").hexdigest(), "bob": hashlib.sha256(b"battery staple").hexdigest()}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        with open(os.path.join(DATA, "access.log"), "a") as log:
            log.write("%s %s\n" % (self.command, self.path))

    def reply(self, status, body):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/":
            self.reply(200, "<h1>shop</h1>" + "".join('<a href="/page/%d">%d</a>' % (i, i) for i in range(20)))
        elif url.path.startswith("/page/"):
            name = os.path.join(DATA, "pages", os.path.basename(url.path))
            try:
                with open(name, "rb") as page:
                    self.reply(200, page.read())
            except OSError:
                self.reply(404, "no such page")
        elif url.path == "/search":
            term = query.get("q", [""])[0].lower()
            hits = []
            for name in sorted(os.listdir(os.path.join(DATA, "pages"))):
                with open(os.path.join(DATA, "pages", name)) as page:
                    if term in page.read().lower():
                        hits.append(name)
            self.reply(200, " ".join(hits))
        elif url.path == "/diag":
            # Vulnerable on purpose: the parameter reaches the shell unquoted.
            host = query.get("host", ["localhost"])[0]
            result = subprocess.run("getent hosts " + host, shell=True, capture_output=True, timeout=30)
            self.reply(200, result.stdout + result.stderr)
        else:
            self.reply(404, "not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        url = urllib.parse.urlparse(self.path)
        if url.path == "/login":
            form = urllib.parse.parse_qs(body.decode(errors="replace"))
            user, password = form.get("user", [""])[0], form.get("password", [""])[0]
            ok = USERS.get(user) == hashlib.sha256(password.encode()).hexdigest()
            self.reply(200 if ok else 401, "welcome" if ok else "denied")
        elif url.path == "/upload":
            name = os.path.join(DATA, "uploads", hashlib.sha1(body).hexdigest()[:12])
            with open(name, "wb") as upload:
                upload.write(body)
            self.reply(201, "stored")
        else:
            self.reply(404, "not found")


os.makedirs(os.path.join(DATA, "uploads"), exist_ok=True)
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
