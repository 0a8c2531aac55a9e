#!/usr/bin/env bash
# Whole-process side-by-sides of issue 13: chitalka against `less` and `rg`,
# in a real terminal (tmux, 100×30), each row run N times with the two
# commands alternating, and a line per row:
#
#   row | chitalka median | yardstick median | median of the pairwise ratios | peak memory
#
#   scripts/side-by-side.sh [-b BINARY] [-n N] [ROW...]
#
#   -b BINARY   the chitalka to measure (default target/release/chitalka)
#   -n N        runs per row, alternating (default 10)
#   ROW...      rows to run (default: all), by name or by a prefix of names
#               ("first" runs first-wp, first-wp10 and first-wp40):
#   first-wp first-wp10 first-wp40     open the file until a line of its first
#                                      screen shows, vs `less FILE`
#   resume-wp resume-wp10 resume-wp40  reopen at a saved position at 90% until
#                                      its text shows, vs `less +90p FILE`
#   find-wp find-wp10                  from idle with the file open, `/андрей`
#                                      until the count of hits shows, vs less
#                                      `/андрей` Enter until the hit's line shows
#   mem-wp mem-wp40                    peak memory with the file open, idle and
#                                      after `/андрей`, vs less
#   lib-2000 lib-10000                 `chitalka --library DIR`, a new library
#                                      (fresh data and cache dirs each run),
#                                      until the list is complete (no yardstick)
#   cli-find-corpus cli-find-lib10000  warm `chitalka find андрей --limit 20`
#                                      vs `rg -i -c андрей DIR` (plain processes)
#
# Times are from the command's start (tmux respawn-pane) until the screen
# shows the expected text, polled every 5 ms with `tmux capture-pane -p`; the
# expected text of each command is taken from an untimed warm-up run of it
# (the last line of text of the screen it settles on), and must not be on the
# screen before the timed step. Peak memory is `/usr/bin/time -f %M` around
# the command inside tmux, written to a file.
#
# Every chitalka run has its HOME and CHITALKA_{DATA,CACHE,CONFIG}_DIR in a
# temp folder (removed at the end); less runs with HOME there too and without
# LESSOPEN/LESS. Nothing is written outside it (but the inputs below, made
# only when missing).
#
# Inputs (env): SBS_CORPUS (default ../shared/corpus next to the repo),
# SBS_BIG (folder with wp10.txt and wp40.txt, default /tmp/big; made from War
# and Peace if missing), SBS_LIB2000 / SBS_LIB10000 (default /tmp/lib-2000,
# /tmp/lib-10000; made by scripts/make-library.py if missing).
# Needs bash, tmux, less, rg, python3, /usr/bin/time.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
BIN=$REPO/target/release/chitalka
N=10
while getopts "b:n:h" opt; do
    case $opt in
        b) BIN=$OPTARG ;;
        n) N=$OPTARG ;;
        *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
BIN=$(realpath "$BIN")
ALL_ROWS=(first-wp first-wp10 first-wp40 resume-wp resume-wp10 resume-wp40
    find-wp find-wp10 mem-wp mem-wp40 lib-2000 lib-10000
    cli-find-corpus cli-find-lib10000)
ROWS=()
for want in "${@:-}"; do
    if [[ " ${ALL_ROWS[*]} " == *" $want "* ]]; then
        ROWS+=("$want")
        continue
    fi
    for r in "${ALL_ROWS[@]}"; do
        if [[ -z $want || $r == "$want"* ]]; then ROWS+=("$r"); fi
    done
