#!/usr/bin/env bash
# Renders diagrammer.lua to PDF and XLSX and checks what a reader gets: the chart titles,
# summaries, tick labels ("1 000", "6,0 %"), axis unit and legend texts in the PDF text layer
# (pdftotext), and the native charts in the XLSX (check_xlsx.py).
#   run.sh RAPP FIXTURE_DB OUT_DIR PYTHON
set -u
rapp=$1 fixture=$2 out=$3 python=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out" && mkdir -p "$out"
cp "$fixture" "$out/snap.db"
SOURCE_DATE_EPOCH=1788220800 "$rapp" run "$here/diagrammer.lua" --db "$out/snap.db" --out "$out" \
  --period 2026-T2 --format pdf,xlsx > "$out/stdout" 2> "$out/stderr" \
  || { echo "FAIL: rapp run"; cat "$out/stderr"; exit 1; }
pdf=$out/diagrammer-2026-T2.pdf xlsx=$out/diagrammer-2026-T2.xlsx
pdftotext "$pdf" - | sed 's/\xc2\xa0/ /g' > "$out/pdf.txt" || { echo "FAIL: pdftotext"; exit 1; }
fail=0
expect() { # text that must be a line (or part of one) of the PDF text layer
  grep -qF -- "$1" "$out/pdf.txt" || { echo "FAIL: the PDF has no text '$1'"; fail=1; }
}
expect_line() { # text that must be a whole line
  grep -qxF -- "$1" "$out/pdf.txt" || { echo "FAIL: the PDF has no line '$1'"; fail=1; }
}
# column: title, given summary, ticks in 1 000 kr with the unit in the axis title, legend
expect_line "Budsjett og regnskap hittil"
expect_line "Oppvekst har det største budsjettet."
for t in "3 000" "2 000" "1 000" "0" "Budsjett" "Regnskap" "Rammeområde" "Helse og omsorg"; do expect_line "$t"; done
expect_line "Beløp (1 000 kr)"
# diverging: sign legend, bar-end values with a true minus, generated summary
expect_line "Avvik per rammeområde"
expect_line "Høyest Sentrale inntekter og finans (100), lavest Helse og omsorg (−100)."
for t in "Merforbruk" "Mindreforbruk" "−100" "−50" "−5"; do expect_line "$t"; done
# line: percent ticks, the reference line's label, month labels
expect_line "Sykefravær per måned"
expect_line "Fra 6,1 % (mai) til 4,0 % (jun)."
for t in "6,0 %" "5,0 %" "Mål 6,0 %" "I år" "apr" "jul"; do expect_line "$t"; done
# stacked status counts: status legend words, generated summary
expect_line "Status per fokusområde"
expect_line "I alt: Ønsket resultat 1, Akseptabelt resultat 1, Uakseptabelt resultat 1, Ikke målt 2."
for t in "Ønsket resultat" "Akseptabelt resultat" "Uakseptabelt resultat" "Ikke målt" "Medarbeidere"; do expect_line "$t"; done
[ $fail = 0 ] || { echo "--- pdftotext:"; cat "$out/pdf.txt"; }
"$python" "$here/check_xlsx.py" "$xlsx" || fail=1
exit $fail
