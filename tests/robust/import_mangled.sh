#!/usr/bin/env bash
# Robustness of `rapp import` on mangled copies of samples/fjordvik: each case must exit 1 with a
# message naming the file (and the line where there is one) in lines of at most 2000 bytes, write
# no snapshot and no temporary file, and never crash (an exit code >= 128 or a sanitizer report fails the case).
#   import_mangled.sh RAPP SAMPLES_DIR
set -u
rapp=$1
samples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# case NAME PATTERN MANGLE...: copies the sample, runs MANGLE in the copy, imports it.
case_() {
  local name=$1 pattern=$2
  shift 2
  rm -rf "$work/in" "$work/out"
  cp -r "$samples" "$work/in"
  mkdir "$work/out"
  (cd "$work/in" && eval "$*") || { echo "FAIL $name: could not mangle"; fail=1; return; }
  timeout 60 "$rapp" import "$work/in" -o "$work/out/s.db" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  local bad=""
  [ "$rc" -eq 1 ] || bad="exit code $rc, expected 1"
  if grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr"; then bad="sanitizer report"; fi
  grep -q -E -- "$pattern" "$work/stderr" || bad="${bad:+$bad; }no message matching '$pattern'"
  [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$work/stderr")" -le 2000 ] ||
    bad="${bad:+$bad; }a message line longer than 2000 bytes"
  [ -z "$(ls -A "$work/out")" ] || bad="${bad:+$bad; }left files: $(ls -A "$work/out" | tr '\n' ' ')"
  if [ -n "$bad" ]; then
    echo "FAIL $name: $bad"
    head -c 600 "$work/stderr"
    echo
    fail=1
  else
    echo "ok   $name: $(head -n 1 "$work/stderr" | cut -c1-150)"
  fi
}

big() { head -c "$1" /dev/zero | tr '\0' 'x'; }

case_ truncated_mid_record 'unit\.csv:[0-9]+' 'head -c 300 unit.csv > t && mv t unit.csv'
case_ truncated_in_quote 'result\.csv:[0-9]+: .*never ends' 'head -n 40 result.csv > t && printf "MV01;2026;;;\"100;open" >> t && mv t result.csv'
case_ binary_garbage 'unit\.csv:3' 'awk "NR==3{\$0=\"ENH1020;STAB;\"}{print}" unit.csv > t && head -c 200 /dev/urandom | tr -d ";\n\r\"" >> t && mv t unit.csv && sed -n "4,\$p" ../in/unit.csv >/dev/null'
case_ invalid_utf8_field 'unit\.csv:3' 'sed "3s/Økonomiavdelingen/\xff\xfe\xc3/" unit.csv > t && mv t unit.csv'
case_ field_1mb_number 'unit\.csv:2: column .sort_order.' '{ head -n 1 unit.csv; printf "ENH1010;STAB;Stab;stab;Håkon Berg;"; big 1048576 | tr x 7; printf "\n"; tail -n +3 unit.csv; } > t && mv t unit.csv'
case_ header_10000_columns 'unit\.csv:1' '{ printf "code"; for i in $(seq 10000); do printf ";c%d" $i; done; printf "\n"; tail -n +2 unit.csv; } > t && mv t unit.csv'
case_ cr_only_line_ends 'unit\.csv:[0-9]+' 'tr "\n" "\r" < unit.csv > t && mv t unit.csv'
case_ nul_byte 'unit\.csv:3' 'sed "3s/Lien/Li\x00en/" unit.csv > t && mv t unit.csv'
case_ empty_file 'unit\.csv' ': > unit.csv'
case_ empty_required_file 'municipality\.csv' ': > municipality.csv'
case_ directory_named_csv 'unit\.csv' 'rm unit.csv && mkdir unit.csv'
case_ header_only_nul "area\.csv:1: unknown column '' " 'printf "\0\0\0\n" > area.csv'

[ $fail -eq 0 ] && echo "import_mangled: all cases passed"
exit $fail
