#!/usr/bin/env bash
# Take real-terminal PNG screenshots of chitalka.
#
# The app runs inside tmux inside an xterm on a private Xvfb display; keys are
# sent with `tmux send-keys`, and each shot is `xwd` of the xterm window piped
# through ImageMagick (/usr/bin/convert) into screenshots/NAME.png.
#
# Every user path of the app points into a fresh temp dir that is removed on
# exit, so the real ~/.config, ~/.local, ~/.cache are never touched.
#
# Usage:  scripts/screenshots.sh
#
# Environment overrides (all optional):
#   CHITALKA_SHOT_CMD      command to run instead of the app (debugging the
#                          mechanics, e.g. 'less shared/seed/x.txt'); run with
#                          bash -c from the repo root; skips the cargo build
#   CHITALKA_SHOT_NO_BUILD =1 to skip `cargo build --release`
#   CHITALKA_SHOT_OUT      output directory (default: <repo>/screenshots)
#   CHITALKA_SHOT_DELAY    seconds to sleep after each `keys` (default 1)
#   CHITALKA_SHOT_TIMEOUT  seconds to wait for text / a stable screen (default 20)
#   CHITALKA_SHOT_KEEP     =1 to keep the temp dir (logs, tmux socket) for debugging
#
# To add a shot: append `keys ...` / `wait_for TEXT` / `shot NAME` lines to
# scenario() below.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out_dir=${CHITALKA_SHOT_OUT:-$repo/screenshots}
delay=${CHITALKA_SHOT_DELAY:-1}
timeout=${CHITALKA_SHOT_TIMEOUT:-20}
convert_bin=/usr/bin/convert # NOT the `convert` on PATH, which may be a stand-in
cols=100
rows=30

