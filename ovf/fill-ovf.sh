#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Fills ovf/keyswitch.ovf.in. Usage: ovf/fill-ovf.sh VERSION DISK_FILE DISK_FILE_SIZE POPULATED_SIZE > out.ovf
here=$(cd "$(dirname "$0")" && pwd)
version=$1 disk_file=$2 disk_file_size=$3 populated=$4
case $version in *[!0-9A-Za-z.+~-]* | '') echo "fill-ovf: bad version '$version'" >&2; exit 1 ;; esac
case $disk_file_size$populated in *[!0-9]* | '') echo "fill-ovf: sizes must be numbers" >&2; exit 1 ;; esac
awk -v version="$version" -v disk="$disk_file" -v size="$disk_file_size" -v populated="$populated" \
    -v eulafile="$here/EULA.txt" '
    BEGIN {
        while ((getline line < eulafile) > 0) {
            gsub(/&/, "\\&amp;", line); gsub(/</, "\\&lt;", line); gsub(/>/, "\\&gt;", line)
            eula = eula (eula == "" ? "" : "\n") line
        }
        if (eula == "") { print "fill-ovf: empty EULA" > "/dev/stderr"; exit 1 }
    }
    {
        gsub(/@VERSION@/, version); gsub(/@DISK_FILE@/, disk); gsub(/@DISK_FILE_SIZE@/, size)
        gsub(/@DISK_CAPACITY_GIB@/, "20"); gsub(/@DISK_POPULATED_SIZE@/, populated)
        if (index($0, "@EULA@")) { i = index($0, "@EULA@"); $0 = substr($0, 1, i - 1) eula substr($0, i + 6) }
        if ($0 ~ /@[A-Z_]+@/) { print "fill-ovf: unfilled placeholder: " $0 > "/dev/stderr"; exit 1 }
        print
    }' "$here/keyswitch.ovf.in"
