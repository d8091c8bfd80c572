#!/usr/bin/env bash
# Evaluates a saved model on labelled data: accuracy, log-loss, confusion matrix, per-class precision, recall and
# F1 with macro averages (and ROC AUC when binary) for classifiers; RMSE, MAE and R^2 for regression. The data keys
# (data.format, data.label, ...) default to those the model was trained with.
#
# Usage: jobs/evaluate.sh [--master URL] [--driver-memory SIZE] --model DIR --data PATH [key=value ...]
# Example: jobs/evaluate.sh --model target/models/mnist-mlp --data src/data/mnist-10k/test.libsvm.gz
# Ends with one JSON line ("accuracy", "macro_f1", "auc", ... or "rmse", "r2", ...; "examples", ...).
# Exit codes: 0 success, 1 failure, 2 bad usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/submit.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit.sh"

backprop_ensure_built
backprop_submit dev.backprop.cli.EvaluateJob "$@"
