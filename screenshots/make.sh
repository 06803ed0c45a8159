#!/usr/bin/env bash
# Screenshots of the real `storefront`, made by driving it in tmux against its embedded, seeded sandbox.
#
#   screenshots/make.sh            build, run, and write NN-name.txt / NN-name.svg (and qr-decode.txt) here
#   screenshots/make.sh --check    the same into a temporary directory, then diff against the files here
#   screenshots/make.sh --keep     keep the temporary work directory (data dir, raw captures) for a look
#
# The wall clock of the program is fixed with libfaketime and moved only by this script (set_clock), so clocks,
# "refreshed … ago", countdowns and the spinner come out the same on every run; sleeps and timeouts keep real
# time (see timerfd_passthrough.c). Everything it needs is installed with apt-get when missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
COLS=120
ROWS=40
SOCKET=storefront-shots
SESSION=shots
START_TIME="2026-11-21 12:00:00"
REFUND_ADDRESS=bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq
PHONE_NUMBER=+4915123456789
TOPUP_ICCID=8988247000000000019

MODE=make
KEEP=0
for arg in "$@"; do
    case "$arg" in
        --check) MODE=check ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "make.sh: unknown argument '$arg' (try --help)" >&2; exit 64 ;;
    esac
done

if [[ -t 2 ]]; then
    say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
else
    say() { printf '==> %s\n' "$*" >&2; }
