"""Case preparation (issue 5): a structured summary where every fact links to its source, and
inconsistency flags. GUI-free; the summary panel calls:

    summarise(source, progress=cb) -> Summary           # source: package folder Path or WorkspaceCase
    SummaryJob(source, progress=cb, done=cb).start()     # the same on a worker thread
    DecisionStore(ws).decide(...)                         # the specialist's confirm/reject/correct
"""
from reviewer.summary.decisions import Decision, DecisionStore
from reviewer.summary.engine import (Cancelled, SummaryJob, SummaryResult, WorkspaceCase, summarise,
                                     summarise_detailed)
from reviewer.summary.flags import FLAG_KINDS
from reviewer.summary.model import Context, Fact, Flag, Page, SourceRef, Summary, TextDocument, TimelineEvent

__all__ = ["Cancelled", "Context", "Decision", "DecisionStore", "FLAG_KINDS", "Fact", "Flag", "Page", "SourceRef",
           "Summary", "SummaryJob", "SummaryResult", "TextDocument", "TimelineEvent", "WorkspaceCase", "summarise",
           "summarise_detailed"]
