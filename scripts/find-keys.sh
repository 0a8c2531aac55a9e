#!/bin/bash
# The in-article find in the whole app, in tmux (100×30), polled every 5 ms:
#   scripts/find-keys.sh BINARY FILE [RUNS]
# e.g. scripts/find-keys.sh target/release/chitalka ../shared/corpus/txt/tolstoy_voyna_i_mir.txt 5
# Opens FILE, waits until chitalka is idle (its CPU time stops growing),
# types `/`, then prints per run: the time from `/` to the prompt drawn
# (what the measuring itself costs), from the first key «а» of «андрей» to
# a hit counter on the status line (or "searching…"/"not found"), from that
# key to the settled count of «андрей» (no "+"), and the resident memory
# idle and after the find (VmRSS; peak VmHWM). Every user path is a temp dir.
set -u
BIN=$1; FILE=$2; RUNS=${3:-5}
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
for run in $(seq "$RUNS"); do
  T=$(mktemp -d); S=find-keys-$$-$run
  tmux -L "$S" new-session -d -x 100 -y 30 \
    "env HOME=$T CHITALKA_DATA_DIR=$T/d CHITALKA_CACHE_DIR=$T/c CHITALKA_CONFIG_DIR=$T/cf '$BIN' '$FILE'"
  PID=$(tmux -L "$S" list-panes -F '#{pane_pid}')
  bar() { tmux -L "$S" capture-pane -p | tail -1; }
  until bar | grep -q '%'; do sleep 0.05; done
  prev=-1
  while :; do
    t=$(awk '{print $14+$15}' "/proc/$PID/stat"); [ "$t" = "$prev" ] && break; prev=$t; sleep 0.5
  done
  idle=$(awk '/VmRSS/{print $2}' "/proc/$PID/status")
  p0=$(now); tmux -L "$S" send-keys '/'
  until bar | grep -q '^ */'; do sleep 0.005; done
  p1=$(now); sleep 0.3
  t0=$(now); tmux -L "$S" send-keys 'а'
  until bar | grep -Eq '/а▏ +([0-9?]+/[0-9]+|searching|not found)'; do sleep 0.005; done
  t1=$(now); tmux -L "$S" send-keys 'ндрей'
  until bar | grep -Eq '/андрей▏ +[0-9]+/[0-9]+ ·'; do sleep 0.005; done
  t2=$(now); count=$(bar | grep -Eo '▏ +[0-9]+/[0-9]+' | tr -d ' ▏')
  sleep 1
  after=$(awk '/VmRSS/{print $2}' "/proc/$PID/status"); peak=$(awk '/VmHWM/{print $2}' "/proc/$PID/status")
  echo "run $run: prompt $(ms "$p0" "$p1") ms; first key $(ms "$t0" "$t1") ms; settled $(ms "$t0" "$t2") ms ($count);" \
    "RSS idle $((idle / 1024)) MiB, after $((after / 1024)) MiB, peak $((peak / 1024)) MiB"
  tmux -L "$S" kill-server; rm -rf "$T"
done
