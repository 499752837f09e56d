#!/bin/sh
# Torture: `hipcoach ui` under attack on loopback. Hundreds of connections that trickle a header
# now and then while a signed-in client keeps asking; a chunked upload that never ends; and who
# may come in: the file the browser is opened with is the owner's alone, the API refuses a client
# without a session, a used link no longer works, Enter and ui --new-link print new ones. About 20
# seconds. Exit 77 to skip.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin="$top/hipcoach"
[ -x "$bin" ] || { echo "skip: build hipcoach first (make)"; exit 77; }
command -v python3 > /dev/null || { echo "skip: python3 is not installed"; exit 77; }

work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -INT "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
export HIPCOACH_DB="$work/hipcoach.db" HOME="$work/home" TZ=UTC no_proxy='*' NO_PROXY='*'
unset XDG_DATA_HOME XDG_RUNTIME_DIR HIPCOACH_PROGRAM HIPCOACH_TIME_SCALE
mkdir -p "$HOME" "$work/bin"
fails=0
check() { # check DESCRIPTION COMMAND...: runs it, prints ok or FAIL
	what=$1
	shift
	if "$@"; then
		echo "ok   $what"
	else
		echo "FAIL $what"
		fails=$((fails + 1))
	fi
}

"$bin" setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri \
	--run-days mon,wed,sat --long-run sat > /dev/null 2>&1
# The "browser": records the file it is given, its mode and its directory's.
cat > "$work/bin/xdg-open" << 'SH'
#!/bin/sh
{ echo "$1"; stat -c %a "$1"; stat -c %a "$(dirname "$1")"; cat "$1"; } > "$OPENED.tmp" && mv "$OPENED.tmp" "$OPENED"
SH
chmod +x "$work/bin/xdg-open"
OPENED="$work/opened" PATH="$work/bin:$PATH" "$bin" ui --port 0 < /dev/null > "$work/out" 2>&1 &
pid=$!
i=0
while ! grep -q 'Ctrl-C' "$work/out" 2> /dev/null || [ ! -s "$work/opened" ]; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "FAIL the server did not start"; cat "$work/out"; exit 1; }
	sleep 0.05
done
link=$(sed -n 's/^hipcoach is serving \(http[^ ]*\)$/\1/p' "$work/out")
echo "server: ${link%%\?*} (pid $pid)"

# Who may come in.
page=$(sed -n 1p "$work/opened")
check "the browser is given a file, not the link: $page" test "${page#"$HOME"/}" != "$page"
check "that file is readable by its owner only (0600)" test "$(sed -n 2p "$work/opened")" = 600
check "its directory too (0700)" test "$(sed -n 3p "$work/opened")" = 700
check "it sends the browser on with a token of its own" \
	sh -c "grep -q 'http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:[0-9]*/?token=[0-9a-f]\{32\}\"' '$work/opened' && ! grep -q '${link#*token=}' '$work/opened'"
info=$(ls "$HOME"/.local/share/hipcoach/run/ui-*.json)
check "the key for new links is the owner's only (0600)" test "$(stat -c %a "$info")" = 600
printf '%s\n' "${link#*token=}" > "$work/token"
check "no token on any command line" sh -c "! grep -l -F -f '$work/token' /proc/[0-9]*/cmdline 2> /dev/null | grep -q ."

python3 - "$link" "$bin" << 'PY' || fails=$((fails + 1))
import http.client, os, selectors, socket, subprocess, sys, time
link, binary = sys.argv[1], sys.argv[2]
hostport = link.split('/')[2]
host, port = hostport.split(':')
port = int(port)
path_link = '/' + link.split('/', 3)[3]
fails = 0

def check(what, ok):
    global fails
    print(('ok   ' if ok else 'FAIL ') + what, flush=True)
    fails += 0 if ok else 1

def get(path, cookie=None, method='GET'):
    c = http.client.HTTPConnection(host, port, timeout=10)
    h = {'Cookie': cookie} if cookie else {}
    c.request(method, path, headers=h)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, dict(r.getheaders()), body

st, h, _ = get('/api/export/json')
check('without a session the API refuses to read the record: %d' % st, st == 401)
st, h, _ = get('/api/pain', method='POST')
check('nor write to it: %d' % st, st == 401)
st, h, _ = get(path_link)
cookie = h.get('Set-Cookie', '').split(';')[0]
check('the printed link lets one client in: %d, a cookie' % st, st == 303 and cookie.startswith('hipcoach_'))
st, _, _ = get(path_link)
check('the same link a second time is refused: %d' % st, st == 401)
st, _, body = get('/api/export/json', cookie)
check('the session reads the record: %d' % st, st == 200 and b'hipcoach-backup' in body)
out = subprocess.run([binary, 'ui', '--new-link'], capture_output=True, text=True).stdout
new = out.strip().splitlines()[-1] if out.strip() else ''
st1 = get('/' + new.split('/', 3)[3])[0] if '?token=' in new else 0
st2 = get('/' + new.split('/', 3)[3])[0] if '?token=' in new else 0
check('ui --new-link prints a link that works once: %d, then %d' % (st1, st2), st1 == 303 and st2 == 401)

