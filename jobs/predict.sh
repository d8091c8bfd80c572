#!/usr/bin/env bash
# Predicts with a saved model: writes a folder of part files (part-00000, ...), one CSV row per input example in
# input order: classifiers write the predicted class then the class probabilities; regressors the predicted value.
# The folder appears only once complete; an existing --out is refused.
#
# Usage: jobs/predict.sh [--master URL] [--driver-memory SIZE] --model DIR --data PATH --out PATH [key=value ...]
# Example: jobs/predict.sh --model target/models/mnist-mlp --data src/data/mnist-10k/test.libsvm.gz \
#            --out target/predictions
# Ends with one JSON line. Exit codes: 0 success, 1 failure, 2 bad usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/submit.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit.sh"

backprop_ensure_built
backprop_submit dev.backprop.cli.PredictJob "$@"
