#!/usr/bin/env bash
# The worked example of DESIGN.md section 1 run through the engine: z = w x + b, y = sigmoid(z),
# L = 1/2 (y - t)^2, R = 1/2 w^2, L_reg = L + lambda R. Prints forward values, gradients in backward order,
# the closed forms beside backprop, one gradient-descent step, and a last line of JSON.
#
# Usage: jobs/seed-example.sh [w=0.5] [b=-1] [x=2] [t=1] [lambda=0.1] [alpha=0.5]
# Exit codes: 0 success, 1 failure, 2 bad usage. Builds the project first when target/ is missing or stale.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

backprop_ensure_built
backprop_java dev.backprop.cli.SeedExample "$@"
