# shellcheck shell=bash
# scripts/sample_args.sh — sourced (bash) by scripts/sample.sh and by the tests that run every
# standard report on the sample municipality (tests/e2e/check_standard_reports.sh,
# tests/html/make_outputs.sh): the one place of what a report gets beyond snapshot and period.
#   sample_args RAPP SCRIPT [unit]   prints the arguments one per line (with "unit" only a unit
#                              report's unit); read them with
#                              mapfile -t args < <(sample_args "$rapp" "$script")
# - a report of one unit (its usage asks for --param unit=UNIT): the sample's first school;
# - the saksframlegg: a real case, as a case document always has one: case handler, archive code
#   (K-kode), arkivsaksnr. (its budget changes in budget_change), utvalgssaksnr. and meeting date.
#   They are parameters, not snapshot data: the case is being prepared, not yet in the case
#   system's decisions (docs/reports.md).
sample_args() {
  [ "${3:-}" = unit ] || case $(basename "$2" .lua) in
    saksframlegg)
      printf '%s\n' --param "saksbehandler=Kari Nordmann" --param arkiv=151 --param arkivsak=2026/1407 \
        --param saksnummer=45/26 --param motedato=2026-10-15 ;;
  esac
  "$1" run "$2" --help | sed -n '1s/.*--param unit=UNIT.*/--param\nunit=ENH2010/p'
}
