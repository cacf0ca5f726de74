#!/usr/bin/env bash
# Makes the two test municipalities of issue 17 from the sample (samples/fjordvik, unchanged):
#   OUT/nn  Straumvik kommune, a small nynorsk municipality (municipality.language = nn)
#   OUT/se  Šuoššjávri gielda, in the Sámi administrative area (language = se); its budget areas
#           carry North Sámi names, one with every capital and small Sámi letter ÁČĐŊŠŦŽ áčđŋšŧž
#           (a test marker, so each letter must survive into PDF, XLSX and HTML text)
# and imports them to OUT/nn.db and OUT/se.db.   make_samples.sh RAPP SRC OUT
set -eu
rapp=$1 src=$2 out=$3
rm -rf "$out/nn" "$out/se" "$out/nn.db" "$out/se.db"
mkdir -p "$out"
cp -r "$src/samples/fjordvik" "$out/nn"
cp -r "$src/samples/fjordvik" "$out/se"
sed -i 's/^4699;Fjordvik kommune;nb;25184;/4699;Straumvik kommune;nn;4180;/' "$out/nn/municipality.csv"
sed -i 's/^4699;Fjordvik kommune;nb;25184;/4699;Šuoššjávri gielda;se;2870;/' "$out/se/municipality.csv"
cat > "$out/se/area.csv" <<'CSV'
code;name;sort_order
STAB;Hálddahus ja doarjja;10
OPPV;Bajásšaddan;20
HELSE;Dearvvašvuohta ja fuolahus;30
KULT;Kultuvra;40
TEKN;Teknihkalaš doaibma ja opmodagat;50
PLAN;Plána ja biras ÁČĐŊŠŦŽ áčđŋšŧž;60
NAV;NAV ja sosiála bálvalusat;70
SENT;Sentrale inntekter og finans;80
CSV
grep -q ';nn;' "$out/nn/municipality.csv" && grep -q ';se;' "$out/se/municipality.csv"
"$rapp" import "$out/nn" -o "$out/nn.db" >/dev/null
"$rapp" import "$out/se" -o "$out/se.db" >/dev/null