# Slowloris: 600 connections, each sends a request line and then one header every 5 s, reopened
# when the server closes it. Meanwhile a signed-in client asks every 50 ms.
N, SECONDS = 600, 16
sel = selectors.DefaultSelector()
opened = closed = 0

def open_one():
    global opened
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect((host, port))
    except BlockingIOError:
        pass
    except OSError:
        s.close()
        return
    sel.register(s, selectors.EVENT_READ, {'sent': False, 'next': time.time()})
    opened += 1

for _ in range(N):
    open_one()
lat, errors = [], 0
start = time.time()
next_ask = start
client = None
while time.time() - start < SECONDS:
    now = time.time()
    for key, _ in sel.select(timeout=0.01):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            data = b''
        if True:  # an answer (a refusal) or the end: the server let it go; open another
            sel.unregister(s)
            s.close()
            closed += 1
            open_one()
    for key in list(sel.get_map().values()):
        d = key.data
        if now >= d['next']:
            try:
                key.fileobj.send(b'GET / HTTP/1.1\r\nHost: %s\r\n' % hostport.encode() if not d['sent'] else b'X-Trickle: 1\r\n')
                d['sent'] = True
            except (BlockingIOError, OSError):
                pass
            d['next'] = now + 5
    if now >= next_ask:
        next_ask = now + 0.05
        t0 = time.time()
        try:
            if client is None:
                client = http.client.HTTPConnection(host, port, timeout=5)
            client.request('GET', '/api/today', headers={'Cookie': cookie})
            r = client.getresponse()
            r.read()
            if r.status != 200:
                errors += 1
        except Exception:
            errors += 1
            client = None
        lat.append(time.time() - t0)
lat.sort()
print('     %d trickling connections opened, %d closed by the server; %d requests of the '
      'signed-in client, slowest %.0f ms, 99th percentile %.1f ms' %
      (opened, closed, len(lat), 1000 * lat[-1], 1000 * lat[int(len(lat) * 0.99)]), flush=True)
check('the signed-in client was answered every time (%d failures)' % errors, errors == 0 and len(lat) >= 20)
check('and never waited 2 s or more for an answer', lat[-1] < 2)
check('the server closed the trickling connections to make room and at their deadline', closed >= N // 2)

# A chunked body that never ends: 413 after the limit, not after everything.
s = socket.create_connection((host, port))
s.sendall(('POST /api/import?name=big.gpx HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\n'
           'Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n' % (hostport, cookie)).encode())
chunk = b'10000\r\n' + b' ' * 0x10000 + b'\r\n'
sent, answer, pending = 0, b'', b''
s.setblocking(False)
t0 = time.time()
while sent < 256 * 1024 * 1024 and time.time() - t0 < 20:
    try:
        answer += s.recv(4096)
        if answer:
            break
    except BlockingIOError:
        pass
    except OSError:
        break
    try:
        pending = pending or chunk
        n = s.send(pending)
        pending = pending[n:]
        sent += n
    except BlockingIOError:
        time.sleep(0.001)
    except OSError:
        break
s.setblocking(True)
s.settimeout(2)
try:
    while b'\r\n\r\n' not in answer:
        more = s.recv(4096)
        if not more:
            break
        answer += more
except OSError:
    pass
s.close()
status = answer.split(b' ', 2)[1].decode() if answer.startswith(b'HTTP/1.1 ') else 'none'
print('     %d MiB sent before the answer' % (sent >> 20), flush=True)
check('an endless chunked upload gets 413 (%s) after little more than the 10 MiB limit' % status,
      status == '413' and sent < 64 * 1024 * 1024)
st, _, _ = get('/api/today', cookie)
check('and the server still answers: %d' % st, st == 200)
sys.exit(1 if fails else 0)
PY

kill -INT "$pid" 2> /dev/null
wait "$pid"
rc=$?
pid=
check "Ctrl-C stops the server cleanly ($rc)" test "$rc" = 0
check "its files are gone" test ! -e "$info" -a ! -e "$page"

# In a terminal, Enter prints a new link.
python3 - "$bin" << 'PY' || fails=$((fails + 1))
import os, pty, re, select, signal, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], 'ui', '--no-open', '--port', '0'])
def read(seconds, until):
    out, end = b'', time.time() + seconds
    while time.time() < end and until not in out:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out.decode()
first = read(10, b'Ctrl-C')
os.write(fd, b'\n')
second = read(5, b'minutes:\r\nhttp')
second += read(1, b'\n\n')
os.kill(pid, signal.SIGINT)
read(5, b'stopped')
os.waitpid(pid, 0)
links = re.findall(r'token=([0-9a-f]{32})', first + second)
ok = 'Press Enter here' in first and len(set(links)) == 2
print(('ok   ' if ok else 'FAIL ') + 'in a terminal, Enter prints a new link (%d links seen)' % len(set(links)))
sys.exit(0 if ok else 1)
PY
[ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