done
[[ ${#ROWS[@]} -gt 0 ]] || { echo "side-by-side: no such row: $*" >&2; exit 2; }

CORPUS=$(realpath -m "${SBS_CORPUS:-$REPO/../shared/corpus}")
WP=$CORPUS/txt/tolstoy_voyna_i_mir.txt
BIG=${SBS_BIG:-/tmp/big}
LIB2000=${SBS_LIB2000:-/tmp/lib-2000}
LIB10000=${SBS_LIB10000:-/tmp/lib-10000}
WORD=андрей
for tool in tmux less rg python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "side-by-side: needs $tool" >&2; exit 1; }
done
[[ -x $BIN ]] || { echo "side-by-side: no binary $BIN" >&2; exit 1; }
[[ -f $WP ]] || { echo "side-by-side: no $WP (set SBS_CORPUS)" >&2; exit 1; }

ROOT=$(mktemp -d /tmp/chitalka-sbs.XXXXXX)
SOCK=sbs-$$
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    rm -rf "$ROOT"
}
trap cleanup EXIT
ORIG=$BIN
cp "$BIN" "$ROOT/chitalka"
BIN=$ROOT/chitalka

# The timing helper: every measurement is a call of it.
cat >"$ROOT/sbs.py" <<'PY'
import os, re, statistics, subprocess, sys, time

SOCK = os.environ["SBS_SOCK"]
POLL = 0.005


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCK, *args], check=check,
                          capture_output=True, text=True).stdout


def pane():
    return tmux("capture-pane", "-p", "-t", "s")


def wait_for(pattern, t0, timeout):
    """Poll until the pane matches; the seconds since t0 (None on timeout or
    if the command ended without showing it)."""
    rx = re.compile(pattern, re.M)
    polls = 0
    while True:
        tick = time.monotonic()
        if rx.search(pane()):
            return time.monotonic() - t0
        polls += 1
        if tick - t0 > timeout or (polls % 10 == 0 and dead() and not rx.search(pane())):
            return None
        time.sleep(max(0.0, POLL - (time.monotonic() - tick)))


def settle(quiet=0.4, timeout=120.0):
    """Wait until the pane shows something and has not changed for `quiet`
    seconds; its text."""
    start = last_change = time.monotonic()
    text = pane()
    while not text.strip() or time.monotonic() - last_change < quiet:
        if time.monotonic() - start > timeout:
            break
        time.sleep(0.02)
        now = pane()
        if now != text:
            text, last_change = now, time.monotonic()
    return text


def send(keys):
    """Type the keys (a final newline is Enter), in one call of tmux."""
    args = ["send-keys", "-t", "s", "-l", keys.rstrip("\n")]
    if keys.endswith("\n"):
        args += [";", "send-keys", "-t", "s", "Enter"]
    tmux(*args)


def dead():
    return tmux("display", "-p", "-t", "s", "#{pane_dead}").strip() == "1"


def quit_pane(keys):
    """Send the keys that quit, wait for the process to end (kill it after 10 s)."""
    for k in keys:
        tmux("send-keys", "-t", "s", k)
        time.sleep(0.05)
    end = time.monotonic() + 10
    while not dead():
        if time.monotonic() > end:
            tmux("respawn-pane", "-k", "-t", "s", "true")
            time.sleep(0.2)
            break
        time.sleep(0.01)


def text_line(screen, which):
    """A line of text of a screen (the status row excluded): the last one, or
    the longest of the middle third ("middle")."""
    rows = screen.rstrip("\n").split("\n")[:-1]
    rows = [r.strip() for r in rows]
    if which == "middle":
        third = len(rows) // 3
        mid = [r for r in rows[third:2 * third] if len(r) > 20]
        return max(mid, key=len) if mid else ""
    full = [r for r in rows if len(r) > 10]
    return full[-1] if full else ""