log() { printf '[screenshots] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --------------------------------------------------------------- scenario ---
# The shots, in order. The app state carries over from one step to the next.
scenario() {
    # (1) open the seed article through the title filter (Cyrillic typed as text)
    wait_stable
    keys /
    keys -l 'узбек'
    keys Enter Enter
    wait_for '% ·'
    shot reader

    # (2) read on a little, go back: the library shows progress and last read
    keys Space Space q Escape
    wait_for 'sorted by'
    shot library

    # (3) War and Peace with its outline beside the text, in chapter II
    keys /
    keys -l 'война'
    keys Enter Enter
    wait_for '% ·'
    keys o Tab j j j j Enter
    wait_for '› II.'
    shot outline

    # (4) find in the article: every hit highlighted, the count in the status line
    keys o /
    keys -l 'андрей'
    wait_for '/андрей'
    shot find

    # (5) find across the library, in another word form
    keys Escape q Escape F
    keys -l 'сотрудничеством'
    wait_for ' hits'
    shot library-find

    # (6) a note on a chosen passage: highlighted, a margin mark, shown over the text
    keys Escape Escape
    wait_for 'sorted by'
    keys /
    keys -l 'узбек'
    keys Enter Enter
    wait_for '% ·'
    keys Space v j a
    wait_for 'Ctrl-s save'
    keys -l 'Сравнить с отчётом 2023 года: там другие цифры по инвестициям.'
    keys Enter
    keys -l 'Уда́рение и «й» редактор держит целыми буквами.'
    shot note
    keys C-s
    wait_for 'note saved'
    keys Enter
    wait_for 'Enter next'
    shot note-shown

    # (7) the list of notes of the whole library
    keys Escape A Tab
    wait_for 'all articles'
    shot notes-list

    # (8) an EPUB: «Бесы» with its nested table of contents as the outline
    keys q q
    wait_for 'sorted by'
    keys Escape /
    keys -l 'бесы'
    keys Enter Enter
    wait_for '% ·'
    keys : 
    keys -l '1.1.3'
    keys Enter o
    wait_for 'Глава вторая'
    shot epub-outline

    # (9) a footnote of the book shown over the text (l picks it, Enter shows it)
    keys o :
    keys -l '579'
    keys Enter l
    wait_for 'Enter: show footnote'
    keys Enter
    wait_for 'Footnote'
    shot footnote

    # (10) justified, hyphenated text with a paragraph indent, from a config
    keys Escape q
    wait_for 'sorted by'
    keys q
    mkdir -p "$tmp/config/chitalka"
    printf '[text]\nwidth = 66\njustify = true\nhyphenate = true\nparagraph_indent = 3\n' \
        >"$tmp/config/chitalka/config.toml"
    tm respawn-pane -k -t shots "bash $tmp/run-app.sh"
    wait_for 'sorted by'
    keys /
    keys -l 'война'
    keys Enter Enter
    wait_for '% ·'
    keys ']' ']' Space
    shot typography
}

# ------------------------------------------------------------ dependencies --
need_pkgs=()
need() { # need COMMAND-OR-PATH PACKAGE
    if [[ $1 == /* ]]; then [[ -x $1 ]] || need_pkgs+=("$2")
    else command -v "$1" >/dev/null 2>&1 || need_pkgs+=("$2"); fi
}
install_deps() {
    need Xvfb xvfb
    need xterm xterm
    need "$convert_bin" imagemagick
    need tmux tmux
    need xwd x11-apps
    need fc-list fontconfig
    [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]] || need_pkgs+=(fonts-dejavu-core)
    compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK*' >/dev/null || need_pkgs+=(fonts-noto-cjk)
    if ((${#need_pkgs[@]})); then
        log "installing: ${need_pkgs[*]}"
        [[ $(id -u) == 0 ]] || die "need root to apt-get install ${need_pkgs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
    fi
}

# ------------------------------------------------------------------ state ---
tmp=
xvfb_pid=
xterm_pid=
tmux_sock=
window_id=

cleanup() {
    local rc=$?
    set +e
    if [[ -n $tmux_sock && -S $tmux_sock ]]; then
        tmux -S "$tmux_sock" kill-server 2>/dev/null
    fi
    for pid in "$xterm_pid" "$xvfb_pid"; do
        [[ -n $pid ]] || continue
        kill "$pid" 2>/dev/null
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [[ -n $tmp && -d $tmp ]]; then
        if [[ ${CHITALKA_SHOT_KEEP:-} == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

tm() { tmux -S "$tmux_sock" "$@"; }
pane() { tm capture-pane -p -t shots; }

check_alive() {
    if ! tm has-session -t shots 2>/dev/null; then
        die "tmux session is gone (app exited?); see $tmp/*.log"
    fi
    if [[ $(tm display-message -p -t shots '#{pane_dead}') == 1 ]]; then
        log "the app exited (status $(tm display-message -p -t shots '#{pane_dead_status}')); screen was:"
        tm capture-pane -p -t shots -S - -E - | grep -v '^$' >&2 || true
        die "app is not running"
    fi
}

# ------------------------------------------------------------ primitives ----
# keys KEY...   send tmux key names (Enter, Escape, Down, C-f, j, /, ...) one
#               at a time, then sleep $delay. Use `keys -l 'text'` for literal text.
keys() {
    check_alive
    if [[ ${1:-} == -l ]]; then
        tm send-keys -t shots -l "$2"
    else
        local k
        for k in "$@"; do tm send-keys -t shots "$k"; sleep 0.05; done
    fi
    sleep "$delay"
}

# wait_for TEXT   poll the screen until TEXT (fixed string) appears.
wait_for() {
    local end=$((SECONDS + timeout))
    while ! pane | grep -qF -- "$1"; do
        check_alive
        ((SECONDS < end)) || { pane >&2; die "timed out waiting for '$1'"; }
        sleep 0.2
    done
}

# wait_stable   wait until the screen is non-empty and unchanged for ~0.6 s.
wait_stable() {
    local end=$((SECONDS + timeout)) prev= cur same=0
    while :; do
        check_alive
        cur=$(pane)
        if [[ -n ${cur//[[:space:]]/} && $cur == "$prev" ]]; then
            ((++same >= 3)) && return 0
        else
            same=0
        fi
        prev=$cur
        ((SECONDS < end)) || { log "warning: screen did not settle"; return 0; }
        sleep 0.2
    done
}

# shot NAME   wait for the screen to settle, then save $out_dir/NAME.png.
shot() {
    wait_stable
    sleep 0.3 # let xterm repaint what tmux already has
    local png=$out_dir/$1.png
    xwd -silent -display "$DISPLAY" -id "$window_id" | "$convert_bin" xwd:- "$png"
    log "wrote $png ($(/usr/bin/identify -format '%wx%h' "$png"))"
}

# ------------------------------------------------------------------- main ---
install_deps

if [[ -n ${CHITALKA_SHOT_CMD:-} ]]; then
    log "running CHITALKA_SHOT_CMD instead of the app: $CHITALKA_SHOT_CMD"
elif [[ ${CHITALKA_SHOT_NO_BUILD:-} != 1 ]]; then
    log "cargo build --release"
    (cd "$repo" && cargo build --release --quiet)
fi
app=$repo/target/release/chitalka
[[ -n ${CHITALKA_SHOT_CMD:-} || -x $app ]] || die "$app not found"

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chitalka-shots.XXXXXX")
mkdir -p "$tmp"/{data,config,cache,xdgdata,home}
tmux_sock=$tmp/tmux.sock

export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset TMUX TMUX_PANE

# X server on a free display (-displayfd lets Xvfb pick one and tell us).
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1600x1200x24 -dpi 96 -nolisten tcp -nocursor >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 100); do [[ -s $tmp/display ]] && break; kill -0 "$xvfb_pid" 2>/dev/null || break; sleep 0.1; done
[[ -s $tmp/display ]] || { cat "$tmp/xvfb.log" >&2; die "Xvfb did not start"; }
export DISPLAY=:$(tr -dc 0-9 <"$tmp/display")
log "Xvfb on $DISPLAY"

cat >"$tmp/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal tmux-256color
set -ga terminal-overrides ',xterm*:RGB'
set -g escape-time 0
set -g remain-on-exit on
set -g history-limit 1000
EOF

# What runs inside the tmux pane: the app with every user path in $tmp.
{
    echo '#!/usr/bin/env bash'
    printf 'cd %q\n' "$repo"
    printf 'export HOME=%q\n' "$tmp/home"
    printf 'export CHITALKA_DATA_DIR=%q\n' "$tmp/data"
    printf 'export XDG_CONFIG_HOME=%q\n' "$tmp/config"
    printf 'export XDG_CACHE_HOME=%q\n' "$tmp/cache"
    printf 'export XDG_DATA_HOME=%q\n' "$tmp/xdgdata"
    echo 'export LANG=C.UTF-8 LC_ALL=C.UTF-8 COLORTERM=truecolor'
    if [[ -n ${CHITALKA_SHOT_CMD:-} ]]; then
        printf 'exec bash -c %q\n' "$CHITALKA_SHOT_CMD"
    else
        printf 'exec %q --library library\n' "$app"
    fi
} >"$tmp/run-app.sh"

# Start the app in a detached tmux session that already has the final size, so
# the app never sees an 80x24 terminal and a resize (tmux would otherwise
# create the pane at its default size and resize it when xterm attaches).
tm -u -f "$tmp/tmux.conf" new-session -d -s shots -x "$cols" -y "$rows" "bash $tmp/run-app.sh"

# What xterm runs: note the window id, then attach to the session.
{
    echo '#!/usr/bin/env bash'
    printf 'echo "$WINDOWID" > %q\n' "$tmp/windowid"
    printf 'exec tmux -u -S %q attach-session -t shots\n' "$tmux_sock"
} >"$tmp/in-xterm.sh"

xterm -fa 'DejaVu Sans Mono' -fs 14 -xrm 'XTerm*forceBoxChars: true' -xrm 'XTerm*pointerMode: 2' \
    -geometry ${cols}x${rows}+0+0 -u8 -en UTF-8 -tn xterm-256color \
    -bg '#1d1f21' -fg '#d8d8d8' -cr '#d8d8d8' -b 8 +sb \
    -e bash "$tmp/in-xterm.sh" >"$tmp/xterm.log" 2>&1 &
xterm_pid=$!

for _ in $(seq 100); do
    [[ -s $tmp/windowid && -n $(tm list-clients -t shots 2>/dev/null) ]] && break
    kill -0 "$xterm_pid" 2>/dev/null || { cat "$tmp/xterm.log" >&2; die "xterm exited"; }
    sleep 0.1
done
[[ -n $(tm list-clients -t shots 2>/dev/null) ]] || { cat "$tmp/xterm.log" >&2; die "xterm did not attach to tmux"; }
window_id=$(tr -dc 0-9 <"$tmp/windowid")
[[ -n $window_id ]] || die "no xterm WINDOWID"
size=$(tm display-message -p -t shots '#{pane_width}x#{pane_height}')
log "xterm window $window_id, pane ${size}"
[[ $size == "${cols}x${rows}" ]] || log "warning: pane is $size, expected ${cols}x${rows}"

scenario
log "done"
