/* db/src_noark.c — a Noark 5 extract (arkivstruktur.xml) from the case and archive system, read
 * into table decision (db_source.h).
 *
 * Read as a stream with libxml2's xmlTextReader (memory does not grow with the file; see
 * bench/noark_bench.sh). When the folder holds the standard's schema, arkivstruktur.xsd (with the
 * metadatakatalog.xsd it imports), the stream is validated against it as it is read. Mapping
 * (docs/schema.md, "Noark 5 extract"): every registrering of type moetesaksregistrering in a
 * mappe of type moetemappe is one decision:
 *   moetemappe/utvalg            -> body_code (a political_body's code, or its name)
 *   moetemappe/moetedato         -> meeting_date
 *   moetesaksaar/moetesakssekvensnummer -> case_number 'YY/N'
 *   registrering/tittel          -> title
 *   registrering/beskrivelse     -> decision_text
 *   administrativEnhet           -> area_code (an area's code, or its name)
 *   saksbehandler                -> responsible
 *   virksomhetsspesifikkeMetadata/{frist, oppfoelgingsstatus, statusdato, kommentar}
 *                                -> deadline, status ('ikke påbegynt' when absent), status_date,
 *                                   comment
 * External entities and DTDs are never loaded, nothing is fetched from the network. */
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/db_source.h"
#include "util/buf.h"
#include "util/err.h"

#define NOARK_NS "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

static const char *const decision_cols[] = {"body_code", "case_number", "meeting_date", "title",
                                            "decision_text", "area_code", "responsible", "deadline",
                                            "status", "status_date", "comment"};
enum { DC_BODY, DC_CASE, DC_MEETING, DC_TITLE, DC_TEXT, DC_AREA, DC_RESP, DC_DEADLINE, DC_STATUS,
       DC_STATUS_DATE, DC_COMMENT, DC_N };

/* The element names of the Noark 5 arkivstruktur schema (arkivstruktur.xsd, with the
 * meeting types moetemappe and moetesaksregistrering); any other name in its namespace is
 * reported. */
static const char *const noark_elements[] = {
    "administrativEnhet", "antallVedlegg", "arkiv", "arkivdel", "arkivdelstatus",
    "arkivertAv", "arkivertDato", "arkivperiodeSluttDato", "arkivperiodeStartDato",
    "arkivskaper", "arkivskaperID", "arkivskaperNavn", "arkivstatus", "avskrevetAv",
    "avskrivning", "avskrivningsdato", "avskrivningsmaate", "avsluttetAv", "avsluttetDato",
    "beskrivelse", "bevaringstid", "dokumentbeskrivelse", "dokumentetsDato", "dokumentflyt",
    "dokumentmedium", "dokumentnummer", "dokumentobjekt", "dokumentstatus", "dokumenttype",
    "elektroniskSignatur", "epostadresse", "filstoerrelse", "foelgsakenreferanse",
    "forfallsdato", "forfatter", "format", "formatDetaljer", "gradering", "journalaar",
    "journaldato", "journalenhet", "journalpostnummer", "journalposttype",
    "journalsekvensnummer", "journalstatus", "kassasjon", "kassasjonsdato",
    "kassasjonshjemmel", "kassasjonsvedtak", "klasse", "klasseID", "klassifikasjonssystem",
    "klassifikasjonstype", "kontaktperson", "korrespondansepart", "korrespondansepartNavn",
    "korrespondanseparttype", "kryssreferanse", "land", "mappe", "mappeID", "merknad",
    "merknadRegistrertAv", "merknadsdato", "merknadstekst", "merknadstype", "moetedato",
    "moetedeltaker", "moetedeltakerFunksjon", "moetedeltakerNavn", "moetenummer",
    "moeteregistreringsstatus", "moetesaksaar", "moetesakssekvensnummer", "moetesakstype",
    "moetesaksundersekvensnummer", "moetested", "mottattDato", "noekkelord",
    "offentligTittel", "oppbevaringssted", "opprettetAv", "opprettetDato", "personnavn",
    "postadresse", "postnummer", "poststed", "presedens", "referanseArkivdel",
    "referanseDokumentfil", "referanseForrigeMoete", "referanseNesteMoete",
    "referanseTilKlasse", "referanseTilMappe", "referanseTilMoetesak",
    "referanseTilRegistrering", "registrering", "registreringsID", "saksaar",
    "saksansvarlig", "saksbehandler", "saksdato", "sakspart", "sakssekvensnummer",
    "saksstatus", "sendtDato", "sjekksum", "sjekksumAlgoritme", "skjerming", "sletting",
    "systemID", "telefonnummer", "tilknyttetAv", "tilknyttetDato",
    "tilknyttetRegistreringSom", "tittel", "utfoertKassasjon", "utlaantDato", "utlaantTil",
    "utvalg", "variantformat", "versjonsnummer", "virksomhetsspesifikkeMetadata", NULL};

