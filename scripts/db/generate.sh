#!/usr/bin/env bash
# `prisma generate` never runs the schema engine, but the CLI insists on finding one and
# would download it (unreachable here); pointing it at any executable satisfies the check.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
exec npx --no-install prisma generate "$@"
