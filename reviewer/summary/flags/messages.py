"""The flag message templates of resources/summary_rules/flags.toml, marked for the translation catalogue.

The rules read their templates from the data file; lupdate reads only code, so each template is repeated
here once (tests/summary/test_flag_messages.py fails when the two differ). The UI shows a flag's message
through the catalogue (reviewer.i18n.render), placeholders filled with the evidence as written."""
from reviewer.i18n import QT_TRANSLATE_NOOP

MESSAGES = (
    QT_TRANSLATE_NOOP("SummaryFlags", "The patient's {field} differs between sources: {values}. Check "
                      "that every record and image belongs to this patient."),
    QT_TRANSLATE_NOOP("SummaryFlags", "Records disagree on the side of the {structure}: {values}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{marker} status differs between records: {values}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "HER2 is reported as {status} but the IHC score {score} means {expected}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{drug} ({drug_class}) is planned or given, "
                      "but the records report {marker} {status}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "Stage {stage} does not match {tnm}, which "
                      "gives stage {expected} ({site}, AJCC 8th edition)."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{t} does not fit a tumour of {size} mm ({site}: {t} is {range})."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{n} does not fit {count} positive lymph "
                      "node(s) ({site}: {n} means {range} positive nodes)."),
    QT_TRANSLATE_NOOP("SummaryFlags", "The {part} category differs between records: {values}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "Gleason {pattern} corresponds to grade group "
                      "{expected}, but grade group {stated} is reported."),
    QT_TRANSLATE_NOOP("SummaryFlags", "Gleason {pattern} sums to {expected}, but {stated} is written."),
    QT_TRANSLATE_NOOP("SummaryFlags", "Nottingham score {score} corresponds to grade "
                      "{expected}, but grade {stated} is reported."),
    QT_TRANSLATE_NOOP("SummaryFlags", "The histologic grade differs between records: {values}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "The report is dated {report} but its specimen was "
                      "taken on {specimen}: a report cannot precede its specimen."),
    QT_TRANSLATE_NOOP("SummaryFlags", "A record dated {doc_date} cites a "
                      "{study} dated {event_date}, after the record itself."),
    QT_TRANSLATE_NOOP("SummaryFlags", "A record dated {doc_date} describes {therapy} as already "
                      "done ({phrase}), but {therapy} only started on {start}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{test} is reported {status_a} in one record and {status_b} in another."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{diagnosis} is recorded, but {test} is {value} {unit} ({why})."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{what} of {value} is outside the plausible range ({low} to "
                      "{high} {unit}); it may be a typing or unit error."),
    QT_TRANSLATE_NOOP("SummaryFlags", "A cancer diagnosis ({diagnosis}) is recorded, but the "
                      "case has no pathology report and no slides."),
    QT_TRANSLATE_NOOP("SummaryFlags", "A {study} dated {date} is cited, but neither "
                      "its images nor its report are in the case."),
    QT_TRANSLATE_NOOP("SummaryFlags", " The records present say otherwise: {contradiction}."),
    QT_TRANSLATE_NOOP("SummaryFlags", "{a} and {b} have the same content{how}."),
)
