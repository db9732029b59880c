#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Validates an OVF descriptor offline (xmllint --nonet) against DMTF's OVF envelope schema
# (DSP8023) and the CIM schemas it imports, using the workplace's schema copy and catalog
# (shared/ovf-schema beside the repository; OVF_SCHEMA_DIR overrides). Fails, saying so, when
# the schemas are absent: a descriptor that was not validated must not pass.
# Usage: ovf/validate-ovf.sh FILE.ovf
here=$(cd "$(dirname "$0")" && pwd)
schema_dir=${OVF_SCHEMA_DIR:-$here/../../shared/ovf-schema}
if [ ! -f "$schema_dir/dsp8023_1.1.0.xsd" ] || [ ! -f "$schema_dir/catalog.xml" ]; then
    echo "validate-ovf: FAIL: DMTF OVF schemas not found in $schema_dir (set OVF_SCHEMA_DIR)" >&2
    exit 2
fi
command -v xmllint >/dev/null || { echo "validate-ovf: FAIL: xmllint missing (apt-get install libxml2-utils)" >&2; exit 2; }
echo "validate-ovf: $1 against $schema_dir/dsp8023_1.1.0.xsd (offline)"
XML_CATALOG_FILES=$schema_dir/catalog.xml xmllint --nonet --noout --schema "$schema_dir/dsp8023_1.1.0.xsd" "$1"
