"""tests/e2e/asof_expect.py — what the decisions' state was on a date, computed again for the e2e
tests from the raw tables (decision, decision_status_change) with SQL written here, NOT with the
snapshot's views (decision_state, decision_period_state), so a wrong view cannot hide itself.

The rule, as docs/schema.md states it: the status on D is the latest recorded change on or before
D; a decision without recorded changes has one, its current status from status_date (else the
meeting date); before its first change a decision is 'ikke påbegynt' from the meeting date; it does
not exist before its meeting date. Open = not 'ferdig' or 'utgår'. Overdue on D = open on D and
deadline < D."""

DECISIONS_ON = """
WITH known AS (
  SELECT d.*, EXISTS (SELECT 1 FROM decision_status_change c
                      WHERE c.body_code = d.body_code AND c.case_number = d.case_number) AS has_history
  FROM decision d WHERE d.meeting_date <= :d
), at_d AS (
  SELECT k.body_code, k.case_number, k.meeting_date, k.deadline,
         CASE WHEN k.has_history THEN
                (SELECT c.status FROM decision_status_change c WHERE c.body_code = k.body_code
                   AND c.case_number = k.case_number AND c.status_date <= :d
                 ORDER BY c.status_date DESC LIMIT 1)
              WHEN coalesce(k.status_date, k.meeting_date) <= :d THEN k.status END AS status,
         CASE WHEN k.has_history THEN
                (SELECT max(c.status_date) FROM decision_status_change c WHERE c.body_code = k.body_code
                   AND c.case_number = k.case_number AND c.status_date <= :d)
              WHEN coalesce(k.status_date, k.meeting_date) <= :d THEN coalesce(k.status_date, k.meeting_date) END
           AS since
  FROM known k
)
SELECT body_code, case_number, meeting_date, deadline,
       coalesce(status, 'ikke påbegynt') AS status, coalesce(since, meeting_date) AS since
FROM at_d
"""

FINISHED = ("ferdig", "utgår")
LABEL = {"ikke påbegynt": "Ikke påbegynt", "under arbeid": "Under arbeid", "forsinket": "Forsinket",
         "ferdig": "Ferdig", "utgår": "Utgår"}


def decisions_on(con, d):
    """[{body_code, case_number, meeting_date, deadline, status, since, open, overdue, shown}] on
    date d ('YYYY-MM-DD'); shown = the status as the reports write it."""
    out = []
    for r in con.execute(DECISIONS_ON, {"d": d}).fetchall():
        x = dict(zip(("body_code", "case_number", "meeting_date", "deadline", "status", "since"), tuple(r)))
        x["open"] = x["status"] not in FINISHED
        x["overdue"] = x["open"] and x["deadline"] is not None and x["deadline"] < d
        x["shown"] = LABEL[x["status"]] + (" – frist passert" if x["overdue"] else "")
        out.append(x)
    return out
