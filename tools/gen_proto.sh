#!/bin/sh
# Regenerates lib/proto/ from our TensorFlow .proto subset under proto/ (npm run gen:proto).
# The output is committed, so building needs no protoc.
set -e
cd "$(dirname "$0")/.."
rm -rf lib/proto
mkdir -p lib/proto
protoc --plugin=protoc-gen-es=node_modules/.bin/protoc-gen-es \
  --es_out=lib/proto --es_opt=target=ts,import_extension=none \
  -I proto $(find proto -name '*.proto' | sort)
