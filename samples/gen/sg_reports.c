/* samples/gen/sg_reports.c — what the monthly and annual reports need beyond the governance data:
 * investment projects (investment, investment_budget, investment_actual, investment_forecast),
 * KOSTRA key figures (kostra_indicator, kostra_figure), the annual accounts summary
 * (annual_account) and the text contributions under tekster/. */
#include <stdlib.h>
#include <string.h>

#include "sg.h"

static int header_only(const char *dir, const char *table, const char *header) {
  sg_csv c;
  if (sg_csv_open(&c, dir, table, header)) return -1;
  return sg_csv_close(&c);
}

int sg_gen_reports(sg_model *m, const char *dir) {
  (void)m;
  return header_only(dir, "investment", "project_number;name;area_code;cost_frame;cost_before;start_date;completion_date;status") ||
         header_only(dir, "investment_budget", "project_number;year;amount") ||
         header_only(dir, "investment_actual", "project_number;month;amount") ||
         header_only(dir, "investment_forecast", "project_number;month;final_cost;completion_date") ||
         header_only(dir, "kostra_indicator", "code;name;area_code;unit_of_measure;decimals;direction;sort_order") ||
         header_only(dir, "kostra_figure", "indicator_code;year;value;group_value;country_value;group_name") ||
         header_only(dir, "annual_account", "year;line;amount");
}