static int known_element(const char *name) {
  for (const char *const *p = noark_elements; *p; p++)
    if (strcmp(*p, name) == 0) return 1;
  return 0;
}

typedef struct noark_state {
  db_sink *sink;
  xmlTextReaderPtr reader;
  int h;
  rapp_err *err;
  int failed;         /* a row could not be stored */
  int xml_errors;
  int depth;          /* open elements */
  int meeting_depth;  /* depth of the open moetemappe, 0 = none */
  int reg_depth;      /* depth of the open moetesaksregistrering, 0 = none */
  int meta_depth;     /* depth of the open virksomhetsspesifikkeMetadata, 0 = none */
  long reg_line;
  rapp_buf body, meeting_date;
  rapp_buf f[DC_N];
  rapp_buf year, seq;
  rapp_buf *text;     /* where the current element's text goes, or NULL */
  /* The registrations of the open meeting: the schema puts the meeting's utvalg and moetedato
   * after them, so they wait for the meeting's end (memory: one meeting). */
  struct pending {
    char *v[DC_N];
    long line;
    int bad;
  } *pend;
  size_t npend, cappend;
} noark_state;

static void on_xml_error(void *arg, const char *msg, xmlParserSeverities sev,
                         xmlTextReaderLocatorPtr loc) {
  noark_state *st = arg;
  if (sev == XML_PARSER_SEVERITY_WARNING || sev == XML_PARSER_SEVERITY_VALIDITY_WARNING) return;
  /* the message without the namespace every element name carries, and its trailing newline */
  rapp_buf b = {0};
  static const char ns[] = "{" NOARK_NS "}";
  for (const char *p = msg; *p;) {
    if (strncmp(p, ns, sizeof ns - 1) == 0) {
      p += sizeof ns - 1;
      continue;
    }
    buf_append(&b, p++, 1);
  }
  while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' ')) b.data[--b.len] = '\0';
  long line = loc ? xmlTextReaderLocatorLineNumber(loc) : 0;
  if (line <= 0 && st->reader) { /* a schema violation: the element being read */
    xmlNodePtr node = xmlTextReaderCurrentNode(st->reader);
    line = node ? xmlGetLineNo(node) : 0;
    if (line <= 0) line = xmlTextReaderGetParserLineNumber(st->reader);
  }
  db_sink_problem(st->sink, line > 0 ? line : 0, 0, "%s: %.300s",
                  sev == XML_PARSER_SEVERITY_VALIDITY_ERROR ? "not valid against arkivstruktur.xsd"
                                                            : "XML error",
                  buf_str(&b));
  buf_free(&b);
  st->xml_errors++;
}

/* xsi:type without its prefix ("n5:moetemappe" -> "moetemappe"); caller frees. */
static char *xsi_type(xmlTextReaderPtr r) {
  xmlChar *t = xmlTextReaderGetAttributeNs(r, BAD_CAST "type", BAD_CAST XSI_NS);
  if (!t) return NULL;
  const char *colon = strchr((const char *)t, ':');
  char *out = strdup(colon ? colon + 1 : (const char *)t);
  xmlFree(t);
  return out;
}

static void reset_registration(noark_state *st) {
  for (int i = 0; i < DC_N; i++) buf_reset(&st->f[i]);
  buf_reset(&st->year);
  buf_reset(&st->seq);
}

/* Trims blanks and line breaks at both ends of b in place; returns its text. */
static const char *trimmed(rapp_buf *b) {
  if (!b->data) return "";
  size_t n = b->len, i = 0;
  while (i < n && strchr(" \t\r\n", b->data[i])) i++;
  while (n > i && strchr(" \t\r\n", b->data[n - 1])) n--;
  memmove(b->data, b->data + i, n - i);
  b->len = n - i;
  b->data[b->len] = '\0';
  return b->data;
}

