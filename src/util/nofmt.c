/* util/nofmt.c — see nofmt.h. */
#include "util/nofmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rounds |v| to `decimals` places on its 15-significant-digit decimal form and writes the
 * integer digits to ip and the fraction digits to fp (both NUL-terminated, ip at least "0").
 * Rationale: binary doubles make printf round 2.675 down (it is 2.67499999...); readers expect
 * the decimal value they see in the data rounded half away from zero. */
static void round_digits(double a, int decimals, char *ip, size_t ipn, char *fp) {
  char tmp[40];
  snprintf(tmp, sizeof tmp, "%.14e", a); /* d.dddddddddddddde±XX */
  char dig[16];
  int nd = 0;
  for (const char *p = tmp; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9') dig[nd++] = *p;
  int exp10 = atoi(strchr(tmp, 'e') + 1);
  /* digit i has place value 10^(exp10 - i); the number has nint = exp10 + 1 integer digits. */
  int last = exp10 + decimals; /* index of the last kept digit */
  char out[400];
  int no = 0;
  /* Build the kept digits with carry: positions from the highest place (max(exp10,0)) down. */
  int top = exp10 > 0 ? exp10 : 0; /* highest place value exponent we print */
  int places = top + decimals + 1; /* digits to print: places top .. -decimals */
  if (places > (int)sizeof out - 2) places = (int)sizeof out - 2;
  for (int k = 0; k < places; k++) {
    int place = top - k;           /* place value exponent */
    int i = exp10 - place;         /* index into dig */
    out[no++] = (i >= 0 && i < nd && i <= last) ? dig[i] : '0';
  }
  int next = last + 1;
  if (next >= 0 && next < nd && dig[next] >= '5') {
    int j = no - 1;
    while (j >= 0 && out[j] == '9') out[j--] = '0';
    if (j >= 0) {
      out[j]++;
    } else {
      memmove(out + 1, out, (size_t)no);
      out[0] = '1';
      no++;
    }
  }
  int nint = no - decimals;
  /* strip leading zeros of the integer part, keep one */
  int s = 0;
  while (s < nint - 1 && out[s] == '0') s++;
  size_t il = (size_t)(nint - s);
  if (il >= ipn) il = ipn - 1;
  memcpy(ip, out + s, il);
  ip[il] = '\0';
  memcpy(fp, out + nint, (size_t)decimals);
  fp[decimals] = '\0';
}

/* Copies s into buf (n bytes with the NUL); a text that does not fit is cut before a UTF-8
 * sequence, never inside one (so a short buffer still holds valid UTF-8). n == 0 writes nothing. */
static char *put_text(char *buf, size_t n, const char *s) {
  if (n == 0) return buf;
  size_t len = strlen(s);
  if (len >= n) {
    len = n - 1;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--; /* s[len] continues a sequence */
  }
  memcpy(buf, s, len);
  buf[len] = '\0';
  return buf;
}

double nofmt_round(double v, int decimals) {
  if (!isfinite(v)) return v;
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  char ip[400], fp[16], tmp[420];
  round_digits(fabs(v), decimals, ip, sizeof ip, fp);
  snprintf(tmp, sizeof tmp, "%s%s.%s", v < 0 ? "-" : "", ip, decimals ? fp : "0");
  return strtod(tmp, NULL);
}

char *nofmt_number(char *buf, size_t n, double v, int decimals) {
  if (!isfinite(v)) return put_text(buf, n, NOFMT_DASH);
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  char ip[400], fp[16];
  round_digits(fabs(v), decimals, ip, sizeof ip, fp);
  int zero = strspn(ip, "0") == strlen(ip) && strspn(fp, "0") == strlen(fp);
  char out[1024];
  size_t o = 0;
  if (v < 0 && !zero) {
    memcpy(out, NOFMT_MINUS, 3);
    o = 3;
  }
  size_t il = strlen(ip);
  for (size_t i = 0; i < il && o < sizeof out - 8; i++) {
    if (i > 0 && (il - i) % 3 == 0) {
      memcpy(out + o, NOFMT_NBSP, 2);
      o += 2;
    }
    out[o++] = ip[i];
  }
  if (decimals) {
    out[o++] = ',';
    memcpy(out + o, fp, (size_t)decimals);
    o += (size_t)decimals;
  }
  out[o] = '\0';
  return put_text(buf, n, out);
}

char *nofmt_percent(char *buf, size_t n, double v, int decimals) {
  if (!isfinite(v)) return nofmt_number(buf, n, v, decimals);
  char num[1024], out[1040];
  nofmt_number(num, sizeof num, v, decimals);
  snprintf(out, sizeof out, "%s" NOFMT_NBSP "%%", num);
  return put_text(buf, n, out);
}

char *nofmt_amount(char *buf, size_t n, double kroner, int thousands, int with_unit) {
  if (!isfinite(kroner)) return nofmt_number(buf, n, kroner, 0);
  char num[1024], out[1040];
  nofmt_number(num, sizeof num, thousands ? kroner / 1000.0 : kroner, 0);
  snprintf(out, sizeof out, "%s%s", num, with_unit && !thousands ? NOFMT_NBSP "kr" : "");
  return put_text(buf, n, out);
}

static const char *const month_names[12] = {"januar", "februar", "mars",      "april",
                                            "mai",    "juni",    "juli",      "august",
                                            "september", "oktober", "november", "desember"};

const char *nofmt_month_name(int month) {
  return month >= 1 && month <= 12 ? month_names[month - 1] : NULL;
}

int nofmt_days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return days[m - 1];
}

int nofmt_valid_date(int y, int m, int d) {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= nofmt_days_in_month(y, m);
}

char *nofmt_date(char *buf, size_t n, int32_t ymd) {
  int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
  if (!nofmt_valid_date(y, m, d)) return put_text(buf, n, NOFMT_DASH);
  /* dd.mm.yyyy digit by digit (a date column's every cell, in every output: no snprintf) */
  char out[11] = {(char)('0' + d / 10), (char)('0' + d % 10), '.', (char)('0' + m / 10),
                  (char)('0' + m % 10), '.', (char)('0' + y / 1000), (char)('0' + y / 100 % 10),
                  (char)('0' + y / 10 % 10), (char)('0' + y % 10), '\0'};
  return put_text(buf, n, out);
}

char *nofmt_date_long(char *buf, size_t n, int32_t ymd) {
  int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
  if (!nofmt_valid_date(y, m, d))
    put_text(buf, n, NOFMT_DASH);
  else
    snprintf(buf, n, "%d. %s %04d", d, month_names[m - 1], y);
  return buf;
}