fi
die() { printf 'make.sh: %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || return 1
        sudo=(sudo)
    fi
    if [[ $APT_UPDATED -eq 0 ]]; then
        say "apt-get update"
        "${sudo[@]}" apt-get update -qq >/dev/null || return 1
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

find_libfaketime() {
    local candidate
    for candidate in /usr/lib/*/faketime/libfaketimeMT.so.1 /usr/lib/faketime/libfaketimeMT.so.1 \
                     /usr/local/lib/faketime/libfaketimeMT.so.1; do
        [[ -e $candidate ]] && { echo "$candidate"; return 0; }
    done
    return 1
}

command -v tmux >/dev/null || apt_install tmux || die "tmux is needed (apt-get install tmux)"
command -v python3 >/dev/null || apt_install python3 || die "python3 is needed (apt-get install python3)"
LIBFAKETIME=$(find_libfaketime) || { apt_install faketime libfaketime || true; LIBFAKETIME=$(find_libfaketime); } \
    || die "libfaketime is needed (apt-get install faketime)"
CC=$(command -v cc || command -v clang || command -v gcc || true)
[[ -n $CC ]] || { apt_install gcc || true; CC=$(command -v gcc || true); }
[[ -n $CC ]] || die "a C compiler is needed for the small timerfd shim (apt-get install gcc)"
# Optional: checking that the QR codes in the pictures scan.
if ! command -v zbarimg >/dev/null || ! command -v rsvg-convert >/dev/null; then
    apt_install zbar-tools librsvg2-bin || say "zbar-tools / librsvg2-bin not available: QR codes are not checked"
fi

# --- work directory and build ------------------------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/storefront-shots.XXXXXX")
TMUX_CMD=(tmux -L "$SOCKET" -f "$WORK/tmux.conf")
APP_PID=""
FROZEN=0
cleanup() {
    if [[ $FROZEN -eq 1 && -n $APP_PID ]]; then kill -CONT "$APP_PID" 2>/dev/null || true; fi
    "${TMUX_CMD[@]}" kill-server 2>/dev/null || true
    if [[ $KEEP -eq 1 ]]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Always written to the work directory first: a failed run leaves the files here as they were.
OUT="$WORK/out"
mkdir -p "$OUT" "$WORK/data" "$WORK/home" "$WORK/raw"

say "swift build --product storefront"
for attempt in 1 2 3; do
    if (cd "$ROOT" && swift build --product storefront >"$WORK/build.log" 2>&1); then break; fi
    [[ $attempt -eq 3 ]] && { tail -30 "$WORK/build.log" >&2; die "swift build failed"; }
    say "build failed (someone may be editing); retrying in 60 s"
    sleep 60
done
# A copy, so a build started meanwhile cannot swap the binary under the running program.
cp "$(cd "$ROOT" && swift build --show-bin-path)/storefront" "$WORK/storefront"

"$CC" -shared -fPIC -O2 -o "$WORK/timerfd_passthrough.so" "$HERE/timerfd_passthrough.c" \
    || die "could not compile timerfd_passthrough.c"

# --- the fake clock ----------------------------------------------------------------------------------------------

CLOCK_FILE="$WORK/faketime.rc"
# Frozen at the given moment until the next set_clock. Written by rename, so the program never reads half a line.
set_clock() {
    printf '%s\n' "$1" >"$CLOCK_FILE.new"
    mv -f "$CLOCK_FILE.new" "$CLOCK_FILE"
    # The program looks at the clock at least every few hundred ms and ticks when it moved by a second.
    [[ ${2:-} == --no-wait ]] || sleep 0.5
}
set_clock "$START_TIME" --no-wait

# --- tmux --------------------------------------------------------------------------------------------------------

cat >"$WORK/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g history-limit 0
EOF

cat >"$WORK/run.sh" <<EOF
#!/bin/sh
# The same process id through both execs: the program's, for freeze/thaw.
echo \$\$ >"$WORK/app.pid"
exec env -i \\
    PATH=/usr/local/bin:/usr/bin:/bin \\
    HOME="$WORK/home" \\
    LANG=C.UTF-8 \\
    TERM=xterm-256color \\
    STOREFRONT_DATA_DIR="$WORK/data" \\
    STOREFRONT_SANDBOX_PAY_AFTER=8 \\
    STOREFRONT_SANDBOX_ACCOUNT=screenshots \\
    LD_PRELOAD="$WORK/timerfd_passthrough.so $LIBFAKETIME" \\
    FAKETIME_TIMESTAMP_FILE="$CLOCK_FILE" \\
    FAKETIME_NO_CACHE=1 \\
    FAKETIME_DONT_FAKE_MONOTONIC=1 \\
    "$WORK/storefront"
EOF
chmod +x "$WORK/run.sh"

"${TMUX_CMD[@]}" kill-server 2>/dev/null || true
"${TMUX_CMD[@]}" new-session -d -s "$SESSION" -x "$COLS" -y "$ROWS" "$WORK/run.sh"
size=$("${TMUX_CMD[@]}" display-message -p -t "$SESSION" '#{pane_width}x#{pane_height}')
[[ $size == "${COLS}x${ROWS}" ]] || die "the pane is $size, not ${COLS}x${ROWS}"
for _ in $(seq 50); do [[ -s $WORK/app.pid ]] && break; sleep 0.1; done
APP_PID=$(cat "$WORK/app.pid" 2>/dev/null) || die "the program did not start"

# Stops the program (SIGSTOP) while a screen is saved and the clock moved, so its next look at an invoice
# cannot come in between however slow this machine is; thaw lets it go on (a look that fell due meanwhile
# happens at once, and sees the new clock).
freeze() { kill -STOP "$APP_PID"; FROZEN=1; }
thaw() { kill -CONT "$APP_PID"; FROZEN=0; }

STEP="start"
screen() { "${TMUX_CMD[@]}" capture-pane -p -t "$SESSION"; }

fail() {
    {
        printf 'make.sh: step "%s": %s\n' "$STEP" "$*"
        if [[ $("${TMUX_CMD[@]}" display-message -p -t "$SESSION" '#{pane_dead}' 2>/dev/null) == 1 ]]; then
            printf 'The program has ended (exit status/signal: %s).\n' \
                "$("${TMUX_CMD[@]}" display-message -p -t "$SESSION" '#{pane_dead_status}/#{pane_dead_signal}')"
        fi
        printf -- '--- the screen now ---\n'
        screen || true
        printf -- '----------------------\n'
    } >&2
    exit 1
}

# Waits until the screen shows every one of the markers (fixed strings), for at most $TIMEOUT seconds.
TIMEOUT=30
wait_for() {
    local deadline=$((SECONDS + TIMEOUT)) text marker missing
    while :; do
        text=$(screen)
        missing=""
        for marker in "$@"; do
            [[ $text == *"$marker"* ]] || { missing=$marker; break; }
        done
        [[ -z $missing ]] && return 0
        ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for \"$missing\""
        sleep 0.05
    done
}

# Waits until the screen no longer shows the marker.
wait_gone() {
    local deadline=$((SECONDS + TIMEOUT))
    while [[ $(screen) == *"$1"* ]]; do
        ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for \"$1\" to go"
        sleep 0.05
    done
}

# Waits until two looks 0.1 s apart see the same screen (a frame is finished), at most 3 s.
settle() {
    local deadline=$((SECONDS + 3)) before after
    before=$(screen)
    while :; do
        sleep 0.1
        after=$(screen)
        [[ $after == "$before" ]] && return 0
        ((SECONDS < deadline)) || fail "the screen did not settle"
        before=$after
    done
}

# The follower's "N/M requests left": it changes with every look at the invoice.
requests_left() { screen | grep -o '[0-9,]*/[0-9,]* requests left' | head -1 || true; }

# Waits for the follower's next look at the invoice after the one that showed the count $1 (default: the count
# on the screen now).
wait_next_look() {
    local before=${1:-} deadline=$((SECONDS + TIMEOUT))
    [[ -n $before ]] || before=$(requests_left)
    [[ -n $before ]] || fail "no \"requests left\" on the screen to follow"
    while [[ $(requests_left) == "$before" ]]; do
        ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for the next look at the invoice"
        sleep 0.05
    done
}

keys() {
    "${TMUX_CMD[@]}" send-keys -t "$SESSION" "$@"
    # Esc is a prefix of other keys' sequences: give the program time (ESCDELAY 25 ms) to take it alone.
    sleep 0.15
}

type_text() {
    "${TMUX_CMD[@]}" send-keys -t "$SESSION" -l -- "$1"
    sleep 0.15
}

# Saves the screen as NN-name.txt (plain) and NN-name.svg (with its colours), from the same frame.
SHOTS=()
shot() {
    local name=$1 plain again
    for _ in 1 2 3 4 5; do
        plain=$(screen)
        "${TMUX_CMD[@]}" capture-pane -p -e -N -t "$SESSION" >"$WORK/raw/$name.ans"
        again=$(screen)
        [[ $plain == "$again" ]] && break
        sleep 0.1
    done
    [[ $plain == "$again" ]] || fail "the screen kept changing while capturing $name"
    printf '%s\n' "$plain" >"$OUT/$name.txt"
    SHOTS+=("$name")   # the pictures are drawn at the end, off the clock
    say "captured $name"
}

# The same program in an 80x24 window, the size a demo over SSH usually gets: the window is resized, not restarted.
SMALL_SHOTS=()
resize_to() {
    "${TMUX_CMD[@]}" resize-window -t "$SESSION" -x "$1" -y "$2"
    local deadline=$((SECONDS + TIMEOUT))
    until [[ $(screen | head -1 | wc -m) -le $(($1 + 1)) && $(screen | wc -l) -eq $2 ]]; do
        ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for the ${1}x${2} redraw"
        sleep 0.05
    done
    settle
}
small_shot() {
    shot "$1"
    SMALL_SHOTS+=("$1")
}

keymap_has_esim() {
    grep -rqs 'command: \.openESIM' "$ROOT/Sources/StorefrontTUI/App/" 2>/dev/null
}

# --- the tour ----------------------------------------------------------------------------------------------------

STEP="browser"
say "starting storefront (embedded sandbox) at $START_TIME"
TIMEOUT=60 wait_for "SANDBOX" "just refreshed" "a add to cart"
settle
shot 01-browser
resize_to 80 24
small_shot 20-browser-80x24
resize_to "$COLS" "$ROWS"

STEP="help"
keys '?'
wait_for "─ Keys ─" "Esc close help"
shot 02-help
keys Escape
wait_gone "Esc close help"

# The catalog ages: later screens say so.
set_clock "2026-11-21 12:02:00"
wait_for "2 min old"

STEP="search"
keys /
type_text "caf"                 # accents and case are ignored: Café Müller, and 카페 서울 (wide characters)
wait_for "/ caf" "All types (2)" "Café Müller" "카페 서울"
settle
shot 03-search

STEP="product detail"
keys Enter                  # keep the search; the product list has the focus
wait_for "Enter open"
keys Down                   # 카페 서울
wait_for "cafe-seoul-kr"
keys Enter                  # open it: the detail pane takes the focus
wait_for "cafe-seoul-kr" "Any value"
settle
shot 04-product-detail

STEP="add to cart"
keys a
wait_for "Add to cart: 카페 서울" "or type a value"
keys Down                   # the second package
settle
shot 05-add-to-cart
keys Enter
wait_for "Added 1 × 카페 서울" "Cart 1/20"

STEP="add the test eSIM"
keys Escape                 # the detail pane gives the focus back
keys Escape                 # and the search is cleared
wait_for "/ search"
keys /
type_text "test"
wait_for "All types (8)" "Test eSIM"
keys Enter
keys Down Down Down Down    # Test Phone Refill, Gift Card Code, Gift Card Link, Phone Refill Fail, Test eSIM
wait_for "test-esim" "eSIMs · "
keys a
wait_for "Add to cart: Test eSIM"
keys Enter                  # the first package: 1GB, 7 Days
wait_for "Added 1 × Test eSIM" "Cart 2/20"

STEP="cart"
keys c
wait_for "Cart · 2/20 units" "After purchase"
settle
shot 06-cart

STEP="review"
keys b
wait_for "Review · 2 items" "Payment method ◀ Account balance ▶"
keys Right                  # Bitcoin
wait_for "Payment method ◀ Bitcoin ▶" "Refund address"
keys Tab
type_text "$REFUND_ADDRESS"
wait_for "Refund address" "$REFUND_ADDRESS"
settle
shot 07-review
keys Enter
wait_for "─ Buy? ─" "paying with Bitcoin? y/n"
settle
shot 08-review-confirm

STEP="payment"
set_clock "2026-11-21 12:03:00"
keys y
# The follower looks at the invoice at once, then after 1 s, 1 s, 2 s, 2 s, 3 s … of real time. Its first look
# tells the request budget: the screen is saved before the second.
wait_for "Scan to pay" "Send exactly" "next check in" "requests left"
settle
freeze
shot 09-payment-qr
thaw
resize_to 80 24
keys Q                      # the code alone on the whole window
wait_gone "Scan to pay"
settle
small_shot 21-payment-qr-80x24
keys Q
resize_to "$COLS" "$ROWS"

STEP="following"
# The clock moves right after a look, so the next look, and only it, sees the change: the screens do not depend
# on how fast this machine is. (n, "check now", would be quicker; the follower's own rhythm is used here.)
wait_next_look "$(grep -o '[0-9,]*/[0-9,]* requests left' "$OUT/09-payment-qr.txt" | head -1)"
freeze
set_clock "2026-11-21 12:03:08" --no-wait   # the sandbox sees a bitcoin payment 8 s after the invoice (STOREFRONT_SANDBOX_PAY_AFTER)
thaw
wait_for "Payment seen" "0:08 since start"
settle
freeze
shot 10-invoice-following
set_clock "2026-11-21 12:03:12" --no-wait   # confirmed and delivered 3 s after the payment was seen
thaw

STEP="results"
wait_for "Delivered · took 0:12" "Orders (2 of 2 delivered)" "QR hidden"
settle
shot 11-results-masked

keys r                      # reveal the selected order's values: the gift card code
wait_for "Revealed for 30 s"
settle
shot 12-results-revealed

STEP="eSIM QR"
keys G                      # the last value: one of the eSIM's
wait_for "›ICCID"
keys r
wait_for "SBX-" "scan in eSIM settings"
wait_gone "QR hidden"
settle
shot 13-esim-qr
resize_to 80 24
keys Q
wait_gone "Orders ("
settle
small_shot 22-esim-qr-80x24
keys Q
resize_to "$COLS" "$ROWS"

STEP="eSIM top-up"
if keymap_has_esim; then
    set_clock "2026-11-21 12:05:00"
    keys e
    wait_for "eSIM top-up · find the eSIM" "eSIMs of this account" "$TOPUP_ICCID"
    settle
    shot 14-esim-find
    type_text "$TOPUP_ICCID"
    keys Enter
    wait_for "eSIM · …${TOPUP_ICCID: -4}" "$TOPUP_ICCID" "Bundles (1)" "t top up"
    settle
    shot 15-esim-details
    keys t
    wait_for "Top up · choose a plan" "Test eSIM · this eSIM"
    settle
    shot 16-esim-plans
    keys Enter
    wait_for "Top up · choose a bundle" "3GB, 30 Days"
    keys Down               # 3GB, 30 Days
    keys Enter
    wait_for "Top up · review" "3GB, 30 Days" "y tops up now"
    settle
    shot 17-esim-review
    keys y
    wait_for "Test eSIM 3GB, 30 Days" "Account balance (auto-pay)" "requests left"
    set_clock "2026-11-21 12:05:05" --no-wait   # paid from the balance at once, delivered 3 s later
    wait_for "Topped up: 3GB, 30 Days added" "Bundles (2)"
    settle
    shot 18-esim-topped-up
else
    say "SKIPPED: eSIM top-up (no 'e' binding for .openESIM in Sources/StorefrontTUI/App/Keymap*.swift yet)"
fi

STEP="history"
keys h
wait_for "Purchase history" "History · "
settle
shot 19-history

STEP="review with a phone number"
keys B
wait_for "/ search"
keys / C-u                  # the search field still holds the last search
type_text "test phone refill"
wait_for "All types (2)" "Test Phone Refill"
keys Enter
wait_for "test-phone-refill"
keys a
wait_for "Add to cart: Test Phone Refill" "Phone"
keys Tab Tab                # the quantity, then the phone number
type_text "$PHONE_NUMBER"
keys Enter
wait_for "Added 1 × Test Phone Refill" "Cart 1/20"
keys c
wait_for "Cart · 1/20 units"
keys b
wait_for "Review · 1 item" "to $PHONE_NUMBER"
resize_to 80 24
small_shot 23-review-phone-80x24
keys Escape                 # back to the cart, where the line is taken out again: q then quits at once
wait_for "Cart · 1/20 units"
keys d
wait_for "Remove the line?"
keys y
wait_for "Cart 0/20"
resize_to "$COLS" "$ROWS"

STEP="quit"
keys q
deadline=$((SECONDS + 15))
while [[ $("${TMUX_CMD[@]}" display-message -p -t "$SESSION" '#{pane_dead}') != 1 ]]; do
    ((SECONDS < deadline)) || fail "the program did not quit on q"
    sleep 0.1
done
# tmux may see the pane's end (its terminal closed) a moment before it has the exit status.
# tmux 3.3 sometimes misses the SIGCHLD of a pane whose terminal closed first, leaving the program a zombie
# it never reaps; a nudge makes it look again.
while status=$("${TMUX_CMD[@]}" display-message -p -t "$SESSION" '#{pane_dead_status}/#{pane_dead_signal}'); [[ $status == / ]]; do
    ((SECONDS < deadline)) || fail "no exit status for the program"
    kill -CHLD "$("${TMUX_CMD[@]}" display-message -p '#{pid}')" 2>/dev/null || true
    sleep 0.2
done
[[ $status == 0/ ]] || fail "the program did not exit cleanly on q (exit status/signal: $status)"

# --- a visitor over SSH ------------------------------------------------------------------------------------------

# The same program served by `storefront ssh serve` and reached with the real OpenSSH client, as a visitor would:
# the server starts a storefront of its own for the session (its own data directory and sandbox account).
STEP="over ssh"
if command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; then
    ssh-keygen -q -t ed25519 -N "" -f "$WORK/visitor_key"
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 STOREFRONT_DATA_DIR="$WORK/ssh-server" \
        "$WORK/storefront" ssh serve --port 0 >"$WORK/ssh-server.out" 2>"$WORK/ssh-server.log" &
    SSH_SERVER_PID=$!
    deadline=$((SECONDS + 60))
    until SSH_PORT=$(sed -n 's/^Storefront over SSH on 127.0.0.1:\([0-9]*\):.*/\1/p' "$WORK/ssh-server.out") && [[ -n $SSH_PORT ]]; do
        ((SECONDS < deadline)) || fail "storefront ssh serve did not start: $(cat "$WORK/ssh-server.log")"
        sleep 0.1
    done
    "${TMUX_CMD[@]}" respawn-pane -k -t "$SESSION" "env -i PATH=/usr/bin:/bin HOME=$WORK/home TERM=xterm-256color \
        ssh -tt -p $SSH_PORT -F /dev/null -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$WORK/known_hosts \
        -o BatchMode=yes -o LogLevel=ERROR -o IdentitiesOnly=yes -i $WORK/visitor_key visitor@127.0.0.1"
    TIMEOUT=60 wait_for "SANDBOX" "just refreshed" "a add to cart"
    settle
    shot 24-ssh-session
    keys q
    deadline=$((SECONDS + 15))
    while [[ $("${TMUX_CMD[@]}" display-message -p -t "$SESSION" '#{pane_dead}') != 1 ]]; do
        ((SECONDS < deadline)) || fail "the ssh session did not end on q"
        sleep 0.1
    done
    kill "$SSH_SERVER_PID"
    wait "$SSH_SERVER_PID" 2>/dev/null || true
else
    say "SKIPPED: the session over SSH (apt-get install openssh-client)"
fi

# --- the pictures -------------------------------------------------------------------------------------------------

for name in "${SHOTS[@]}"; do
    cols=$COLS rows=$ROWS
    [[ " ${SMALL_SHOTS[*]} " == *" $name "* ]] && cols=80 rows=24
    python3 "$HERE/ansi2svg.py" --cols "$cols" --rows "$rows" --title "storefront: $name" \
        "$WORK/raw/$name.ans" -o "$OUT/$name.svg"
done

# --- do the QR codes in the pictures scan? -----------------------------------------------------------------------

if command -v zbarimg >/dev/null && command -v rsvg-convert >/dev/null; then
    : >"$OUT/qr-decode.txt"
    for name in 09-payment-qr 13-esim-qr 21-payment-qr-80x24 22-esim-qr-80x24; do
        [[ -e $OUT/$name.svg ]] || continue
        rsvg-convert -o "$WORK/$name.png" "$OUT/$name.svg"
        if decoded=$(zbarimg --quiet --raw "$WORK/$name.png" 2>/dev/null); then
            printf '%s.svg: %s\n' "$name" "$decoded" >>"$OUT/qr-decode.txt"
            say "QR in $name.svg scans: $decoded"
        else
            fail "the QR code in $name.svg does not scan (zbarimg found nothing)"
        fi
    done
else
    say "zbarimg or rsvg-convert missing: the QR codes were not checked (qr-decode.txt left as it was)"
    if [[ -e $HERE/qr-decode.txt ]]; then cp "$HERE/qr-decode.txt" "$OUT/qr-decode.txt"; fi
fi

# --- check mode: compare with the committed files -----------------------------------------------------------------

if [[ $MODE == check ]]; then
    differences=0
    for file in "$HERE"/[0-9][0-9]-*.txt "$HERE"/[0-9][0-9]-*.svg "$HERE"/qr-decode.txt; do
        [[ -e $file ]] || continue
        name=$(basename "$file")
        if [[ ! -e $OUT/$name ]]; then
            echo "only in screenshots/: $name" >&2
            differences=1
        fi
    done
    for file in "$OUT"/*; do
        name=$(basename "$file")
        if [[ ! -e $HERE/$name ]]; then
            echo "new, not in screenshots/: $name" >&2
            differences=1
        elif [[ $name == *.txt ]]; then
            diff -u --label "screenshots/$name" --label "regenerated/$name" "$HERE/$name" "$file" >&2 || differences=1
        elif ! cmp -s "$HERE/$name" "$file"; then
            echo "differs: $name (the picture; its .txt may still match when only colours changed)" >&2
            differences=1
        fi
    done
    if [[ $differences -ne 0 ]]; then
        say "check: the regenerated screenshots differ (above)"
        exit 1
    fi
    say "check: all ${#SHOTS[@]} screens match the committed ones"
else
    rm -f "$HERE"/[0-9][0-9]-*.txt "$HERE"/[0-9][0-9]-*.svg "$HERE"/qr-decode.txt
    cp "$OUT"/* "$HERE"/
    say "wrote ${#SHOTS[@]} screens to $HERE"
fi