def main():
    cmd, *args = sys.argv[1:]
    if cmd == "open":
        # open COMMAND PATTERN TIMEOUT QUIT_KEYS: seconds to the pattern.
        command, pattern, timeout, quit_keys = args
        t0 = time.monotonic()
        tmux("respawn-pane", "-k", "-t", "s", command)
        took = wait_for(pattern, t0, float(timeout))
        quit_pane(quit_keys.split())
        print("failed" if took is None else f"{took:.4f}")
    elif cmd == "warm":
        # warm COMMAND WHICH QUIT_KEYS [KEYS...]: run it untimed, settle, press
        # the keys (each settled), print a line of the screen it ends on, quit.
        command, which, quit_keys, *keys = args
        tmux("respawn-pane", "-k", "-t", "s", command)
        screen = settle()
        for k in keys:
            tmux("send-keys", "-t", "s", k)
            screen = settle()
        if dead():
            sys.exit(f"side-by-side: the command ended: {command}\n{screen}")
        line = text_line(screen, which)
        if not line:
            sys.exit(f"side-by-side: no line of text on the screen of {command}\n{screen}")
        print(line)
        quit_pane(quit_keys.split())
    elif cmd == "keys":
        # keys COMMAND READY KEYS PATTERN TIMEOUT QUIT_KEYS: open, wait for
        # READY and for the screen to settle (idle), then time KEYS to PATTERN.
        command, ready, keys, pattern, timeout, quit_keys = args
        tmux("respawn-pane", "-k", "-t", "s", command)
        if wait_for(ready, time.monotonic(), 120.0) is None:
            print("failed")
            quit_pane(quit_keys.split())
            return
        settle(1.0)
        if re.search(pattern, pane(), re.M):
            sys.exit(f"side-by-side: {pattern!r} is on the screen before the keys")
        t0 = time.monotonic()
        send(keys)
        took = wait_for(pattern, t0, float(timeout))
        quit_pane(quit_keys.split())
        print("failed" if took is None else f"{took:.4f}")
    elif cmd == "mem":
        # mem COMMAND KEYS QUIT_KEYS: open, settle, press the keys (settle), quit.
        command, keys, quit_keys = args
        tmux("respawn-pane", "-k", "-t", "s", command)
        settle(1.0)
        if keys:
            send(keys)
            settle(1.0)
        quit_pane(quit_keys.split())
    elif cmd == "run":
        # run ARGV...: wall seconds of a plain process (its output dropped).
        t0 = time.monotonic()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"{time.monotonic() - t0:.4f}")
    elif cmd == "stats":
        # stats A_TIMES B_TIMES: medians and the median of pairwise ratios.
        a = [float(x) for x in args[0].split()]
        b = [float(x) for x in args[1].split()] if len(args) > 1 and args[1] else []
        out = [f"{statistics.median(a) * 1000:.1f} ms (n={len(a)}, {min(a) * 1000:.0f}–{max(a) * 1000:.0f})"]
        if b:
            out.append(f"{statistics.median(b) * 1000:.1f} ms ({min(b) * 1000:.0f}–{max(b) * 1000:.0f})")
            ratios = [x / y for x, y in zip(a, b) if y > 0]
            out.append(f"{statistics.median(ratios):.2f}×")
        print(" | ".join(out))
    elif cmd == "median":
        print(statistics.median(float(x) for x in args[0].split()))


main()
PY
export SBS_SOCK=$SOCK
sbs() { python3 "$ROOT/sbs.py" "$@"; }
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 -s s 'sleep 100000'
tmux -L "$SOCK" set -g remain-on-exit on >/dev/null
tmux -L "$SOCK" set -g status off >/dev/null

