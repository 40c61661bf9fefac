"""The opinion and its report (issue 6), without Qt.

Modules, each imported where needed (rendering pulls in reportlab, signing pyHanko):

- ``templates``: report templates from ``report_templates/*.toml`` (``load_template``)
- ``opinion``: the structured opinion, ``new_opinion``, ``check_ready_to_sign``
- ``drafts``: encrypted autosave and signed, immutable versions in the workspace (``OpinionStore``)
- ``render``: the PDF (``render_report``, ``ReportRenderer``, ``ReportImage``)
- ``signing``: identities (PKCS#12 in the workspace, PKCS#11 tokens), ``SigningSession``, ``sign_pdf``
- ``verify``: ``verify_pdf`` and a fast digest check of the signed byte ranges
- ``commands``: ``reviewer identity …`` and ``reviewer report …``
"""