static void end_registration(noark_state *st) {
  const char *y = trimmed(&st->year), *q = trimmed(&st->seq);
  size_t yl = strlen(y);
  if (st->npend == st->cappend) {
    st->cappend = st->cappend ? st->cappend * 2 : 16;
    st->pend = xrealloc(st->pend, st->cappend * sizeof *st->pend);
  }
  struct pending *p = &st->pend[st->npend++];
  p->line = st->reg_line;
  p->bad = 0;
  if (!*y || !*q) {
    db_sink_problem(st->sink, st->reg_line, 0,
                    "moetesaksregistrering without moetesaksaar and moetesakssekvensnummer");
    p->bad = 1;
  }
  for (int i = 0; i < DC_N; i++) p->v[i] = xstrdup(trimmed(&st->f[i]));
  rapp_buf cn = {0};
  buf_printf(&cn, "%s/%s", yl == 4 ? y + 2 : y, q); /* 2024 -> '24/17' */
  free(p->v[DC_CASE]);
  p->v[DC_CASE] = cn.data ? cn.data : xstrdup("");
}

/* The meeting ends: its registrations become decisions. */
static void end_meeting(noark_state *st) {
  const char *body = trimmed(&st->body), *date = trimmed(&st->meeting_date);
  if (strlen(date) > 10) st->meeting_date.data[10] = '\0'; /* a date with a zone */
  /* the names the case system uses for the body: its code */
  char *code = db_sink_lookup(st->sink, "political_body", "code", "name", body);
  for (size_t i = 0; i < st->npend; i++) {
    struct pending *p = &st->pend[i];
    const char *vals[DC_N];
    for (int k = 0; k < DC_N; k++) vals[k] = p->v[k];
    vals[DC_BODY] = code ? code : body;
    vals[DC_MEETING] = date;
    if (!*vals[DC_STATUS]) vals[DC_STATUS] = "ikke påbegynt";
    char *area = *vals[DC_AREA] ? db_sink_lookup(st->sink, "area", "code", "name", vals[DC_AREA]) : NULL;
    if (area) vals[DC_AREA] = area;
    if (!st->failed && db_sink_row(st->sink, st->h, p->line, vals, p->bad, st->err) < 0)
      st->failed = 1;
    free(area);
    for (int k = 0; k < DC_N; k++) free(p->v[k]);
  }
  st->npend = 0;
  free(code);
}

/* Where the text of element `name` goes, given the open elements. */
static rapp_buf *text_target(noark_state *st, const char *name) {
  if (st->meta_depth) {
    if (st->depth != st->meta_depth + 1) return NULL;
    if (!strcmp(name, "frist")) return &st->f[DC_DEADLINE];
    if (!strcmp(name, "oppfoelgingsstatus")) return &st->f[DC_STATUS];
    if (!strcmp(name, "statusdato")) return &st->f[DC_STATUS_DATE];
    if (!strcmp(name, "kommentar")) return &st->f[DC_COMMENT];
    return NULL;
  }
  if (st->reg_depth && st->depth == st->reg_depth + 1) {
    if (!strcmp(name, "tittel")) return &st->f[DC_TITLE];
    if (!strcmp(name, "beskrivelse")) return &st->f[DC_TEXT];
    if (!strcmp(name, "administrativEnhet")) return &st->f[DC_AREA];
    if (!strcmp(name, "saksbehandler")) return &st->f[DC_RESP];
    if (!strcmp(name, "moetesaksaar")) return &st->year;
    if (!strcmp(name, "moetesakssekvensnummer")) return &st->seq;
    return NULL;
  }
  if (st->meeting_depth && st->depth == st->meeting_depth + 1) {
    if (!strcmp(name, "utvalg")) return &st->body;
    if (!strcmp(name, "moetedato")) return &st->meeting_date;
  }
  return NULL;
}

