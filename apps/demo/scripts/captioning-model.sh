#!/usr/bin/env sh
# The demo's pretrained captioning model: exports the best checkpoint of a captioning run
# (`pnpm recurrent train captioning` writes runs/captioning) to apps/demo/public/models/captioning,
# refuses an export bigger than the page should download, and captions the package's fixture
# scene with it as a check. Run from anywhere:
#
#   sh apps/demo/scripts/captioning-model.sh              # from runs/captioning
#   sh apps/demo/scripts/captioning-model.sh my-run       # from runs/my-run
set -eu
cd "$(dirname "$0")/../../.."
run="${1:-captioning}"
to=apps/demo/public/models/captioning
max_bytes=4000000 # the page fetches it on open: a few MB at most (the attention decoder of 2026-12-01: 0.95 MB)

pnpm -s recurrent export "$run" --to "$to"
bytes=$(cat "$to"/weights.safetensors "$to"/config.json | wc -c)
if [ "$bytes" -gt "$max_bytes" ]; then
  echo "captioning-model: $to holds $bytes bytes, more than $max_bytes: the demo loads it on open. Train a smaller model (--units, --cnn-channels)." >&2
  exit 1
fi
echo "captioning-model: $to is $bytes bytes (weights + config)"
node apps/trainer/dist/bin.js caption "$to" packages/tasks/captioning/fixtures/scene.png --backend wasm
