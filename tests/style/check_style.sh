#!/usr/bin/env bash
# Fails when src/ uses a banned function or includes a dependency's header outside its folder.
# Banned (as curl bans them): sprintf, vsprintf, strcpy, strcat, strtok, gets, atof; and setlocale
# with anything but "C" (libxlsxwriter writes the locale's decimal point into its XML).
set -u
root=$1
fail=0
report() { echo "$1"; fail=1; }

while IFS= read -r hit; do report "banned function: $hit"; done < <(
  grep -nE '(^|[^a-z_])(sprintf|vsprintf|strcpy|strcat|strtok|gets|atof)[[:space:]]*\(' -r "$root/src" --include='*.c' --include='*.h' |
  grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//)')
while IFS= read -r hit; do report "setlocale other than \"C\": $hit"; done < <(
  grep -nE 'setlocale\(' -r "$root/src" | grep -v '"C"')

check_header() { # header folder
  while IFS= read -r hit; do report "$1 included outside src/$2/: $hit"; done < <(
    grep -nE "#include[[:space:]]*<$1" -r "$root/src" | grep -v "^$root/src/$2/")
}
check_header 'sqlite3\.h' db
check_header 'lua\.h|lauxlib\.h|lualib\.h' lua
check_header 'hpdf' pdf
check_header 'xlsxwriter' xlsx
check_header 'zip\.h|libxml/' db

if [ $fail -eq 0 ]; then echo "style: src/ is clean"; fi
exit $fail
