#!/usr/bin/env bash
# Runs the hostile files, folders and damaged data of issue 10 against a
# chitalka binary, each with its own data, cache and config dirs under a temp
# folder, and prints one row per attack: what was done, what came out.
#
#   scripts/hostile.sh [BINARY]     (default: target/release/chitalka)
#
# A row shows the exit status (or the signal), wall time, peak memory and
# what was checked. Nothing here writes outside its temp folder (the symlink
# attacks point into it). Needs python3, timeout, /usr/bin/time.
set -uo pipefail
BIN=$(realpath "${1:-target/release/chitalka}")
ROOT=$(mktemp -d /tmp/chitalka-hostile.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
LIMIT=${HOSTILE_TIMEOUT:-120}

row() { printf '%-44s | %s\n' "$1" "$2"; }

# A fresh home: library, data, cache and config dirs.
home() {
    H="$ROOT/$1"
    mkdir -p "$H/lib" "$H/d" "$H/c" "$H/cf"
    export CHITALKA_DATA_DIR="$H/d" CHITALKA_CACHE_DIR="$H/c" CHITALKA_CONFIG_DIR="$H/cf"
    export CHITALKA_LIBRARY="$H/lib"
}

# Run the binary with a time limit; sets RC, SECS, KB, OUT, ERR.
run() {
    local t="$ROOT/time.$$"
    # A cap on memory, so that a runaway read fails instead of taking the machine.
    OUT=$(ulimit -v 8000000; /usr/bin/time -o "$t" -f "%e %M %x" timeout -s KILL "$LIMIT" "$BIN" "$@" 2>"$ROOT/err")
    ERR=$(head -c 400 "$ROOT/err" | tr '\n' ' ')
    read -r SECS KB RC < <(tail -1 "$t")
    case "$RC" in
        137) RC="killed at ${LIMIT}s" ;;
    esac
    if grep -q "Command terminated by signal" "$t"; then
        RC="signal $(grep -o 'signal [0-9]*' "$t" | cut -d' ' -f2)"
    fi
}

summary() { echo "exit $RC, ${SECS}s, $((KB / 1024)) MB${1:+, $1}"; }

gen() { python3 -c "$1" >"$2"; }

# --- No crash, no hang -------------------------------------------------------
home bnest
gen "print('<b>'*20000+'x', end='')" "$H/lib/bnest.html"
run list
row "'<b>'*20000+'x' .html: list" "$(summary)"
run find x
row "  same: find x" "$(summary "$ERR")"

home div5k
gen "print('<div>'*5000+'x', end='')" "$H/lib/div5k.html"
run find x
row "5,000 nested <div>: find (index thread)" "$(summary)"

for n in 100000 200000; do
    home "div$n"
    gen "print('<div>'*$n+'x', end='')" "$H/lib/div.html"
    run list
    row "$n nested <div> ($((n * 5 / 1024)) KB): list" "$(summary)"
done

for n in 100000 200000; do
    home "fb2$n"
    gen "print('<?xml version=\"1.0\"?><FictionBook><body>'+'<section>'*$n+'<p>x</p>', end='')" "$H/lib/s.fb2"
    run list
    row "$n unclosed FB2 <section>: list" "$(summary)"
done

for n in 100000 200000 400000; do
    home "tab$n"
    gen "print('a\t'*$n, end='')" "$H/lib/tabs.txt"
    run list
    row "'a\\t'*$n ($((n * 2 / 1024)) KB): list" "$(summary)"
    run render "$H/lib/tabs.txt" --width 80 --height 24
    row "  same: render 80x24" "$(summary)"
done

home sparse
truncate -s 1G "$H/lib/big.txt"
run list
row "1 GB sparse .txt: list" "$(summary "$(echo "$OUT$ERR" | grep -o 'too large[^|]*' | head -1)")"

home devzero
run add /dev/zero
row "add /dev/zero" "$(summary "$ERR")"
OUT=$(ulimit -v 8000000; head -c 200M /dev/zero | /usr/bin/time -o "$ROOT/t2" -f "%e %M" timeout -s KILL "$LIMIT" "$BIN" add - 2>"$ROOT/err")
RC=$?
read -r SECS KB < <(tail -1 "$ROOT/t2")
ERR=$(head -c 200 "$ROOT/err")
row "head -c 200M /dev/zero | add -" "$(summary "$ERR")"

home fifo
mkfifo "$H/lib/pipe.txt"
echo "Текст." >"$H/lib/ok.txt"
run list
row "a FIFO named pipe.txt in the library: list" "$(summary)"

