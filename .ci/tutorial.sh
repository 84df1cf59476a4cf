#!/usr/bin/env bash
# Runs docs/tutorial.md as written: its ```bash blocks in order in one shell, and its
# ```<lang> file=PATH blocks written to PATH first, so the tutorial and its test cannot drift.
# Needs the packaged jar (the tutorial's first block builds it when missing). Run from the project
# root; the files the tutorial makes (my-rules/, tutorial-data/, ...) are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

DOC=docs/tutorial.md
MADE=(my-rules tutorial-data test-output.txt tutorial-service.log)
SCRIPT=target/tutorial-steps.sh

for path in "${MADE[@]}"; do
    [[ -e "$path" ]] && { echo "$path exists; the tutorial makes it, so move it away first"; exit 1; }
done
mkdir -p target

# Each bash block as it is; each file block as a quoted here-document, so nothing in it is expanded.
awk '
    /^```bash$/                 { mode = "bash"; next }
    /^```[a-z]+ file=/          { mode = "file"; path = $2; sub(/^file=/, "", path)
                                  printf "mkdir -p \"$(dirname %s)\"\ncat > %s <<'"'"'TUTORIAL_FILE'"'"'\n", path, path; next }
    /^```/ && mode == "file"    { print "TUTORIAL_FILE"; mode = ""; next }
    /^```/                      { mode = ""; next }
    mode != ""                  { print }
' "$DOC" > "$SCRIPT"

cleanup() {
    local rc=$?
    # The tutorial stops its service itself; this is for a step that failed before it did.
    [[ -n "${SERVICE:-}" ]] && kill "$SERVICE" 2>/dev/null && wait "$SERVICE" 2>/dev/null
    if ((rc != 0)); then
        echo "--- the steps ($SCRIPT) ---"; cat -n "$SCRIPT"
        [[ -f tutorial-service.log ]] && { echo "--- tutorial-service.log ---"; tail -n 60 tutorial-service.log; }
    fi
    rm -rf "${MADE[@]}"
    return "$rc"
}
trap cleanup EXIT

echo "running $(grep -c . "$SCRIPT") lines of $DOC"
# In this shell, so that the cleanup sees the tutorial's $SERVICE.
set -x
# shellcheck source=/dev/null
source "$SCRIPT"
set +x
echo "TUTORIAL OK: every step of $DOC ran"