# A home for chitalka or less: everything it writes stays in it. Its config
# lets chitalka open files larger than 64 MB (wp40.txt).
home() {
    local h=$ROOT/home-$1
    mkdir -p "$h/d" "$h/c" "$h/cf"
    echo "max_file_mb = 1024" >"$h/cf/config.toml"
    printf '%s' "$h"
}
# The command line (for tmux's shell) of chitalka with home $1, args $2...
chitalka_cmd() {
    local h=$1
    shift
    printf 'env HOME=%q CHITALKA_DATA_DIR=%q CHITALKA_CACHE_DIR=%q CHITALKA_CONFIG_DIR=%q %q' \
        "$h" "$h/d" "$h/c" "$h/cf" "$BIN"
    printf ' %q' "$@"
}
less_cmd() {
    local h=$1
    shift
    printf 'env -u LESSOPEN -u LESSCLOSE -u LESS HOME=%q LESSHISTFILE=- less' "$h"
    printf ' %q' "$@"
}
# Peak memory: the command under /usr/bin/time, its KB in file $1.
timed_mem() {
    printf '/usr/bin/time -f %%M -o %q %s' "$1" "$2"
}
regex() { python3 -c 'import re,sys; print(re.escape(sys.argv[1]))' "$1"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

row() { printf '%-38s | %s\n' "$1" "$2"; }

file_of() {
    case $1 in
        wp) echo "$WP" ;;
        wp10) echo "$BIG/wp10.txt" ;;
        wp40) echo "$BIG/wp40.txt" ;;
    esac
}
need_big() {
    local f=$BIG/$1.txt times=${1#wp}
    if [[ ! -f $f ]]; then
        mkdir -p "$BIG"
        for _ in $(seq "$times"); do cat "$WP"; done >"$f"
    fi
}
need_lib() {
    [[ -d $2 ]] || python3 "$HERE/make-library.py" "$1" "$2" >/dev/null
}

# first-*: the first screen of a file.
first_screen() {
    local size=$1 f ch lh a="" b="" exp_c exp_l t
    [[ $size == wp ]] || need_big "$size"
    f=$(file_of "$size")
    ch=$(home "first-$size-c")
    lh=$(home "first-$size-l")
    exp_c=$(sbs warm "$(chitalka_cmd "$ch" "$f")" last q)
    exp_l=$(sbs warm "$(less_cmd "$lh" "$f")" last q)
    for _ in $(seq "$N"); do
        t=$(sbs open "$(chitalka_cmd "$ch" "$f")" "$(regex "$exp_c")" 60 q)
        a+=" $t"
        t=$(sbs open "$(less_cmd "$lh" "$f")" "$(regex "$exp_l")" 60 q)
        b+=" $t"
    done
    report "first screen $(basename "$f") vs less" "$a" "$b"
}

# resume-*: reopen at a saved position 90% into the file.
resume() {
    local size=$1 f ch lh a="" b="" exp_c exp_l t
    [[ $size == wp ]] || need_big "$size"
    f=$(file_of "$size")
    ch=$(home "resume-$size-c")
    lh=$(home "resume-$size-l")
    # Open, go to 90%, quit: the position is saved; the text shown there.
    sbs warm "$(chitalka_cmd "$ch" "$f")" middle q ":90%" Enter >/dev/null
    exp_c=$(sbs warm "$(chitalka_cmd "$ch" "$f")" middle q)
    exp_l=$(sbs warm "$(less_cmd "$lh" +90p "$f")" middle q)
    for _ in $(seq "$N"); do
        t=$(sbs open "$(chitalka_cmd "$ch" "$f")" "$(regex "$exp_c")" 60 q)
        a+=" $t"
        t=$(sbs open "$(less_cmd "$lh" +90p "$f")" "$(regex "$exp_l")" 60 q)
        b+=" $t"
    done
    report "resume at 90% $(basename "$f") vs less +90p" "$a" "$b"
}

# find-*: the first /андрей from idle with the file open.
find_in() {
    local size=$1 f ch lh a="" b="" exp_c exp_l t
    [[ $size == wp ]] || need_big "$size"
    f=$(file_of "$size")
    ch=$(home "find-$size-c")
    lh=$(home "find-$size-l")
    exp_c=$(sbs warm "$(chitalka_cmd "$ch" "$f")" last q)
    # less: the line it shows at the top for the first hit.
    exp_l=$(sbs warm "$(less_cmd "$lh" -i "$f")" last q "/$WORD" Enter)
    for _ in $(seq "$N"); do
        # chitalka: the prompt, then the count of hits ("12/801").
        t=$(sbs keys "$(chitalka_cmd "$ch" "$f")" "$(regex "$exp_c")" "/$WORD" \
            "/$WORD\\S*\\s+[0-9]+/[0-9]" 60 "Escape q")
        a+=" $t"
        t=$(sbs keys "$(less_cmd "$lh" -i "$f")" "$(regex "${f##*/}")" "/$WORD"$'\n' \
            "$(regex "$exp_l")" 60 q)
        b+=" $t"
    done
    report "first /$WORD in $(basename "$f") vs less" "$a" "$b"
}

# mem-*: peak memory with the file open, idle and after /андрей.
mem() {
    local size=$1 f ch lh keys label kc kl c l
    [[ $size == wp ]] || need_big "$size"
    f=$(file_of "$size")
    ch=$(home "mem-$size-c")
    lh=$(home "mem-$size-l")
    sbs warm "$(chitalka_cmd "$ch" "$f")" last q >/dev/null
    for keys in "" "/$WORD"; do
        kc="" kl=""
        for i in $(seq "$N"); do
            sbs mem "$(timed_mem "$ROOT/mc" "$(chitalka_cmd "$ch" "$f")")" "$keys" "Escape q"
            kc+=" $(tail -1 "$ROOT/mc")"
            sbs mem "$(timed_mem "$ROOT/ml" "$(less_cmd "$lh" -i "$f")")" "${keys:+$keys$'\n'}" q
            kl+=" $(tail -1 "$ROOT/ml")"
        done
        c=$(sbs median "$kc")
        l=$(sbs median "$kl")
        label="peak memory, $(basename "$f") open${keys:+, after $keys}"
        row "$label" "$(mb "$c") | less $(mb "$l") | $(awk -v a="$c" -v b="$l" 'BEGIN { printf "%.1f×", a / b }')"
    done
}

# lib-*: a new library's list complete.
library() {
    local n=$1 dir a="" t h i
    dir=$LIB2000
    [[ $n == 10000 ]] && dir=$LIB10000
    need_lib "$n" "$dir"
    for i in $(seq "$N"); do
        h=$(home "lib-$n-$i")
        # Complete: a count of articles in the top row, and no "reading…".
        t=$(sbs open "$(chitalka_cmd "$h" --library "$dir")" \
            '\A(?!.*reading)[^\n]* [1-9][0-9]* articles' 600 q)
        a+=" $t"
        rm -rf "$h"
    done
    report "library of $n new files: list complete" "$a" ""
}

# cli-find-*: warm `chitalka find` vs `rg -i -c`.
cli_find() {
    local which=$1 dir h a="" b="" kc="" kl="" c l
    dir=$CORPUS
    if [[ $which == lib10000 ]]; then
        dir=$LIB10000
        need_lib 10000 "$dir"
    fi
    h=$(home "cli-$which")
    local env=(env HOME="$h" CHITALKA_DATA_DIR="$h/d" CHITALKA_CACHE_DIR="$h/c"
        CHITALKA_CONFIG_DIR="$h/cf")
    # Warm: the index built and rg's files in the page cache.
    "${env[@]}" "$BIN" --library "$dir" find "$WORD" --limit 20 >/dev/null 2>&1 || true
    rg -i -c "$WORD" "$dir" >/dev/null 2>&1 || true
    for _ in $(seq "$N"); do
        a+=" $(sbs run /usr/bin/time -f %M -o "$ROOT/mc" "${env[@]}" "$BIN" --library "$dir" find "$WORD" --limit 20)"
        kc+=" $(tail -1 "$ROOT/mc")"
        b+=" $(sbs run /usr/bin/time -f %M -o "$ROOT/ml" rg -i -c "$WORD" "$dir")"
        kl+=" $(tail -1 "$ROOT/ml")"
    done
    c=$(sbs median "$kc")
    l=$(sbs median "$kl")
    report "warm find $WORD ($(basename "$dir")) vs rg -i -c" "$a" "$b" \
        " | peak $(mb "$c") vs $(mb "$l")"
}

report() {
    local label=$1 a=$2 b=$3 extra=${4:-}
    if [[ $a == *failed* || $b == *failed* ]]; then
        row "$label" "FAILED (timeout or exit) in some runs: chitalka [$a ] yardstick [$b ]"
        a=${a//failed/} b=${b//failed/}
        [[ -n ${a// /} ]] || return 0
    fi
    row "$label" "$(sbs stats "$a" "$b")$extra"
}

echo "side-by-side: $ORIG, N=$N, $(date -u '+%F %T UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
row "row" "chitalka median (n, min–max) | yardstick median (min–max) | median ratio"
for r in "${ROWS[@]}"; do
    case $r in
        first-*) first_screen "${r#first-}" ;;
        resume-*) resume "${r#resume-}" ;;
        find-*) find_in "${r#find-}" ;;
        mem-*) mem "${r#mem-}" ;;
        lib-*) library "${r#lib-}" ;;
        cli-find-*) cli_find "${r#cli-find-}" ;;
    esac
done