static void start_element(noark_state *st, xmlTextReaderPtr r, long line) {
  const char *name = (const char *)xmlTextReaderConstLocalName(r);
  const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
  int empty = xmlTextReaderIsEmptyElement(r);
  if (st->depth == 0 && (strcmp(name, "arkiv") != 0 || !ns || strcmp(ns, NOARK_NS) != 0))
    db_sink_problem(st->sink, line, 0,
                    "the root element is '%s'%s; a Noark 5 extract's is 'arkiv' in namespace %s", name,
                    ns ? "" : " without a namespace", NOARK_NS);
  else if (!st->meta_depth && (!ns || strcmp(ns, NOARK_NS) != 0 || !known_element(name)))
    db_sink_problem(st->sink, line, 0, "unknown element '%s'%s (not in Noark 5 arkivstruktur)", name,
                    ns && strcmp(ns, NOARK_NS) != 0 ? " in another namespace" : "");
  if (empty) return;
  st->depth++;
  st->text = text_target(st, name);
  if (st->text) buf_reset(st->text);
  if (!strcmp(name, "mappe") && !st->meeting_depth) {
    char *t = xsi_type(r);
    if (t && !strcmp(t, "moetemappe")) {
      st->meeting_depth = st->depth;
      buf_reset(&st->body);
      buf_reset(&st->meeting_date);
    }
    free(t);
  } else if (!strcmp(name, "registrering") && st->meeting_depth && !st->reg_depth) {
    char *t = xsi_type(r);
    if (t && !strcmp(t, "moetesaksregistrering")) {
      st->reg_depth = st->depth;
      st->reg_line = line;
      reset_registration(st);
    }
    free(t);
  } else if (!strcmp(name, "virksomhetsspesifikkeMetadata") && st->reg_depth && !st->meta_depth) {
    st->meta_depth = st->depth;
  }
}

static void end_element(noark_state *st) {
  if (st->depth == st->meta_depth) st->meta_depth = 0;
  if (st->depth == st->reg_depth) {
    end_registration(st);
    st->reg_depth = 0;
  }
  if (st->depth == st->meeting_depth) {
    end_meeting(st);
    st->meeting_depth = 0;
  }
  st->depth--;
  st->text = NULL;
}

int db_source_noark(db_sink *s, int fd, rapp_err *err) {
  noark_state st;
  memset(&st, 0, sizeof st);
  st.sink = s;
  st.err = err;
  st.h = db_sink_table(s, "decision", decision_cols, DC_N, err);
  if (st.h < 0) return DB_SOURCE_FAIL;
  struct stat sb;
  if (fstat(fd, &sb) == 0 && sb.st_size == 0) {
    db_sink_problem(s, 0, 0, "empty file: a Noark 5 extract is an XML document with root element 'arkiv'");
    return DB_SOURCE_PARTIAL;
  }
  xmlTextReaderPtr r = xmlReaderForFd(fd, db_sink_file(s), NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (!r) {
    db_sink_problem(s, 0, 0, "cannot read it as XML");
    return DB_SOURCE_PARTIAL;
  }
  st.reader = r;
  xmlTextReaderSetErrorHandler(r, on_xml_error, &st);
  char *xsd = db_sink_sibling(s, "arkivstruktur.xsd");
  if (xsd && xmlTextReaderSchemaValidate(r, xsd) != 0)
    db_sink_problem(s, 0, 0, "arkivstruktur.xsd is in the folder but cannot be used as the schema");
  free(xsd);
  int rc;
  while ((rc = xmlTextReaderRead(r)) == 1 && !st.failed) {
    xmlNodePtr node = xmlTextReaderCurrentNode(r);
    long line = node ? xmlGetLineNo(node) : 0;
    if (line <= 0) line = xmlTextReaderGetParserLineNumber(r);
    switch (xmlTextReaderNodeType(r)) {
      case XML_READER_TYPE_ELEMENT: start_element(&st, r, line); break;
      case XML_READER_TYPE_END_ELEMENT: end_element(&st); break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (st.text) {
          const char *v = (const char *)xmlTextReaderConstValue(r);
          if (v) buf_puts(st.text, v);
        }
        break;
      default: break;
    }
  }
  int result = DB_SOURCE_DONE;
  if (st.failed) result = DB_SOURCE_FAIL;
  else if (rc < 0) {
    if (!st.xml_errors) db_sink_problem(s, 0, 0, "XML error: the file ends or breaks off here");
    result = DB_SOURCE_PARTIAL;
  }
  xmlFreeTextReader(r);
  buf_free(&st.body);
  buf_free(&st.meeting_date);
  for (int i = 0; i < DC_N; i++) buf_free(&st.f[i]);
  buf_free(&st.year);
  buf_free(&st.seq);
  for (size_t i = 0; i < st.npend; i++) /* a meeting the file broke off in */
    for (int k = 0; k < DC_N; k++) free(st.pend[i].v[k]);
  free(st.pend);
  return result;
}
