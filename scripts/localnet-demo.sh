#!/usr/bin/env bash
# Demo jobs for `make localnet`: started in the background by localnet.sh on a
# fresh chain (DEMO=1), it waits for the node, then sends real transactions
# with the local keys so the dashboard and the queries have something to
# show: jobs in every state, settled by validators, by a moderator and by the
# EndBlocker, with certificates and reputation. About a minute; one job is
# left under review and settles by itself when its 120 s review ends.
#   BIN HOME_DIR   the binary and the node home (set by localnet.sh)
# Output goes to $HOME_DIR/demo.log.
set -uo pipefail

BIN=${BIN:-agijd}
HOME_DIR=${HOME_DIR:-$HOME/.agijd}
cli() { "$BIN" --home "$HOME_DIR" "$@"; }

# tx sends one transaction and waits until it is in a block; it prints the
# delivered result (JSON) and fails unless the code is 0.
tx() {
  local out
  out=$(cli tx "$@" -y -o json | cli q wait-tx -o json --timeout 30s 2>&1)
  if ! grep -q '"code":0,' <<<"$out"; then
    echo "demo: agijd tx $* failed: $out" >&2
    return 1
  fi
  printf '%s\n' "$out"
}

# job posts a job from the employer and prints its id.
job() {
  tx jobs create-job "$@" --from employer | grep -o '"key":"job_id","value":"\\"[0-9]*' | head -n1 | grep -o '[0-9]*$'
}

# Wait for this home's own node (not another chain on the same port) to make
# its second block.
self=$(cli comet show-node-id)
ready=0
for _ in $(seq 1 60); do
  st=$(cli status 2>/dev/null || true)
  if grep -q "\"id\":\"$self\"" <<<"$st" &&
    [ "$(grep -o '"latest_block_height":"[0-9]*' <<<"$st" | grep -o '[0-9]*$')" -ge 2 ]; then
    ready=1
    break
  fi
  sleep 1
done
if [ "$ready" != 1 ]; then
  echo "demo: the node of $HOME_DIR is not answering on its RPC port; no demo jobs" >&2
  exit 1
fi

set -e
echo "demo: posting jobs"

# 1. Approved by three validators; the EndBlocker pays the agent 20 s later.
a=$(job ipfs://demo/spec/budget-summary.json 100000000uagi 86400 --details "Summarise the 2027 national budget in 2 pages")
tx jobs apply "$a" --from agent1 >/dev/null
tx jobs request-completion "$a" ipfs://demo/work/budget-summary.pdf --from agent1 >/dev/null
for v in validator1 validator2 validator3; do tx jobs approve "$a" --from "$v" >/dev/null; done

# 2. Disputed by the employer; the moderator decides for the agent.
b=$(job ipfs://demo/spec/fr-translation.json 40000000uagi 86400 --details "Translate the water-quality report into French")
tx jobs apply "$b" --from agent2 >/dev/null
tx jobs request-completion "$b" ipfs://demo/work/report-fr.pdf --from agent2 >/dev/null
tx jobs dispute "$b" --reason "section 3 reads machine-translated" --from employer >/dev/null
tx jobs resolve-dispute "$b" agent-wins --reason "section 3 checked against the source; accurate" \
  --from moderator --gas auto --gas-adjustment 1.5 >/dev/null

# 3. Delivered, one approval so far: under review until its review period ends.
c=$(job ipfs://demo/spec/traffic-model.json 60000000uagi 86400 --details "Forecast 2030 traffic on the A7 corridor")
tx jobs apply "$c" --from agent1 >/dev/null
tx jobs request-completion "$c" ipfs://demo/work/traffic-model.ipynb --from agent1 >/dev/null
tx jobs approve "$c" --from validator1 >/dev/null

# 4. Taken by agent2, in progress.
d=$(job ipfs://demo/spec/grant-review.json 25000000uagi 172800 --details "Screen 40 research grant applications")
tx jobs apply "$d" --from agent2 >/dev/null

# 5. Open, waiting for an agent.
job ipfs://demo/spec/archive-ocr.json 30000000uagi 259200 --details "OCR and index the 1950s land registry" >/dev/null

# 6. Posted, then cancelled by the employer: the payout came back.
f=$(job ipfs://demo/spec/cancelled.json 5000000uagi 3600 --details "Draft a press release (no longer needed)")
tx jobs cancel-job "$f" --from employer >/dev/null

echo "demo: jobs $a-$f posted; job $c settles when its review period ends"
