#!/usr/bin/env bash
# Trains a multilayer perceptron on Spark with full-batch gradient descent and saves the model.
# With no arguments: the shipped MNIST subset (src/data/mnist-10k), local mode on all cores.
#
# Usage: jobs/train.sh [--master URL] [--driver-memory SIZE] [--conf FILE] [key=value ...]
#   --master URL       any Spark master: local[*,4] (default), spark://host:7077, yarn, k8s://...
#   --conf FILE        a properties file of training keys (default conf/train.properties, which documents them all)
#   key=value          overrides one key, for example train.epochs=50 net.hidden=128,64
# Prints one line per epoch, then one JSON line of results. Exit codes: 0 success, 1 failure, 2 bad usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/submit.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit.sh"

args=("$@")
has_conf=false
for arg in "$@"; do [[ "$arg" == --conf ]] && has_conf=true; done
$has_conf || args=(--conf "$BACKPROP_ROOT/conf/train.properties" "${args[@]}")

backprop_ensure_built
backprop_submit dev.backprop.cli.TrainJob "${args[@]}"