# --- No escape sequence reaches the terminal ----------------------------------
esc_count() { printf '%s' "$1" | LC_ALL=C grep -c $'\e\|\a\|\xc2\x9b\|\xc2\x85\|\x7f\|\xe2\x80\xae\|\xe2\x81\xa6'; }
home esc
printf 'Ловушка\n\nловушка в тексте.\n' >"$H/lib/raw.txt"
run mark "$H/lib/raw.txt" ловушка --note $'\e]52;c;aGk=\a \e[2J\eP+q\e\\ \xc2\x9b31m'
run notes
row "note with OSC 52/CSI/DCS/U+009B: notes" "raw control lines in stdout: $(esc_count "$OUT")"
run notes --json
row "  same: notes --json" "raw control lines: $(esc_count "$OUT")"
printf '<html><body><h1>&#27;]52;c;aGk=&#7;Заголовок</h1><p>Текст &#27;[2J статьи.</p></body></html>' >"$H/lib/ent.html"
run list
row "<h1>&#27;]52;…&#7;</h1>: list" "raw control lines: $(esc_count "$OUT")"
run mark "$H/lib/ent.html" "Текст" --note n
run notes
row "  same: notes" "raw control lines: $(esc_count "$OUT")"
run render "$H/lib/ent.html" --width 60 --height 10
row "  same: render" "raw control lines: $(esc_count "$OUT")"
printf 'Заглавие \xc2\x9b \xc2\x85 \x7f \xe2\x80\xae \xe2\x81\xa6 конец\n\nТекст.\n' >"$H/lib/bidi.txt"
run list --json
row "U+009B U+0085 DEL U+202E U+2066 title: list --json" "raw control lines: $(esc_count "$OUT")"
touch "$H/lib/$'\e'"
cp "$H/lib/raw.txt" "$H/lib/$(printf 'name\e]0;pwned\a.txt')"
run list
row "file name with OSC 0: list" "raw control lines: $(esc_count "$OUT$ERR")"
run mark "$H/lib/$(printf 'name\e]0;pwned\a.txt')" "в тексте" --note n
run notes
row "  same: notes" "raw control lines: $(esc_count "$OUT$ERR")"

# --- No write outside ---------------------------------------------------------
home symlink
mkdir -p "$ROOT/outside"
echo "precious" >"$ROOT/outside/victim"
printf 'Заголовок\n\nТекст статьи.\n' >"$ROOT/article.txt"
# The temp name main used: .<name>.tmp-<pid>; exec keeps the pid.
OUT=$(bash -c 'ln -s "$0/outside/victim" "$1/.заголовок.txt.tmp-$$"; exec "$2" add "$0/article.txt"' "$ROOT" "$H/lib" "$BIN" 2>&1)
row "symlink planted at .<name>.tmp-<pid>: add" "victim now: $(cat "$ROOT/outside/victim" | head -c 40 | tr '\n' ' ')"
home dangling
printf 'Заголовок\n\nТекст статьи.\n' >"$H/lib/a.txt"
run mark "$H/lib/a.txt" Текст --note first
MARKS=$(ls "$H"/d/marks/*.json)
rm "$MARKS"
ln -s "$ROOT/outside/planted.json" "$MARKS"
run mark "$H/lib/a.txt" Текст --note x
row "dangling symlink as marks/<id>.json: mark" "$(summary) ; outside written: $([ -e "$ROOT/outside/planted.json" ] && echo yes || echo no)"

# --- Damaged data -------------------------------------------------------------
home index
printf 'Заголовок\n\nСотрудничество народов.\n' >"$H/lib/a.txt"
run find сотрудничество
for seg in "$H"/c/index*/*.idx "$H"/c/*/*/*.idx; do [ -e "$seg" ] && rm "$seg"; done 2>/dev/null
run find сотрудничество
row "index segment removed: find" "$(summary "$(echo "$OUT" | head -c 60 | tr '\n' ' ') $ERR")"
run find сотрудничество
row "  same, second run" "$(summary "$(echo "$OUT" | head -c 60 | tr '\n' ' ')")"

home state
printf 'Заголовок\n\nТекст.\n' >"$H/lib/a.txt"
echo '{ not json' >"$H/d/state.json"
run list
row "corrupt state.json: list" "stderr: ${ERR:-(nothing)}"
home bom
printf 'Заголовок\n\nТекст.\n' >"$H/lib/a.txt"
printf '\xef\xbb\xbf{"schema":1,"articles":{}}' >"$H/d/state.json"
run list
row "state.json with a BOM: list" "stderr: ${ERR:-(nothing)}; moved aside: $(ls "$H/d" | grep -c corrupt)"

# --- Marks placed one way -----------------------------------------------------
home moved
printf 'Заголовок\n\nПервый абзац о море.\n\nВторой абзац о горах.\n' >"$H/lib/a.txt"
run mark "$H/lib/a.txt" "о горах" --note "горы"
printf 'Заголовок\n\nПервый абзац о море, правленый.\n\nВторой абзац о горах.\n' >"$H/lib/b.txt"
rm "$H/lib/a.txt"
run notes --json
row "article edited and renamed: notes --json" "$(echo "$OUT" | grep -o '"detached": [a-z]*\|"path": "[^"]*"' | tr '\n' ' ')"
home quote
printf 'Заголовок\n\nЁлка   стояла\nв лесу.\n' >"$H/lib/a.txt"
run mark "$H/lib/a.txt" "елка стояла в лесу" --note x
row "mark with е for ё, other spaces" "$(summary "$ERR")"
run mark "$H/lib/a.txt" "в лесу" --note x
printf 'Заголовок\n\nСлово - не список, а цитата.\n' >"$H/lib/l.txt"
run mark --note y "$H/lib/l.txt" -- "- не список"
run notes
row "quote starting with '- ': notes (markdown)" "$(echo "$OUT" | grep -- '^>.*не список' | head -1)"
