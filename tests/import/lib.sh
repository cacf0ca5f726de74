# tests/import/lib.sh — shared helpers of the import/check runners (sourced, not run).

# fail MESSAGE: prints the test's failure and exits 1.
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# compare EXPECTED_FILE ACTUAL_FILE: passes when equal; otherwise prints the first differing
# line of each. With UPDATE_GOLDEN=1 the expected file is rewritten instead (review the diff).
compare() {
  local exp=$1 act=$2
  if [ -n "${UPDATE_GOLDEN:-}" ]; then
    cp "$act" "$exp"
    return 0
  fi
  [ -f "$exp" ] || fail "missing $exp (run with UPDATE_GOLDEN=1 to create it)"
  if ! cmp -s "$exp" "$act"; then
    awk 'NR == FNR { e[FNR] = $0; ne = FNR; next }
         { a[FNR] = $0; na = FNR }
         END {
           n = ne > na ? ne : na
           for (i = 1; i <= n; i++)
             if (!(i in e) || !(i in a) || e[i] != a[i]) {
               printf "first difference at line %d\n  expected: %s\n  actual:   %s\n", i,
                      (i in e) ? e[i] : "(end of file)", (i in a) ? a[i] : "(end of file)"
               exit
             }
         }' "$exp" "$act" >&2
    fail "output differs from $exp"
  fi
}
